/**
 * Presentations per VC DM 2.0 §4.13: `holder` a URL, an object with an `id`, or absent; the
 * holder binding checked only when a holder is claimed; `verifiableCredential` one object or an
 * array of objects, each verified with its own checks; an unsigned presentation accepted when
 * the verifier asked for no challenge. Signed by the stock `@digitalbazaar/vc`, as the W3C VC 2.0
 * test suite signs its presentations.
 */
import { createDocumentLoader } from "@avala/document-loader";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPresentation } from "../src/index.js";
import type { StockKey } from "./fixtures/stock-signing.js";
import { stockIssue, stockKey, stockSignPresentation } from "./fixtures/stock-signing.js";

const V2 = "https://www.w3.org/ns/credentials/v2";
const documentLoader = createDocumentLoader();
const now = new Date("2026-06-01T12:00:00Z");
const challenge = "u3Xw1rH0b2mQ8d2w";
const domain = "github.com/w3c/vc-data-model-2.0-test-suite";

let holder: StockKey;
let other: StockKey;
let credential: Record<string, unknown>;

const presentation = (extra: Record<string, unknown> = {}) => ({
  "@context": [V2],
  type: ["VerifiablePresentation"],
  ...extra,
});

const verify = (vp: unknown, asked: string | null = challenge) =>
  verifyPresentation(vp, {
    documentLoader,
    now,
    challenge: asked,
    ...(asked === null ? {} : { domain }),
  });

const codes = (r: { checks: { code: string }[] }) => r.checks.map((c) => c.code);

beforeAll(async () => {
  [holder, other] = await Promise.all([stockKey(), stockKey()]);
  credential = await stockIssue(
    {
      "@context": [V2],
      type: ["VerifiableCredential"],
      issuer: holder.did,
      validFrom: "2026-01-01T00:00:00Z",
      credentialSubject: { id: "did:example:subject" },
    },
    holder,
  );
});

describe("the holder", () => {
  it.each([
    ["a string", (did: string) => did],
    ["an object with its id", (did: string) => ({ id: did })],
  ])("as %s: the signer must be the holder", async (_, holderValue) => {
    const vp = await stockSignPresentation(
      presentation({ holder: holderValue(holder.did), verifiableCredential: [credential] }),
      holder,
      challenge,
      domain,
    );
    const result = await verify(vp);
    expect(codes(result)).toEqual([
      "context.known",
      "presentation.proof-valid",
      "presentation.credentials-valid",
      "presentation.subject-not-holder",
    ]);
    expect(result.verified).toBe(true);
    const forged = await stockSignPresentation(
      presentation({ holder: holderValue(holder.did), verifiableCredential: [credential] }),
      other,
      challenge,
      domain,
    );
    const refused = await verify(forged);
    expect(refused.verdict).toBe("invalid");
    expect(codes(refused)).toContain("presentation.holder-mismatch");
  });

  it("absent: no binding to check, the proof and the credentials still are", async () => {
    const empty = await stockSignPresentation(presentation(), other, challenge, domain);
    const emptyResult = await verify(empty);
    expect(codes(emptyResult)).toEqual(["context.known", "presentation.proof-valid"]);
    expect(emptyResult.verdict).toBe("valid");
    const withCredential = await stockSignPresentation(
      presentation({ verifiableCredential: [credential] }),
      other,
      challenge,
      domain,
    );
    // (Its credential is not an Open Badge: a schema warning, so valid with warnings.)
    expect((await verify(withCredential)).verdict).toBe("valid-with-warnings");
    // The challenge still binds it to this request.
    expect(codes(await verify(withCredential, "another"))).toContain(
      "presentation.challenge-mismatch",
    );
  });

  it("neither a URL nor an object with a URL id → presentation.holder-invalid", async () => {
    for (const bad of [
      "z6MkpJySvETLnxhQG9DzEdmKJtysBDjuuTeDfUj1uNNCUqcj", // presentation-holder-fail
      { id: "z6MkpJySvETLnxhQG9DzEdmKJtysBDjuuTeDfUj1uNNCUqcj" }, // presentation-holder-object-fail
      { name: "Acme" }, // presentation-holder-name-fail
      42,
    ]) {
      const vp = await stockSignPresentation(
        presentation({ verifiableCredential: [credential] }),
        holder,
        challenge,
        domain,
      );
      const result = await verify({ ...vp, holder: bad });
      expect(result.verdict, JSON.stringify(bad)).toBe("invalid");
      expect(codes(result)).toContain("presentation.holder-invalid");
    }
  });
});

describe("the credentials inside", () => {
  it("one object or an array, each with its own result", async () => {
    const single = await stockSignPresentation(
      presentation({ holder: holder.did, verifiableCredential: credential }),
      holder,
      challenge,
      domain,
    );
    const result = await verify(single);
    expect(result.credentials).toHaveLength(1);
    expect(result.credentials[0]?.verified).toBe(true);

    const tampered = { ...credential, issuer: other.did };
    const mixed = await stockSignPresentation(
      presentation({ holder: holder.did, verifiableCredential: [credential, tampered] }),
      holder,
      challenge,
      domain,
    );
    const mixedResult = await verify(mixed);
    expect(mixedResult.credentials.map((c) => c.verdict)).toEqual([
      "valid-with-warnings",
      "invalid",
    ]);
    expect(mixedResult.verdict).toBe("invalid");
    expect(codes(mixedResult)).toContain("presentation.credential-invalid");
  });

  it("a string (a JWT, a URL) is not a credential → presentation.credential-not-object", async () => {
    const vp = await stockSignPresentation(presentation(), holder, challenge, domain);
    const result = await verify({ ...vp, verifiableCredential: ["eyJhbGciOiJFUzI1NiJ9.e30.x"] });
    expect(result.verdict).toBe("invalid");
    expect(codes(result)).toContain("presentation.credential-not-object");
    expect(result.credentials).toEqual([]);
  });

  it("each is verified with only the checks asked for", async () => {
    const expired = await stockIssue(
      {
        "@context": [V2],
        type: ["VerifiableCredential"],
        issuer: holder.did,
        validFrom: "2020-01-01T00:00:00Z",
        validUntil: "2021-01-01T00:00:00Z",
        credentialSubject: { id: holder.did },
      },
      holder,
    );
    const vp = await stockSignPresentation(
      presentation({ holder: holder.did, verifiableCredential: [expired] }),
      holder,
      challenge,
      domain,
    );
    expect((await verify(vp)).verdict).toBe("invalid");
    const proofOnly = await verifyPresentation(vp, {
      documentLoader,
      now,
      challenge,
      domain,
      checks: ["proof"],
    });
    expect(proofOnly.verdict).toBe("valid");
    expect(proofOnly.credentials[0]?.checks.map((c) => c.check)).toEqual([
      "jsonld",
      "context",
      "proof",
    ]);
  });
});

describe("with no challenge asked (challenge: null)", () => {
  it("an unsigned presentation is a bundle: accepted, each credential verified", async () => {
    const bundle = presentation({ verifiableCredential: [credential] });
    const result = await verify(bundle, null);
    expect(codes(result)).toEqual([
      "context.known",
      "presentation.unsigned",
      "presentation.credentials-valid",
    ]);
    expect(result.verified).toBe(true);
    expect(result.signed).toBe(false);
    expect(codes(await verify(presentation(), null))).toContain("presentation.empty");
  });

  it("a signed one is refused: it was signed for another request", async () => {
    const vp = await stockSignPresentation(presentation(), holder, challenge, domain);
    const result = await verify(vp, null);
    expect(result.verdict).toBe("invalid");
    expect(codes(result)).toContain("presentation.challenge-required");
  });

  it("and with a challenge asked, an unsigned one is refused", async () => {
    const result = await verify(presentation({ verifiableCredential: [credential] }));
    expect(result.verdict).toBe("invalid");
    expect(codes(result)).toContain("presentation.proof-missing");
  });
});

describe("contexts of a presentation", () => {
  it("an inline context is accepted; the wrong first context is not", async () => {
    const vp = await stockSignPresentation(
      presentation({
        "@context": [V2, { ExampleVerifiablePresentation: "https://example.org/#EVP" }],
        type: ["VerifiablePresentation", "ExampleVerifiablePresentation"],
        holder: holder.did,
      }),
      holder,
      challenge,
      domain,
    );
    expect((await verify(vp)).verdict).toBe("valid");
    const reordered = { ...vp, "@context": [...(vp["@context"] as unknown[])].reverse() };
    expect(codes(await verify(reordered))).toEqual(["context.invalid"]);
  });
});
