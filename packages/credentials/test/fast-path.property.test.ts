/**
 * The fast path (compiled shapes, the template canonicalizer, cached keys; see README
 * "Performance") against the stock path, on generated credentials of many shapes: each family
 * is one shape (optional fields, array lengths, inline contexts, language values, embedded
 * endorsements, either suite) filled with several sets of strings (quotes, backslashes, control
 * characters, U+2028, emoji, `_:` labels, IRI-like strings, compact IRIs, terms). For every
 * document: the canonical N-Quads equal jsonld.js + rdf-canonize's, byte for byte, and the
 * signed credential equals what plain @digitalbazaar/vc signs (same proof value), or both
 * refuse it with the same error. Every signed one verifies, and every tampered one (a string
 * changed anywhere, proof included) fails, here and with @digitalbazaar/vc.
 *
 * A fixed seed and a fixed number of families (about 15-30 s on a busy two-core machine);
 * AVALA_FAST_PATH_RUNS and AVALA_FAST_PATH_SEED search further.
 */
import { createDocumentLoader } from "@avala/document-loader";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import fc from "fast-check";
import jsigs from "jsonld-signatures";
import { beforeAll, describe, expect, it } from "vitest";
import type { Credential, Cryptosuite, SigningKey } from "../src/index.js";
import {
  buildEndorsementCredential,
  generateSigningKey,
  signCredential,
  verifyCredential,
} from "../src/index.js";
import type { CanonizePath } from "../src/shape-canonizer.js";
import { canonizeThroughShapes } from "../src/shape-canonizer.js";
import { fillShape, readShape } from "../src/shape-reading.js";

const RUNS = Number(process.env.AVALA_FAST_PATH_RUNS) || 50;
const SEED = Number(process.env.AVALA_FAST_PATH_SEED) || 20261129;
const DOCUMENTS_PER_FAMILY = 6;

const V2 = "https://www.w3.org/ns/credentials/v2";
const OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const ED2020 = "https://w3id.org/security/suites/ed25519-2020/v1";
const now = new Date("2026-06-01T12:00:00Z");

/** Inline contexts a family may add after VC 2.0 and OB 3.0, and the terms they bring. */
const inlineContexts = {
  extra: { extraNote: "https://example.org/vocab#extraNote" },
  seeAlso: { seeAlso: { "@id": "https://example.org/vocab#seeAlso", "@type": "@id" } },
  prefix: { ex: "https://example.org/ns#" },
  vocab: { kindOf: { "@id": "https://example.org/vocab#kindOf", "@type": "@vocab" } },
  language: { "@language": "es-mx" },
  json: { blob: { "@id": "https://example.org/vocab#blob", "@type": "@json" } },
  direction: { rtlNote: { "@id": "https://example.org/vocab#rtlNote", "@direction": "rtl" } },
  double: {
    weight: {
      "@id": "https://example.org/vocab#weight",
      "@type": "http://www.w3.org/2001/XMLSchema#double",
    },
  },
} as const;
type InlineName = keyof typeof inlineContexts;

/** Strings that stress escaping, labels and IRI-ness. */
const tricky = [
  "",
  " ",
  '"',
  "\\",
  '\\"\\\\',
  "\u0000",
  "\u0007\u001f\u007f",
  "\b\t\n\f\r",
  "\u2028\u2029",
  "😀 émoji ✓",
  "_:b0",
  "_:c14n0",
  "_:x",
  "https://example.org/a?b=c#d",
  "urn:uuid:8b4e6c1a-2b0e-4a5f-9a8e-1d2c3b4a5f60",
  "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
  "ex:thing",
  "assertionMethod",
  "Profile",
  "@id",
  "<a> {b} |c| ^d^ `e`",
  "relative/path",
  "http://a b",
  "mailto:ana@example.mx",
  "c14n0",
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...tricky) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 40 }) },
);
const iri = fc.oneof(
  { weight: 30, arbitrary: fc.webUrl({ withFragments: true, withQueryParameters: true }) },
  { weight: 15, arbitrary: fc.uuid().map((u) => `urn:uuid:${u}`) },
  { weight: 1, arbitrary: fc.constantFrom(...tricky) },
);

/** The structure of a family: what every document of it has, whatever its strings. */
const familyShape = fc.record({
  suite: fc.constantFrom<Cryptosuite>("eddsa-rdfc-2022", "eddsa-rdfc-2022", "Ed25519Signature2020"),
  inline: fc.subarray(Object.keys(inlineContexts) as InlineName[], { maxLength: 3 }),
  credentialId: fc.boolean(),
  issuerAsObject: fc.boolean(),
  issuerUrl: fc.boolean(),
  endorsements: fc.integer({ min: 0, max: 2 }),
  nameAsValue: fc.constantFrom(undefined, "es", "en-US"),
  description: fc.boolean(),
  validUntil: fc.constantFrom(
    undefined,
    "2031-01-15T00:00:00Z",
    "2030-12-31T23:59:59.123Z",
    "2029-06-01T00:00:00+02:00",
  ),
  subjects: fc.integer({ min: 1, max: 2 }),
  subjectId: fc.boolean(),
  subjectName: fc.boolean(),
  alignments: fc.integer({ min: 0, max: 3 }),
  identifiers: fc.integer({ min: 0, max: 2 }),
  status: fc.constantFrom("none", "one", "two"),
  evidence: fc.integer({ min: 0, max: 2 }),
  names: fc.integer({ min: 1, max: 3 }),
});
type FamilyShape = typeof familyShape extends fc.Arbitrary<infer T> ? T : never;

/**
 * The strings of one document: drawn in order as the document is built. Sometimes one string
 * everywhere, so that blank nodes come out alike (RDFC-1.0 then needs its n-degree hashing).
 */
const strings = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      texts: fc.array(text, { minLength: 64, maxLength: 64 }),
      iris: fc.array(iri, { minLength: 32, maxLength: 32 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ texts: text.map((t) => [t]), iris: iri.map((i) => [i]) }),
  },
);
type Strings = typeof strings extends fc.Arbitrary<infer T> ? T : never;

let issuer: SigningKey;
let authority: SigningKey;
let stockIssuer: Awaited<ReturnType<typeof Ed25519Multikey.from>>;
let endorsements: Credential[];
const documentLoader = createDocumentLoader();
/** The loader identity of the direct canonicalization checks (its own cache). */
const canonLoader = {};

beforeAll(async () => {
  issuer = await generateSigningKey();
  authority = await generateSigningKey();
  stockIssuer = await Ed25519Multikey.from(issuer);
  const endorse = (mayAccredit: boolean, id: string) =>
    signCredential(
      buildEndorsementCredential({
        id,
        issuer: { id: authority.controller, name: { es: "CONOCER" } },
        subjectId: issuer.controller,
        comment: { es: 'Acreditada "ECE" \\ 😀', en: "Accredited\u2028body" },
        validFrom: "2026-01-01T00:00:00Z",
        ...(mayAccredit ? { mayAccredit: true } : {}),
      }),
      { key: authority, documentLoader, date: new Date("2026-01-01T00:00:00Z") },
    );
  endorsements = [
    await endorse(true, "urn:uuid:0c4b7a52-9d0e-4f51-8d2a-5b7f0f6f2e11"),
    await endorse(false, "urn:uuid:0c4b7a52-9d0e-4f51-8d2a-5b7f0f6f2e12"),
  ];
});

/** Builds a family's document from its strings (the same structure whatever they are). */
function buildDocument(shape: FamilyShape, supply: Strings): Record<string, unknown> {
  let t = 0;
  let i = 0;
  const nextText = () => supply.texts[t++ % supply.texts.length]!;
  const nextIri = () => supply.iris[i++ % supply.iris.length]!;
  const name = () =>
    shape.nameAsValue ? { "@value": nextText(), "@language": shape.nameAsValue } : nextText();
  const uses = (context: InlineName) => shape.inline.includes(context);
  const context: unknown[] = [V2, OB, ...shape.inline.map((c) => ({ ...inlineContexts[c] }))];
  if (shape.suite === "Ed25519Signature2020") context.push(ED2020);

  const subject = () => {
    const s: Record<string, unknown> = {};
    if (shape.subjectId) s.id = nextIri();
    s.type = ["AchievementSubject"];
    if (shape.subjectName) s.name = nextText();
    s.achievement = {
      id: nextIri(),
      type: ["Achievement"],
      name: shape.names === 1 ? name() : Array.from({ length: shape.names }, name),
      description: nextText(),
      criteria: { narrative: nextText() },
      ...(shape.alignments
        ? {
            alignment: Array.from({ length: shape.alignments }, () => ({
              type: ["Alignment"],
              targetName: nextText(),
              targetUrl: nextIri(),
              targetCode: nextText(),
            })),
          }
        : {}),
    };
    if (shape.identifiers) {
      s.identifier = Array.from({ length: shape.identifiers }, (_, n) => ({
        type: "IdentityObject",
        hashed: n % 2 === 0,
        identityHash: nextText(),
        identityType: "emailAddress",
        salt: nextText(),
      }));
    }
    if (uses("extra")) s.extraNote = nextText();
    if (uses("seeAlso")) s.seeAlso = [nextIri(), nextIri()];
    if (uses("prefix")) s["ex:note"] = nextText();
    if (uses("vocab")) s.kindOf = nextIri();
    if (uses("json")) s.blob = { note: nextText(), list: [nextText(), 1, true] };
    if (uses("direction")) s.rtlNote = nextText();
    if (uses("double")) s.weight = nextText();
    return s;
  };

  const document: Record<string, unknown> = { "@context": context };
  if (shape.credentialId) document.id = nextIri();
  document.type = ["VerifiableCredential", "OpenBadgeCredential"];
  if (shape.issuerAsObject) {
    const profile: Record<string, unknown> = {
      id: issuer.controller,
      type: ["Profile"],
      name: name(),
    };
    if (shape.issuerUrl) profile.url = nextIri();
    if (shape.endorsements) profile.endorsement = endorsements.slice(0, shape.endorsements);
    document.issuer = profile;
  } else {
    document.issuer = issuer.controller;
  }
  document.validFrom = "2026-01-15T00:00:00Z";
  if (shape.validUntil) document.validUntil = shape.validUntil;
  document.name = name();
  if (shape.description) document.description = nextText();
  document.credentialSubject =
    shape.subjects === 1 ? subject() : Array.from({ length: shape.subjects }, subject);
  const entry = () => ({
    id: nextIri(),
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: nextText(),
    statusListCredential: nextIri(),
  });
  if (shape.status === "one") document.credentialStatus = entry();
  if (shape.status === "two") document.credentialStatus = [entry(), entry()];
  if (shape.evidence) {
    document.evidence = Array.from({ length: shape.evidence }, () => ({
      type: ["Evidence"],
      name: nextText(),
      narrative: nextText(),
    }));
  }
  return document;
}

function stockSuite(cryptosuite: Cryptosuite) {
  return cryptosuite === "eddsa-rdfc-2022"
    ? new DataIntegrityProof({
        signer: stockIssuer.signer(),
        cryptosuite: eddsaRdfc2022,
        date: now,
      })
    : new Ed25519Signature2020({ signer: stockIssuer.signer(), date: now });
}

function stockVerifySuite(cryptosuite: Cryptosuite) {
  return cryptosuite === "eddsa-rdfc-2022"
    ? new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })
    : new Ed25519Signature2020();
}

async function outcome<T>(run: () => Promise<T>): Promise<{ value?: T; error?: string }> {
  try {
    return { value: await run() };
  } catch (error) {
    return { error: String((error as Error)?.message ?? error) };
  }
}

/** What jsonld-signatures hands a suite as its loader (the caller's, plus its own contexts). */
const suiteLoader = (
  jsigs as unknown as { extendContextLoader(loader: unknown): (url: string) => Promise<unknown> }
).extendContextLoader(documentLoader);

const stockCanonical = (document: unknown) =>
  (eddsaRdfc2022 as { canonize(input: unknown, options: object): Promise<string> }).canonize(
    structuredClone(document),
    { documentLoader: suiteLoader },
  );

/** A copy of the document with the string at `slot` (in document order) changed. */
function tampered(document: unknown, slot: number, replacement: string): unknown {
  const reading = readShape(document)!;
  const values = [...reading.values];
  const at = slot % values.length;
  values[at] = replacement === values[at] ? `${replacement}x` : replacement;
  return fillShape(document, values);
}

const paths: Record<CanonizePath, number> = { exact: 0, compiled: 0, jsonld: 0 };
let signedCount = 0;
let refusedBoth = 0;
let tamperedCount = 0;

describe("the fast path equals the stock path", () => {
  it(
    "on generated families of credentials: canonical N-Quads, signatures, verification, tampering",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          familyShape,
          fc.array(strings, {
            minLength: DOCUMENTS_PER_FAMILY,
            maxLength: DOCUMENTS_PER_FAMILY,
          }),
          fc.nat(),
          text,
          async (shape, supplies, slot, replacement) => {
            for (const [n, supply] of supplies.entries()) {
              const document = buildDocument(shape, supply);

              // Canonical N-Quads: the shapes' path against jsonld.js + rdf-canonize.
              const stock = await outcome(() => stockCanonical(document));
              const fast = await outcome(() =>
                canonizeThroughShapes(structuredClone(document), {
                  loader: canonLoader,
                  mode: "sign",
                  jsonldLoader: suiteLoader,
                  stock: () => stockCanonical(document),
                }),
              );
              expect(fast.error).toBe(stock.error);
              expect(fast.value?.nquads).toBe(stock.value);
              if (fast.value) paths[fast.value.path]++;

              // Signatures: signCredential against plain @digitalbazaar/vc.
              const mine = await outcome(() =>
                signCredential(document as Credential, {
                  key: issuer,
                  documentLoader,
                  cryptosuite: shape.suite,
                  date: now,
                }),
              );
              const theirs = await outcome(() =>
                vc.issue({
                  credential: structuredClone(document),
                  suite: stockSuite(shape.suite),
                  documentLoader,
                  now,
                }),
              );
              expect(mine.error).toBe(theirs.error);
              expect(mine.value).toEqual(theirs.value);
              if (!mine.value) {
                refusedBoth++;
                if (process.env.DEBUG_FAST) console.log("refused:", mine.error?.slice(0, 120));
                continue;
              }
              signedCount++;

              // The last two of a family are verified (by then the shape is compiled), and
              // tampered with.
              if (n < DOCUMENTS_PER_FAMILY - 2) continue;
              const signed = mine.value;
              const checkStatus = async () => ({
                outcome: "pass" as const,
                code: "status.active" as const,
              });
              const stockVerify = (credential: unknown) =>
                vc.verifyCredential({
                  credential: credential as object,
                  suite: stockVerifySuite(shape.suite),
                  documentLoader,
                  now,
                  checkStatus: async () => ({ verified: true }),
                });
              const verified = await verifyCredential(signed, {
                documentLoader,
                now,
                checkStatus,
                checks: ["proof", "issuer"],
              });
              expect(verified.checks.find((c) => c.check === "proof")?.code).toBe("proof.valid");
              expect((await stockVerify(signed)).verified).toBe(true);

              const changed = tampered(signed, slot + n, replacement);
              const result = await verifyCredential(changed, {
                documentLoader,
                now,
                checkStatus,
                checks: ["proof", "issuer"],
              });
              expect(result.verified).toBe(false);
              expect(result.checks.some((c) => c.code === "proof.valid")).toBe(false);
              expect((await stockVerify(changed)).verified).toBe(false);
              tamperedCount++;
            }
          },
        ),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      console.log("fast path property:", { paths, signedCount, refusedBoth, tamperedCount });
      // The property is not vacuous: most documents went through compiled shapes and signed.
      expect(paths.compiled).toBeGreaterThan(RUNS);
      expect(signedCount).toBeGreaterThan(RUNS * 2);
      expect(tamperedCount).toBeGreaterThan(RUNS / 2);
    },
    Math.max(180_000, RUNS * 3_000),
  );

  it("co-signing (a proof set) gives the stock proof", async () => {
    const document = buildDocument(
      {
        suite: "eddsa-rdfc-2022",
        inline: ["extra"],
        credentialId: true,
        issuerAsObject: true,
        issuerUrl: true,
        endorsements: 1,
        nameAsValue: "es",
        description: true,
        validUntil: undefined,
        subjects: 1,
        subjectId: true,
        subjectName: true,
        alignments: 2,
        identifiers: 1,
        status: "one",
        evidence: 1,
        names: 2,
      },
      {
        texts: tricky.filter((s) => !s.startsWith("_:")).concat(["a", "b", "c"]),
        iris: [
          "https://example.org/1",
          "urn:uuid:8b4e6c1a-2b0e-4a5f-9a8e-1d2c3b4a5f61",
          "did:example:abc",
        ],
      },
    );
    const stockAuthority = await Ed25519Multikey.from(authority);
    for (let round = 0; round < 3; round++) {
      const first = await signCredential(document as Credential, {
        key: issuer,
        documentLoader,
        date: now,
      });
      const mine = await signCredential(first, { key: authority, documentLoader, date: now });
      const theirs = await jsigs.sign(structuredClone(first), {
        suite: new DataIntegrityProof({
          signer: stockAuthority.signer(),
          cryptosuite: eddsaRdfc2022,
          date: now,
        }),
        purpose: new jsigs.purposes.AssertionProofPurpose(),
        documentLoader,
      });
      expect(mine).toEqual(theirs);
      const result = await verifyCredential(mine, { documentLoader, now, checks: ["proof"] });
      expect(result.checks.find((c) => c.check === "proof")?.code).toBe("proof.valid");
    }
  });
});
