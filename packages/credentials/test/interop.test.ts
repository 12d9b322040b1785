/**
 * Interoperability both ways with a plain Digital Bazaar set-up: `@digitalbazaar/vc` with the
 * stock suites and the stock `security-document-loader` (its own contexts from npm, its own
 * did:key driver). Nothing of Avala's loader, resolver or verifier is used on the stock side.
 */
import { createDocumentLoader } from "@avala/document-loader";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { describe, expect, it } from "vitest";
import {
  buildAchievementCredential,
  buildPresentation,
  cryptosuites,
  generateSigningKey,
  signCredential,
  signPresentation,
  verifyCredential,
  verifyPresentation,
} from "../src/index.js";
import { credentialInput, now, qualificationAchievement } from "./fixtures/credentials.js";
import { stockDocumentLoader } from "./fixtures/stock-loader.js";

const stockLoader = stockDocumentLoader();
const avalaLoader = createDocumentLoader();
const stockSuites = [
  new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
  new Ed25519Signature2020(),
];

describe("what Avala signs verifies with plain @digitalbazaar/vc", () => {
  it.each(cryptosuites)("%s credential", async (cryptosuite) => {
    const key = await generateSigningKey();
    const credential = await signCredential(
      buildAchievementCredential(credentialInput(key.controller, qualificationAchievement)),
      { key, documentLoader: avalaLoader, cryptosuite },
    );
    const result = await vc.verifyCredential({
      credential,
      suite: stockSuites,
      documentLoader: stockLoader,
      now,
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);

    const tampered = structuredClone(credential);
    tampered.credentialSubject.achievement.humanCode = "EC9999.01";
    const bad = await vc.verifyCredential({
      credential: tampered,
      suite: stockSuites,
      documentLoader: stockLoader,
      now,
    });
    expect(bad.verified).toBe(false);
  });

  it("presentation with challenge and domain", async () => {
    const issuer = await generateSigningKey();
    const holder = await generateSigningKey();
    const credential = await signCredential(
      buildAchievementCredential(
        credentialInput(issuer.controller, qualificationAchievement, {
          subject: { did: holder.controller },
        }),
      ),
      { key: issuer, documentLoader: avalaLoader },
    );
    const presentation = await signPresentation(
      buildPresentation({ holder: holder.controller, credentials: [credential] }),
      { key: holder, documentLoader: avalaLoader, challenge: "c-123", domain: "empleos.example" },
    );
    const result = await vc.verify({
      presentation,
      suite: stockSuites,
      documentLoader: stockLoader,
      challenge: "c-123",
      domain: "empleos.example",
      now,
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });
});

describe("what plain @digitalbazaar/vc signs verifies in Avala", () => {
  async function stockKey() {
    const pair = await Ed25519Multikey.generate();
    const did = `did:key:${pair.publicKeyMultibase}`;
    const keyPair = await Ed25519Multikey.from({
      ...(await pair.export({ publicKey: true, secretKey: true })),
      id: `${did}#${pair.publicKeyMultibase}`,
      controller: did,
    });
    return { did, keyPair };
  }

  // A hand-written OB 3.0 credential in the shape of the spec's own examples.
  const stockCredential = (
    issuer: string,
    subject = "did:example:ebfeb1f712ebc6f1c276e12ec21",
  ) => ({
    "@context": [
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    id: "http://example.edu/credentials/3732",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: issuer, type: ["Profile"], name: "Example Corp" },
    validFrom: "2026-01-01T00:00:00Z",
    name: "Teamwork Badge",
    credentialSubject: {
      id: subject,
      type: ["AchievementSubject"],
      achievement: {
        id: "https://example.com/achievements/21st-century-skills/teamwork",
        type: ["Achievement"],
        criteria: { narrative: "Team members are nominated for this badge by their peers." },
        description:
          "This badge recognizes the development of the capacity to collaborate within a group environment.",
        name: "Teamwork",
      },
    },
  });

  it("eddsa-rdfc-2022 (DataIntegrityProof)", async () => {
    const { did, keyPair } = await stockKey();
    const credential = await vc.issue({
      credential: stockCredential(did),
      suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 }),
      documentLoader: stockLoader,
    });
    const result = await verifyCredential(credential, { documentLoader: avalaLoader, now });
    expect(result.checks.filter((c) => c.outcome !== "pass")).toEqual([]);
    expect(result.verdict).toBe("valid");
  });

  it("Ed25519Signature2020", async () => {
    const { did, keyPair } = await stockKey();
    const credential = await vc.issue({
      credential: {
        ...stockCredential(did),
        "@context": [
          ...stockCredential(did)["@context"],
          "https://w3id.org/security/suites/ed25519-2020/v1",
        ],
      },
      suite: new Ed25519Signature2020({ signer: keyPair.signer() }),
      documentLoader: stockLoader,
    });
    const result = await verifyCredential(credential, { documentLoader: avalaLoader, now });
    expect(result.verdict).toBe("valid");
  });

  it("a stock presentation, challenge enforced", async () => {
    const issuer = await stockKey();
    const holder = await stockKey();
    const credential = await vc.issue({
      credential: stockCredential(issuer.did, holder.did),
      suite: new DataIntegrityProof({
        signer: issuer.keyPair.signer(),
        cryptosuite: eddsaRdfc2022,
      }),
      documentLoader: stockLoader,
    });
    const presentation = await vc.signPresentation({
      presentation: vc.createPresentation({
        verifiableCredential: [credential],
        holder: holder.did,
      }),
      suite: new DataIntegrityProof({
        signer: holder.keyPair.signer(),
        cryptosuite: eddsaRdfc2022,
      }),
      documentLoader: stockLoader,
      challenge: "abc",
    });
    const ok = await verifyPresentation(presentation, {
      documentLoader: avalaLoader,
      now,
      challenge: "abc",
    });
    expect(ok.verdict).toBe("valid");
    const replay = await verifyPresentation(presentation, {
      documentLoader: avalaLoader,
      now,
      challenge: "other",
    });
    expect(replay.verdict).toBe("invalid");
    expect(replay.checks.map((c) => c.code)).toContain("presentation.challenge-mismatch");
  });
});
