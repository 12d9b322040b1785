import type { IssuerContext } from "../context.js";
import { clearAllLeases, unfinishedBatchIds } from "../db/repositories/batches.js";
import { processBatch } from "./batch-pipeline.js";

/**
 * Runs cohort batches in the background. SQLite: `createBatchRunner`, in this process, one batch
 * at a time. PostgreSQL: `createQueuedBatchRunner` (`batch-queue.ts`), batches as jobs of a
 * queue in the database, shared by every issuer process.
 */
export interface BatchRunner {
  schedule(batchId: number): void;
  /**
   * At start-up: queues every batch with pending rows (how many), and from then on takes part in
   * running batches (PostgreSQL: also those other processes queue).
   */
  resumeUnfinished(): Promise<number>;
  /** Resolves when no batch this process scheduled or runs is still being issued. */
  idle(): Promise<void>;
  /** Stops after the current chunk's signing; unfinished rows stay pending in the database. */
  stop(): Promise<void>;
  /** Whether a batch is being issued now (the mail worker then sends at a slower pace). */
  readonly busy: boolean;
}

/**
 * The embedded runner (SQLite: one process owns the database): batches one at a time, in this
 * process. A run that stops on an unexpected error is retried a few times, then left pending for
 * the next start (`resumeUnfinished`).
 */
export function createBatchRunner(
  context: () => IssuerContext,
  options: { retries?: number; retryDelayMs?: number } = {},
): BatchRunner {
  const queue: number[] = [];
  const abort = new AbortController();
  let running: Promise<void> | undefined;
  const retries = options.retries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 2000;

  async function drain(): Promise<void> {
    while (queue.length && !abort.signal.aborted) {
      const batchId = queue.shift()!;
      for (let attempt = 0; ; attempt++) {
        try {
          const started = Date.now();
          const rows = await processBatch(context(), batchId, { signal: abort.signal });
          context().log.info("batch run", { batchId, rows, ms: Date.now() - started });
          break;
        } catch (error) {
          context().log.error("batch run stopped", {
            batchId,
            attempt,
            error: String((error as Error)?.message ?? error).slice(0, 300),
          });
          if (attempt >= retries || abort.signal.aborted) break;
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs * (attempt + 1)));
        }
      }
    }
  }

  function kick() {
    if (running || abort.signal.aborted) return;
    running = drain().finally(() => {
      running = undefined;
      if (queue.length && !abort.signal.aborted) kick();
    });
  }

  return {
    schedule(batchId) {
      if (!queue.includes(batchId)) queue.push(batchId);
      kick();
    },
    async resumeUnfinished() {
      const ctx = context();
      // Leases left by the previous process (it died holding them): nobody else runs here.
      await clearAllLeases(ctx.db);
      const ids = await unfinishedBatchIds(ctx.db);
      for (const id of ids) this.schedule(id);
      return ids.length;
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      abort.abort();
      queue.length = 0;
      while (running) await running;
    },
    get busy() {
      return running !== undefined;
    },
  };
}
