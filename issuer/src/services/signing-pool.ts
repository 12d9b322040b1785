import { Worker } from "node:worker_threads";
import { createDocumentLoader } from "@avala/document-loader";
import { type SignJob, type SignOutcome, signWithEdition } from "./credential-signing.js";

/**
 * Worker threads that sign batch credentials, so the main thread stays free for HTTP and the
 * database while a cohort is signed (and a second core signs too).
 */
export interface SigningPool {
  readonly size: number;
  sign(job: SignJob): Promise<SignOutcome>;
  close(): Promise<void>;
}

interface Pending {
  resolve(outcome: SignOutcome): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  /** The jobs it holds. */
  jobs: Set<number>;
  /** Whether it ever answered (a thread that dies before that cannot start here). */
  answered: boolean;
}

/**
 * A signing thread's heap, bounded so that V8 collects its garbage sooner: what it keeps
 * (contexts, compiled shapes, keys, all bounded) is far below this. A 30,000-row cohort peaked at
 * 463 MB of RSS with these limits (96 MB then), 513 MB without
 * (`BENCH_ROWS=30000 pnpm --filter @avala/issuer bench:cohort`).
 */
const SIGNING_THREAD_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 };

/**
 * Starts a signing thread. Run from TypeScript sources (tsx), a worker thread does not inherit
 * the parent's loader: its first line loads tsx, which then loads the entry.
 */
function startWorker(): Worker {
  const entry = new URL(
    import.meta.url.endsWith(".ts") ? "./signing-worker.ts" : "./signing-worker.js",
    import.meta.url,
  );
  if (!entry.pathname.endsWith(".ts"))
    return new Worker(entry, { resourceLimits: SIGNING_THREAD_LIMITS });
  const api = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(api)}).then(({ tsImport }) =>
    tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { eval: true, resourceLimits: SIGNING_THREAD_LIMITS });
}

/**
 * `size` signing threads; each job goes to the thread with the fewest in hand. A thread that
 * dies fails the jobs it held (their chunk is signed again by the next run) and is replaced;
 * one that dies before it ever answered (the threads cannot start here) is not, and from then
 * on the pool signs on the calling thread.
 */
export function createSigningPool(size: number): SigningPool {
  let next = 0;
  let closing = false;
  let broken = false;
  const localLoader = createDocumentLoader();
  const pending = new Map<number, Pending>();
  const threads: Thread[] = [];

  function spawnThread(slot: number): void {
    const thread: Thread = { worker: startWorker(), jobs: new Set(), answered: false };
    threads[slot] = thread;
    thread.worker.on(
      "message",
      (message: { id: number; outcome?: SignOutcome; failure?: string }) => {
        thread.answered = true;
        const job = pending.get(message.id);
        pending.delete(message.id);
        thread.jobs.delete(message.id);
        if (!job) return;
        if (message.outcome) job.resolve(message.outcome);
        else job.reject(new Error(message.failure ?? "signing thread failed"));
      },
    );
    const fail = (error: Error) => {
      for (const id of thread.jobs) {
        pending.get(id)?.reject(error);
        pending.delete(id);
      }
      thread.jobs.clear();
    };
    thread.worker.on("error", fail);
    thread.worker.on("exit", (code) => {
      fail(new Error(`signing thread exited (${code})`));
      if (!thread.answered) broken = true;
      if (!closing && !broken && threads[slot] === thread) spawnThread(slot);
    });
  }

  for (let slot = 0; slot < size; slot++) spawnThread(slot);
  return {
    size,
    sign(job) {
      if (broken) return signWithEdition(localLoader, job);
      const id = ++next;
      const target = threads.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
      return new Promise<SignOutcome>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.jobs.add(id);
        target.worker.postMessage({ id, job });
      });
    },
    async close() {
      closing = true;
      await Promise.all(threads.map(({ worker }) => worker.terminate()));
    },
  };
}
