/**
 * Open Badges 3.0 on VC 1.1 (credentials/v1, `issuanceDate`, OB 3.0.0-3.0.2 contexts), as
 * DCC's stack and many issuers still produce, signed by the stock `@digitalbazaar/vc` with each
 * suite and verified by Avala.
 */
import { createDocumentLoader } from "@avala/document-loader";
import { beforeAll, describe, expect, it } from "vitest";
import type { Check, VerificationResult } from "../src/index.js";
import { checkOpenBadgesSchema, checkValidity, verifyCredential } from "../src/index.js";
import type { StockKey } from "./fixtures/stock-signing.js";
import { stockIssue, stockKey, stockSuites } from "./fixtures/stock-signing.js";

const documentLoader = createDocumentLoader();
const now = new Date("2026-06-01T12:00:00Z");
const notPassing = (result: VerificationResult) =>
  result.checks.filter((c: Check) => c.outcome !== "pass").map((c) => c.code);

const OB_CONTEXTS = [
  "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
];

/** An OB 3.0 credential in the VC 1.1 shape of the 3.0.2 specification's examples. */
function vc11Badge(issuer: string, obContext: string, extra: Record<string, unknown> = {}) {
  return {
    "@context": ["https://www.w3.org/2018/credentials/v1", obContext],
    id: "urn:uuid:2f4d8a52-3d8b-4f0e-9a8e-51c2f0f7a111",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: issuer, type: "Profile", name: "Example Corp" },
    issuanceDate: "2026-01-01T00:00:00Z",
    expirationDate: "2030-01-01T00:00:00Z",
    name: "Teamwork Badge",
    credentialSubject: {
      id: "did:example:ebfeb1f712ebc6f1c276e12ec21",
      type: "AchievementSubject",
      achievement: {
        id: "https://example.com/achievements/21st-century-skills/teamwork",
        type: "Achievement",
        criteria: { narrative: "Team members are nominated for this badge by their peers." },
        description: "This badge recognizes the ability to collaborate within a group.",
        name: "Teamwork",
      },
    },
    ...extra,
  };
}

let key: StockKey;
beforeAll(async () => {
  key = await stockKey();
});

describe("VC 1.1 Open Badges 3.0 signed by plain @digitalbazaar/vc", () => {
  it.each(stockSuites.flatMap((suite) => OB_CONTEXTS.map((context) => [suite, context] as const)))(
    "%s with %s verifies with every check passing",
    async (suite, obContext) => {
      const credential = await stockIssue(vc11Badge(key.did, obContext), key, suite);
      const result = await verifyCredential(credential, { documentLoader, now });
      expect(notPassing(result)).toEqual([]);
      expect(result.verdict).toBe("valid");
      expect(result.checks.map((c) => c.code)).toEqual(
        expect.arrayContaining(["schema.valid", "validity.current", "proof.valid", "issuer.bound"]),
      );
    },
  );

  it("reads expirationDate and issuanceDate for the validity window", async () => {
    const credential = await stockIssue(
      vc11Badge(key.did, OB_CONTEXTS[2]!, { expirationDate: "2026-03-01T00:00:00Z" }),
      key,
    );
    const expired = await verifyCredential(credential, { documentLoader, now });
    expect(expired.verdict).toBe("invalid");
    expect(expired.checks.find((c) => c.check === "validity")).toMatchObject({
      code: "validity.expired",
      params: { date: "2026-03-01T00:00:00Z" },
    });
    const early = await verifyCredential(credential, {
      documentLoader,
      now: new Date("2025-12-01T00:00:00Z"),
    });
    expect(early.checks.find((c) => c.check === "validity")?.code).toBe("validity.not-yet-valid");
    // A VC 1.1 document's validity is its own dates only; a stray `validUntil` is not read.
    const stray = { ...vc11Badge(key.did, OB_CONTEXTS[2]!), validUntil: "2020-01-01T00:00:00Z" };
    expect(checkValidity(stray, now).code).toBe("validity.current");
  });

  it("a tampered VC 1.1 badge is altered (proof.invalid), not a schema problem", async () => {
    const credential = await stockIssue(vc11Badge(key.did, OB_CONTEXTS[1]!), key);
    const tampered = structuredClone(credential) as { name: string };
    tampered.name = "Leadership Badge";
    const result = await verifyCredential(tampered, { documentLoader, now });
    expect(notPassing(result)).toEqual(["proof.invalid"]);
  });
});

describe("the OB schema for VC 1.1 (the 3.0.3 schema through the VC 1.1 field mapping)", () => {
  it("passes a VC 1.1 badge and names VC 1.1 fields in its errors", () => {
    expect(checkOpenBadgesSchema(vc11Badge("did:example:issuer", OB_CONTEXTS[0]!)).code).toBe(
      "schema.valid",
    );
    const { issuanceDate: _dropped, ...undated } = vc11Badge("did:example:i", OB_CONTEXTS[0]!);
    const check = checkOpenBadgesSchema(undated);
    expect(check).toMatchObject({ outcome: "fail", code: "schema.invalid" });
    expect(check.params?.reason).toContain("issuanceDate");
    expect(check.params?.reason).not.toContain("validFrom");
    const badDate = checkOpenBadgesSchema(
      vc11Badge("did:example:i", OB_CONTEXTS[0]!, { expirationDate: "next year" }),
    );
    expect(badDate.params?.reason).toContain("/expirationDate");
  });

  it("still requires what OB 3.0 requires (an achievement) and a VC 2.0 badge its validFrom", () => {
    const badge = vc11Badge("did:example:i", OB_CONTEXTS[2]!);
    const noAchievement = {
      ...badge,
      credentialSubject: { ...badge.credentialSubject, achievement: undefined },
    };
    expect(checkOpenBadgesSchema(JSON.parse(JSON.stringify(noAchievement))).code).toBe(
      "schema.invalid",
    );
    // The mapping is for VC 1.1 only: a VC 2.0 credential with VC 1.1 dates is not rescued.
    const mixed = {
      ...badge,
      "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      ],
    };
    expect(checkOpenBadgesSchema(mixed).params?.reason).toContain("validFrom");
  });
});
