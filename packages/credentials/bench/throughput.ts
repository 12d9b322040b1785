/**
 * Sign and verify throughput of Avala's core next to a plain @digitalbazaar/vc loop, in the
 * same process and run, on the same credential and key. Prints credentials per second for both
 * and their ratio. Run: `pnpm bench` (root) or `pnpm --filter @avala/credentials bench`.
 */
import { createDocumentLoader } from "@avala/document-loader";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import {
  buildAchievementCredential,
  generateSigningKey,
  signCredential,
  verifyCredential,
} from "../src/index.js";
import { credentialInput, now, qualificationAchievement } from "../test/fixtures/credentials.js";
import { stockDocumentLoader } from "../test/fixtures/stock-loader.js";

const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const warmup = 30;

async function rate(label: string, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = iterations / seconds;
  console.log(
    `  ${label.padEnd(34)} ${perSecond.toFixed(0).padStart(6)} /s  ${((seconds / iterations) * 1000).toFixed(2)} ms each`,
  );
  return perSecond;
}

const avalaLoader = createDocumentLoader();
const stockLoader = stockDocumentLoader();
const key = await generateSigningKey();
const stockKey = await Ed25519Multikey.from(key);
const credential = buildAchievementCredential(
  credentialInput(key.controller, qualificationAchievement),
);
const signed = await signCredential(credential, { key, documentLoader: avalaLoader });
const stockVerifySuite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

console.log(`Open Badges 3.0 qualification credential, eddsa-rdfc-2022, ${iterations} iterations`);
console.log("sign");
const coreSign = await rate("avala signCredential", () =>
  signCredential(credential, { key, documentLoader: avalaLoader, date: now }),
);
const stockSign = await rate("stock vc.issue", () =>
  vc.issue({
    credential: structuredClone(credential),
    suite: new DataIntegrityProof({
      signer: stockKey.signer(),
      cryptosuite: eddsaRdfc2022,
      date: now,
    }),
    documentLoader: stockLoader,
    now,
  }),
);
console.log("verify");
const coreVerify = await rate("avala verifyCredential (all checks)", () =>
  verifyCredential(signed, { documentLoader: avalaLoader, now }),
);
const stockVerify = await rate("stock vc.verifyCredential", () =>
  vc.verifyCredential({
    credential: signed,
    suite: stockVerifySuite,
    documentLoader: stockLoader,
    now,
  }),
);
console.log("ratio avala / stock");
console.log(`  sign   ${(coreSign / stockSign).toFixed(2)}x`);
console.log(`  verify ${(coreVerify / stockVerify).toFixed(2)}x`);
