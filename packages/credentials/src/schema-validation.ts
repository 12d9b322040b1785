import { readContextFile, readManifest } from "@avala/contexts";
import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import addFormatsModule from "ajv-formats";
import type { Check } from "./checks.js";
import { makeCheck } from "./checks.js";
import type { JsonObject } from "./types.js";
import {
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  OB_ENDORSEMENT_CREDENTIAL_SCHEMA,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from "./vocabulary.js";

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2019) => void;

let validators: Map<string, ValidateFunction> | undefined;

/** The 1EdTech OB 3.0 JSON Schemas from contexts/, compiled once per process. */
function schemaValidators(): Map<string, ValidateFunction> {
  if (!validators) {
    const ajv = new Ajv2019({ strict: false, allErrors: false });
    addFormats(ajv);
    const map = new Map<string, ValidateFunction>();
    for (const entry of readManifest().schemas) {
      const schema = JSON.parse(readContextFile(entry.file)) as { $id?: string };
      map.set(entry.url, ajv.compile(schema));
    }
    validators = map;
  }
  return validators;
}

function types(document: JsonObject): string[] {
  const type = document.type;
  return Array.isArray(type) ? type.filter((t) => typeof t === "string") : [String(type)];
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`)
    .join("; ");
}

/** VC 1.1's names for the VC 2.0 fields the OB 3.0.3 schema asks for. */
const vc11Fields = [
  ["issuanceDate", "validFrom"],
  ["expirationDate", "validUntil"],
] as const;

function isVc11(node: JsonObject): boolean {
  const context = node["@context"];
  return (Array.isArray(context) ? context[0] : context) === VC_V1_CONTEXT;
}

/**
 * A VC 1.1 credential (and every VC 1.1 credential embedded in it, such as endorsements) read
 * in VC 2.0 terms for the OB 3.0.3 schema: the credentials/v1 context as v2, `issuanceDate` as
 * `validFrom`, `expirationDate` as `validUntil`. OB 3.0.0-3.0.2 were built on VC 1.1 and their
 * JSON Schemas are no longer published (1EdTech replaced them at the same URL with 3.0.3's), so
 * this mapping is how such credentials are validated; everything else is checked as published.
 */
export function asVc20(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== "object" || depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => asVc20(v, depth + 1));
  const node = value as JsonObject;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(node)) out[key] = asVc20(child, depth + 1);
  if (isVc11(node)) {
    const context = node["@context"];
    out["@context"] = Array.isArray(context)
      ? [VC_V2_CONTEXT, ...context.slice(1)]
      : [VC_V2_CONTEXT];
    for (const [v11, v20] of vc11Fields) {
      if (v11 in node) {
        out[v20] = node[v11];
        delete out[v11];
      }
    }
  }
  return out;
}

/** Schema errors about mapped fields, told in the VC 1.1 names the credential uses. */
function inVc11Terms(reason: string): string {
  let text = reason;
  for (const [v11, v20] of vc11Fields) text = text.replaceAll(v20, v11);
  return text;
}

/**
 * Validates a credential against the OB 3.0 schema for its type, plus the gaps the schemas
 * leave (an issuer object must be typed `Profile`). A VC 1.1 credential (OB 3.0.0-3.0.2) is
 * validated through `asVc20`, its errors named in its own VC 1.1 terms.
 */
export function checkOpenBadgesSchema(document: JsonObject): Check {
  if (isVc11(document)) {
    const check = checkOpenBadgesSchema(asVc20(document) as JsonObject);
    if (check.outcome !== "fail" || check.params?.reason === undefined) return check;
    return makeCheck("schema", "fail", "schema.invalid", {
      reason: inVc11Terms(String(check.params.reason)),
    });
  }
  const typeList = types(document);
  const schemaUrl = typeList.includes("EndorsementCredential")
    ? OB_ENDORSEMENT_CREDENTIAL_SCHEMA
    : typeList.includes("AchievementCredential") || typeList.includes("OpenBadgeCredential")
      ? OB_ACHIEVEMENT_CREDENTIAL_SCHEMA
      : undefined;
  if (!schemaUrl) return makeCheck("schema", "warning", "schema.not-open-badge");
  const validate = schemaValidators().get(schemaUrl);
  if (!validate) throw new Error(`Schema missing from contexts/: ${schemaUrl}`);
  if (!validate(document)) {
    return makeCheck("schema", "fail", "schema.invalid", {
      reason: describeErrors(validate.errors),
    });
  }
  const issuer = document.issuer;
  if (issuer && typeof issuer === "object") {
    const issuerType = (issuer as JsonObject).type;
    const list = Array.isArray(issuerType) ? issuerType : [issuerType];
    if (!list.includes("Profile")) {
      return makeCheck("schema", "fail", "schema.invalid", {
        reason: "/issuer must have type Profile",
      });
    }
  }
  return makeCheck("schema", "pass", "schema.valid");
}
