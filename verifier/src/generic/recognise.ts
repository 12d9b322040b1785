import type { JsonObject } from "@avala/credentials";
import { checkContexts, isSupportedProof } from "@avala/credentials";

/**
 * Telling a Verifiable Credential that is not an Open Badge (a foreign university's diploma, a
 * European Learning Model credential) from the Open Badges 3.0 credentials the rest of the
 * verifier and the wallet read in detail. Such a credential is verified as far as its proof
 * allows and shown generically: its issuer, its subject and its claims as a readable list.
 */

const openBadgeTypes = new Set([
  "OpenBadgeCredential",
  "AchievementCredential",
  "EndorsementCredential",
]);

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function typesOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * A VC 1.1 or 2.0 credential that is not an Open Badge: typed `VerifiableCredential`, none of
 * the OB 3.0 types, and no OB `achievement` in its subject.
 */
export function isGenericCredential(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  const types = typesOf(value.type);
  if (!types.includes("VerifiableCredential")) return false;
  if (types.some((t) => typeof t === "string" && openBadgeTypes.has(t))) return false;
  const subjects = typesOf(value.credentialSubject).slice(0, 20);
  return !subjects.some((s) => isObject(s) && s.achievement !== undefined);
}

/**
 * Why Avala cannot check a generic credential's signature whatever it does, or undefined:
 * `context` when it names a JSON-LD context Avala does not hold (never fetched: what its terms
 * mean, and so what was signed, is unknown), `suite` when none of its proofs is of a kind Avala
 * implements. A key that could not be fetched is not a format: that is a different answer.
 */
export function unreadableFormat(value: unknown): "context" | "suite" | undefined {
  if (!isGenericCredential(value)) return undefined;
  if (checkContexts(value).code === "context.unknown") return "context";
  const proofs = typesOf(value.proof).filter(isObject);
  if (proofs.length > 0 && !proofs.some((p) => isSupportedProof(p))) return "suite";
  return undefined;
}
