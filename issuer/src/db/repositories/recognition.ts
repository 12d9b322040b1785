import type { Insertable, Kysely, Selectable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { RecognitionRequestTable } from "../tables/recognition.js";
import type { StandardRequestMode, StandardRequestState } from "../tables/standard-request.js";

type Db = Kysely<IssuerTables>;
export type RecognitionRequestRow = Selectable<RecognitionRequestTable>;

export async function findRecognitionTable(db: Db, organisationId: number) {
  return db
    .selectFrom("issuer_recognition_table")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}

export async function saveRecognitionTable(
  db: Db,
  row: { organisation_id: number; entries: string; mode: StandardRequestMode; updated_at: string },
) {
  const { organisation_id: _o, ...changes } = row;
  await db
    .insertInto("issuer_recognition_table")
    .values(row)
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet(changes))
    .execute();
}

/** The organisations that publish a recognition table (schools), by slug. */
export async function recognisingOrganisations(db: Db) {
  return db
    .selectFrom("issuer_recognition_table")
    .innerJoin(
      "issuer_organisation",
      "issuer_organisation.id",
      "issuer_recognition_table.organisation_id",
    )
    .select([
      "issuer_organisation.slug",
      "issuer_organisation.name_es",
      "issuer_organisation.name_en",
      "issuer_recognition_table.entries",
      "issuer_recognition_table.mode",
    ])
    .orderBy("issuer_organisation.slug")
    .limit(100)
    .execute();
}

export async function insertRecognitionRequest(db: Db, row: Insertable<RecognitionRequestTable>) {
  return db
    .insertInto("issuer_recognition_request")
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A holder's requests for one programme that still stand: pending, or issued with a credential
 * that was not revoked. What they recognised is not recognised again.
 */
export async function standingRecognitionRequests(
  db: Db,
  organisationId: number,
  programmeId: string,
  holderDid: string,
): Promise<RecognitionRequestRow[]> {
  return db
    .selectFrom("issuer_recognition_request as r")
    .leftJoin("issuer_credential as c", "c.id", "r.credential_id")
    .selectAll("r")
    .where("r.organisation_id", "=", organisationId)
    .where("r.programme_id", "=", programmeId)
    .where("r.holder_did", "=", holderDid)
    .where((eb) =>
      eb.or([
        eb("r.state", "=", "pending"),
        eb.and([eb("r.state", "=", "issued"), eb("c.status", "!=", "revoked")]),
      ]),
    )
    .limit(200)
    .execute();
}

export async function findRecognitionRequest(db: Db, organisationId: number, publicId: string) {
  return db
    .selectFrom("issuer_recognition_request")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("public_id", "=", publicId)
    .executeTakeFirst();
}

export async function findRecognitionRequestById(db: Db, id: number) {
  return db
    .selectFrom("issuer_recognition_request")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function listRecognitionRequests(
  db: Db,
  organisationId: number,
  state?: StandardRequestState,
): Promise<RecognitionRequestRow[]> {
  let query = db
    .selectFrom("issuer_recognition_request")
    .selectAll()
    .where("organisation_id", "=", organisationId);
  if (state) query = query.where("state", "=", state);
  return query.orderBy("id", "desc").limit(200).execute();
}

/** Records a decision on a pending request; false when it was decided meanwhile. */
export async function decideRecognitionRequest(
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
    .updateTable("issuer_recognition_request")
    .set(decision)
    .where("id", "=", id)
    .where("state", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
