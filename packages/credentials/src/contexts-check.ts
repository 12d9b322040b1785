import type { DocumentLoader } from "@avala/document-loader";
import { builtInDocuments, isKnownContextUrl, UnknownDocumentError } from "@avala/document-loader";
import jsonld from "jsonld";
import { BoundedCache } from "./bounded-cache.js";
import type { Check } from "./checks.js";
import { makeCheck } from "./checks.js";
import { contextFacts } from "./context-terms.js";
import { readShape } from "./shape-reading.js";
import type { JsonObject } from "./types.js";
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from "./vocabulary.js";

/** Bounds on inline (object) contexts: how many in one document, and each one's size and depth. */
export const inlineContextLimits = { count: 16, bytes: 16 * 1024, depth: 8 } as const;

/** The Verifiable Credentials data model a document says it follows (its first context). */
export function dataModelOf(document: JsonObject): "1.1" | "2.0" | undefined {
  const top = document["@context"];
  const first = Array.isArray(top) ? top[0] : top;
  if (first === VC_V2_CONTEXT) return "2.0";
  if (first === VC_V1_CONTEXT) return "1.1";
  return undefined;
}

class ContextRefusal extends Error {
  constructor(readonly check: Check) {
    super(check.message.en);
  }
}

const invalid = (reason: string) =>
  new ContextRefusal(makeCheck("context", "fail", "context.invalid", { reason }));

const keyText = (key: string) => JSON.stringify(key.slice(0, 80));

/** Walks the `@context` values of a document: every entry checked, inline ones counted. */
class ContextWalk {
  inline = 0;

  /** A `@context` value: a URL, an inline object, or an array of those. */
  value(value: unknown, depth: number): void {
    if (Array.isArray(value)) {
      for (const entry of value) this.entry(entry, depth);
    } else {
      this.entry(value, depth);
    }
  }

  private entry(entry: unknown, depth: number): void {
    if (typeof entry === "string") {
      if (!isKnownContextUrl(entry)) {
        throw new ContextRefusal(
          makeCheck("context", "fail", "context.unknown", { url: entry.slice(0, 300) }),
        );
      }
      return;
    }
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
      throw invalid("each @context entry must be the URL of a context or a context object");
    }
    if (++this.inline > inlineContextLimits.count) {
      throw invalid(`more than ${inlineContextLimits.count} inline contexts`);
    }
    if (depth === 0 && Buffer.byteLength(JSON.stringify(entry)) > inlineContextLimits.bytes) {
      throw invalid(`an inline context is larger than ${inlineContextLimits.bytes} bytes`);
    }
    this.definitions(entry as JsonObject, depth + 1);
  }

  /**
   * The inside of an inline context: no nulls (a term mapped to null drops data from what is
   * signed while the JSON still shows it), `@import` and scoped `@context`s only to known URLs
   * or bounded inline objects, nesting bounded.
   */
  private definitions(node: JsonObject, depth: number): void {
    if (depth > inlineContextLimits.depth) {
      throw invalid(`an inline context is nested more than ${inlineContextLimits.depth} levels`);
    }
    for (const [key, value] of Object.entries(node)) {
      if (value === null) throw invalid(`an inline context maps ${keyText(key)} to null`);
      if (key === "@context") {
        this.value(value, depth);
      } else if (key === "@import") {
        if (typeof value !== "string") throw invalid("@import must be a context URL");
        this.entry(value, depth);
      } else if (Array.isArray(value)) {
        for (const item of value) {
          if (item === null) throw invalid(`an inline context maps ${keyText(key)} to null`);
          if (item && typeof item === "object") this.definitions(item as JsonObject, depth + 1);
        }
      } else if (typeof value === "object") {
        this.definitions(value as JsonObject, depth + 1);
      }
    }
  }
}

/**
 * Every `@context` in the document (nested ones too) must be either the URL of a context Avala
 * holds (nothing is ever fetched) or an inline context object that can be processed offline: no
 * nulls, references only to held URLs, at most 16 per document, each at most 16 KiB and 8 levels
 * deep. The first context must be the W3C credentials context (v2, or v1 for VC 1.1). A
 * protected term redefined by an inline context is caught by `checkContextsOffline` (and by the
 * proof check, which processes the JSON-LD).
 */
export function checkContexts(document: JsonObject): Check {
  if (dataModelOf(document) === undefined) {
    return makeCheck("context", "fail", "context.invalid", {
      reason: "the first context must be the W3C credentials context",
    });
  }
  const walk = new ContextWalk();
  const stack: unknown[] = [document];
  let visited = 0;
  try {
    while (stack.length) {
      const node = stack.pop();
      if (!node || typeof node !== "object" || ++visited > 1_000_000) continue;
      for (const [key, child] of Object.entries(node)) {
        if (key === "@context" && !Array.isArray(node)) walk.value(child, 0);
        else if (child && typeof child === "object") stack.push(child);
      }
    }
  } catch (error) {
    if (error instanceof ContextRefusal) return error.check;
    throw error;
  }
  return makeCheck("context", "pass", "context.known");
}

/** Whether any `@context` in the document holds an inline (object) context. */
export function hasInlineContext(document: JsonObject): boolean {
  const stack: unknown[] = [document];
  let visited = 0;
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== "object" || ++visited > 1_000_000) continue;
    for (const [key, child] of Object.entries(node)) {
      if (key === "@context" && !Array.isArray(node)) {
        const list = Array.isArray(child) ? child : [child];
        if (list.some((entry) => entry && typeof entry === "object")) return true;
      } else if (child && typeof child === "object") stack.push(child);
    }
  }
  return false;
}

/** A loader of the contexts in contexts/ only: processing an inline context never fetches. */
const heldContexts: DocumentLoader = async (url) => {
  const document = builtInDocuments().get(url);
  if (document === undefined) throw new UnknownDocumentError(String(url));
  return { contextUrl: null, documentUrl: url, document };
};

interface JsonLdErrorShape {
  name?: unknown;
  message?: unknown;
  details?: { code?: unknown; term?: unknown };
}

/**
 * The check for a JSON-LD processing error: a protected term redefined is
 * `context.protected-redefinition` (naming the term), anything else `jsonld.malformed`.
 */
export function contextProcessingFailure(error: unknown): Check {
  const e = (error ?? {}) as JsonLdErrorShape;
  if (e.details?.code === "protected term redefinition") {
    return makeCheck("context", "fail", "context.protected-redefinition", {
      term: String(e.details.term ?? "?").slice(0, 100),
    });
  }
  const code = typeof e.details?.code === "string" ? ` (${e.details.code})` : "";
  return makeCheck("jsonld", "fail", "jsonld.malformed", {
    reason: `${String(e.message ?? error)}${code}`.slice(0, 200),
  });
}

/**
 * What JSON-LD processing of a document's inline contexts gave, by the document's shape (see
 * `shape-reading.ts`): its outcome depends on the contexts, keys, types and keyword values, all
 * part of the shape, and not on the other strings (offline processing throws only for context
 * and structure errors). Kept only for documents whose contexts alias no keyword but `id` and
 * `type` (`context-terms.ts`), since an alias could make a string choose a context. Bounded.
 */
const offlineOutcomes = new BoundedCache<string, Check>(256);

async function processedOffline(document: JsonObject, structural: Check): Promise<Check> {
  try {
    await jsonld.expand(structuredClone(document), {
      documentLoader: heldContexts,
      safe: false,
    } as Parameters<typeof jsonld.expand>[1]);
  } catch (error) {
    return contextProcessingFailure(error);
  }
  return structural;
}

async function aliasesOnlyIdAndType(document: JsonObject): Promise<boolean> {
  try {
    return (await contextFacts(document, heldContexts)).plainAliases;
  } catch {
    return false;
  }
}

/**
 * `checkContexts`, and when the document holds inline contexts, its JSON-LD processed with the
 * held contexts only (offline): a protected term redefined (`context.protected-redefinition`)
 * or a context JSON-LD cannot use (`jsonld.malformed`) is refused. The issuer calls this before
 * signing and the verifier before believing anything, so both accept the same documents.
 * Documents of a shape already processed get the same outcome without processing again.
 */
export async function checkContextsOffline(document: JsonObject): Promise<Check> {
  const structural = checkContexts(document);
  if (structural.outcome !== "pass" || !hasInlineContext(document)) return structural;
  const shape = readShape(document)?.key;
  const known = shape === undefined ? undefined : offlineOutcomes.get(shape);
  if (known) return structuredClone(known);
  const outcome = await processedOffline(document, structural);
  if (shape !== undefined && (await aliasesOnlyIdAndType(document))) {
    offlineOutcomes.set(shape, structuredClone(outcome));
  }
  return outcome;
}
