import { createDocumentLoader } from "@avala/document-loader";
import { beforeAll, describe, expect, it } from "vitest";
import type { AchievementCredential, Presentation, SigningKey } from "../src/index.js";
import {
  buildAchievementCredential,
  buildPresentation,
  generateSigningKey,
  signCredential,
  signPresentation,
  verifyPresentation,
} from "../src/index.js";
import { credentialInput, now, unitAchievement } from "./fixtures/credentials.js";

const documentLoader = createDocumentLoader();
let issuer: SigningKey;
let holder: SigningKey;
let stranger: SigningKey;
let credential: AchievementCredential;
let presentation: Presentation;

beforeAll(async () => {
  [issuer, holder, stranger] = await Promise.all([
    generateSigningKey(),
    generateSigningKey(),
    generateSigningKey(),
  ]);
  credential = await signCredential(
    buildAchievementCredential(
      credentialInput(issuer.controller, unitAchievement, { subject: { did: holder.controller } }),
    ),
    { key: issuer, documentLoader },
  );
  presentation = await signPresentation(
    buildPresentation({ holder: holder.controller, credentials: [credential] }),
    { key: holder, documentLoader, challenge: "nonce-1", domain: "rh.example.com" },
  );
});

const verify = (vp: unknown, challenge = "nonce-1", domain = "rh.example.com") =>
  verifyPresentation(vp, { documentLoader, now, challenge, domain });

describe("presentations", () => {
  it("verifies the holder's proof, the challenge, the domain and every credential", async () => {
    const result = await verify(presentation);
    expect(result.verdict).toBe("valid");
    expect(result.credentials).toHaveLength(1);
    expect(result.credentials[0]?.verdict).toBe("valid");
    expect(result.checks.map((c) => c.code)).toEqual([
      "context.known",
      "presentation.proof-valid",
      "presentation.credentials-valid",
    ]);
  });

  it("refuses a replay with another challenge or domain", async () => {
    expect((await verify(presentation, "nonce-2")).checks.map((c) => c.code)).toContain(
      "presentation.challenge-mismatch",
    );
    expect((await verify(presentation, "nonce-1", "evil.example")).verdict).toBe("invalid");
  });

  it("refuses a presentation signed by someone other than its holder", async () => {
    const forged = await signPresentation(
      buildPresentation({ holder: holder.controller, credentials: [credential] }),
      { key: stranger, documentLoader, challenge: "nonce-1", domain: "rh.example.com" },
    );
    const result = await verify(forged);
    expect(result.verdict).toBe("invalid");
    expect(result.checks.map((c) => c.code)).toContain("presentation.holder-mismatch");
  });

  it("is invalid when a credential inside was tampered with, and says which", async () => {
    const tamperedCredential = structuredClone(credential);
    tamperedCredential.credentialSubject.achievement.name = "Otra cosa";
    const vp = await signPresentation(
      buildPresentation({ holder: holder.controller, credentials: [tamperedCredential] }),
      { key: holder, documentLoader, challenge: "nonce-1", domain: "rh.example.com" },
    );
    const result = await verify(vp);
    expect(result.verdict).toBe("invalid");
    expect(result.credentials[0]?.checks.map((c) => c.code)).toContain("proof.invalid");
    expect(result.checks.map((c) => c.code)).toContain("presentation.credential-invalid");
  });

  it("warns when a credential belongs to someone else", async () => {
    const vp = await signPresentation(
      buildPresentation({ holder: stranger.controller, credentials: [credential] }),
      { key: stranger, documentLoader, challenge: "nonce-1" },
    );
    const result = await verifyPresentation(vp, { documentLoader, now, challenge: "nonce-1" });
    expect(result.verdict).toBe("valid-with-warnings");
    expect(result.checks.map((c) => c.code)).toContain("presentation.subject-not-holder");
  });

  it("needs a challenge (misuse throws) and refuses non-presentations as data", async () => {
    // @ts-expect-error missing challenge
    await expect(verifyPresentation(presentation, { documentLoader })).rejects.toThrow(TypeError);
    const result = await verify(credential);
    expect(result.checks.map((c) => c.code)).toEqual(["input.not-presentation"]);
  });
});
