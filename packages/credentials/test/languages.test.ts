/**
 * English beside Spanish with published contexts only: the English edition of an achievement
 * (OB 3.0 `related`), read back in either language; credentials Avala signed before with its
 * own context still verify and read; the grant of the right to accredit needs no context a
 * verifier would have to load.
 */
import { createDocumentLoader } from "@avala/document-loader";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { SigningKey } from "../src/index.js";
import {
  AVALA_CONTEXT,
  achievementTexts,
  buildAchievement,
  buildAchievementCredential,
  buildEndorsementCredential,
  checkOpenBadgesSchema,
  generateSigningKey,
  OB_V3_CONTEXT,
  signCredential,
  UNDEFINED_TERMS_CONTEXT,
  VC_V2_CONTEXT,
  verifyCredential,
} from "../src/index.js";
import {
  credentialInput,
  microcredentialAchievement,
  now,
  qualificationAchievement,
  unitAchievement,
} from "./fixtures/credentials.js";
import { stockDocumentLoader } from "./fixtures/stock-loader.js";

const avalaLoader = createDocumentLoader();
const stockLoader = stockDocumentLoader();
const stockSuite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
let key: SigningKey;

beforeAll(async () => {
  key = await generateSigningKey();
});

describe("the English edition of an achievement", () => {
  it.each([
    ["unit", unitAchievement],
    ["microcredential", microcredentialAchievement],
    ["qualification", qualificationAchievement],
  ] as const)(
    "%s: published contexts only, OB 3.0 schema-valid, English readable",
    async (_, input) => {
      const credential = buildAchievementCredential(credentialInput(key.controller, input));
      expect(credential["@context"]).toEqual([VC_V2_CONTEXT, OB_V3_CONTEXT]);
      expect(JSON.stringify(credential)).not.toMatch(/localized|w3id\.org\/avala/);
      expect(checkOpenBadgesSchema(credential).outcome).toBe("pass");
      const achievement = credential.credentialSubject.achievement;
      expect(achievement.inLanguage).toBe("es-MX");
      expect(achievement.related).toEqual([
        {
          id: `${input.id}#en`,
          type: ["Related"],
          inLanguage: "en",
          name: input.name.en,
          description: input.description.en,
          narrative: input.criteria.en,
        },
      ]);
      expect(achievementTexts(achievement, "en")).toEqual({
        name: input.name.en,
        description: input.description.en,
        criteria: input.criteria.en,
      });
      expect(achievementTexts(achievement, "es")).toEqual({
        name: input.name.es,
        description: input.description.es,
        criteria: input.criteria.es,
      });
      // Signed, it verifies with a stock loader that holds only the published contexts.
      const signed = await signCredential(credential, { key, documentLoader: avalaLoader });
      const stock = await vc.verifyCredential({
        credential: signed,
        suite: [stockSuite],
        documentLoader: stockLoader,
        now,
      });
      expect(stock.error).toBeUndefined();
      expect(stock.verified).toBe(true);
    },
  );

  it("only the texts that have an English version; none at all without English", () => {
    const partial = buildAchievement({
      ...unitAchievement,
      description: { es: unitAchievement.description.es },
      criteria: { es: unitAchievement.criteria.es },
    });
    expect(partial.related).toEqual([
      {
        id: `${unitAchievement.id}#en`,
        type: ["Related"],
        inLanguage: "en",
        name: unitAchievement.name.en,
      },
    ]);
    // The missing English texts fall back to the Spanish ones.
    expect(achievementTexts(partial, "en")).toEqual({
      name: unitAchievement.name.en,
      description: unitAchievement.description.es,
      criteria: unitAchievement.criteria.es,
    });
    const spanishOnly = buildAchievement({
      ...unitAchievement,
      name: { es: "Sólo español" },
      description: { es: "Descripción" },
      criteria: { es: "Criterios" },
    });
    expect(spanishOnly.related).toBeUndefined();
    expect(achievementTexts(spanishOnly, "en").name).toBe("Sólo español");
  });

  it("reads another issuer's editions too: an English achievement with a Spanish edition", () => {
    const foreign = {
      name: "Data Literacy",
      description: "Reads data.",
      criteria: { narrative: "Passed the course." },
      inLanguage: "en-US",
      related: { id: "https://u.example/a#es", type: "Related", inLanguage: "es", name: "Datos" },
    };
    expect(achievementTexts(foreign, "es")).toEqual({
      name: "Datos",
      description: "Reads data.",
      criteria: "Passed the course.",
    });
    expect(achievementTexts(foreign, "en").name).toBe("Data Literacy");
  });

  it("reads any JSON without throwing", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom("es", "en", "", "EN-gb"), (value, language) => {
        const texts = achievementTexts(value, language);
        for (const text of Object.values(texts)) expect(typeof text).toBe("string");
      }),
    );
  });
});

describe("credentials Avala signed before with its own context", () => {
  it("still verify in Avala (the loader keeps the context) and read in both languages", async () => {
    // The shape main signed: language maps under https://w3id.org/avala/v1.
    const credential = buildAchievementCredential(
      credentialInput(key.controller, qualificationAchievement),
    ) as unknown as Record<string, unknown> & {
      credentialSubject: { achievement: Record<string, unknown> };
      issuer: Record<string, unknown>;
    };
    credential["@context"] = [VC_V2_CONTEXT, OB_V3_CONTEXT, AVALA_CONTEXT];
    const achievement = credential.credentialSubject.achievement;
    delete achievement["related"];
    achievement["localizedName"] = { es: "Nombre", en: "Old English name" };
    achievement["localizedDescription"] = { es: "Descripción", en: "Old English description" };
    achievement["criteria"] = {
      narrative: "Criterios",
      localizedNarrative: { es: "Criterios", en: "Old English criteria" },
    };
    credential.issuer["localizedName"] = { es: "Entidad", en: "Body" };
    const signed = await signCredential(credential as never, { key, documentLoader: avalaLoader });
    const result = await verifyCredential(signed, { documentLoader: avalaLoader, now });
    expect(result.checks.filter((c) => c.outcome !== "pass")).toEqual([]);
    expect(achievementTexts(achievement, "en")).toEqual({
      name: "Old English name",
      description: "Old English description",
      criteria: "Old English criteria",
    });
  });
});

describe("the grant of the right to accredit", () => {
  it("is defined inline: no context to load, verifies with the published contexts alone", async () => {
    const endorsement = buildEndorsementCredential({
      id: "urn:uuid:9b2f6f0e-2c55-4f43-9d3e-3c1f5a1d7e01",
      issuer: { id: key.controller, name: { es: "CONOCER" } },
      subjectId: "did:web:ece01.example.mx",
      comment: { es: "Acreditada", en: "Accredited" },
      validFrom: "2026-01-15T00:00:00Z",
      mayAccredit: true,
    });
    const contexts = endorsement["@context"];
    expect(contexts).not.toContain(UNDEFINED_TERMS_CONTEXT);
    expect(contexts.filter((c) => typeof c === "string")).toEqual([VC_V2_CONTEXT, OB_V3_CONTEXT]);
    expect(contexts[2]).toEqual({ mayAccredit: "https://w3id.org/avala/vocab#mayAccredit" });
    expect(endorsement.credentialSubject["mayAccredit"]).toBe(true);
    const signed = await signCredential(endorsement, { key, documentLoader: avalaLoader });
    // A loader that knows only the published contexts and fails on anything else.
    const published = async (url: string) => {
      if (url === UNDEFINED_TERMS_CONTEXT) throw new Error(`not loaded: ${url}`);
      return stockLoader(url);
    };
    const stock = await vc.verifyCredential({
      credential: signed,
      suite: [stockSuite],
      documentLoader: published,
      now,
    });
    expect(stock.error).toBeUndefined();
    expect(stock.verified).toBe(true);
  });
});
