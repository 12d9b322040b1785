import { type Credential, generateSigningKey, signCredential } from "@avala/credentials";
import { createDocumentLoader } from "@avala/document-loader";
import { describe, expect, it } from "vitest";
import { signCompactEdition } from "../src/index.js";
import { fullCredential } from "./fixtures.js";

const documentLoader = createDocumentLoader();
const date = new Date("2026-11-29T12:00:00Z");

describe("signCompactEdition with a sample proof", () => {
  it("signs only the shape it keeps, and keeps the same one", async () => {
    const key = await generateSigningKey();
    const full = await signCredential(fullCredential(key.controller), {
      key,
      documentLoader,
      date,
    });
    const signing = () => {
      const signed: Credential[] = [];
      const sign = async (unsigned: Credential) => {
        signed.push(unsigned);
        return signCredential(unsigned, { key, documentLoader, date });
      };
      return { signed, sign };
    };
    const id = "urn:uuid:0a7fab37-e553-44b2-8e8f-836a32127080";
    const plain = signing();
    const without = await signCompactEdition(full, { id, sign: plain.sign });
    const sampled = signing();
    const withSample = await signCompactEdition(full, {
      id,
      sign: sampled.sign,
      sampleProof: full.proof,
    });
    // The fixture's richest shape does not fit: without a sample it is signed too, to be measured.
    expect(without?.shape).not.toEqual({ description: 160, english: true, code: true });
    expect(plain.signed).toHaveLength(2);
    expect(sampled.signed).toHaveLength(1);
    // Ed25519 is deterministic: the very same edition, proof included.
    expect(withSample).toEqual(without);
  });

  it("measures the signed edition anyway: a sample of another size cannot make it too large", async () => {
    const key = await generateSigningKey();
    const full = await signCredential(fullCredential(key.controller), {
      key,
      documentLoader,
      date,
    });
    const proof = full.proof as unknown as Record<string, unknown>;
    const edition = await signCompactEdition(full, {
      id: "urn:uuid:0a7fab37-e553-44b2-8e8f-836a32127081",
      sign: (unsigned) => signCredential(unsigned, { key, documentLoader, date }),
      // Far smaller than the real proof: every shape seems to fit.
      sampleProof: { ...proof, verificationMethod: "did:key:x", proofValue: "z1" } as never,
    });
    expect(edition?.qrVersion).toBeLessThanOrEqual(25);
  });
});
