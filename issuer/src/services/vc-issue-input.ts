import type { Check, JsonObject } from "@avala/credentials";
import { checkContextsOffline, firstNonWebLink } from "@avala/credentials";
import type { MessageKey, MessageParams } from "@avala/i18n";
import {
  checkCredentialRules,
  credentialStructureRules,
  type DataModel,
  type RuleOptions,
  type RuleViolation,
  violation,
} from "./credential-rules.js";
import { contextDefining } from "./jsonld-rejection.js";
import { reservedTypeIn } from "./reserved-types.js";

/**
 * Everything the VC-API issuer checks in a caller's credential before it builds and signs it,
 * in order, the first refusal reported. No IO: inline contexts are processed with the contexts
 * held in contexts/ only.
 */

/** Why a credential is refused: the rule (a message key), its field, the reason in English. */
export interface Refusal {
  code: MessageKey;
  /** JSON path inside the credential; "" for the credential as a whole. */
  field: string;
  reason: string;
  params?: MessageParams;
}

export interface InputCheckOptions {
  /** The organisation's DID: the only issuer it signs as. */
  did: string;
  /** The caller brings its own `credentialStatus` and also asks for Avala's entry. */
  ownAndManagedStatus: boolean;
  rules: RuleOptions;
}

/**
 * Whether Avala adds its managed status entry (a BitstringStatusListEntry on the organisation's
 * list, which `POST /credentials/status` can then change):
 * - never when the caller brings its own `credentialStatus`;
 * - VC 2.0: by default (the v2 context defines the entry's terms: nothing is added but the
 *   entry), revocation unless `options.credentialStatus` asks for suspension;
 * - VC 1.1: only when `options.credentialStatus` asks for it, as the VC-API defines that option.
 *   The VC 1.1 context does not define the entry, so it brings the Bitstring Status List context
 *   along: a context the caller did not choose, which its verifiers would then have to hold.
 */
export function managesStatus(input: {
  model: DataModel;
  ownStatus: boolean;
  asked: boolean;
}): boolean {
  if (input.ownStatus) return false;
  return input.model === "2.0" || input.asked;
}

/** The JSON path of the first `null` in a value (`credentialSubject.name`, `type[1]`), if any. */
export function firstNull(value: unknown, path = ""): string | undefined {
  if (value === null) return path || "(root)";
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNull(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const found = firstNull(child, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

const invalid = (field: string, reason: string): RuleViolation =>
  violation("issuer.credential.invalid", field, reason, { reason });

/**
 * The issuer is always the organisation, and the caller names it (VC DM 2.0 and the VC-API
 * require `issuer`): its DID, or an object with that id. Nothing else it says about the issuer
 * is used; endorsements it brings are refused, so an organisation cannot carry endorsements
 * withdrawn or never given.
 */
function issuerRefusal(issuer: unknown, did: string): Refusal | undefined {
  if (issuer === undefined) {
    return {
      code: "issuer.credential.issuer-required",
      field: "issuer",
      reason: `is required: ${did}, or an object with that id`,
      params: { did },
    };
  }
  const object =
    issuer && typeof issuer === "object" && !Array.isArray(issuer)
      ? (issuer as JsonObject)
      : undefined;
  const id = typeof issuer === "string" ? issuer : object?.["id"];
  if (id !== did) {
    return {
      code: "issuer.credential.issuer-mismatch",
      field: "issuer",
      reason: `must be ${did}`,
      params: { did },
    };
  }
  for (const field of ["endorsement", "endorsementJwt"]) {
    if (object && field in object) {
      return {
        code: "issuer.credential.issuer-endorsement",
        field: `issuer.${field}`,
        reason: "the issuer adds the endorsements its organisation received",
      };
    }
  }
  return undefined;
}

/** A context check of the core that failed, as the rule it names. */
export function contextRefusal(check: Check, credential: JsonObject): Refusal {
  const params = check.params ?? {};
  switch (check.code) {
    case "context.unknown":
      return violation("issuer.credential.unknown-context", "@context", check.message.en, {
        url: String(params["url"] ?? ""),
      });
    case "context.protected-redefinition": {
      const term = String(params["term"] ?? "");
      const field = contextDefining(credential, term);
      return violation("issuer.credential.protected-term", field, check.message.en, { term });
    }
    case "jsonld.malformed":
      return violation("issuer.credential.jsonld-invalid", "@context", check.message.en, {
        reason: String(params["reason"] ?? check.message.en),
      });
    default:
      return invalid("@context", check.message.en);
  }
}

/** The first reason to refuse the caller's credential, or undefined to go on and sign it. */
export async function refusalOf(
  credential: JsonObject,
  options: InputCheckOptions,
): Promise<Refusal | undefined> {
  // Avala's verifier refuses any null (`jsonld.malformed`): never sign one.
  const nullAt = firstNull(credential);
  if (nullAt !== undefined) return invalid(nullAt, "null is not a value; leave the property out");
  const structural = checkCredentialRules(credential, options.rules, credentialStructureRules);
  if (structural) return structural;
  // Accreditation, the trust registry and status lists have flows of their own, with their
  // rules (only an authority accredits; every endorsement is listed and can be withdrawn).
  // Signing one here would let any organisation forge them.
  const reserved = reservedTypeIn(credential);
  if (reserved) {
    return {
      code: "issuer.credential.reserved-type",
      field: reserved.field,
      reason: `reserved for the issuer's own flow: ${reserved.flow}`,
      params: { type: reserved.type, flow: reserved.flow },
    };
  }
  if (credential["proof"] !== undefined) return invalid("proof", "must not carry a proof");
  const issuer = issuerRefusal(credential["issuer"], options.did);
  if (issuer) return issuer;
  if (options.ownAndManagedStatus) {
    return {
      code: "issuer.credential.status-present",
      field: "credentialStatus",
      reason: "give your own credentialStatus or options.credentialStatus, not both",
    };
  }
  const broken = checkCredentialRules(credential, options.rules);
  if (broken) return broken;
  // Links other wallets and pages may render (url, image, criteria, evidence): web only.
  const badLink = firstNonWebLink(credential);
  if (badLink !== undefined) {
    return invalid(badLink, "must be an https address (http only for a loopback host)");
  }
  // Inline contexts are processed offline (never fetched); a protected term redefined, or a
  // context JSON-LD cannot use, is refused here as the verifier would refuse it.
  const contexts = await checkContextsOffline(credential);
  if (contexts.outcome !== "pass") return contextRefusal(contexts, credential);
  return undefined;
}
