/**
 * The learner's name in the credential (`credentialSubject.name`): validated by the builder,
 * signed, valid against the OB 3.0 JSON Schema and the core's verifier, and verified by plain
 * `@digitalbazaar/vc` with the stock loader (the VC 2.0 context defines `name` as schema:name).
 */
import { createDocumentLoader } from "@avala/document-loader";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { describe, expect, it } from "vitest";
import {
  buildAchievementCredential,
  canonicalForm,
  generateSigningKey,
  MAX_SUBJECT_NAME,
  signCredential,
  subjectName,
  verifyCredential,
} from "../src/index.js";
import { checkOpenBadgesSchema } from "../src/schema-validation.js";
import { credentialInput, now, unitAchievement } from "./fixtures/credentials.js";
import { stockDocumentLoader } from "./fixtures/stock-loader.js";

const loader = createDocumentLoader();
const subject = {
  identifiers: [{ kind: "curp" as const, value: "LOGA040315MDFPRNA3" }],
};

describe("credentialSubject.name", () => {
  it("is signed as given (trimmed), passes the schema, the core and @digitalbazaar/vc", async () => {
    const key = await generateSigningKey();
    const unsigned = buildAchievementCredential(
      credentialInput(key.controller, unitAchievement, {
        subject: { ...subject, name: "  María José Núñez  " },
      }),
    );
    expect(unsigned.credentialSubject.name).toBe("María José Núñez");
    expect(checkOpenBadgesSchema(unsigned).outcome).toBe("pass");
    // schema:name, not a term JSON-LD would drop: the name is part of what is signed.
    const nquads = await canonicalForm(unsigned, loader);
    expect(nquads).toContain('<https://schema.org/name> "María José Núñez"');

    const signed = await signCredential(unsigned, { key, documentLoader: loader });
    const ours = await verifyCredential(signed, { documentLoader: loader, now });
    expect(ours.verdict, JSON.stringify(ours.checks)).not.toBe("invalid");
    expect(ours.checks.find((c) => c.check === "schema")?.outcome).toBe("pass");
    expect(ours.checks.find((c) => c.check === "proof")?.outcome).toBe("pass");

    const stock = await vc.verifyCredential({
      credential: signed,
      suite: [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })],
      documentLoader: stockDocumentLoader(),
      now,
    });
    expect(stock.error).toBeUndefined();
    expect(stock.verified).toBe(true);

    // Another name under the same signature is an altered document.
    const renamed = structuredClone(signed);
    renamed.credentialSubject.name = "Otra Persona";
    const altered = await verifyCredential(renamed, { documentLoader: loader, now });
    expect(altered.checks.find((c) => c.check === "proof")?.code).toBe("proof.invalid");
  });

  it("is absent when not given", () => {
    const unsigned = buildAchievementCredential(
      credentialInput("did:example:issuer", unitAchievement, { subject }),
    );
    expect("name" in unsigned.credentialSubject).toBe(false);
  });

  it.each([
    ["empty", "   "],
    ["too long", "a".repeat(MAX_SUBJECT_NAME + 1)],
    ["a line break", "Ana\nLópez"],
    ["a tab", "Ana\tLópez"],
    ["a NUL", "Ana\u0000"],
    ["a C1 control", "Ana\u0085López"],
    ["a bidirectional override", "Ana \u202eziuL"],
    ["a line separator", "Ana\u2028López"],
  ])("throws a TypeError for %s", (_label, name) => {
    expect(() =>
      buildAchievementCredential(
        credentialInput("did:example:issuer", unitAchievement, { subject: { ...subject, name } }),
      ),
    ).toThrow(TypeError);
  });

  it("accepts names of every script up to the limit", () => {
    expect(subjectName("Ñandú Ó'Brien-Çelik")).toBe("Ñandú Ó'Brien-Çelik");
    expect(subjectName("李小龍")).toBe("李小龍");
    // Counted in characters, not UTF-16 units.
    expect(subjectName("😀".repeat(MAX_SUBJECT_NAME))).toHaveLength(MAX_SUBJECT_NAME * 2);
    expect(() => subjectName(42)).toThrow(TypeError);
  });
});
