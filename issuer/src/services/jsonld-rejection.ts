import type { JsonObject } from "@avala/credentials";
import { type RuleViolation, violation, walk } from "./credential-rules.js";

/**
 * What jsonld.js (run by the signing suites, in safe mode, with the offline loader) raises when
 * a credential is not JSON-LD that means one thing, as the rule it breaks. Pure: the error and
 * the caller's document in, a violation out (undefined for any other error).
 */

interface JsonLdErrorLike {
  name?: unknown;
  message?: unknown;
  details?: {
    code?: unknown;
    term?: unknown;
    url?: unknown;
    context?: unknown;
    event?: { code?: unknown; message?: unknown; details?: Record<string, unknown> };
  };
}

/** The path of the first property named `term` (outside contexts), or of a type equal to it. */
function pathOfTerm(document: JsonObject, term: string): string | undefined {
  return walk(document, (key, child, path) => {
    if (key === term) return violation("issuer.credential.invalid", path, "");
    if (key === "type") {
      const list = Array.isArray(child) ? child : [child];
      const i = list.indexOf(term);
      if (i >= 0) {
        return violation(
          "issuer.credential.invalid",
          Array.isArray(child) ? `${path}[${i}]` : path,
          "",
        );
      }
    }
    return undefined;
  })?.field;
}

/** The `@context[i]` whose inline object defines `term` (the last one), or `@context`. */
export function contextDefining(document: JsonObject, term: string | undefined): string {
  const contexts = document["@context"];
  if (term !== undefined && Array.isArray(contexts)) {
    for (let i = contexts.length - 1; i >= 0; i--) {
      const entry = contexts[i];
      if (entry && typeof entry === "object" && Object.hasOwn(entry, term)) return `@context[${i}]`;
    }
  }
  return "@context";
}

const text = (value: unknown, max = 200) => String(value ?? "").slice(0, max);

export function jsonLdViolation(error: unknown, document: JsonObject): RuleViolation | undefined {
  const e = error as JsonLdErrorLike | undefined;
  const name = typeof e?.name === "string" ? e.name : "";
  if (!name.startsWith("jsonld.")) return undefined;
  const code = e?.details?.code;
  if (code === "protected term redefinition") {
    const term = text(e?.details?.term, 100);
    return violation(
      "issuer.credential.protected-term",
      contextDefining(document, term),
      `redefines the protected term ${term}`,
      { term },
    );
  }
  if (code === "loading remote context failed") {
    const url = text(e?.details?.url);
    return violation(
      "issuer.credential.unknown-context",
      "@context",
      "names a context that is not a published one Avala holds (contexts are never fetched)",
      { url },
    );
  }
  const event = e?.details?.event;
  const eventCode = event?.code;
  const details = event?.details ?? {};
  if (eventCode === "invalid property" || eventCode === "relative @type reference") {
    const term = text(
      eventCode === "invalid property" ? details["property"] : details["type"],
      100,
    );
    return violation(
      "issuer.credential.undefined-term",
      pathOfTerm(document, term) ?? "@context",
      `${term} is not defined by the credential's contexts`,
      { term },
    );
  }
  const reason = text(event?.message ?? e?.message, 300).replace(/\.$/, "");
  // A context's own syntax (e.g. a term mapped to something that is not an absolute IRI): point
  // at the inline context that holds the term; anything else is about the credential as a whole.
  const defined = e?.details?.context;
  const terms = defined && typeof defined === "object" ? Object.keys(defined) : [];
  const field =
    name === "jsonld.SyntaxError"
      ? (terms.map((t) => contextDefining(document, t)).find((f) => f !== "@context") ?? "@context")
      : "";
  return violation("issuer.credential.jsonld-invalid", field, reason, {
    reason: `${reason}${typeof code === "string" ? ` (${code})` : ""}`,
  });
}
