import type { JsonObject } from "@avala/credentials";

/**
 * Credential types the issuer signs only in its own flows, each with the rules of that flow:
 * accreditation (an authority's endorsement, listed, withdrawable), the deployment's trust
 * registry, and status lists. The VC-API never signs them, whatever the caller's role.
 */
export const RESERVED_TYPES: Readonly<Record<string, string>> = {
  EndorsementCredential: "POST /orgs/{slug}/endorsements",
  EndorsementSubject: "POST /orgs/{slug}/endorsements",
  AvalaTrustRegistry: "GET /trust-registry.json",
  TrustRegistry: "GET /trust-registry.json",
  BitstringStatusListCredential: "GET /status/…",
  BitstringStatusList: "GET /status/…",
  StatusList2021Credential: "GET /status/…",
  StatusList2021: "GET /status/…",
  RevocationList2020Credential: "GET /status/…",
};

export interface ReservedTypeFound {
  /** The type as the caller wrote it. */
  type: string;
  /** Where: `type`, `credentialSubject[1].type`. */
  field: string;
  /** The flow that signs it. */
  flow: string;
}

/** The reserved name a string ends with (after its last `#`, `/` or `:`), if any. */
function reservedName(value: string): string | undefined {
  const last = value.split(/[#/:]/).pop() ?? "";
  return Object.hasOwn(RESERVED_TYPES, last) ? last : undefined;
}

function typesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((t): t is string => typeof t === "string");
}

/** Every string inside the inline (object) `@context` entries of a document, at any depth. */
function inlineContextStrings(credential: JsonObject): string[] {
  const strings: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === "string") strings.push(value);
    else if (Array.isArray(value)) for (const item of value) collect(item);
    else if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        strings.push(key);
        collect(child);
      }
    }
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== "object") return;
    for (const [key, child] of Object.entries(node)) {
      if (key === "@context") {
        for (const entry of Array.isArray(child) ? child : [child]) {
          if (entry && typeof entry === "object") collect(entry);
        }
      } else visit(child);
    }
  };
  visit(credential);
  return strings;
}

/**
 * The IRIs a type may expand to, over-approximated without a JSON-LD processor: the type
 * itself, and each string of the inline contexts alone, followed by the type, or followed by
 * what comes after the type's prefix (a term, an `@vocab`, a prefix or a chain of them). Any
 * alias an inline context gives a reserved type ends in the reserved name in one of these.
 */
function expansionCandidates(type: string, contextStrings: readonly string[]): string[] {
  const suffix = type.includes(":") ? type.slice(type.indexOf(":") + 1) : type;
  const out = [type];
  for (const s of contextStrings) out.push(s, `${s}${type}`, `${s}${suffix}`);
  return out;
}

/**
 * The first reserved type in a credential or its subjects, matched by the term, by the last
 * segment of an IRI (a full-IRI spelling), and through any alias the credential's own inline
 * contexts could give it.
 */
export function reservedTypeIn(credential: JsonObject): ReservedTypeFound | undefined {
  const contextStrings = inlineContextStrings(credential);
  const reserved = (value: unknown): ReservedTypeFound | undefined => {
    for (const type of typesOf(value)) {
      for (const candidate of expansionCandidates(type, contextStrings)) {
        const name = reservedName(candidate);
        if (name) return { type, field: "type", flow: RESERVED_TYPES[name]! };
      }
    }
    return undefined;
  };
  const own = reserved(credential["type"]);
  if (own) return own;
  const subjects = credential["credentialSubject"];
  const list = Array.isArray(subjects) ? subjects : [subjects];
  for (const [i, subject] of list.entries()) {
    if (!subject || typeof subject !== "object") continue;
    const found = reserved((subject as JsonObject)["type"]);
    if (found) {
      const at = Array.isArray(subjects) ? `credentialSubject[${i}]` : "credentialSubject";
      return { ...found, field: `${at}.type` };
    }
  }
  return undefined;
}
