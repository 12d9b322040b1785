/**
 * What the contexts of a JSON-LD document define, read without processing them: every term
 * (following context URLs through a loader, `@import`s and scoped contexts), and whether any
 * term aliases a keyword other than `id` → `@id` and `type` → `@type`. The fast paths rely on
 * both: a value whose scheme is a term could be a compact IRI, and a keyword alias would let a
 * string value steer JSON-LD processing the way `@type` or `@direction` do.
 */

export interface ContextFacts {
  /** Every term any of the contexts defines (a superset: terms of every scope). */
  terms: Set<string>;
  /** No term aliases a keyword but `id` (to `@id`) and `type` (to `@type`). */
  plainAliases: boolean;
}

export type ContextLoader = (url: string) => unknown;

/** At most this many context documents are read for one document. */
export const MAX_CONTEXT_DOCUMENTS = 64;

export class TooManyContexts extends Error {}

/** Every `@context` value in a document (nested ones too). */
export function contextsIn(document: unknown): unknown[] {
  const found: unknown[] = [];
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "@context") found.push(value);
      else stack.push(value);
    }
  }
  return found;
}

function aliasOf(value: unknown): string | undefined {
  const id =
    typeof value === "string"
      ? value
      : value && typeof value === "object" && !Array.isArray(value)
        ? (value as Record<string, unknown>)["@id"]
        : undefined;
  return typeof id === "string" && id.startsWith("@") ? id : undefined;
}

/**
 * The facts of a document's contexts. `load` answers a context URL with a remote document
 * (`{ document }`, the document possibly JSON text) or a promise of one; it may throw.
 * Throws `TooManyContexts` past `MAX_CONTEXT_DOCUMENTS`.
 */
export async function contextFacts(document: unknown, load: ContextLoader): Promise<ContextFacts> {
  const facts: ContextFacts = { terms: new Set(), plainAliases: true };
  const loaded = new Set<string>();
  const queue: unknown[] = contextsIn(document);
  while (queue.length > 0) {
    const context = queue.pop();
    if (Array.isArray(context)) {
      for (const entry of context) queue.push(entry);
    } else if (typeof context === "string") {
      if (loaded.has(context)) continue;
      if (loaded.size >= MAX_CONTEXT_DOCUMENTS) throw new TooManyContexts();
      loaded.add(context);
      const remote = (await load(context)) as { document?: unknown } | undefined;
      let body = remote?.document;
      if (typeof body === "string") body = JSON.parse(body);
      if (body && typeof body === "object" && "@context" in body) {
        queue.push((body as Record<string, unknown>)["@context"]);
      }
    } else if (context && typeof context === "object") {
      for (const [key, value] of Object.entries(context)) {
        if (key === "@import" || key === "@context") {
          queue.push(value);
          continue;
        }
        if (key.startsWith("@")) continue;
        facts.terms.add(key);
        const alias = aliasOf(value);
        if (alias !== undefined && alias !== "@id" && !(key === "type" && alias === "@type")) {
          facts.plainAliases = false;
        }
        if (value && typeof value === "object" && "@context" in value) {
          queue.push((value as Record<string, unknown>)["@context"]);
        }
      }
    }
  }
  return facts;
}
