/**
 * Sign and verify throughput of Avala's core next to a plain @digitalbazaar/vc set-up, in the
 * same run, on the same kind of credentials, for two kinds:
 * - plain: one OB 3.0 qualification credential (eddsa-rdfc-2022);
 * - cohort: what the issuer signs for a cohort row: the same with a status entry and the issuer
 *   Profile carrying the authority's signed EndorsementCredential (with its inline context).
 * Each side (Avala; stock; stock with the key imported once, step one of the fast path alone)
 * runs in a process of its own (`throughput-side.ts`), on distinct credentials, one at a time:
 * figures are per core, in CPU time of the side's process (what a core spends, V8's compiler and
 * garbage collector included; elapsed time is shown too). In one process the sides paid for each
 * other's garbage collection and compilation, which moved the ratio by half. Each side first
 * warms up for BENCH_WARMUP_MS (default 3,000 ms: the steady state of a long-running service is
 * what is measured, not V8's start-up compilation). The sides then alternate in four rounds each,
 * the others waiting idle, so that other load on the machine falls on all alike; the ratio is
 * what to read.
 *
 * Run: `pnpm bench` (root) or `pnpm --filter @avala/credentials bench`;
 * BENCH_ITERATIONS (default 400) operations per side and figure.
 */
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import {
  type Kind,
  kinds,
  type Operation,
  type Reply,
  type Request,
  type Side,
  sides,
} from "./throughput-protocol.js";

const iterations = Number(process.env.BENCH_ITERATIONS ?? 400);
/** Each side runs in four rounds, alternating. */
const round = Math.max(1, Math.ceil(iterations / 4));
/** Distinct credentials each side warms up on (over and over, for `warmupMs`). */
const warmup = 150;
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 3000);
const total = warmup + Math.ceil(iterations / round) * round;
const sideScript = fileURLToPath(new URL("./throughput-side.ts", import.meta.url));

interface Cost {
  /** CPU time of the side's process per operation, µs: what a core spends. */
  cpu: number;
  /** Elapsed time per operation, µs (inflated by whatever else the machine runs). */
  wall: number;
}

/** A side's process, ready (prepared and warmed up). */
async function startSide(kind: Kind, operation: Operation, side: Side) {
  const child: ChildProcess = fork(
    sideScript,
    [kind, operation, side, String(total), String(warmup), String(warmupMs)],
    { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  const replies: Reply[] = [];
  let wake: (() => void) | undefined;
  child.on("message", (reply: Reply) => {
    replies.push(reply);
    wake?.();
  });
  const exited = once(child, "exit").then(([code]) => {
    throw new Error(`bench side ${kind} ${operation} ${side} exited (${String(code)})`);
  });
  exited.catch(() => {});
  const next = async (): Promise<Reply> => {
    while (replies.length === 0) {
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), exited]);
    }
    return replies.shift()!;
  };
  const ready = await next();
  if (!("ready" in ready)) throw new Error("bench side: unexpected first reply");
  return {
    bytes: ready.ready.bytes,
    async run(from: number, count: number) {
      child.send({ run: { from, count } } satisfies Request);
      const reply = await next();
      if (!("cpu" in reply)) throw new Error("bench side: unexpected reply");
      return reply;
    },
    stop() {
      child.send({ stop: true } satisfies Request);
    },
  };
}

/** Cost per operation of each side, alternating rounds of `round` operations. */
async function compare(kind: Kind, operation: Operation) {
  // One at a time, so that one side's set-up and warm-up does not fall on another's.
  const started = [];
  for (const name of sides) started.push(await startSide(kind, operation, name));
  const cpu = started.map(() => 0);
  const wall = started.map(() => 0);
  for (let done = 0; done < iterations; done += round) {
    for (const [s, side] of started.entries()) {
      const cost = await side.run(warmup + done, round);
      cpu[s]! += cost.cpu;
      wall[s]! += cost.wall;
    }
  }
  for (const side of started) side.stop();
  const ran = Math.ceil(iterations / round) * round;
  const costs: Cost[] = started.map((_, s) => ({ cpu: cpu[s]! / ran, wall: wall[s]! / ran }));
  return { costs, bytes: started[0]!.bytes };
}

const ratio = (stock: Cost, side: Cost) => (stock.cpu / side.cpu).toFixed(1).padStart(5);

const line = (label: string, cost: Cost, stock?: Cost) =>
  `  ${label.padEnd(46)} ${(1e6 / cost.cpu).toFixed(0).padStart(6)} /s per core` +
  `  ${(cost.cpu / 1000).toFixed(3).padStart(7)} ms CPU  ${(cost.wall / 1000).toFixed(3).padStart(7)} ms elapsed` +
  (stock === undefined ? "" : `  ${ratio(stock, cost)}x stock`);

const kindNames: Record<Kind, string> = {
  plain: "plain (OB 3.0 qualification)",
  cohort: "cohort (status entry, embedded endorsement)",
};

console.log(
  `@avala/credentials bench, ${new Date().toISOString()}, node ${process.version}, ` +
    `${iterations} operations per side and figure, eddsa-rdfc-2022, each side in its own process`,
);
const summary: string[] = [];
for (const kind of kinds) {
  const sign = await compare(kind, "sign");
  console.log(`\n${kindNames[kind]}, ${sign.bytes} bytes signed`);
  const [avalaSign, stockSign, cachedKeySign] = sign.costs;
  console.log("sign");
  console.log(line("avala signCredential", avalaSign!, stockSign));
  console.log(line("stock vc.issue", stockSign!));
  console.log(line("stock vc.issue, key imported once", cachedKeySign!, stockSign));

  const verify = await compare(kind, "verify");
  const [avalaVerify, stockVerify, cachedKeyVerify] = verify.costs;
  console.log("verify");
  console.log(line("avala verifyCredential (all checks)", avalaVerify!, stockVerify));
  console.log(line("stock vc.verifyCredential", stockVerify!));
  console.log(line("stock vc.verifyCredential, key imported once", cachedKeyVerify!, stockVerify));
  summary.push(
    `  ${kindNames[kind].padEnd(44)} sign ${ratio(stockSign!, avalaSign!)}x` +
      `   verify ${ratio(stockVerify!, avalaVerify!)}x`,
  );
}
console.log("\nstock CPU time / avala CPU time per operation (per core, same run)");
for (const row of summary) console.log(row);
