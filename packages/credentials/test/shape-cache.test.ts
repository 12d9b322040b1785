/**
 * The compiled shapes' cache under hostile input: bounded, compiles on verify only what it has
 * seen three times and within its budget, refuses what it cannot follow, pins values JSON-LD
 * would expand, keeps loaders apart; and the key cache: the stock signatures, never a key it
 * was not given. Every canonical form is compared with jsonld.js + rdf-canonize's.
 */
import { createDocumentLoader } from "@avala/document-loader";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import jsigs from "jsonld-signatures";
import { describe, expect, it } from "vitest";
import type { Credential } from "../src/index.js";
import {
  checkContextsOffline,
  generateSigningKey,
  signCredential,
  verifyCredential,
} from "../src/index.js";
import { cachedVerifier } from "../src/key-objects.js";
import type { CanonizeMode } from "../src/shape-canonizer.js";
import {
  canonizeThroughShapes,
  shapeCacheLimits,
  shapeCacheStats,
  shareShapeCache,
} from "../src/shape-canonizer.js";
import { readShape } from "../src/shape-reading.js";
import { learnRoles, learnTemplate } from "../src/shape-template.js";
import { signerOf } from "../src/signing-key.js";
import { canonicalFromPlan, planCanonical } from "../src/template-canonical.js";

const V2 = "https://www.w3.org/ns/credentials/v2";
const documentLoader = createDocumentLoader();
const extend = (
  jsigs as unknown as { extendContextLoader(loader: unknown): (url: string) => Promise<unknown> }
).extendContextLoader;
const suiteLoader = extend(documentLoader);

const stock = (document: unknown, loader: unknown = suiteLoader) =>
  (eddsaRdfc2022 as { canonize(input: unknown, options: object): Promise<string> }).canonize(
    structuredClone(document),
    { documentLoader: loader },
  );

async function canonize(
  document: unknown,
  loader: object,
  mode: CanonizeMode,
  jsonldLoader: (url: string) => Promise<unknown> = suiteLoader,
) {
  const result = await canonizeThroughShapes(structuredClone(document), {
    loader,
    mode,
    jsonldLoader,
    stock: () => stock(document, jsonldLoader),
  });
  expect(result.nquads).toBe(await stock(document, jsonldLoader));
  return result.path;
}

/** A small credential; `names` strings under `name` make distinct shapes. */
const credential = (names: number, value = "Ana", extra: Record<string, unknown> = {}) => ({
  "@context": [V2],
  type: ["VerifiableCredential"],
  issuer: "did:example:issuer",
  credentialSubject: {
    id: `did:example:${value.length}`,
    name: names === 1 ? value : Array.from({ length: names }, (_, i) => `${value} ${i}`),
  },
  ...extra,
});

describe("admission", () => {
  it("signing compiles a shape the second time it sees it", async () => {
    const loader = {};
    expect(await canonize(credential(1, "a"), loader, "sign")).toBe("jsonld");
    expect(await canonize(credential(1, "b"), loader, "sign")).toBe("jsonld");
    expect(await canonize(credential(1, 'c "quoted" \\ \u2028 😀'), loader, "sign")).toBe(
      "compiled",
    );
    expect(shapeCacheStats(loader)?.shapes).toBe(1);
  });

  it("verifying compiles only on the third sighting", async () => {
    const loader = {};
    for (const value of ["a", "b", "c"]) {
      expect(await canonize(credential(2, value), loader, "verify")).toBe("jsonld");
    }
    expect(await canonize(credential(2, "d"), loader, "verify")).toBe("compiled");
    expect(shapeCacheStats(loader)?.verifyCompilations).toBe(1);
  });

  it("a verifier fed new shapes stays within its compile budget and its bounds", async () => {
    const loader = {};
    const shapes = 120;
    for (let round = 0; round < 3; round++) {
      for (let names = 1; names <= shapes; names++) {
        await canonize(credential(names, `r${round}`), loader, "verify");
      }
    }
    const stats = shapeCacheStats(loader)!;
    expect(stats.verifications).toBe(shapes * 3);
    expect(stats.verifyCompilations).toBeLessThanOrEqual(8 + stats.verifications / 64);
    expect(stats.shapes).toBeLessThanOrEqual(stats.verifyCompilations);
  }, 120_000);

  it("holds at most its bounds however many shapes it sees", async () => {
    const loader = {};
    const count = shapeCacheLimits.sightings + 50;
    for (let i = 0; i < count; i++) {
      // A number is part of the shape: every document here is a shape of its own.
      await canonize({ ...credential(1), credentialSubject: { name: i } }, loader, "sign");
    }
    const stats = shapeCacheStats(loader)!;
    expect(stats.sightings).toBeLessThanOrEqual(shapeCacheLimits.sightings);
    expect(stats.shapes).toBeLessThanOrEqual(shapeCacheLimits.shapes);
    expect(stats.exact).toBeLessThanOrEqual(shapeCacheLimits.exact);
  }, 120_000);
});

describe("what the compiler leaves to jsonld.js", () => {
  const refused: Array<[string, (value: string) => Record<string, unknown>]> = [
    [
      "a JSON literal",
      (v) =>
        credential(1, v, {
          "@context": [V2, { blob: { "@id": "https://example.org/#blob", "@type": "@json" } }],
          credentialSubject: { blob: { note: v } },
        }),
    ],
    [
      "a base direction",
      (v) =>
        credential(1, v, {
          "@context": [V2, { note: { "@id": "https://example.org/#note", "@direction": "rtl" } }],
          credentialSubject: { note: v },
        }),
    ],
    [
      "a typed value jsonld.js rewrites (xsd:double)",
      (v) =>
        credential(1, v, {
          "@context": [
            V2,
            {
              weight: {
                "@id": "https://example.org/#weight",
                "@type": "http://www.w3.org/2001/XMLSchema#double",
              },
            },
          ],
          credentialSubject: { weight: `${v.charCodeAt(0)}.5` },
        }),
    ],
    [
      "a keyword alias",
      (v) =>
        credential(1, v, {
          "@context": [V2, { kind: "@type", Thing: "https://example.org/#Thing" }],
          credentialSubject: { kind: "Thing", name: v },
        }),
    ],
    [
      "an index",
      (v) =>
        credential(1, v, {
          "@context": [
            V2,
            { notes: { "@id": "https://example.org/#notes", "@container": "@index" } },
          ],
          credentialSubject: { notes: { first: v, second: v } },
        }),
    ],
  ];

  it.each(refused)("%s", async (_, make) => {
    const loader = {};
    for (const value of ["a", "b", "c", "d"]) {
      expect(await canonize(make(value), loader, "sign")).toBe("jsonld");
    }
  });

  it("documents that are not plain JSON", async () => {
    const loader = {};
    for (let i = 0; i < 3; i++) {
      const document = {
        ...credential(1),
        credentialSubject: { name: "Ana", nickname: undefined },
        validFrom: new Date(0),
      };
      let stockOutcome: unknown;
      await stock(document).then(
        (nquads) => {
          stockOutcome = nquads;
        },
        (error: Error) => {
          stockOutcome = error.message;
        },
      );
      const result = await canonizeThroughShapes(document, {
        loader,
        mode: "sign",
        jsonldLoader: suiteLoader,
        stock: () => stock(document),
      }).catch((error: Error) => ({ nquads: error.message, path: "jsonld" }));
      expect(result).toEqual({ nquads: stockOutcome, path: "jsonld" });
    }
  });
});

describe("values JSON-LD would expand", () => {
  let row = 0;
  const seeAlso = (value: string) =>
    credential(1, "Ana", {
      "@context": [
        V2,
        {
          ex: "https://example.org/ns#",
          seeAlso: { "@id": "https://example.org/#seeAlso", "@type": "@id" },
          kindOf: { "@id": "https://example.org/#kindOf", "@type": "@vocab" },
        },
      ],
      // kindOf: a term (`@vocab`-typed), always pinned.
      credentialSubject: { name: `Ana ${row++}`, seeAlso: value, kindOf: "VerifiableCredential" },
    });

  it("are pinned: each value its own variant, at most eight, each equal to jsonld.js", async () => {
    const loader = {};
    await canonize(seeAlso("https://example.org/a"), loader, "sign");
    await canonize(seeAlso("https://example.org/b"), loader, "sign");
    // Absolute IRIs whose scheme is no term share one template.
    expect(await canonize(seeAlso("urn:uuid:1"), loader, "sign")).toBe("compiled");
    // Compact IRIs (`ex:`): pinned, a variant each, up to eight variants.
    const pinned = ["ex:a", "ex:b", "ex:c", "ex:d", "ex:e", "ex:f", "ex:g", "ex:h", "ex:i"];
    for (const value of pinned)
      expect(await canonize(seeAlso(value), loader, "sign")).toBe("jsonld");
    expect(await canonize(seeAlso("ex:a"), loader, "sign")).toBe("compiled");
    expect(await canonize(seeAlso("ex:g"), loader, "sign")).toBe("compiled");
    expect(await canonize(seeAlso("ex:h"), loader, "sign")).toBe("jsonld");
  });
});

describe("document loaders", () => {
  it("each has its own cache: one context URL, two meanings", async () => {
    const url = "https://example.org/contexts/note";
    const loaderWith = (vocabulary: string) => {
      const base = createDocumentLoader();
      const inner = async (u: string) =>
        u === url
          ? {
              contextUrl: null,
              documentUrl: u,
              document: { "@context": { note: `https://example.org/${vocabulary}#note` } },
            }
          : base(u);
      return { identity: inner, jsonld: extend(inner) };
    };
    const first = loaderWith("first");
    const second = loaderWith("second");
    const document = (v: string) => ({
      "@context": [V2, url],
      type: ["VerifiableCredential"],
      credentialSubject: { note: v },
    });
    for (const v of ["a", "b", "c"]) {
      await canonize(document(v), first.identity, "sign", first.jsonld);
    }
    expect(await canonize(document("d"), first.identity, "sign", first.jsonld)).toBe("compiled");
    const inSecond = await canonize(document("d"), second.identity, "sign", second.jsonld);
    expect(inSecond).toBe("jsonld");
    expect(await stock(document("d"), second.jsonld)).toContain("https://example.org/second#note");
  });

  it("one that shares another's cache (a verifier's loader per request) uses its shapes", async () => {
    const owner = createDocumentLoader();
    const perRequest = () => shareShapeCache(createDocumentLoader(), owner);
    for (const value of ["a", "b", "c"]) {
      expect(await canonize(credential(3, value), perRequest(), "verify")).toBe("jsonld");
    }
    const loader = perRequest();
    expect(await canonize(credential(3, "d"), loader, "verify")).toBe("compiled");
    expect(shapeCacheStats(loader)).toEqual(shapeCacheStats(owner));
    expect(shapeCacheStats(owner)?.verifyCompilations).toBe(1);
    // Sharing is one level: a loader sharing a sharer's cache uses the owner's.
    const nested = shareShapeCache(createDocumentLoader(), loader);
    expect(await canonize(credential(3, "e"), nested, "verify")).toBe("compiled");
    expect(shapeCacheStats(owner)?.paths.compiled).toBe(2);
  });
});

describe("keys imported once", () => {
  it("sign as the stock signer does, and never with a secret they were not given", async () => {
    const key = await generateSigningKey();
    const other = await generateSigningKey();
    const data = new TextEncoder().encode("what is signed");
    const stockSignature = await (await Ed25519Multikey.from(key)).signer().sign({ data });
    expect(await (await signerOf(key)).sign({ data })).toEqual(stockSignature);
    expect(await (await signerOf(key)).sign({ data })).toEqual(stockSignature);
    // The same public key with another secret: not the cached key.
    const mismatched = { ...key, secretKeyMultibase: other.secretKeyMultibase };
    const theirs = await (await Ed25519Multikey.from(mismatched)).signer().sign({ data });
    expect(await (await signerOf(mismatched)).sign({ data })).toEqual(theirs);
    expect(await (await signerOf(key)).sign({ data })).toEqual(stockSignature);
    // Misuse still throws after the key was cached.
    await expect(signerOf({ ...key, id: "" })).rejects.toThrow(TypeError);
  });

  it("verify as the stock verifier does", async () => {
    const key = await generateSigningKey();
    const data = new TextEncoder().encode("what is signed");
    const signature = await (await signerOf(key)).sign({ data });
    const method = {
      "@context": "https://w3id.org/security/multikey/v1",
      id: key.id,
      type: "Multikey",
      controller: key.controller,
      publicKeyMultibase: key.publicKeyMultibase,
    };
    for (let i = 0; i < 2; i++) {
      const verifier = await cachedVerifier(method);
      expect(await verifier.verify({ data, signature })).toBe(true);
      expect(await verifier.verify({ data: new Uint8Array([1]), signature })).toBe(false);
    }
    // A method the stock import refuses is refused the same way.
    await expect(cachedVerifier({ ...method, publicKeyMultibase: "x" })).rejects.toThrow(
      await Ed25519Multikey.from({ ...method, publicKeyMultibase: "x" }).catch(
        (e: Error) => e.message,
      ),
    );
  });
});

describe("the offline contexts check, by shape", () => {
  it("gives the outcome of processing, for every document of a shape", async () => {
    const good = (v: string) =>
      credential(1, v, {
        "@context": [V2, { extraNote: "https://example.org/#extraNote" }],
      });
    const bad = (v: string) =>
      credential(1, v, {
        "@context": [V2, { name: "https://example.org/#redefined" }],
      });
    for (const v of ["a", "b", "c"]) {
      expect((await checkContextsOffline(good(v))).code).toBe("context.known");
      expect((await checkContextsOffline(bad(v))).code).toBe("context.protected-redefinition");
    }
  });
});

describe("blank nodes alike", () => {
  it("need RDFC-1.0's n-degree hashing: rdf-canonize does it, with the same bytes", async () => {
    const evidence = (v: string) =>
      credential(1, "Ana", {
        "@context": [V2, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        evidence: [
          { type: ["Evidence"], name: v },
          { type: ["Evidence"], name: v },
          { type: ["Evidence"], name: `${v}!` },
        ],
      });
    const document = evidence("same");
    const reading = readShape(document)!;
    const { roles, dataset } = await learnRoles(document, reading.values, suiteLoader);
    const template = await learnTemplate(document, reading.values, roles, suiteLoader, dataset);
    // Two evidence nodes with the same first-degree hash: the direct way gives up.
    expect(canonicalFromPlan(planCanonical(template), reading.values)).toBeUndefined();
    const loader = {};
    for (const v of ["a", "b", "c", "same"]) await canonize(evidence(v), loader, "sign");
    expect(await canonize(evidence("again"), loader, "sign")).toBe("compiled");
  });
});

describe("the direct verifier", () => {
  it("verifies each proof once, whatever the outcome, with the stock codes", async () => {
    const key = await generateSigningKey();
    const base = createDocumentLoader();
    let keyLoads = 0;
    const counting = async (url: string) => {
      if (url === key.id) keyLoads++;
      return base(url);
    };
    const unsigned = { ...credential(1), issuer: key.controller } as unknown as Credential;
    const signed: Record<string, unknown> = await signCredential(unsigned, {
      key,
      documentLoader: counting,
      date: new Date("2026-01-01T00:00:00Z"),
    });
    const outcomes: Array<[unknown, string]> = [
      [signed, "proof.valid"],
      [{ ...signed, validFrom: "2026-01-02T00:00:00Z" }, "proof.invalid"],
      // A term no context defines: jsonld.js (safe mode) refuses to canonicalize.
      [{ ...signed, undefinedTerm: "x" }, "jsonld.malformed"],
    ];
    for (const [document, code] of outcomes) {
      keyLoads = 0;
      const result = await verifyCredential(document, {
        documentLoader: counting,
        checks: ["proof"],
      });
      expect(result.checks.map((c) => c.code)).toContain(code);
      expect(keyLoads).toBe(1);
    }
  });
});
