/**
 * The compiled CBOR-LD encoder (`src/compiled-cborld.ts`) against `@digitalbazaar/cborld`'s
 * `encode`, on generated compact editions and proofs: optional fields, array lengths, both OB
 * credential types, and values of every codec (https/http/urn:uuid/did:key/plain URLs, values
 * that are terms, dates with and without seconds or offsets, multibase and not, strings with
 * quotes, control characters, U+2028, emoji). Every document's bytes must be identical.
 *
 * A fixed seed; AVALA_CBORLD_RUNS and AVALA_CBORLD_SEED search further.
 */
import type { JsonObject } from "@avala/credentials";
import { createDocumentLoader } from "@avala/document-loader";
import { encode } from "@digitalbazaar/cborld";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compiledCborLdAvailable, createCompiledCborLdEncoder } from "../src/compiled-cborld.js";

const RUNS = Number(process.env.AVALA_CBORLD_RUNS) || 150;
const SEED = Number(process.env.AVALA_CBORLD_SEED) || 20261129;
const V2 = "https://www.w3.org/ns/credentials/v2";
const OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const DID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

const loader = createDocumentLoader();
const documentLoader = (url: string) => loader(url);
const stock = (document: JsonObject) =>
  encode({ jsonldDocument: document, documentLoader, format: "cbor-ld-1.0", registryEntryId: 1 });

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom('comillas " y \\ barra', "línea\u2028nueva", "🎓 Núñez", "\u0000\u001f", "_:b0"),
  fc.constantFrom("Achievement", "Certificate", "name", "id", "xsd:string"),
);
const url = fc.oneof(
  fc.webUrl(),
  fc.uuid().map((u) => `urn:uuid:${u}`),
  fc.constantFrom(DID, `${DID}#${DID.slice(8)}`, "http://example.mx/a", "Achievement", "mailto:x"),
  text,
);
const date = fc.oneof(
  fc
    .date({ min: new Date("1970-01-01"), max: new Date("2200-01-01"), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
    .map((d) => d.toISOString().replace(/\.\d{3}Z$/, "Z")),
  fc.constantFrom("2026-03-12T00:00:00-06:00", "2026-03-12", "not a date", "2026-03-12T00:00Z"),
);
const multibase = fc.oneof(
  fc.constant(`z${"3".repeat(87)}`),
  fc
    .uint8Array({ minLength: 1, maxLength: 70 })
    .map((b) => `u${Buffer.from(b).toString("base64url")}`),
  text,
);

const document = fc
  .record(
    {
      id: url,
      obType: fc.constantFrom("OpenBadgeCredential", "AchievementCredential"),
      issuerName: text,
      subjectId: fc.option(url, { nil: undefined }),
      learner: fc.option(text, { nil: undefined }),
      achievementId: url,
      achievementType: fc.option(fc.constantFrom("Certificate", "License", "ext:Cosa", "x"), {
        nil: undefined,
      }),
      name: text,
      description: text,
      criteria: fc.oneof(
        url.map((id) => ({ id })),
        text.map((narrative) => ({ narrative })),
      ),
      code: fc.option(text, { nil: undefined }),
      related: fc.array(fc.record({ id: url, name: text }), { maxLength: 2 }),
      validFrom: date,
      validUntil: fc.option(date, { nil: undefined }),
      index: fc.oneof(fc.nat().map(String), fc.nat({ max: 1 << 30 }), text),
      list: url,
      proof: fc.option(
        fc.record({ created: date, verificationMethod: url, proofValue: multibase }),
        { nil: undefined },
      ),
    },
    { requiredKeys: ["id", "obType", "issuerName", "achievementId", "name", "description"] },
  )
  .map((v): JsonObject => {
    const achievement: JsonObject = { id: v.achievementId, type: ["Achievement"] };
    if (v.achievementType !== undefined) achievement["achievementType"] = v.achievementType;
    achievement["name"] = v.name;
    achievement["description"] = v.description;
    if (v.criteria) achievement["criteria"] = v.criteria;
    if (v.code !== undefined) achievement["humanCode"] = v.code;
    if (v.related?.length) {
      achievement["related"] = v.related.map((r) => ({
        id: r.id,
        type: ["Related"],
        inLanguage: "en",
        name: r.name,
      }));
    }
    const subject: JsonObject = {};
    if (v.subjectId !== undefined) subject["id"] = v.subjectId;
    subject["type"] = ["AchievementSubject"];
    if (v.learner !== undefined) subject["name"] = v.learner;
    subject["achievement"] = achievement;
    const doc: JsonObject = {
      "@context": [V2, OB],
      id: v.id,
      type: ["VerifiableCredential", v.obType],
      issuer: { id: DID, type: ["Profile"], name: v.issuerName },
      validFrom: v.validFrom ?? "2026-01-01T00:00:00Z",
      credentialSubject: subject,
      credentialStatus: {
        type: "BitstringStatusListEntry",
        statusPurpose: "revocation",
        statusListIndex: v.index ?? "0",
        statusListCredential: v.list ?? "https://example.mx/status/1",
      },
    };
    if (v.validUntil !== undefined) doc["validUntil"] = v.validUntil;
    if (v.proof) {
      doc["proof"] = {
        type: "DataIntegrityProof",
        cryptosuite: "eddsa-rdfc-2022",
        created: v.proof.created,
        verificationMethod: v.proof.verificationMethod,
        proofPurpose: "assertionMethod",
        proofValue: v.proof.proofValue,
      };
    }
    return doc;
  });

/** What an encoder gives: the bytes, or that it refused. */
async function outcome(run: () => Promise<Uint8Array>): Promise<string> {
  try {
    return Buffer.from(await run()).toString("hex");
  } catch {
    return "refused";
  }
}

describe("compiled CBOR-LD encoding", () => {
  it("gives the same bytes as @digitalbazaar/cborld for generated credentials", async () => {
    expect(await compiledCborLdAvailable()).toBe(true);
    let encoded = 0;
    let refused = 0;
    // A small cache, so that shapes are compiled again after it starts over, too.
    const compiled = createCompiledCborLdEncoder(documentLoader, { maxShapes: 8 });
    await fc.assert(
      fc.asyncProperty(fc.array(document, { minLength: 1, maxLength: 4 }), async (documents) => {
        for (const doc of documents) {
          const expected = await outcome(() => stock(doc));
          if (expected === "refused") refused++;
          else encoded++;
          expect(await outcome(() => compiled(doc))).toBe(expected);
          // The second time through the compiled shape, too.
          expect(await outcome(() => compiled(structuredClone(doc)))).toBe(expected);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Both: mostly encoded, some refused by the library (and by the compiled encoder alike).
    expect(encoded).toBeGreaterThan(refused);
  }, 120_000);

  it("keeps to the library for what is not plain JSON", async () => {
    const compiled = createCompiledCborLdEncoder(documentLoader);
    const doc: JsonObject = { "@context": [V2], type: ["VerifiableCredential"], id: "urn:x" };
    const odd = { ...doc, validFrom: new Date("2026-01-01") } as unknown as JsonObject;
    expect(await outcome(() => compiled(odd))).toBe(await outcome(() => stock(odd)));
  });
});
