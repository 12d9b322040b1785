import type { Insertable, Kysely, Selectable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { SigningKeyTable } from "../tables/signing-key.js";

export type SigningKeyRow = Selectable<SigningKeyTable>;
type Db = Kysely<IssuerTables>;

export async function insertSigningKey(db: Db, row: Insertable<SigningKeyTable>) {
  return db.insertInto("issuer_signing_key").values(row).returningAll().executeTakeFirstOrThrow();
}

/** The newest unretired key: the one that signs. */
export async function findCurrentKey(db: Db, organisationId: number) {
  return db
    .selectFrom("issuer_signing_key")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("retired_at", "is", null)
    .orderBy("sequence", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function listKeys(db: Db, organisationId: number): Promise<SigningKeyRow[]> {
  return db
    .selectFrom("issuer_signing_key")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("sequence")
    .execute();
}

export async function retireKey(db: Db, id: number, at: string) {
  await db
    .updateTable("issuer_signing_key")
    .set({ retired_at: at })
    .where("id", "=", id)
    .where("retired_at", "is", null)
    .execute();
}
