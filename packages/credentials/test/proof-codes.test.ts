/**
 * Honest proof codes: `proof.unsupported` for a suite Avala does not implement and
 * `proof.key-unresolved` for a verificationMethod that does not lead to a key, both "could not
 * check" (nothing says the signature is false); `proof.invalid` ("altered") only when a
 * signature was checked and failed.
 *
 * The unsupported vectors are an Avala eddsa proof relabelled with another suite's name: Avala
 * checks none of those suites, so what matters is that it says so instead of "altered".
 */
import { createDidResolver } from "@avala/did";
import { createDocumentLoader } from "@avala/document-loader";
import { beforeAll, describe, expect, it } from "vitest";
import type { Check, SigningKey, VerificationResult } from "../src/index.js";
import {
  buildAchievementCredential,
  generateSigningKey,
  signCredential,
  verifyCredential,
} from "../src/index.js";
import { credentialInput, now, unitAchievement } from "./fixtures/credentials.js";

const documentLoader = createDocumentLoader();
const notPassing = (result: VerificationResult) =>
  result.checks.filter((c: Check) => c.outcome !== "pass");
const proofCheck = (result: VerificationResult) => result.checks.find((c) => c.check === "proof");

let key: SigningKey;
let signed: Record<string, unknown>;
let proof: Record<string, unknown>;

beforeAll(async () => {
  key = await generateSigningKey();
  signed = (await signCredential(
    buildAchievementCredential(credentialInput(key.controller, unitAchievement)),
    { key, documentLoader },
  )) as unknown as Record<string, unknown>;
  proof = signed.proof as Record<string, unknown>;
});

const withProof = (p: unknown) => ({ ...signed, proof: p });
const verify = (credential: unknown, loader = documentLoader) =>
  verifyCredential(credential, { documentLoader: loader, now });

describe("a suite Avala does not implement → proof.unsupported, could not check", () => {
  it.each([
    [{ cryptosuite: "ecdsa-rdfc-2019" }, "DataIntegrityProof (ecdsa-rdfc-2019)"],
    [{ cryptosuite: "ecdsa-sd-2023" }, "DataIntegrityProof (ecdsa-sd-2023)"],
    [{ cryptosuite: "bbs-2023" }, "DataIntegrityProof (bbs-2023)"],
    [{ cryptosuite: "eddsa-jcs-2022" }, "DataIntegrityProof (eddsa-jcs-2022)"],
    [{ type: "Ed25519Signature2018", cryptosuite: undefined }, "Ed25519Signature2018"],
    [{ type: "Ed25519Signature2022", cryptosuite: undefined }, "Ed25519Signature2022"],
    [
      { type: "JsonWebSignature2020", cryptosuite: undefined, proofValue: undefined, jws: "e..x" },
      "JsonWebSignature2020",
    ],
  ])("%j", async (change, named) => {
    const result = await verify(withProof(JSON.parse(JSON.stringify({ ...proof, ...change }))));
    expect(notPassing(result).map((c) => [c.code, c.outcome])).toEqual([
      ["proof.unsupported", "could-not-check"],
    ]);
    const check = proofCheck(result)!;
    expect(check.params).toEqual({ type: named });
    expect(check.message.en).toContain("could not be checked");
    expect(check.message.en).toContain("does not mean it is false");
    expect(check.message.es).toContain("No se pudo comprobar");
    // Could not check is still not valid: nothing vouches for the content.
    expect(result.verified).toBe(false);
  });

  it("in a proof set, a real failure beside it is reported as the failure", async () => {
    const unsupported = { ...proof, cryptosuite: "ecdsa-rdfc-2019" };
    const set = await verify(withProof([proof, unsupported]));
    expect(notPassing(set).map((c) => c.code)).toEqual(["proof.unsupported"]);
    const broken = { ...proof, proofValue: `${String(proof.proofValue).slice(0, -3)}abc` };
    const worse = await verify(withProof([broken, unsupported]));
    expect(notPassing(worse).map((c) => c.code)).toEqual(["proof.invalid"]);
  });
});

describe("a verificationMethod that is not a resolvable key → proof.key-unresolved", () => {
  it.each([
    ["a bare DID", () => key.controller, "is a DID, not one of its keys"],
    ["an unknown DID method", () => "did:example:123#key-1", "unsupported DID method"],
    ["a URL that is not a DID", () => "https://example.org/keys/1", "is not a DID key"],
    [
      "a key id not in the DID document",
      () => `${key.controller}#not-its-key`,
      "has no key did:key:",
    ],
    ["an embedded key object", () => ({ id: `${key.controller}#k` }), "not a key id"],
  ])("%s", async (_, method, reason) => {
    const result = await verify(withProof({ ...proof, verificationMethod: method() }));
    expect(notPassing(result).map((c) => [c.code, c.outcome])).toEqual([
      ["proof.key-unresolved", "could-not-check"],
    ]);
    expect(String(proofCheck(result)?.params?.reason)).toContain(reason);
    expect(proofCheck(result)?.message.en).toContain("could not be checked");
  });

  it("a did:web whose document cannot be fetched", async () => {
    const unreachable = createDocumentLoader({
      resolveDid: createDidResolver({
        fetchJson: async (url) => {
          throw new Error(`HTTP 404 from ${url}`);
        },
      }),
    });
    const result = await verify(
      withProof({ ...proof, verificationMethod: "did:web:issuer.example#key-1" }),
      unreachable,
    );
    expect(proofCheck(result)).toMatchObject({
      outcome: "could-not-check",
      code: "proof.key-unresolved",
    });
    expect(String(proofCheck(result)?.params?.reason)).toContain("did:web:issuer.example");
  });
});

describe("failures that are failures", () => {
  it("a changed value → proof.invalid (the signature was checked and does not match)", async () => {
    const result = await verify({ ...signed, name: "Otra cosa" });
    expect(notPassing(result).map((c) => [c.code, c.outcome])).toEqual([["proof.invalid", "fail"]]);
    expect(proofCheck(result)?.message.en).toContain("altered");
  });

  it("a proof that is not one → proof.malformed", async () => {
    for (const [bad, reason] of [
      ["a string", "not an object"],
      [[["nested"]], "not an object"],
      [{ ...proof, type: undefined }, "no type"],
      [{ ...proof, proofValue: undefined }, "no proofValue"],
      [{ ...proof, proofPurpose: undefined }, "no proofPurpose"],
      [{ ...proof, verificationMethod: undefined }, "no verificationMethod"],
    ] as const) {
      const result = await verify(withProof(JSON.parse(JSON.stringify(bad))));
      expect(proofCheck(result), reason).toMatchObject({
        outcome: "fail",
        code: "proof.malformed",
      });
      expect(String(proofCheck(result)?.params?.reason)).toContain(reason);
    }
  });

  it("a proof made for another purpose (authentication) → proof.not-authorized", async () => {
    const result = await verify(withProof({ ...proof, proofPurpose: "authentication" }));
    expect(proofCheck(result)).toMatchObject({ outcome: "fail", code: "proof.not-authorized" });
    expect(String(proofCheck(result)?.params?.reason)).toContain("authentication");
  });
});
