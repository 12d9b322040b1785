import type { Insertable, Kysely, Selectable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type {
  StandardRequestMode,
  StandardRequestState,
  StandardRequestTable,
  StandardVersionTable,
} from "../tables/standard-request.js";

export type StandardRequestRow = Selectable<StandardRequestTable>;
export type StandardVersionRow = Selectable<StandardVersionTable>;
type Db = Kysely<IssuerTables>;

export async function insertStandardChallenge(
  db: Db,
  row: { challenge: string; organisation_id: number; created_at: string; expires_at: string },
) {
  await db
    .insertInto("issuer_standard_challenge")
    .values({ ...row, used_at: null })
    .execute();
}

/** Whether a challenge of this organisation is unused and unexpired (read only). */
export async function isLiveStandardChallenge(
  db: Db,
  challenge: string,
  organisationId: number,
  now: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("issuer_standard_challenge")
    .select("challenge")
    .where("challenge", "=", challenge)
    .where("organisation_id", "=", organisationId)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row !== undefined;
}

/** Uses a challenge once: false when unknown, another organisation's, expired or used. */
export async function useStandardChallenge(
  db: Db,
  challenge: string,
  organisationId: number,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("issuer_standard_challenge")
    .set({ used_at: now })
    .where("challenge", "=", challenge)
    .where("organisation_id", "=", organisationId)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Drops challenges nobody can use any more. */
export async function deleteStaleStandardChallenges(db: Db, now: string) {
  await db
    .deleteFrom("issuer_standard_challenge")
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("used_at", "is not", null)]))
    .execute();
}

export async function insertStandardRequest(db: Db, row: Insertable<StandardRequestTable>) {
  return db
    .insertInto("issuer_standard_request")
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findStandardRequest(db: Db, organisationId: number, publicId: string) {
  return db
    .selectFrom("issuer_standard_request")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("public_id", "=", publicId)
    .executeTakeFirst();
}

export async function listStandardRequests(
  db: Db,
  organisationId: number,
  state?: StandardRequestState,
): Promise<StandardRequestRow[]> {
  let query = db
    .selectFrom("issuer_standard_request")
    .selectAll()
    .where("organisation_id", "=", organisationId);
  if (state) query = query.where("state", "=", state);
  return query.orderBy("id", "desc").limit(200).execute();
}

/** Records a decision on a pending request; false when it was decided meanwhile. */
export async function decideStandardRequest(
  db: Db,
  id: number,
  decision: {
    state: Exclude<StandardRequestState, "pending">;
    credential_id: number | null;
    decided_at: string;
    decided_by: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable("issuer_standard_request")
    .set(decision)
    .where("id", "=", id)
    .where("state", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findStandardMode(db: Db, organisationId: number) {
  const row = await db
    .selectFrom("issuer_standard_setting")
    .select("mode")
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row?.mode;
}

export async function saveStandardMode(
  db: Db,
  organisationId: number,
  mode: StandardRequestMode,
  now: string,
) {
  await db
    .insertInto("issuer_standard_setting")
    .values({ organisation_id: organisationId, mode, updated_at: now })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet({ mode, updated_at: now }))
    .execute();
}

export async function findStandardVersion(db: Db, organisationId: number, code: string) {
  return db
    .selectFrom("issuer_standard_version")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("code", "=", code)
    .executeTakeFirst();
}

export async function saveStandardVersion(db: Db, row: StandardVersionRow) {
  const { organisation_id: _o, code: _c, ...changes } = row;
  await db
    .insertInto("issuer_standard_version")
    .values(row)
    .onConflict((oc) => oc.columns(["organisation_id", "code"]).doUpdateSet(changes))
    .execute();
}

/** Organisations whose catalogue lists `code` as a qualification (a standard they certify). */
export async function certifiersOf(db: Db, code: string) {
  return db
    .selectFrom("issuer_achievement")
    .innerJoin(
      "issuer_organisation",
      "issuer_organisation.id",
      "issuer_achievement.organisation_id",
    )
    .select([
      "issuer_organisation.id as organisation_id",
      "issuer_organisation.slug",
      "issuer_organisation.name_es",
      "issuer_organisation.name_en",
      "issuer_organisation.did",
    ])
    .where("issuer_achievement.code", "=", code)
    .where("issuer_achievement.kind", "=", "qualification")
    .orderBy("issuer_organisation.slug")
    .limit(100)
    .execute();
}
