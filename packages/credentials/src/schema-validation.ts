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

/**
 * Validates a credential against the OB 3.0 schema for its type, plus the gaps the schemas
 * leave (an issuer object must be typed `Profile`).
 */
export function checkOpenBadgesSchema(document: JsonObject): Check {
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
