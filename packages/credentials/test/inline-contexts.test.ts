/**
 * Inline (object) `@context` entries (VC DM 2.0 §4.3): accepted when they can be processed
 * offline, refused with an honest code when they cannot. The vectors are the W3C VC 2.0 test
 * suite's context cases.
 */
import { Socket } from "node:net";
import { createDocumentLoader } from "@avala/document-loader";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Check, VerificationResult } from "../src/index.js";
import { checkContexts, checkContextsOffline, verifyCredential } from "../src/index.js";
import type { StockKey } from "./fixtures/stock-signing.js";
import { stockIssue, stockKey, stockSuites } from "./fixtures/stock-signing.js";

const V2 = "https://www.w3.org/ns/credentials/v2";
const documentLoader = createDocumentLoader();
const now = new Date("2026-06-01T12:00:00Z");
const notPassing = (result: VerificationResult) =>
  result.checks.filter((c: Check) => c.outcome !== "pass").map((c) => c.code);

const credential = (context: unknown[], extra: Record<string, unknown> = {}) => ({
  "@context": context,
  type: ["VerifiableCredential", "ExampleVerifiableCredential"],
  credentialSubject: { id: "did:example:subject" },
  ...extra,
});

const example = { ExampleVerifiableCredential: "https://example.org/#ExampleVerifiableCredential" };

let key: StockKey;
beforeAll(async () => {
  key = await stockKey();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("accepted: processable offline", () => {
  it("a term map after the credentials context (credential-context-combo2-ok)", async () => {
    const doc = credential([V2, example]);
    expect(checkContexts(doc).code).toBe("context.known");
    expect((await checkContextsOffline(doc)).code).toBe("context.known");
  });

  it("type-scoped contexts, inline or a held URL", async () => {
    const doc = credential([
      V2,
      {
        Example: {
          "@id": "https://example.org/#Example",
          "@context": "https://www.w3.org/ns/credentials/examples/v2",
        },
        ExampleVerifiableCredential: {
          "@id": "https://example.org/#ExampleVerifiableCredential",
          "@context": { alumniOf: "https://schema.org/alumniOf" },
        },
      },
    ]);
    expect((await checkContextsOffline(doc)).code).toBe("context.known");
  });

  it.each(stockSuites)("signed by plain @digitalbazaar/vc (%s), it verifies", async (suite) => {
    const signed = await stockIssue(
      credential([V2, example], {
        issuer: key.did,
        validFrom: "2026-01-01T00:00:00Z",
        ...(suite === "Ed25519Signature2020"
          ? { "@context": [V2, example, "https://w3id.org/security/suites/ed25519-2020/v1"] }
          : {}),
      }),
      key,
      suite,
    );
    const result = await verifyCredential(signed, { documentLoader, now });
    // Not an Open Badge, so its schema is a warning; everything else passes.
    expect(notPassing(result)).toEqual(["schema.not-open-badge"]);
    expect(result.verified).toBe(true);
    // Changing what the inline context says changes what was signed.
    const changed = structuredClone(signed) as { "@context": Record<string, string>[] };
    changed["@context"][1]!.ExampleVerifiableCredential = "https://example.org/#Other";
    const altered = await verifyCredential(changed, { documentLoader, now });
    expect(notPassing(altered)).toEqual(["schema.not-open-badge", "proof.invalid"]);
  });
});

describe("refused, each with its own code", () => {
  it("redefining a protected term → context.protected-redefinition (credential-redef-type-fail)", async () => {
    const check = await checkContextsOffline(
      credential([V2, { VerifiableCredential: "https://example.org/#BadVerifiableCredential" }]),
    );
    expect(check).toMatchObject({
      check: "context",
      outcome: "fail",
      code: "context.protected-redefinition",
      params: { term: "VerifiableCredential" },
    });
    expect(check.message.en).toContain("VerifiableCredential");
  });

  it("an inline context's own protected term redefined later (credential-redef-type2-fail)", async () => {
    const check = await checkContextsOffline(
      credential([
        V2,
        { "@protected": true, ...example },
        { ExampleVerifiableCredential: "https://example.org/#ExampleBadVerifiableCredential" },
      ]),
    );
    expect(check.code).toBe("context.protected-redefinition");
  });

  it("the verifier refuses it too, before believing the proof", async () => {
    const doc = credential([V2, { VerifiableCredential: "https://example.org/#Bad" }], {
      issuer: key.did,
      proof: { type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022" },
    });
    const result = await verifyCredential(doc, { documentLoader, now });
    expect(result.verdict).toBe("invalid");
    expect(notPassing(result)).toContain("context.protected-redefinition");
    expect(result.checks.find((c) => c.check === "proof")).toBeUndefined();
  });

  it("a URL it names that Avala does not hold → context.unknown, and nothing is fetched", async () => {
    const connect = vi.spyOn(Socket.prototype, "connect").mockImplementation(() => {
      throw new Error("no connection may be opened");
    });
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(() => {
      throw new Error("no fetch may be made");
    });
    for (const doc of [
      credential([V2, { "@import": "https://attacker.example/ctx.jsonld" }]),
      credential([
        V2,
        { Example: { "@id": "https://example.org/#E", "@context": "https://attacker.example/x" } },
      ]),
      credential([V2, "https ://not-a-url/contexts/example/v1"]),
    ]) {
      const check = await checkContextsOffline(doc);
      expect(check.code).toBe("context.unknown");
    }
    expect(connect).not.toHaveBeenCalled();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("not a URL or an object, a null mapping, or the wrong first context → context.invalid", () => {
    for (const doc of [
      credential([V2, 123192875]), // credential-context-combo4-fail
      credential([V2, null]),
      credential([V2, [V2]]),
      credential([V2, { ExampleVerifiableCredential: null }]),
      credential([V2, { "@vocab": null }]),
      credential([V2, { Example: { "@id": "https://example.org/#E", "@context": null } }]),
      credential([{ CredentialManagerPresentation: "https://example.org/#C" }, V2]),
      credential(["https://www.w3.org/ns/credentials/examples/v2", V2]),
    ]) {
      expect(checkContexts(doc).code, JSON.stringify(doc["@context"])).toBe("context.invalid");
    }
  });

  it("bounded: how many, how large, how deep", () => {
    const many = Array.from({ length: 17 }, (_, i) => ({ [`t${i}`]: `https://example.org/#${i}` }));
    expect(checkContexts(credential([V2, ...many])).params?.reason).toContain("16 inline");
    const large = { big: `https://example.org/#${"x".repeat(17 * 1024)}` };
    expect(checkContexts(credential([V2, large])).params?.reason).toContain("larger than");
    let deep: Record<string, unknown> = { "@id": "https://example.org/#d" };
    for (let i = 0; i < 10; i++)
      deep = { "@id": "https://example.org/#d", "@context": { t: deep } };
    expect(checkContexts(credential([V2, { t: deep }])).params?.reason).toContain("nested");
    // At the bounds it is fine.
    expect(checkContexts(credential([V2, ...many.slice(0, 16)])).code).toBe("context.known");
  });

  it("embedded anywhere in the document, the same rules hold", async () => {
    const nested = credential([V2], {
      credentialSubject: {
        id: "did:example:subject",
        "@context": { VerifiableCredential: "https://example.org/#Bad" },
      },
    });
    expect(checkContexts(nested).code).toBe("context.known");
    expect((await checkContextsOffline(nested)).code).toBe("context.protected-redefinition");
    const harmless = credential([V2], {
      credentialSubject: { id: "did:example:subject", "@context": example },
    });
    expect((await checkContextsOffline(harmless)).code).toBe("context.known");
    const nulled = credential([V2], {
      credentialSubject: { id: "did:example:subject", "@context": { name: null } },
    });
    expect(checkContexts(nulled).code).toBe("context.invalid");
  });
});
