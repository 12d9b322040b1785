import { isDeepStrictEqual } from "node:util";
import type { Credential } from "@avala/credentials";
import { canonicalForm } from "@avala/credentials";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Verification, VerifyOptions } from "../src/index.js";
import { verify } from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

// Each verification costs a few milliseconds of canonicalisation and a local fetch or two, so
// the runs are modest (about 10 s for the file on a busy two-core machine); the seed is printed
// on failure for replay. AVALA_PROPERTY_RUNS=1500 runs a longer search (about a minute).
const RUNS = Number(process.env.AVALA_PROPERTY_RUNS) || 200;
const TIMEOUT = Math.max(120_000, RUNS * 600);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

let world: FixtureWorld;
let original: Credential;
let options: VerifyOptions;
let paths: Path[];
let originalForm: string;

function allPaths(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length > 0) out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) allPaths(v, [...prefix, i], out);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) allPaths(v, [...prefix, k], out);
  }
  return out;
}

function parentOf(root: Json, path: Path): { parent: Json; key: string | number } {
  let node = root;
  for (const step of path.slice(0, -1)) node = (node as Record<string | number, Json>)[step]!;
  return { parent: node, key: path[path.length - 1]! };
}

/**
 * Changes a value's JSON type. Not into a JSON-LD equivalent: `x` and `[x]` are the same set of
 * values, so the signature rightly still holds for them; that is a re-serialisation, not a
 * change to the signed content.
 */
function retype(value: Json): Json {
  if (typeof value === "string") return Number.isNaN(Number(value)) ? value.length : Number(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? 1 : "false";
  if (value === null) return "";
  if (Array.isArray(value)) return { ...value };
  return JSON.stringify(value);
}

type Mutation =
  | { op: "replace"; at: number; value: Json }
  | { op: "delete"; at: number }
  | { op: "retype"; at: number }
  | { op: "insert"; at: number; key: string; value: Json }
  | { op: "edit-string"; at: number; text: string; where: "start" | "end" | "case" };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant("replace" as const),
    at: fc.nat(),
    value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("retype" as const), at: fc.nat() }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    key: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("id", "type", "name", "@foo", "proof", "issuer"),
    ),
    value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  }),
  fc.record({
    op: fc.constant("edit-string" as const),
    at: fc.nat(),
    text: fc.string({ minLength: 1, maxLength: 4 }),
    where: fc.constantFrom("start" as const, "end" as const, "case" as const),
  }),
);

/**
 * An empty array holds no values: JSON-LD reads `"name": []` as no name at all, so adding one
 * changes the JSON but not the signed data (and the display model reads nothing from it). Such
 * inserts are not changes to the signed content. (Nulls, which JSON-LD also ignores, the
 * verifier refuses outright; an inline context that leaves the signed RDF as it was is a
 * re-serialisation, told apart by `onlyContextsReserialised`.)
 */
function holdsNoData(value: Json): boolean {
  return Array.isArray(value) && value.every(holdsNoData);
}

function changesContent(m: Mutation): boolean {
  return !(m.op === "insert" && holdsNoData(m.value));
}

/** Applies a mutation to a copy of the document, at one of its paths. */
function mutate(source: Json, m: Mutation): Json {
  const copy = structuredClone(source);
  const candidates = allPaths(copy);
  if (candidates.length === 0) return m.op === "insert" ? { [m.key]: m.value } : copy;
  const path = candidates[m.at % candidates.length]!;
  const { parent, key } = parentOf(copy, path);
  const container = parent as Record<string | number, Json>;
  const current = container[key]!;
  switch (m.op) {
    case "replace":
      container[key] = m.value;
      break;
    case "delete":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete container[key];
      break;
    case "retype":
      container[key] = retype(current);
      break;
    case "insert": {
      // Into the nearest object at or above the chosen path.
      let target: Json = current;
      if (!target || typeof target !== "object" || Array.isArray(target)) target = parent;
      if (Array.isArray(target)) target.push(m.value);
      // An own property even for keys like "__proto__" (as JSON.parse would make it).
      else
        Object.defineProperty(target, m.key, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      break;
    }
    case "edit-string": {
      if (typeof current !== "string") {
        container[key] = m.text;
      } else if (m.where === "case") {
        const flipped =
          current === current.toUpperCase() ? current.toLowerCase() : current.toUpperCase();
        container[key] = flipped === current ? current + m.text : flipped;
      } else {
        container[key] = m.where === "start" ? m.text + current : current + m.text;
      }
      break;
    }
  }
  return copy;
}

/**
 * A changed credential must be refused outright: `invalid` and not verified. Not merely "not
 * valid": `valid-with-warnings` still says `verified: true`, and a relying party that reads
 * only that would accept the change. The failing checks are in the message, for the replay.
 */
function expectRefused(result: Verification, what: unknown): void {
  const why = JSON.stringify({
    what,
    verdict: result.verdict,
    checks: result.checks.filter((c) => c.outcome !== "pass").map((c) => c.code),
  }).slice(0, 2000);
  expect(result.verdict, why).toBe("invalid");
  expect(result.verified, why).toBe(false);
}

/** The JSON without any `@context` value, to tell a change to contexts only. */
function withoutContexts(value: Json): string {
  return JSON.stringify(value, (key, v) => (key === "@context" ? undefined : v));
}

/**
 * Whether a mutated credential differs from the signed one only in its `@context` values and
 * says exactly the same (the same canonical RDF, which is what the proofs sign): an inline
 * context whose terms the credential does not use, as VC DM 2.0 allows. Such a change is a
 * re-serialisation, not a change to the signed content; every other change, and a null
 * anywhere (the same RDF, but not the JSON that was signed), must still be refused.
 */
async function onlyContextsReserialised(mutated: Json): Promise<boolean> {
  if (!mutated || typeof mutated !== "object" || Array.isArray(mutated)) return false;
  if (withoutContexts(mutated) !== withoutContexts(original as unknown as Json)) return false;
  try {
    return (await canonicalForm(mutated, world.documentLoader)) === originalForm;
  } catch {
    return false;
  }
}

/** Refused, unless it is only a re-serialisation of the contexts (see above). */
async function expectRefusedOrSame(result: Verification, mutated: Json, what: unknown) {
  if (result.verdict !== "invalid" && (await onlyContextsReserialised(mutated))) return;
  expectRefused(result, what);
}

beforeAll(async () => {
  world = await createFixtureWorld();
  const endorsement = await world.endorse(world.sep, world.entidad);
  ({ credential: original } = await world.issue({
    issuer: world.entidad,
    endorsements: [endorsement],
  }));
  // Links are not followed, and the world's fetcher refuses every DNS name: a mutation that
  // invents a host sends nothing anywhere.
  options = world.verifyOptions({ fetchLinks: false });
  paths = allPaths(original as unknown as Json);
  originalForm = await canonicalForm(
    original as unknown as Record<string, unknown>,
    world.documentLoader,
  );
  const baseline = await verify(original, options);
  expect(baseline.verdict).toBe("valid");
});

afterAll(async () => {
  await world?.server.close();
});

/** One change to the signed credential, verified by `check`, is refused. */
function mutationProperty(check: (input: unknown) => Promise<Verification>) {
  return fc.asyncProperty(mutation, async (m) => {
    fc.pre(changesContent(m));
    const mutated = mutate(original as unknown as Json, m);
    fc.pre(JSON.stringify(mutated) !== JSON.stringify(original));
    await expectRefusedOrSame(await check(mutated), mutated, {
      m,
      path: paths[m.at % paths.length],
    });
  });
}

describe("mutated credentials", () => {
  // Every mutation class here changes signed content (re-serialisations of the same data are
  // left out above), and in long runs (AVALA_PROPERTY_RUNS=1500) every one came out invalid:
  // none needs a weaker assertion.
  it(
    "never throw, and no change to the signed content is ever accepted",
    async () => {
      await fc.assert(
        mutationProperty((input) => verify(input, options)),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "the property catches a verifier that lets a change through with a warning",
    async () => {
      // What asserting only `verdict !== "valid"` let pass: a broken signature answered as
      // `valid-with-warnings`, which is `verified: true`.
      const lenient = async (input: unknown): Promise<Verification> => {
        const result = await verify(input, options);
        if (result.verdict !== "invalid") return result;
        return { ...result, verdict: "valid-with-warnings", verified: true } as Verification;
      };
      const run = await fc.check(mutationProperty(lenient), { numRuns: 20, seed: 20_240_601 });
      expect(run.failed).toBe(true);
      expect(String(run.errorInstance)).toMatch(/expected 'valid-with-warnings' to be 'invalid'/);
    },
    TIMEOUT,
  );

  it(
    "several mutations at once, given as JSON text",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 2, maxLength: 4 }), async (ms) => {
          let mutated = original as unknown as Json;
          for (const m of ms.filter(changesContent)) mutated = mutate(mutated, m);
          fc.pre(JSON.stringify(mutated) !== JSON.stringify(original));
          const result = await verify(JSON.stringify(mutated), options);
          await expectRefusedOrSame(result, mutated, { ms });
        }),
        { numRuns: Math.round(RUNS / 2) },
      );
    },
    TIMEOUT,
  );

  it(
    "flipped bytes in the JSON text are never accepted",
    async () => {
      const text = JSON.stringify(original);
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: text.length - 1 }),
          fc.integer({ min: 1, max: 126 }),
          async (at, code) => {
            const changed = text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1);
            let same = false;
            try {
              same = isDeepStrictEqual(JSON.parse(changed), original);
            } catch {
              same = false;
            }
            fc.pre(!same);
            const result = await verify(changed, options);
            expectRefused(result, { at, code });
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "arbitrary values never throw and are never accepted",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.anything({ maxDepth: 3, withNullPrototype: true, withMap: true }),
          async (value) => {
            const result = await verify(value, options);
            expectRefused(result, {});
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
