import type { Insertable, Kysely, Selectable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { ApiTokenTable } from "../tables/api-token.js";

export type ApiTokenRow = Selectable<ApiTokenTable>;
type Db = Kysely<IssuerTables>;

export async function insertToken(db: Db, row: Insertable<ApiTokenTable>): Promise<ApiTokenRow> {
  return db.insertInto("issuer_api_token").values(row).returningAll().executeTakeFirstOrThrow();
}

/** A live (unrevoked) token by hash, with its organisation's slug. */
export async function findLiveToken(db: Db, tokenHash: string) {
  return db
    .selectFrom("issuer_api_token as t")
    .innerJoin("issuer_organisation as o", "o.id", "t.organisation_id")
    .select(["t.id", "t.token_id", "t.role", "t.label", "t.organisation_id", "o.slug"])
    .where("t.token_hash", "=", tokenHash)
    .where("t.revoked_at", "is", null)
    .executeTakeFirst();
}

export async function findTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom("issuer_api_token")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function listTokens(db: Db, organisationId: number): Promise<ApiTokenRow[]> {
  return db
    .selectFrom("issuer_api_token")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("id")
    .execute();
}

/** Revokes a token of the organisation; returns false when there is no such live token. */
export async function revokeToken(
  db: Db,
  organisationId: number,
  tokenId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("issuer_api_token")
    .set({ revoked_at: at })
    .where("organisation_id", "=", organisationId)
    .where("token_id", "=", tokenId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findToken(db: Db, organisationId: number, tokenId: string) {
  return db
    .selectFrom("issuer_api_token")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("token_id", "=", tokenId)
    .executeTakeFirst();
}
