/**
 * One side of `throughput.ts`, in a process of its own: `tsx bench/throughput-side.ts <kind>
 * <operation> <side>`. It prepares its credentials, warms up, then runs the rounds its parent
 * asks for over IPC and answers each with the CPU time of this process (all its threads: V8's
 * compiler and garbage collector included) and the elapsed time. Alone in its process, a side pays
 * for its own garbage and compilation and for nothing of the other sides'.
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
import type { Kind, Operation, Reply, Request, Side } from "./throughput-protocol.js";

async function prepare(kind: Kind, operation: Operation, side: Side, total: number) {
  const avalaLoader = createDocumentLoader();
  const stockLoader = stockDocumentLoader();
  const key = await generateSigningKey();
  const make = async (): Promise<(row: number) => Credential> => {
    if (kind === "plain") {
      return (row) =>
        buildAchievementCredential(
          credentialInput(key.controller, qualificationAchievement, {
            id: `urn:uuid:6a1d9c1e-4a7b-4d2f-9a7e-${String(row).padStart(12, "0")}`,
          }),
        );
    }
    const endorsement = await signedEndorsement(
      await generateSigningKey(),
      key.controller,
      avalaLoader,
    );
    return (row) => cohortCredential(key.controller, endorsement, row);
  };
  const build = await make();
  const unsigned = Array.from({ length: total }, (_, row) => build(row));
  // Verifying sides verify credentials signed here by the core (the same bytes stock signs).
  const signed: Credential[] = [];
  if (operation === "verify") {
    const signingLoader = createDocumentLoader();
    for (const credential of unsigned) {
      signed.push(
        await signCredential(credential, { key, documentLoader: signingLoader, date: now }),
      );
    }
  }
  const bytes = JSON.stringify(
    operation === "verify"
      ? signed[0]
      : await signCredential(unsigned[0]!, {
          key,
          documentLoader: createDocumentLoader(),
          date: now,
        }),
  ).length;

  let run: (i: number) => Promise<unknown>;
  if (operation === "sign" && side === "avala") {
    run = (i) => signCredential(unsigned[i]!, { key, documentLoader: avalaLoader, date: now });
  } else if (operation === "sign") {
    const signer =
      side === "stock" ? (await Ed25519Multikey.from(key)).signer() : await signerOf(key);
    run = (i) =>
      vc.issue({
        credential: structuredClone(unsigned[i]!),
        suite: new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, date: now }),
        documentLoader: stockLoader,
        now,
      });
  } else if (side === "avala") {
    const checkStatus = async () => ({ outcome: "pass" as const, code: "status.active" as const });
    run = (i) => verifyCredential(signed[i]!, { documentLoader: avalaLoader, now, checkStatus });
  } else {
    const suite =
      side === "stock"
        ? new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })
        : new DataIntegrityProof({
            cryptosuite: {
              ...(eddsaRdfc2022 as object),
              createVerifier: ({
                verificationMethod,
              }: {
                verificationMethod: Record<string, unknown>;
              }) => cachedVerifier(verificationMethod),
            },
          });
    run = (i) =>
      vc.verifyCredential({
        credential: signed[i]!,
        suite,
        documentLoader: stockLoader,
        now,
        checkStatus: async () => ({ verified: true }),
      });
  }
  return { run, bytes };
}

async function main(): Promise<void> {
  const [kind, operation, side, totalText, warmupText, warmupMsText] = process.argv.slice(2);
  const total = Number(totalText);
  const warmup = Number(warmupText);
  const warmupMs = Number(warmupMsText);
  const { run, bytes } = await prepare(kind as Kind, operation as Operation, side as Side, total);
  // Warm up on the first `warmup` credentials, over and over, until V8 has compiled the hot code.
  const until = performance.now() + warmupMs;
  for (let i = 0; i < warmup || performance.now() < until; i++) await run(i % warmup);
  const send = (reply: Reply) => process.send?.(reply);
  process.on("message", async (request: Request) => {
    if ("stop" in request) {
      process.disconnect();
      return;
    }
    const { from, count } = request.run;
    const startCpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = from; i < from + count; i++) await run(i);
    const wall = Number(process.hrtime.bigint() - start) / 1e3;
    const used = process.cpuUsage(startCpu);
    send({ cpu: used.user + used.system, wall });
  });
  send({ ready: { bytes } });
}

if (process.send) await main();
