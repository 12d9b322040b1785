import type { Insertable, Kysely, Selectable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { CredentialState, CredentialTable, StatusEventTable } from "../tables/credential.js";
import { chunksOf } from "./in-list.js";

export type CredentialRow = Selectable<CredentialTable>;
export type StatusEventRow = Selectable<StatusEventTable>;
type Db = Kysely<IssuerTables>;

/** Every column of a credential but its id, as stored (the nullable ones null when absent). */
export type NewCredential = Omit<CredentialRow, "id">;

/**
 * Inserts a credential unless one with the same external id exists for the organisation; then
 * returns undefined (data, not an error, so the transaction can carry on on PostgreSQL too).
 * The row comes back from what was inserted and the new id: reading its signed JSON back from
 * the database cost a cohort's main thread about 8 KB of garbage a row.
 */
export async function insertCredential(
  db: Db,
  row: NewCredential,
): Promise<CredentialRow | undefined> {
  const inserted = await db
    .insertInto("issuer_credential")
    .values(row)
    .onConflict((oc) => oc.columns(["organisation_id", "external_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted ? { ...row, id: inserted.id } : undefined;
}

export async function findCredential(db: Db, organisationId: number, publicId: string) {
  return db
    .selectFrom("issuer_credential")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("public_id", "=", publicId)
    .executeTakeFirst();
}

export async function findCredentialById(db: Db, id: number) {
  return db.selectFrom("issuer_credential").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The credential holding a status list slot (unique per list and index), if any. */
export async function findCredentialBySlot(db: Db, statusListId: number, statusIndex: number) {
  return db
    .selectFrom("issuer_credential")
    .selectAll()
    .where("status_list_id", "=", statusListId)
    .where("status_index", "=", statusIndex)
    .executeTakeFirst();
}

/** The credential's latest status change, if it ever changed. */
export async function latestStatusEvent(
  db: Db,
  credentialId: number,
): Promise<StatusEventRow | undefined> {
  return db
    .selectFrom("issuer_status_event")
    .selectAll()
    .where("credential_id", "=", credentialId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function findCredentialByExternalId(
  db: Db,
  organisationId: number,
  externalId: string,
) {
  return db
    .selectFrom("issuer_credential")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
}

export async function findCredentialByVcId(db: Db, organisationId: number, vcId: string) {
  return db
    .selectFrom("issuer_credential")
    .select(["id", "public_id"])
    .where("organisation_id", "=", organisationId)
    .where("vc_id", "=", vcId)
    .executeTakeFirst();
}

/**
 * The organisation's credentials already issued under any of these external ids (exactly-once
 * for batches): external id → credential row id. Any number of ids, looked up in chunks.
 */
export async function credentialIdsByExternalIds(
  db: Db,
  organisationId: number,
  externalIds: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const chunk of chunksOf([...new Set(externalIds)])) {
    const rows = await db
      .selectFrom("issuer_credential")
      .select(["id", "external_id"])
      .where("organisation_id", "=", organisationId)
      .where("external_id", "in", chunk)
      .execute();
    for (const row of rows) if (row.external_id !== null) found.set(row.external_id, row.id);
  }
  return found;
}

/** Public ids of credentials by row id (any number of ids, in chunks). */
export async function publicIdsOf(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for (const chunk of chunksOf([...new Set(ids)])) {
    const rows = await db
      .selectFrom("issuer_credential")
      .select(["id", "public_id"])
      .where("id", "in", chunk)
      .execute();
    for (const row of rows) found.set(row.id, row.public_id);
  }
  return found;
}

export interface CredentialFilter {
  externalId?: string;
  status?: CredentialState;
  batchId?: number;
  /** Rows with an id below this (paging, newest first). */
  before?: number;
  limit: number;
}

export async function listCredentials(db: Db, organisationId: number, filter: CredentialFilter) {
  let query = db
    .selectFrom("issuer_credential")
    .select([
      "id",
      "public_id",
      "vc_id",
      "external_id",
      "status",
      "status_purpose",
      "achievement_id",
      "subject_did",
      "learner_email",
      "batch_id",
      "issued_at",
      "updated_at",
    ])
    .where("organisation_id", "=", organisationId);
  if (filter.externalId !== undefined) query = query.where("external_id", "=", filter.externalId);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  if (filter.batchId !== undefined) query = query.where("batch_id", "=", filter.batchId);
  if (filter.before !== undefined) query = query.where("id", "<", filter.before);
  return query.orderBy("id", "desc").limit(filter.limit).execute();
}

export async function countCredentials(db: Db, organisationId: number): Promise<number> {
  const row = await db
    .selectFrom("issuer_credential")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organisation_id", "=", organisationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves a credential from one status to another; false when it was no longer `from`. */
export async function updateCredentialStatus(
  db: Db,
  id: number,
  from: CredentialState,
  to: CredentialState,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("issuer_credential")
    .set({ status: to, updated_at: now })
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateCredentialDocument(
  db: Db,
  id: number,
  changes: {
    credential: string;
    compact_credential?: string | null;
    subject_did: string;
    updated_at: string;
  },
) {
  await db.updateTable("issuer_credential").set(changes).where("id", "=", id).execute();
}

export async function insertStatusEvent(db: Db, row: Insertable<StatusEventTable>) {
  await db.insertInto("issuer_status_event").values(row).execute();
}

export async function listStatusEvents(db: Db, credentialId: number): Promise<StatusEventRow[]> {
  return db
    .selectFrom("issuer_status_event")
    .selectAll()
    .where("credential_id", "=", credentialId)
    .orderBy("id")
    .execute();
}
