import { CompiledQuery, type Kysely, sql } from "kysely";
import PgBoss from "pg-boss";
import type { IssuerContext } from "../context.js";
import { unfinishedBatchIds } from "../db/repositories/batches.js";
import type { IssuerTables } from "../db/schema.js";
import { processBatch } from "./batch-pipeline.js";
import type { BatchRunner } from "./batch-runner.js";

/** The queue of cohort batches (pg-boss): one job asks "work on batch N". */
export const BATCH_QUEUE = "issuer-batch";

/**
 * The queue's schema when none is configured: the issuer's own schema, unless that is `public`
 * (then `avala_issuer_queue`, so pg-boss's tables, named `job`, `queue`, … do not sit among
 * other applications' tables).
 */
export async function defaultQueueSchema(db: Kysely<IssuerTables>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
    db,
  );
  const schema = rows[0]?.schema;
  return !schema || schema === "public" ? "avala_issuer_queue" : schema;
}

/**
 * The runner on PostgreSQL: batches are jobs of a pg-boss queue in the same database, run by
 * whichever issuer process takes them (one at a time per process). A job works on its batch
 * until no row is pending: it claims chunks of rows (`FOR UPDATE SKIP LOCKED`, under a lease),
 * and after each claim that leaves rows for others it queues the batch again (at most one
 * waiting job per batch: the queue's `short` policy), so every idle process joins in. A process
 * that dies leaves its rows to the others when its lease ends (the running jobs wait for that);
 * its job itself is retried by pg-boss once it expires. pg-boss's queries go through the
 * issuer's own connection pool (`db.executeSql`), so they see the same database and schema.
 */
export function createQueuedBatchRunner(context: () => IssuerContext): BatchRunner {
  const abort = new AbortController();
  let boss: PgBoss | undefined;
  let starting: Promise<PgBoss> | undefined;
  let workerId: string | undefined;
  let schema = "";
  let runs = 0;
  // Batches this process scheduled, and their jobs being sent: `idle()` waits for them.
  const watched = new Set<number>();
  const sending = new Set<Promise<void>>();

  function log(message: string, error: unknown, batchId?: number) {
    context().log.error(message, {
      ...(batchId !== undefined ? { batchId } : {}),
      error: String((error as Error)?.message ?? error).slice(0, 300),
    });
  }

  async function offer(queue: PgBoss, batchId: number): Promise<void> {
    // `short`: a job still waiting for this batch makes this one a no-op.
    await queue.send(BATCH_QUEUE, { batchId }, { singletonKey: String(batchId) });
    if (workerId) queue.notifyWorker(workerId);
  }

  async function run(queue: PgBoss, batchId: number): Promise<void> {
    const ctx = context();
    runs++;
    const started = Date.now();
    try {
      const rows = await processBatch(ctx, batchId, {
        signal: abort.signal,
        waitForOthers: true,
        onMoreWork: () => offer(queue, batchId),
      });
      ctx.log.info("batch run", { batchId, rows, ms: Date.now() - started });
      // Stopped before the batch was done: leave a job for the other processes (or next start).
      if (abort.signal.aborted) await offer(queue, batchId);
    } catch (error) {
      log("batch run stopped", error, batchId);
      throw error; // pg-boss retries the job (retryLimit), after retryDelay
    } finally {
      runs--;
    }
  }

  function start(): Promise<PgBoss> {
    starting ??= startQueue().catch((error: unknown) => {
      starting = undefined; // the next schedule tries again
      throw error;
    });
    return starting;
  }

  async function startQueue(): Promise<PgBoss> {
    const ctx = context();
    const settings = ctx.config.batches;
    schema = settings.queueSchema ?? (await defaultQueueSchema(ctx.db));
    const queue = new PgBoss({
      db: {
        executeSql: async (text: string, values?: unknown[]) => {
          const result = await ctx.db.executeQuery(CompiledQuery.raw(text, values ?? []));
          return { rows: result.rows as unknown[] };
        },
      },
      schema,
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: settings.queueMaintenanceSeconds,
    });
    queue.on("error", (error) => log("batch queue", error));
    await queue.start();
    try {
      await queue.createQueue(BATCH_QUEUE, {
        name: BATCH_QUEUE,
        policy: "short",
        retryLimit: 3,
        retryDelay: 5,
        retryBackoff: true,
        expireInSeconds: settings.jobExpireSeconds,
      });
      workerId = await queue.work<{ batchId: number }>(
        BATCH_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: settings.queuePollMs / 1000 },
        async (jobs) => {
          for (const job of jobs) await run(queue, Number(job.data.batchId));
        },
      );
    } catch (error) {
      await queue.stop({ graceful: false, close: false }).catch(() => {});
      throw error;
    }
    boss = queue;
    return queue;
  }

  /** Jobs for these batches that are waiting, due for a retry or running (any process). */
  async function liveJobs(batchIds: number[]): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from ${sql.table(`${schema}.job`)}
      where name = ${BATCH_QUEUE} and state in ('created', 'retry', 'active')
        and (data->>'batchId')::bigint in (${sql.join(batchIds)})`.execute(context().db);
    return Number(rows[0]?.n ?? 0);
  }

  return {
    schedule(batchId) {
      if (abort.signal.aborted) return;
      watched.add(batchId);
      const sent = start()
        .then((queue) => offer(queue, batchId))
        .catch((error) => log("batch not queued", error, batchId))
        .finally(() => sending.delete(sent));
      sending.add(sent);
    },
    async resumeUnfinished() {
      // At start-up: from now on this process takes batches from the queue, whoever queued them.
      if (!abort.signal.aborted) await start();
      const ids = await unfinishedBatchIds(context().db);
      for (const id of ids) this.schedule(id);
      return ids.length;
    },
    async idle() {
      for (;;) {
        if (abort.signal.aborted && runs === 0) return;
        if (starting) await starting.catch(() => {});
        await Promise.all([...sending]);
        const ids = [...watched];
        if (ids.length === 0 && runs === 0) return;
        const open = ids.length
          ? await context()
              .db.selectFrom("issuer_batch")
              .select("id")
              .where("id", "in", ids)
              .where("state", "=", "processing")
              .execute()
          : [];
        for (const id of ids) if (!open.some((b) => b.id === id)) watched.delete(id);
        if (open.length === 0 && runs === 0) return;
        // Still processing, but no job left to do it (retries used up): nothing more will come.
        if (open.length && runs === 0 && boss && (await liveJobs(open.map((b) => b.id))) === 0) {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      abort.abort();
      if (starting) await starting.catch(() => {});
      await boss?.stop({ graceful: true, wait: true, close: false, timeout: 30_000 });
      boss = undefined;
    },
    get busy() {
      return runs > 0;
    },
  };
}
