/**
 * `checks` (VC-API `options.checks`) on a JWT credential: only what is asked for runs, and the
 * verdict requires only that, as for a Data Integrity credential in `@avala/credentials`.
 * Keys and signatures made here with jose.
 */
import type { CheckStatus, JsonObject } from "@avala/credentials";
import { VC_V2_CONTEXT } from "@avala/credentials";
import type { CryptoKey } from "jose";
import { CompactSign, exportJWK, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { didKeyOfJwk, verifyJwtCredential } from "../src/index.js";

const NOW = new Date("2026-06-01T12:00:00Z");

let privateKey: CryptoKey;
let did: string;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair("EdDSA", { extractable: true });
  privateKey = pair.privateKey;
  did = didKeyOfJwk(await exportJWK(pair.publicKey))!;
  otherKey = (await generateKeyPair("EdDSA", { extractable: true })).privateKey;
});

function credential(extra: JsonObject = {}): JsonObject {
  return {
    "@context": [VC_V2_CONTEXT],
    id: "urn:uuid:5e0b4c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b",
    type: ["VerifiableCredential"],
    issuer: did,
    validFrom: "2025-01-15T00:00:00Z",
    credentialSubject: { id: "did:example:aprendiz" },
    credentialStatus: {
      id: "https://issuer.example/status/1#7",
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "7",
      statusListCredential: "https://issuer.example/status/1",
    },
    ...extra,
  };
}

const signed = (payload: JsonObject, key = privateKey) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "EdDSA", typ: "vc+jwt", cty: "vc", kid: `${did}#${did.slice(8)}` })
    .sign(key);

let statusCalls = 0;
const revoked: CheckStatus = async () => {
  statusCalls += 1;
  return { outcome: "fail", code: "status.revoked" };
};

const ran = (result: { checks: { check: string }[] }) => result.checks.map((c) => c.check);

describe("verifyJwtCredential with checks", () => {
  it("an expired, revoked credential verifies when only the proof is asked for", async () => {
    const jwt = await signed(credential({ validUntil: "2026-01-01T00:00:00Z" }));
    const all = await verifyJwtCredential(jwt, { now: NOW, checkStatus: revoked });
    expect(all.checks.filter((c) => c.outcome === "fail").map((c) => c.code)).toEqual([
      "validity.expired",
      "status.revoked",
    ]);
    expect(all.verified).toBe(false);

    statusCalls = 0;
    const proofOnly = await verifyJwtCredential(jwt, {
      now: NOW,
      checkStatus: revoked,
      checks: ["proof"],
    });
    expect(ran(proofOnly)).toEqual(["context", "proof"]);
    expect(proofOnly.checks.find((c) => c.check === "proof")?.code).toBe("proof.jwt-valid");
    expect(proofOnly).toMatchObject({ verified: true, verdict: "valid" });
    expect(statusCalls).toBe(0);
  });

  it("asking for the status alone checks it, and nothing of the signature", async () => {
    const forged = await signed(credential(), otherKey);
    const result = await verifyJwtCredential(forged, {
      now: NOW,
      checkStatus: revoked,
      checks: ["status"],
    });
    expect(ran(result)).toEqual(["context", "status"]);
    expect(result.verified).toBe(false);
  });

  it("issuer asks for the signature too; a wrong signature still fails", async () => {
    const forged = await signed(credential(), otherKey);
    const result = await verifyJwtCredential(forged, { now: NOW, checks: ["issuer"] });
    expect(ran(result)).toEqual(["context", "proof"]);
    expect(result.checks.find((c) => c.check === "proof")?.code).toBe("proof.invalid");
    expect(result.verified).toBe(false);
    const genuine = await verifyJwtCredential(await signed(credential()), {
      now: NOW,
      checks: ["issuer"],
    });
    expect(ran(genuine)).toEqual(["context", "proof", "issuer"]);
    expect(genuine.verified).toBe(true);
  });
});
