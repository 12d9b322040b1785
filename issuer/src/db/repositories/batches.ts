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

export async function pendingRows(db: Db, batchId: number, afterId: number, limit: number) {
  return db
    .selectFrom("issuer_batch_row")
    .selectAll()
    .where("batch_id", "=", batchId)
    .where("state", "=", "pending")
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
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
    .set({ ...changes, learner_curp_sealed: null, updated_at: now })
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
