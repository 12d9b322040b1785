import type { JsonObject } from "@avala/credentials";
import { AVALA_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT } from "@avala/credentials";
import { isKnownContextUrl } from "@avala/document-loader";
import { digestOfMultibase, digestOfSri, sriOf } from "./related-resource-digests.js";

/**
 * What W3C VC Data Model 2.0 (and 1.1, for credentials/v1 input) says a credential MUST be, as
 * the rules an issuer applies before it signs. Pure: the caller's document in, the first rule
 * it breaks out, with the field's JSON path. What only a JSON-LD processor can see (a protected
 * term redefined, a term no context defines) is found when signing; see `jsonld-rejection.ts`.
 */

export type DataModel = "1.1" | "2.0";

export type RuleCode =
  | "issuer.credential.invalid"
  | "issuer.credential.invalid-context"
  | "issuer.credential.unknown-context"
  | "issuer.credential.retired-context"
  | "issuer.credential.not-verifiable-credential"
  | "issuer.credential.type-required"
  | "issuer.credential.invalid-type"
  | "issuer.credential.not-url"
  | "issuer.credential.id-required"
  | "issuer.credential.not-object"
  | "issuer.credential.subject-invalid"
  | "issuer.credential.invalid-date"
  | "issuer.credential.validity-order"
  | "issuer.credential.invalid-text"
  | "issuer.credential.related-resource-duplicate"
  | "issuer.credential.related-resource-digest"
  | "issuer.credential.related-resource-mismatch"
  | "issuer.credential.status-entry"
  | "issuer.credential.status-managed"
  | "issuer.credential.protected-term"
  | "issuer.credential.undefined-term"
  | "issuer.credential.jsonld-invalid";

export interface RuleViolation {
  /** The rule broken, as a message key (its es/en text names the rule). */
  code: RuleCode;
  /** JSON path inside the credential: `validFrom`, `relatedResource[1].id`. */
  field: string;
  /** The reason in English, for the problem's `errors`. */
  reason: string;
  /** Message parameters; `field` is always one. */
  params: Record<string, string>;
}

export interface RuleOptions {
  /**
   * The time of issue, as the issuer fills it into `validFrom` (VC 2.0) or `issuanceDate`
   * (VC 1.1) when the caller left it out: the order of the validity dates is judged with it.
   */
  issuedAt: string;
  /**
   * Whether a URL is one of the issuer's own status lists: a caller's `credentialStatus` may not
   * point there (those entries are assigned by the issuer).
   */
  isManagedStatusUrl(url: string): boolean;
  /**
   * The digests (SRI expressions) a related resource may rightly carry, when the issuer can
   * check them offline (a resource it holds); undefined for any other resource, whose digest
   * only has its syntax checked. Never fetches.
   */
  knownDigests(url: string): ReadonlySet<string> | undefined;
}

/** Thrown while building a credential to refuse it for a rule (caught as the error's cause). */
export class RuleViolationError extends Error {
  override name = "RuleViolationError";
  constructor(readonly violation: RuleViolation) {
    super(violation.reason);
  }
}

export interface Rule {
  /** A short name for the rule table (README, tests). */
  name: string;
  check(credential: JsonObject, model: DataModel, options: RuleOptions): RuleViolation | undefined;
}

export function violation(
  code: RuleCode,
  field: string,
  reason: string,
  params: Record<string, string> = {},
): RuleViolation {
  return { code, field, reason, params: { field, ...params } };
}

/** A rule with no message of its own: the generic one, whose text carries the reason. */
function invalid(field: string, reason: string): RuleViolation {
  return violation("issuer.credential.invalid", field, reason, { reason: `${field} ${reason}` });
}

const isObject = (value: unknown): value is JsonObject =>
  !!value && typeof value === "object" && !Array.isArray(value);

/** A URL (VC DM 2.0 §4.4): a scheme, no white space, parsable by the WHATWG URL parser. */
export function isUrl(value: unknown): value is string {
  return (
    typeof value === "string" && /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value) && URL.canParse(value)
  );
}

const DATE_TIME_STAMP =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?|24:00:00(?:\.0+)?)(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))$/;

/**
 * An XML Schema `dateTimeStamp` (a `dateTime` with its time zone), with a four-digit year and a
 * day that exists in its month. It is read, never rewritten.
 */
export function isDateTimeStamp(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = DATE_TIME_STAMP.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return year > 0 && day <= daysInMonth && !Number.isNaN(Date.parse(value));
}

/** The data model the first `@context` names, if it is one of the two. */
export function dataModelOf(credential: JsonObject): DataModel | undefined {
  const contexts = credential["@context"];
  if (!Array.isArray(contexts)) return undefined;
  if (contexts[0] === VC_V2_CONTEXT) return "2.0";
  if (contexts[0] === VC_V1_CONTEXT) return "1.1";
  return undefined;
}

/**
 * Calls `visit` for every property of every object in the document, with its JSON path,
 * except inside `@context` values (context definitions, not data).
 */
export function walk(
  value: unknown,
  visit: (key: string, child: unknown, path: string) => RuleViolation | undefined,
  path = "",
): RuleViolation | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], visit, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key === "@context") continue;
    const at = path ? `${path}.${key}` : key;
    const found = visit(key, child, at) ?? walk(child, visit, at);
    if (found) return found;
  }
  return undefined;
}

/** Each value of a property that may hold one value or a set, with its path. */
function entries(value: unknown, path: string): Array<[unknown, string]> {
  return Array.isArray(value) ? value.map((v, i) => [v, `${path}[${i}]`]) : [[value, path]];
}

/** `@context` entries: a known URL or an inline object, at the top and nested. */
function contextEntryViolation(entry: unknown, field: string): RuleViolation | undefined {
  if (isObject(entry)) return retiredContextIn(entry, field);
  if (typeof entry === "string") {
    if (entry === AVALA_CONTEXT) return retiredContext(field);
    if (isKnownContextUrl(entry)) return undefined;
    return violation(
      "issuer.credential.unknown-context",
      field,
      "not a published context Avala holds (contexts are never fetched)",
      { url: entry.slice(0, 200) },
    );
  }
  return violation(
    "issuer.credential.invalid-context",
    field,
    "a context is a URL or an object (an inline context)",
  );
}

/**
 * Avala's old private context: credentials signed with it before still verify (it stays in
 * contexts/, read only), but no one outside can load it, so nothing Avala signs carries it.
 */
function retiredContext(field: string): RuleViolation {
  return violation(
    "issuer.credential.retired-context",
    field,
    "Avala's retired private context: no verifier outside Avala can load it",
    { url: AVALA_CONTEXT },
  );
}

/** The retired context named inside an inline context (`@import`, a scoped `@context`). */
function retiredContextIn(value: unknown, path: string): RuleViolation | undefined {
  if (value === AVALA_CONTEXT) return retiredContext(path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = retiredContextIn(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const found = retiredContextIn(child, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

const contextRule: Rule = {
  name: "@context: the base context first, then published context URLs or inline objects",
  check(credential) {
    const contexts = credential["@context"];
    if (!Array.isArray(contexts) || dataModelOf(credential) === undefined) {
      return violation(
        "issuer.credential.invalid-context",
        "@context",
        `must be an array that starts with ${VC_V2_CONTEXT} (or ${VC_V1_CONTEXT} for VC 1.1)`,
      );
    }
    for (let i = 1; i < contexts.length; i++) {
      if (contexts[i] === VC_V1_CONTEXT || contexts[i] === VC_V2_CONTEXT) {
        return violation(
          "issuer.credential.invalid-context",
          `@context[${i}]`,
          "the base context comes once, first; VC 1.1 and 2.0 are not mixed",
        );
      }
      const bad = contextEntryViolation(contexts[i], `@context[${i}]`);
      if (bad) return bad;
    }
    return nestedContextViolation(credential, "");
  },
};

/** The `@context` entries of nested objects (embedded nodes), at any depth. */
function nestedContextViolation(value: unknown, path: string): RuleViolation | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nestedContextViolation(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  if (path !== "" && "@context" in value) {
    for (const [entry, at] of entries(value["@context"], `${path}.@context`)) {
      const bad = contextEntryViolation(entry, at);
      if (bad) return bad;
    }
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === "@context") continue;
    const found = nestedContextViolation(child, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/** A `type` value: one term or absolute URL, or a non-empty set of them. */
function typeViolation(value: unknown, field: string): RuleViolation | undefined {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) {
    return violation("issuer.credential.invalid-type", field, "must name at least one type");
  }
  for (const [item, at] of entries(value, field)) {
    if (typeof item !== "string" || item.trim() === "" || /\s/.test(item)) {
      return violation("issuer.credential.invalid-type", at, "a type is a term or a URL (text)");
    }
  }
  return undefined;
}

const typeRule: Rule = {
  name: "type: present, terms or URLs, including VerifiableCredential",
  check(credential) {
    if (!("type" in credential)) {
      return violation("issuer.credential.type-required", "type", "is required");
    }
    const bad = typeViolation(credential["type"], "type");
    if (bad) return bad;
    const list = Array.isArray(credential["type"]) ? credential["type"] : [credential["type"]];
    if (!list.includes("VerifiableCredential")) {
      return violation(
        "issuer.credential.not-verifiable-credential",
        "type",
        "must include VerifiableCredential",
      );
    }
    return undefined;
  },
};

const typesEverywhereRule: Rule = {
  name: "type, wherever it appears: terms or URLs",
  check(credential) {
    return walk(credential, (key, child, path) =>
      key === "type" && path !== "type" ? typeViolation(child, path) : undefined,
    );
  },
};

const idRule: Rule = {
  name: "id, wherever it appears: a single URL",
  check(credential) {
    return walk(credential, (key, child, path) =>
      key === "id" && !isUrl(child)
        ? violation("issuer.credential.not-url", path, "must be a single URL")
        : undefined,
    );
  },
};

const subjectRule: Rule = {
  name: "credentialSubject: one or more objects, each with at least one claim",
  check(credential) {
    const subject = credential["credentialSubject"];
    if (subject === undefined) {
      return violation("issuer.credential.subject-invalid", "credentialSubject", "is required");
    }
    if (Array.isArray(subject) && subject.length === 0) {
      return violation(
        "issuer.credential.subject-invalid",
        "credentialSubject",
        "must name at least one subject",
      );
    }
    for (const [item, at] of entries(subject, "credentialSubject")) {
      if (!isObject(item)) {
        return violation("issuer.credential.subject-invalid", at, "must be an object");
      }
      if (Object.keys(item).length === 0) {
        return violation(
          "issuer.credential.subject-invalid",
          at,
          "must make at least one claim about the subject",
        );
      }
    }
    return undefined;
  },
};

/** Properties whose every value is an object that MUST have a `type` (VC DM 2.0 §4.5). */
const TYPED_PROPERTIES = [
  "credentialStatus",
  "credentialSchema",
  "evidence",
  "refreshService",
  "termsOfUse",
] as const;

/** VC 1.1 (§4.9, §5.4, §5.7) also requires an `id` on these. */
const ID_REQUIRED: Record<DataModel, readonly string[]> = {
  "2.0": ["credentialSchema"],
  "1.1": ["credentialSchema", "credentialStatus", "refreshService"],
};

const typedObjectsRule: Rule = {
  name: "credentialStatus, credentialSchema, evidence, refreshService, termsOfUse: typed objects",
  check(credential, model) {
    for (const property of TYPED_PROPERTIES) {
      if (!(property in credential)) continue;
      const value = credential[property];
      if (Array.isArray(value) && value.length === 0) {
        return violation("issuer.credential.not-object", property, "must not be an empty list");
      }
      for (const [item, at] of entries(value, property)) {
        if (!isObject(item)) {
          return violation("issuer.credential.not-object", at, "must be an object");
        }
        if (!("type" in item)) {
          return violation("issuer.credential.type-required", at, "must have a type");
        }
        if (ID_REQUIRED[model].includes(property) && !("id" in item)) {
          return violation("issuer.credential.id-required", `${at}.id`, "is required (a URL)");
        }
      }
    }
    return undefined;
  },
};

/** Per data model: the start and end of validity, as VC 2.0 or VC 1.1 name them. */
const VALIDITY_PAIRS: Record<DataModel, ReadonlyArray<readonly [string, string]>> = {
  "2.0": [["validFrom", "validUntil"]],
  // The VC 1.1 context defines validFrom/validUntil too; issuanceDate is required (filled in).
  "1.1": [
    ["issuanceDate", "expirationDate"],
    ["validFrom", "validUntil"],
  ],
};

const validityRule: Rule = {
  name: "validFrom/validUntil (issuanceDate/expirationDate): XML Schema dateTimeStamp, in order",
  check(credential, model, options) {
    for (const [fromField, untilField] of VALIDITY_PAIRS[model]) {
      for (const field of [fromField, untilField]) {
        if (field in credential && !isDateTimeStamp(credential[field])) {
          return violation(
            "issuer.credential.invalid-date",
            field,
            "must be an XML Schema dateTimeStamp with its time zone, e.g. 2025-01-31T18:00:00Z",
          );
        }
      }
      const filled = fromField === "validFrom" && model === "1.1" ? undefined : options.issuedAt;
      const from = (credential[fromField] as string | undefined) ?? filled;
      const until = credential[untilField] as string | undefined;
      if (from !== undefined && until !== undefined && Date.parse(from) > Date.parse(until)) {
        return violation(
          "issuer.credential.validity-order",
          untilField,
          `must not be earlier than ${fromField} (${from})`,
          { from: fromField, until: untilField },
        );
      }
    }
    if (model === "2.0") {
      for (const field of ["issuanceDate", "expirationDate"]) {
        if (field in credential) {
          return invalid(
            field,
            "is a VC 1.1 term: a VC 2.0 credential uses validFrom and validUntil",
          );
        }
      }
    }
    return undefined;
  },
};

const VALUE_OBJECT_KEYS = new Set(["@value", "@language", "@direction"]);

function isLanguageTag(value: unknown): boolean {
  if (typeof value !== "string" || value.length > 64) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** A string, or a language value object (VC DM 2.0 §11.1): @value, @language, @direction. */
function isTextValue(value: unknown): boolean {
  if (typeof value === "string") return true;
  if (!isObject(value)) return false;
  return (
    Object.keys(value).every((k) => VALUE_OBJECT_KEYS.has(k)) &&
    typeof value["@value"] === "string" &&
    (!("@language" in value) || isLanguageTag(value["@language"])) &&
    (!("@direction" in value) || value["@direction"] === "ltr" || value["@direction"] === "rtl")
  );
}

const textRule: Rule = {
  name: "name, description: text or language value objects",
  check(credential) {
    return walk(credential, (key, child, path) => {
      if (key !== "name" && key !== "description") return undefined;
      const list = Array.isArray(child) ? child : [child];
      if (list.length > 0 && list.every(isTextValue)) return undefined;
      return violation(
        "issuer.credential.invalid-text",
        path,
        "must be a string or language value objects (@value, @language, @direction only)",
      );
    });
  },
};

/** A Subresource Integrity hash expression: algorithm, `-`, standard base64 of the digest. */
function isDigestSri(value: unknown): boolean {
  return digestOfSri(value) !== undefined;
}

/** A multibase string: `u` + base64url without padding, or `z` + base58btc. */
function isDigestMultibase(value: unknown): boolean {
  if (typeof value !== "string" || value.length < 2) return false;
  if (value[0] === "u") return /^[A-Za-z0-9_-]+$/.test(value.slice(1));
  if (value[0] === "z") return /^[1-9A-HJ-NP-Za-km-z]+$/.test(value.slice(1));
  return false;
}

const DIGEST_OF = { digestSRI: digestOfSri, digestMultibase: digestOfMultibase } as const;

/**
 * A digest of a resource the issuer holds that matches none of its known versions. Digests in a
 * hash function or multibase it cannot compute are left alone (their syntax was checked).
 */
function digestMismatch(
  item: JsonObject,
  at: string,
  known: ReadonlySet<string>,
): RuleViolation | undefined {
  for (const property of ["digestSRI", "digestMultibase"] as const) {
    if (!(property in item)) continue;
    for (const [value, digestAt] of entries(item[property], `${at}.${property}`)) {
      const digest = DIGEST_OF[property](value);
      if (digest && !known.has(sriOf(digest))) {
        const id = String(item["id"]).slice(0, 200);
        return violation(
          "issuer.credential.related-resource-mismatch",
          digestAt,
          `does not match ${id}: not the ${digest.algorithm} digest of the file published there`,
          { id },
        );
      }
    }
  }
  return undefined;
}

const relatedResourceRule: Rule = {
  name: "relatedResource: objects with a unique id and a digest, right for resources held",
  check(credential, _model, options) {
    if (!("relatedResource" in credential)) return undefined;
    const value = credential["relatedResource"];
    if (Array.isArray(value) && value.length === 0) {
      return violation(
        "issuer.credential.not-object",
        "relatedResource",
        "must not be an empty list",
      );
    }
    const seen = new Set<string>();
    for (const [item, at] of entries(value, "relatedResource")) {
      if (!isObject(item)) {
        return violation("issuer.credential.not-object", at, "must be an object");
      }
      if (!("id" in item)) {
        return violation("issuer.credential.id-required", `${at}.id`, "is required (a URL)");
      }
      const id = String(item["id"]);
      if (seen.has(id)) {
        return violation(
          "issuer.credential.related-resource-duplicate",
          `${at}.id`,
          "each related resource appears once",
          { id: id.slice(0, 200) },
        );
      }
      seen.add(id);
      if (!("digestSRI" in item) && !("digestMultibase" in item)) {
        return violation(
          "issuer.credential.related-resource-digest",
          at,
          "must carry digestSRI or digestMultibase",
        );
      }
      for (const [property, valid] of [
        ["digestSRI", isDigestSri],
        ["digestMultibase", isDigestMultibase],
      ] as const) {
        if (!(property in item)) continue;
        for (const [digest, digestAt] of entries(item[property], `${at}.${property}`)) {
          if (!valid(digest)) {
            return violation(
              "issuer.credential.related-resource-digest",
              digestAt,
              property === "digestSRI"
                ? "must be a Subresource Integrity hash: sha256-, sha384- or sha512- and base64"
                : "must be a multibase digest: u + base64url, or z + base58btc",
            );
          }
        }
      }
      if ("mediaType" in item && !/^[\w.+-]+\/[\w.+-]+$/.test(String(item["mediaType"]))) {
        return invalid(`${at}.mediaType`, "must be a media type, e.g. application/ld+json");
      }
      // Held resources only (never fetched): their digest must be one of theirs.
      const known = typeof item["id"] === "string" ? options.knownDigests(item["id"]) : undefined;
      const mismatch = known && digestMismatch(item, at, known);
      if (mismatch) return mismatch;
    }
    return undefined;
  },
};

const BITSTRING_ENTRY = [
  "BitstringStatusListEntry",
  "https://www.w3.org/ns/credentials/status#BitstringStatusListEntry",
];

/** What the Bitstring Status List v1.0 spec requires of one of its entries. */
function bitstringEntryViolation(entry: JsonObject, at: string): RuleViolation | undefined {
  const bad = (field: string, reason: string) =>
    violation("issuer.credential.status-entry", `${at}.${field}`, reason);
  const purpose = entry["statusPurpose"];
  if (typeof purpose !== "string" || purpose.trim() === "") {
    return bad("statusPurpose", "is required: a string such as revocation or suspension");
  }
  const index = entry["statusListIndex"];
  if (typeof index !== "string" || !/^(0|[1-9]\d{0,15})$/.test(index)) {
    return bad("statusListIndex", "is required: an integer ≥ 0 written in base 10, as a string");
  }
  if (!isUrl(entry["statusListCredential"])) {
    return bad("statusListCredential", "is required: the URL of the status list credential");
  }
  if (entry["id"] !== undefined && entry["id"] === entry["statusListCredential"]) {
    return bad("id", "must not be the status list's URL");
  }
  const size = entry["statusSize"];
  if (size !== undefined && !(Number.isInteger(size) && (size as number) > 0)) {
    return bad("statusSize", "must be an integer greater than zero");
  }
  if (typeof size === "number" && size > 1) {
    const messages = entry["statusMessage"];
    if (!Array.isArray(messages) || messages.length !== 2 ** size) {
      return bad("statusMessage", "is required when statusSize > 1: one message per value");
    }
    for (const [message, i] of messages.map((m, n) => [m, n] as const)) {
      if (
        !isObject(message) ||
        typeof message["status"] !== "string" ||
        typeof message["message"] !== "string"
      ) {
        return violation(
          "issuer.credential.status-entry",
          `${at}.statusMessage[${i}]`,
          "each message has a status and a message (strings)",
        );
      }
    }
  }
  return undefined;
}

const callerStatusRule: Rule = {
  name: "credentialStatus (the caller's own): valid entries, not on the issuer's own lists",
  check(credential, _model, options) {
    if (!("credentialStatus" in credential)) return undefined;
    for (const [entry, at] of entries(credential["credentialStatus"], "credentialStatus")) {
      if (!isObject(entry)) continue; // typedObjectsRule reports it
      for (const property of ["id", "statusListCredential"]) {
        const url = entry[property];
        if (typeof url === "string" && options.isManagedStatusUrl(url)) {
          return violation(
            "issuer.credential.status-managed",
            `${at}.${property}`,
            "entries on the issuer's own status lists are assigned by the issuer",
          );
        }
      }
      const types = Array.isArray(entry["type"]) ? entry["type"] : [entry["type"]];
      if (types.some((t) => BITSTRING_ENTRY.includes(t as string))) {
        const bad = bitstringEntryViolation(entry, at);
        if (bad) return bad;
      }
    }
    return undefined;
  },
};

/** The shape every other check relies on: the contexts, and what the credential's type is. */
export const credentialStructureRules: readonly Rule[] = [contextRule, typeRule];

/** The rules, in the order they are applied; the first one broken is reported. */
export const credentialRules: readonly Rule[] = [
  ...credentialStructureRules,
  typesEverywhereRule,
  idRule,
  subjectRule,
  typedObjectsRule,
  validityRule,
  textRule,
  relatedResourceRule,
  callerStatusRule,
];

/** The first rule (of `rules`, by default all) the caller's credential breaks, if any. */
export function checkCredentialRules(
  credential: JsonObject,
  options: RuleOptions,
  rules: readonly Rule[] = credentialRules,
): RuleViolation | undefined {
  const model = dataModelOf(credential) ?? "2.0";
  for (const rule of rules) {
    const found = rule.check(credential, model, options);
    if (found) return found;
  }
  return undefined;
}
