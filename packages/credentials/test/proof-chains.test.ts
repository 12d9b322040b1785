/**
 * Proof chains (W3C Data Integrity §2.1.2 and §4.5): a proof whose `previousProof` names another
 * proof's `id` was made over the document with that proof in it, and is verified so. A chain
 * that names a proof the document does not hold, or that runs in a circle, fails by name.
 *
 * The chains are made here with the stock `DataIntegrityProof` (Data Integrity's "Add Proof"
 * for a chain: the proofs named are part of the document that is signed), with keys of their
 * own; nothing of Avala's signing or verifying code makes them.
 */
import { createDocumentLoader } from "@avala/document-loader";
import jsigs from "jsonld-signatures";
import { beforeAll, describe, expect, it } from "vitest";
import type { Check, VerificationResult } from "../src/index.js";
import { verifyCredential } from "../src/index.js";
import type { StockKey } from "./fixtures/stock-signing.js";
import { stockKey, stockLoader, stockSuite } from "./fixtures/stock-signing.js";

type Json = Record<string, unknown>;

const documentLoader = createDocumentLoader();
const signingLoader = stockLoader();
const now = new Date("2026-06-01T12:00:00Z");
const FIRST = "urn:uuid:8f0bdb8e-2b1d-4c55-9d5c-000000000001";
const SECOND = "urn:uuid:8f0bdb8e-2b1d-4c55-9d5c-000000000002";

const notPassing = (result: VerificationResult) =>
  result.checks.filter((c: Check) => c.outcome !== "pass");
const proofCheck = (result: VerificationResult) => result.checks.find((c) => c.check === "proof");
const verify = (credential: Json) => verifyCredential(credential, { documentLoader, now });

let issuer: StockKey;
let notary: StockKey;
let unsecured: Json;

/**
 * A proof by `key` over `document` (which may already hold the proofs it names), with the
 * proof options given (`id`, `previousProof`): the stock suite's own `createProof`.
 */
async function addProof(document: Json, key: StockKey, options: Json): Promise<Json> {
  const suite = stockSuite("eddsa-rdfc-2022", key) as unknown as {
    proof?: Json;
    createProof(options: unknown): Promise<Json>;
  };
  suite.proof = options;
  return suite.createProof({
    document,
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    proofSet: [],
    documentLoader: signingLoader,
  });
}

/** The issuer's proof `FIRST`, then a notary's proof `SECOND` chained to it. */
async function chain(previousProof: unknown = FIRST) {
  const first = await addProof(unsecured, issuer, { id: FIRST });
  const second = await addProof({ ...unsecured, proof: first }, notary, {
    id: SECOND,
    previousProof,
  });
  return { first, second };
}

beforeAll(async () => {
  issuer = await stockKey();
  notary = await stockKey();
  unsecured = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id: "urn:uuid:3b7c2f8e-4a51-4e8b-9c1d-7a9b2c3d4e5f",
    type: ["VerifiableCredential"],
    issuer: issuer.did,
    validFrom: "2026-01-01T00:00:00Z",
    name: "Constancia de participación",
    credentialSubject: { id: "did:example:ebfeb1f712ebc6f1c276e12ec21" },
  };
});

describe("a proof chain verifies over the document with the proofs it names", () => {
  it.each([
    ["a string", FIRST],
    ["a list", [FIRST]],
  ])("previousProof as %s", async (_label, previousProof) => {
    const { first, second } = await chain(previousProof);
    const result = await verify({ ...unsecured, proof: [first, second] });
    expect(proofCheck(result)).toMatchObject({ outcome: "pass", code: "proof.valid" });
    expect(result.checks.find((c) => c.check === "issuer")?.code).toBe("issuer.bound");
    // Not an Open Badge: only the schema's warning is left.
    expect(notPassing(result).map((c) => c.code)).toEqual(["schema.not-open-badge"]);
    expect(result.verified).toBe(true);
    // In either order: a proof set is unordered.
    expect((await verify({ ...unsecured, proof: [second, first] })).verified).toBe(true);
  });

  it("the chained proof really covers the proof it names", async () => {
    const { first } = await chain();
    // A proof that claims to follow FIRST but was made over the bare document.
    const unchained = await addProof(unsecured, notary, { id: SECOND, previousProof: FIRST });
    const result = await verify({ ...unsecured, proof: [first, unchained] });
    expect(proofCheck(result)).toMatchObject({ outcome: "fail", code: "proof.invalid" });
    expect(result.verified).toBe(false);
  });

  it("a previous proof that does not verify makes the chain fail", async () => {
    const { first, second } = await chain();
    const value = String(first.proofValue);
    const broken = {
      ...first,
      proofValue: `${value.slice(0, -4)}${value.slice(-4) === "1111" ? "2222" : "1111"}`,
    };
    const result = await verify({ ...unsecured, proof: [broken, second] });
    expect(proofCheck(result)).toMatchObject({ outcome: "fail", code: "proof.invalid" });
    expect(result.verified).toBe(false);
  });

  it("changing the proof a chained proof names is an alteration", async () => {
    const { first, second } = await chain();
    // The first proof re-made (a new signature over the same document, same id): valid on its
    // own, but not the proof the second one was made over.
    const remade = await addProof(unsecured, issuer, {
      id: FIRST,
      created: "2026-02-02T00:00:00Z",
    });
    expect((await verify({ ...unsecured, proof: remade })).verified).toBe(true);
    const result = await verify({ ...unsecured, proof: [remade, second] });
    expect(proofCheck(result)).toMatchObject({ outcome: "fail", code: "proof.invalid" });
    expect(first.proofValue).not.toBe(remade.proofValue);
  });
});

describe("a broken chain fails by name, never as could-not-check", () => {
  it.each([
    ["names a proof that is not there", "urn:uuid:00000000-0000-4000-8000-00000000dead"],
    ["lists a proof that is not there", [FIRST, "urn:uuid:00000000-0000-4000-8000-00000000dead"]],
  ])("previousProof %s → proof.previous-missing", async (_label, previousProof) => {
    const { first, second } = await chain(previousProof);
    const result = await verify({ ...unsecured, proof: [first, second] });
    expect(notPassing(result).map((c) => [c.code, c.outcome])).toEqual([
      ["schema.not-open-badge", "warning"],
      ["proof.previous-missing", "fail"],
    ]);
    expect(proofCheck(result)!.params).toEqual({
      id: "urn:uuid:00000000-0000-4000-8000-00000000dead",
    });
    expect(proofCheck(result)!.message.en).toContain("not in the document");
    expect(proofCheck(result)!.message.es).toContain("no está en el documento");
    expect(result.verified).toBe(false);
  });

  it("the proof it names was removed → proof.previous-missing", async () => {
    const { second } = await chain();
    const result = await verify({ ...unsecured, proof: second });
    expect(proofCheck(result)).toMatchObject({
      outcome: "fail",
      code: "proof.previous-missing",
      params: { id: FIRST },
    });
    expect(result.verified).toBe(false);
  });

  it("proofs that name each other, or one that names itself → proof.previous-cyclic", async () => {
    const { first, second } = await chain();
    const circle = await verify({
      ...unsecured,
      proof: [{ ...first, previousProof: SECOND }, second],
    });
    expect(proofCheck(circle)).toMatchObject({ outcome: "fail", code: "proof.previous-cyclic" });
    expect(proofCheck(circle)!.message.en).toContain("in a circle");
    expect(circle.verified).toBe(false);
    const itself = await verify({
      ...unsecured,
      proof: [first, { ...second, previousProof: SECOND }],
    });
    expect(proofCheck(itself)).toMatchObject({
      outcome: "fail",
      code: "proof.previous-cyclic",
      params: { id: SECOND },
    });
  });

  it.each([
    ["a number", 456321],
    ["an empty list", []],
    ["a list with a number", [FIRST, 7]],
  ])("previousProof that is %s → proof.malformed", async (_label, previousProof) => {
    const { first, second } = await chain();
    const result = await verify({ ...unsecured, proof: [first, { ...second, previousProof }] });
    expect(proofCheck(result)).toMatchObject({ outcome: "fail", code: "proof.malformed" });
    expect(String(proofCheck(result)!.params?.reason)).toContain("previousProof");
  });

  it("two proofs with the id a chained proof names → proof.malformed", async () => {
    const { first, second } = await chain();
    const twin = await addProof(unsecured, notary, { id: FIRST });
    const result = await verify({ ...unsecured, proof: [first, twin, second] });
    expect(proofCheck(result)).toMatchObject({ outcome: "fail", code: "proof.malformed" });
    expect(String(proofCheck(result)!.params?.reason)).toContain("more than one proof");
  });
});
