import rdfCanonize from "rdf-canonize";
import { BoundedCache } from "./bounded-cache.js";
import type { ShapeReading } from "./shape-reading.js";
import { readShape } from "./shape-reading.js";
import type { JsonLdLoader, Quad, ShapeRoles, ShapeTemplate } from "./shape-template.js";
import { fillTemplate, learnRoles, learnTemplate, variantKey } from "./shape-template.js";
import type { CanonicalPlan } from "./template-canonical.js";
import { canonicalFromPlan, planCanonical } from "./template-canonical.js";

/**
 * RDFC-1.0 canonical N-Quads of JSON-LD documents through compiled shapes, with jsonld.js as the
 * reference and the fallback. One cache per document loader (the same context URL may mean
 * different contexts to two loaders; a loader must answer a context URL the same way for as long
 * as it lives, as jsonld.js's own context cache already assumes).
 *
 * Admission, so that crafted input can neither grow memory nor cost more than jsonld.js:
 * - every cache is bounded (least recently used first out);
 * - signing compiles a shape the second time it sees it; verifying only the third time, and
 *   only within a budget (at most `8 + verifications / 64` compilations), so a verifier fed
 *   ever-new shapes pays one shape reading per document over the stock cost, nothing more;
 * - a shape the compiler cannot follow is remembered as refused and left to jsonld.js;
 * - a compiled template is checked on the document that taught it: its canonical form must be
 *   jsonld.js's, byte for byte, or the shape is refused.
 */

export type CanonizeMode = "sign" | "verify";

/** A variant's template, and its N-Quads laid out for canonicalization. */
interface CompiledVariant {
  template: ShapeTemplate;
  plan: CanonicalPlan;
}

/** How documents of one shape are canonicalized. */
type ShapeEntry =
  | { state: "refused" }
  | {
      state: "compiled";
      roles: ShapeRoles;
      /** Templates by variant (pinned values); null: that variant was refused. */
      variants: Map<string, CompiledVariant | null>;
    };

export const shapeCacheLimits = {
  /** Shapes per document loader. */
  shapes: 256,
  /** Shapes seen but not compiled yet, per loader. */
  sightings: 1024,
  /** Variants (pinned IRI values) per shape. */
  variants: 8,
  /** Canonical forms of small documents (proof configurations), per loader. */
  exact: 256,
  /** Largest document (JSON characters, slots) whose canonical form is kept whole. */
  exactLength: 1024,
  exactSlots: 16,
} as const;

class LoaderShapes {
  /** How many canonical forms each path made. */
  readonly paths: Record<CanonizePath, number> = { exact: 0, compiled: 0, jsonld: 0 };
  readonly shapes = new BoundedCache<string, ShapeEntry>(shapeCacheLimits.shapes);
  readonly sightings = new BoundedCache<string, number>(shapeCacheLimits.sightings);
  readonly exact = new BoundedCache<string, string>(shapeCacheLimits.exact);
  verifications = 0;
  verifyCompilations = 0;

  admits(mode: CanonizeMode, sightings: number): boolean {
    if (mode === "sign") return sightings >= 2;
    return sightings >= 3 && this.verifyCompilations + 1 <= 8 + this.verifications / 64;
  }
}

const byLoader = new WeakMap<object, LoaderShapes>();

/** Loaders that use another loader's cache (`shareShapeCache`): loader → owner. */
const owners = new WeakMap<object, object>();

/**
 * Makes `loader` use `owner`'s shape cache, and returns it. Only for a loader that answers every
 * context URL exactly as `owner` does (both built from the same static contexts, differing in
 * how they resolve DIDs, say: a verifier's per-request loader that charges its did:web look-ups
 * to the request's budget); the bounds and admission are then counted once for all of them.
 */
export function shareShapeCache<Loader extends object>(loader: Loader, owner: object): Loader {
  if (loader !== owner) owners.set(loader, owners.get(owner) ?? owner);
  return loader;
}

/** The loader whose caches `loader` uses: its owner (`shareShapeCache`), or itself. */
export function cacheOwnerOf(loader: object): object {
  return owners.get(loader) ?? loader;
}

function shapesOf(loader: object): LoaderShapes {
  const owner = cacheOwnerOf(loader);
  let shapes = byLoader.get(owner);
  if (!shapes) {
    shapes = new LoaderShapes();
    byLoader.set(owner, shapes);
  }
  return shapes;
}

/** How a canonical form was made (for tests and the benchmark). */
export type CanonizePath = "exact" | "compiled" | "jsonld";

export interface CanonizeRequest {
  /** The document loader the caller passed: the cache key. */
  loader: object;
  mode: CanonizeMode;
  /** The loader jsonld.js is to use (the suites wrap the caller's). */
  jsonldLoader: JsonLdLoader;
  /** The stock canonicalization (jsonld.js + rdf-canonize). */
  stock: () => Promise<string>;
}

const canonizeDataset = (dataset: Quad[]) =>
  rdfCanonize.canonize(dataset, { algorithm: "RDFC-1.0" });

/**
 * A document's canonical form from its variant: straight from the laid-out N-Quads when its
 * blank nodes have distinct first-degree hashes, else rdf-canonize over the filled template.
 */
async function canonizeVariant(variant: CompiledVariant, values: readonly string[]) {
  return (
    canonicalFromPlan(variant.plan, values) ??
    (await canonizeDataset(fillTemplate(variant.template, values)))
  );
}

/** The JSON text of a small document (already read as plain JSON), the exact cache's key. */
function exactText(input: unknown, reading: ShapeReading): string | undefined {
  if (reading.values.length > shapeCacheLimits.exactSlots) return undefined;
  let length = 0;
  for (const value of reading.values) length += value.length;
  if (length > shapeCacheLimits.exactLength) return undefined;
  const text = JSON.stringify(input);
  return text.length <= shapeCacheLimits.exactLength ? text : undefined;
}

/**
 * The canonical N-Quads of `input`, the same bytes the stock canonicalization gives (which runs
 * whenever the compiled path cannot vouch for its answer), and how they were made.
 */
export async function canonizeThroughShapes(
  input: unknown,
  request: CanonizeRequest,
): Promise<{ nquads: string; path: CanonizePath }> {
  // Only plain, bounded JSON: anything else (undefined values, class instances, cycles) is
  // jsonld.js's alone.
  const reading = readShape(input);
  if (!reading) return { nquads: await request.stock(), path: "jsonld" };
  const shapes = shapesOf(request.loader);
  const text = exactText(input, reading);
  if (text !== undefined) {
    const known = shapes.exact.get(text);
    if (known !== undefined) {
      shapes.paths.exact++;
      return { nquads: known, path: "exact" };
    }
  }
  const remember = (nquads: string, path: CanonizePath) => {
    if (text !== undefined) shapes.exact.set(text, nquads);
    shapes.paths[path]++;
    return { nquads, path };
  };
  if (request.mode === "verify") shapes.verifications++;

  const entry = shapes.shapes.get(reading.key);
  if (entry?.state === "refused") return remember(await request.stock(), "jsonld");
  if (entry?.state === "compiled") {
    const variant = variantKey(entry.roles, reading.values);
    const compiled = entry.variants.get(variant);
    if (compiled) return remember(await canonizeVariant(compiled, reading.values), "compiled");
    const nquads = await request.stock();
    if (
      compiled === undefined &&
      entry.variants.size < shapeCacheLimits.variants &&
      shapes.admits(request.mode, Number.POSITIVE_INFINITY)
    ) {
      if (request.mode === "verify") shapes.verifyCompilations++;
      entry.variants.set(
        variant,
        await compileVariant(input, reading.values, entry.roles, nquads, request),
      );
    }
    return remember(nquads, "jsonld");
  }

  const sightings = (shapes.sightings.get(reading.key) ?? 0) + 1;
  shapes.sightings.set(reading.key, sightings);
  const nquads = await request.stock();
  if (shapes.admits(request.mode, sightings)) {
    if (request.mode === "verify") shapes.verifyCompilations++;
    shapes.shapes.set(reading.key, await compileShape(input, reading.values, nquads, request));
  }
  return remember(nquads, "jsonld");
}

/** Learns a shape from a document whose canonical form jsonld.js gave as `nquads`. */
async function compileShape(
  input: unknown,
  values: readonly string[],
  nquads: string,
  request: CanonizeRequest,
): Promise<ShapeEntry> {
  try {
    const { roles, dataset } = await learnRoles(input, values, request.jsonldLoader);
    const variants = new Map<string, CompiledVariant | null>();
    variants.set(
      variantKey(roles, values),
      await compileVariant(input, values, roles, nquads, request, dataset),
    );
    return { state: "compiled", roles, variants };
  } catch {
    // ShapeRefused, or anything unexpected while learning: jsonld.js keeps the shape.
    return { state: "refused" };
  }
}

async function compileVariant(
  input: unknown,
  values: readonly string[],
  roles: ShapeRoles,
  nquads: string,
  request: CanonizeRequest,
  firstProbe?: Quad[],
): Promise<CompiledVariant | null> {
  try {
    const template = await learnTemplate(input, values, roles, request.jsonldLoader, firstProbe);
    const plan = planCanonical(template);
    // Both ways of canonicalizing the template must give jsonld.js's bytes for this document.
    if ((await canonizeDataset(fillTemplate(template, values))) !== nquads) return null;
    const direct = canonicalFromPlan(plan, values);
    if (direct !== undefined && direct !== nquads) return null;
    return { template, plan };
  } catch {
    return null;
  }
}

/** What the cache of one document loader holds and has done (for tests and the benchmark). */
export function shapeCacheStats(loader: object) {
  const shapes = byLoader.get(cacheOwnerOf(loader));
  if (!shapes) return undefined;
  return {
    shapes: shapes.shapes.size,
    sightings: shapes.sightings.size,
    exact: shapes.exact.size,
    verifications: shapes.verifications,
    verifyCompilations: shapes.verifyCompilations,
    paths: { ...shapes.paths },
  };
}
