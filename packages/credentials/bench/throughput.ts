/**
 * Sign and verify throughput of Avala's core next to a plain @digitalbazaar/vc set-up, in the
 * same process and run, on the same credentials and keys, for two credentials:
 * - plain: one OB 3.0 qualification credential (eddsa-rdfc-2022);
 * - cohort: what the issuer signs for a cohort row: the same with a status entry and the issuer
 *   Profile carrying the authority's signed EndorsementCredential (with its inline context).
 * Each operation runs on distinct credentials (a cohort's rows), one at a time: figures are per
 * core, in CPU time of the process (what a core spends, GC threads included; elapsed time is
 * shown too). The sides alternate in four rounds each, so that other load on the machine falls
 * on both alike; the ratio is what to read. Each side first warms up for BENCH_WARMUP_MS (default
 * 3,000 ms: the steady state of a long-running service is what is measured, not V8's start-up
 * compilation). Also shown: the stock suite with only the key imported once
 * (step one of the fast path, alone).
 *
 * Run: `pnpm bench` (root) or `pnpm --filter @avala/credentials bench`;
 * BENCH_ITERATIONS (default 400) operations per side and figure.
 */
import { createDocumentLoader } from "@avala/document-loader";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import type { Credential } from "../src/index.js";
import {
  buildAchievementCredential,
  generateSigningKey,
  signCredential,
  verifyCredential,
} from "../src/index.js";
import { cachedVerifier } from "../src/key-objects.js";
import { signerOf } from "../src/signing-key.js";
import { cohortCredential, signedEndorsement } from "../test/fixtures/cohort.js";
import { credentialInput, now, qualificationAchievement } from "../test/fixtures/credentials.js";
import { stockDocumentLoader } from "../test/fixtures/stock-loader.js";

const iterations = Number(process.env.BENCH_ITERATIONS ?? 400);
/** Each side runs in four rounds, alternating. */
const round = Math.max(1, Math.ceil(iterations / 4));
/** Distinct credentials each side warms up on (over and over, for `warmupMs`). */
const warmup = 150;
/**
 * Warm-up per side, ms, before anything is timed: until V8 has compiled the hot code (the fast
 * path's is larger than the stock suite's and takes about a thousand operations to settle; timed
 * too early, its compilation on V8's background threads is counted as CPU time of the side).
 */
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 3000);

type Operation = (i: number) => Promise<unknown>;

interface Cost {
  /** CPU time of the process (all its threads) per operation, µs: what a core spends. */
  cpu: number;
  /** Elapsed time per operation, µs (inflated by whatever else the machine runs). */
  wall: number;
}

/** Cost per operation of each side, alternating rounds of `round` operations. */
async function compare(sides: Operation[]): Promise<Cost[]> {
  for (const side of sides) {
    const until = performance.now() + warmupMs;
    for (let i = 0; i < warmup || performance.now() < until; i++) await side(i % warmup);
  }
  const cpu = sides.map(() => 0);
  const wall = sides.map(() => 0n);
  for (let done = 0; done < iterations; done += round) {
    for (const [s, side] of sides.entries()) {
      const startCpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      for (let i = done; i < done + round; i++) await side(warmup + i);
      wall[s]! += process.hrtime.bigint() - start;
      const used = process.cpuUsage(startCpu);
      cpu[s]! += used.user + used.system;
    }
  }
  const ran = Math.ceil(iterations / round) * round;
  return sides.map((_, s) => ({ cpu: cpu[s]! / ran, wall: Number(wall[s]!) / 1e3 / ran }));
}

const ratio = (stock: Cost, side: Cost) => (stock.cpu / side.cpu).toFixed(1).padStart(5);

const line = (label: string, cost: Cost, stock?: Cost) =>
  `  ${label.padEnd(46)} ${(1e6 / cost.cpu).toFixed(0).padStart(6)} /s per core` +
  `  ${(cost.cpu / 1000).toFixed(3).padStart(7)} ms CPU  ${(cost.wall / 1000).toFixed(3).padStart(7)} ms elapsed` +
  (stock === undefined ? "" : `  ${ratio(stock, cost)}x stock`);

const avalaLoader = createDocumentLoader();
const stockLoader = stockDocumentLoader();
const key = await generateSigningKey();
const authority = await generateSigningKey();
const stockKey = await Ed25519Multikey.from(key);
const cachedKeySigner = await signerOf(key);
const endorsement = await signedEndorsement(authority, key.controller, avalaLoader);
const checkStatus = async () => ({ outcome: "pass" as const, code: "status.active" as const });
const stockCheckStatus = async () => ({ verified: true });
const stockVerifySuite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
const cachedKeyVerifySuite = new DataIntegrityProof({
  cryptosuite: {
    ...(eddsaRdfc2022 as object),
    createVerifier: ({ verificationMethod }: { verificationMethod: Record<string, unknown> }) =>
      cachedVerifier(verificationMethod),
  },
});

const kinds: Array<{ name: string; make: (row: number) => Credential }> = [
  {
    name: "plain (OB 3.0 qualification)",
    make: (row) =>
      buildAchievementCredential(
        credentialInput(key.controller, qualificationAchievement, {
          id: `urn:uuid:6a1d9c1e-4a7b-4d2f-9a7e-${String(row).padStart(12, "0")}`,
        }),
      ),
  },
  {
    name: "cohort (status entry, embedded endorsement)",
    make: (row) => cohortCredential(key.controller, endorsement, row),
  },
];

console.log(
  `@avala/credentials bench, ${new Date().toISOString()}, node ${process.version}, ` +
    `${iterations} operations per side and figure, eddsa-rdfc-2022`,
);
const summary: string[] = [];
for (const kind of kinds) {
  const total = warmup + Math.ceil(iterations / round) * round;
  const unsigned = Array.from({ length: total }, (_, row) => kind.make(row));
  const signed: Credential[] = [];
  for (const credential of unsigned) {
    signed.push(await signCredential(credential, { key, documentLoader: avalaLoader, date: now }));
  }
  console.log(`\n${kind.name}, ${JSON.stringify(signed[0]).length} bytes signed`);

  const [avalaSign, stockSign, cachedKeySign] = await compare([
    (i) => signCredential(unsigned[i]!, { key, documentLoader: avalaLoader, date: now }),
    (i) =>
      vc.issue({
        credential: structuredClone(unsigned[i]!),
        suite: new DataIntegrityProof({
          signer: stockKey.signer(),
          cryptosuite: eddsaRdfc2022,
          date: now,
        }),
        documentLoader: stockLoader,
        now,
      }),
    (i) =>
      vc.issue({
        credential: structuredClone(unsigned[i]!),
        suite: new DataIntegrityProof({
          signer: cachedKeySigner,
          cryptosuite: eddsaRdfc2022,
          date: now,
        }),
        documentLoader: stockLoader,
        now,
      }),
  ]);
  console.log("sign");
  console.log(line("avala signCredential", avalaSign!, stockSign));
  console.log(line("stock vc.issue", stockSign!));
  console.log(line("stock vc.issue, key imported once", cachedKeySign!, stockSign));

  const [avalaVerify, stockVerify, cachedKeyVerify] = await compare([
    (i) => verifyCredential(signed[i]!, { documentLoader: avalaLoader, now, checkStatus }),
    (i) =>
      vc.verifyCredential({
        credential: signed[i]!,
        suite: stockVerifySuite,
        documentLoader: stockLoader,
        now,
        checkStatus: stockCheckStatus,
      }),
    (i) =>
      vc.verifyCredential({
        credential: signed[i]!,
        suite: cachedKeyVerifySuite,
        documentLoader: stockLoader,
        now,
        checkStatus: stockCheckStatus,
      }),
  ]);
  console.log("verify");
  console.log(line("avala verifyCredential (all checks)", avalaVerify!, stockVerify));
  console.log(line("stock vc.verifyCredential", stockVerify!));
  console.log(line("stock vc.verifyCredential, key imported once", cachedKeyVerify!, stockVerify));
  summary.push(
    `  ${kind.name.padEnd(44)} sign ${ratio(stockSign!, avalaSign!)}x` +
      `   verify ${ratio(stockVerify!, avalaVerify!)}x`,
  );
}
console.log("\nstock CPU time / avala CPU time per operation (per core, same run)");
for (const row of summary) console.log(row);
