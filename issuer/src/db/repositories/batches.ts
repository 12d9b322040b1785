import { dialectOf } from "@avala/db";
import type { Insertable, Kysely, Selectable } from "kysely";
import type { IssuerTables } from "../schema.js";
import type { BatchRowState, BatchRowTable, BatchState, BatchTable } from "../tables/batch.js";

export type BatchRow = Selectable<BatchTable>;
export type BatchRowRow = Selectable<BatchRowTable>;
type Db = Kysely<IssuerTables>;

/** Rows per INSERT statement (keeps under SQLite's bound-parameter limit). */
const INSERT_CHUNK = 500;

export async function insertBatch(db: Db, row: Insertable<BatchTable>) {
  return db.insertInto("issuer_batch").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertBatchRows(db: Db, rows: Insertable<BatchRowTable>[]) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto("issuer_batch_row")
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

export async function findBatch(db: Db, organisationId: number, publicId: string) {
  return db
    .selectFrom("issuer_batch")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("public_id", "=", publicId)
    .executeTakeFirst();
}

export async function findBatchById(db: Db, id: number) {
  return db.selectFrom("issuer_batch").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listBatches(db: Db, organisationId: number, limit: number) {
  return db
    .selectFrom("issuer_batch")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Batches that still have work (what a restart resumes). */
export async function unfinishedBatchIds(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom("issuer_batch")
    .select("id")
    .where("state", "=", "processing")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

export interface ClaimRowsOptions {
  batchId: number;
  /** The claiming run's random token. */
  leaseToken: string;
  /** Now (ISO): rows whose lease ended before it may be taken over. */
  now: string;
  /** When the new lease ends (ISO). */
  leaseUntil: string;
  limit: number;
}

/**
 * Claims up to `limit` pending rows of a batch for one worker run, in row order: rows nobody
 * holds, and rows whose holder's lease ended (it stopped). On PostgreSQL the candidates are
 * locked with `FOR UPDATE SKIP LOCKED`, so processes claiming at the same moment take different
 * rows; on SQLite the one statement runs alone.
 */
export async function claimRows(db: Db, options: ClaimRowsOptions): Promise<BatchRowRow[]> {
  const postgres = dialectOf(db) === "postgres";
  const rows = await db
    .updateTable("issuer_batch_row")
    .set({ lease_token: options.leaseToken, lease_until: options.leaseUntil })
    .where("id", "in", (eb) => {
      const free = eb
        .selectFrom("issuer_batch_row")
        .select("id")
        .where("batch_id", "=", options.batchId)
        .where("state", "=", "pending")
        .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<", options.now)]))
        .orderBy("id")
        .limit(options.limit);
      return postgres ? free.forUpdate().skipLocked() : free;
    })
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** Whether a batch has a pending row that a worker could claim now. */
export async function hasClaimableRows(db: Db, batchId: number, now: string): Promise<boolean> {
  const row = await db
    .selectFrom("issuer_batch_row")
    .select("id")
    .where("batch_id", "=", batchId)
    .where("state", "=", "pending")
    .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<", now)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The earliest end of a lease on a pending row of the batch (ISO), if another run holds one. */
export async function earliestLeaseEnd(db: Db, batchId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom("issuer_batch_row")
    .select((eb) => eb.fn.min("lease_until").as("until"))
    .where("batch_id", "=", batchId)
    .where("state", "=", "pending")
    .executeTakeFirst();
  return row?.until ?? undefined;
}

/** Extends the lease of the rows a run still holds (while it signs them). */
export async function renewLease(db: Db, leaseToken: string, leaseUntil: string): Promise<void> {
  await db
    .updateTable("issuer_batch_row")
    .set({ lease_until: leaseUntil })
    .where("lease_token", "=", leaseToken)
    .where("state", "=", "pending")
    .execute();
}

/**
 * Keeps, of `rowIds`, the rows this run still holds, and locks them until the transaction ends
 * (PostgreSQL): a row another worker took over after the lease ended, or finished, is not
 * returned, so only the holder commits a row.
 */
export async function rowsStillHeld(
  db: Db,
  rowIds: readonly number[],
  leaseToken: string,
): Promise<Set<number>> {
  if (rowIds.length === 0) return new Set();
  const rows = await db
    .updateTable("issuer_batch_row")
    .set({ lease_token: leaseToken })
    .where("id", "in", [...rowIds])
    .where("lease_token", "=", leaseToken)
    .where("state", "=", "pending")
    .returning("id")
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Gives back the rows a run held (it stops early): other runs may claim them at once. */
export async function releaseLease(db: Db, leaseToken: string): Promise<void> {
  await db
    .updateTable("issuer_batch_row")
    .set({ lease_token: null, lease_until: null })
    .where("lease_token", "=", leaseToken)
    .where("state", "=", "pending")
    .execute();
}

/**
 * Clears every lease on pending rows. Only where one process owns the database (SQLite), at
 * start-up: the runs that held them died with the previous process.
 */
export async function clearAllLeases(db: Db): Promise<void> {
  await db
    .updateTable("issuer_batch_row")
    .set({ lease_token: null, lease_until: null })
    .where("state", "=", "pending")
    .where("lease_token", "is not", null)
    .execute();
}

/** Records the status slot reserved for a claimed row. */
export async function setRowSlot(
  db: Db,
  rowId: number,
  slot: { listId: number; index: number },
): Promise<void> {
  await db
    .updateTable("issuer_batch_row")
    .set({ status_list_id: slot.listId, status_index: slot.index })
    .where("id", "=", rowId)
    .execute();
}

/** Moves a pending row to its final state; false when another worker got there first. */
export async function finishRow(
  db: Db,
  rowId: number,
  changes: { state: BatchRowState; credential_id?: number | null; errors?: string | null },
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("issuer_batch_row")
    .set({
      ...changes,
      learner_curp_sealed: null,
      lease_token: null,
      lease_until: null,
      updated_at: now,
    })
    .where("id", "=", rowId)
    .where("state", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function rowCounts(db: Db, batchId: number): Promise<Record<BatchRowState, number>> {
  const rows = await db
    .selectFrom("issuer_batch_row")
    .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
    .where("batch_id", "=", batchId)
    .groupBy("state")
    .execute();
  const counts: Record<BatchRowState, number> = { pending: 0, issued: 0, skipped: 0, failed: 0 };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

export async function failedRows(db: Db, batchId: number, afterLine: number, limit: number) {
  return db
    .selectFrom("issuer_batch_row")
    .select(["line", "external_id", "errors"])
    .where("batch_id", "=", batchId)
    .where("state", "=", "failed")
    .where("line", ">", afterLine)
    .orderBy("line")
    .limit(limit)
    .execute();
}

export async function rowsWithCredentials(
  db: Db,
  batchId: number,
  afterLine: number,
  limit: number,
) {
  return db
    .selectFrom("issuer_batch_row")
    .select(["line", "external_id", "state", "credential_id", "learner_email"])
    .where("batch_id", "=", batchId)
    .where("state", "in", ["issued", "skipped"])
    .where("line", ">", afterLine)
    .orderBy("line")
    .limit(limit)
    .execute();
}

export async function completeBatch(db: Db, batchId: number, now: string) {
  await db
    .updateTable("issuer_batch")
    .set({ state: "completed", completed_at: now })
    .where("id", "=", batchId)
    .where("state", "=", "processing")
    .execute();
}

/** Moves a batch from one state to another; false when it was no longer in `from`. */
export async function moveBatchState(
  db: Db,
  batchId: number,
  from: BatchState,
  to: BatchState,
): Promise<boolean> {
  const result = await db
    .updateTable("issuer_batch")
    .set({ state: to })
    .where("id", "=", batchId)
    .where("state", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a draft batch and its rows (nothing was issued from a draft); false if not a draft. */
export async function deleteDraftBatch(db: Db, batchId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const batch = await trx
      .selectFrom("issuer_batch")
      .select("id")
      .where("id", "=", batchId)
      .where("state", "=", "draft")
      .executeTakeFirst();
    if (!batch) return false;
    await trx.deleteFrom("issuer_batch_row").where("batch_id", "=", batchId).execute();
    await trx.deleteFrom("issuer_batch").where("id", "=", batchId).execute();
    return true;
  });
}

/** Drafts created before `before` (never confirmed). */
export async function staleDraftBatchIds(db: Db, before: string): Promise<number[]> {
  const rows = await db
    .selectFrom("issuer_batch")
    .select("id")
    .where("state", "=", "draft")
    .where("created_at", "<", before)
    .execute();
  return rows.map((r) => r.id);
}

/** Every row of a batch from `afterLine` on, in line order (for reports). */
export async function batchRowsPage(db: Db, batchId: number, afterLine: number, limit: number) {
  return db
    .selectFrom("issuer_batch_row")
    .select([
      "line",
      "external_id",
      "achievement_code",
      "learner_email",
      "learner_name",
      "state",
      "credential_id",
      "errors",
    ])
    .where("batch_id", "=", batchId)
    .where("line", ">", afterLine)
    .orderBy("line")
    .limit(limit)
    .execute();
}
