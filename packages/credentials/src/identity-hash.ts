import { createHash, randomBytes } from "node:crypto";
import type { IdentityObject } from "./types.js";

/**
 * Kinds of holder identifiers Avala binds credentials to. `curp` is Mexico's population
 * registry key; it is sent as OB 3.0's `nationalIdentityNumber` and only ever as a salted hash.
 */
export type IdentifierKind = "email" | "curp" | "studentId";

const identityTypes: Record<IdentifierKind, string> = {
  email: "emailAddress",
  curp: "nationalIdentityNumber",
  studentId: "sourcedId",
};

const CURP_PATTERN = /^[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\d]\d$/;

/** Canonical form before hashing, so the same person always hashes the same way. */
export function normalizeIdentifier(kind: IdentifierKind, value: string): string {
  const trimmed = value.trim();
  if (kind === "email") return trimmed.toLowerCase();
  if (kind === "curp") return trimmed.toUpperCase();
  return trimmed;
}

export function isValidCurp(value: string): boolean {
  return CURP_PATTERN.test(normalizeIdentifier("curp", value));
}

/** OB 3.0 identity hash: `sha256$` + hex(SHA-256(identity + salt)). */
export function hashIdentity(value: string, salt: string): string {
  return `sha256$${createHash("sha256")
    .update(value + salt, "utf8")
    .digest("hex")}`;
}

/** A hashed OB 3.0 `IdentityObject`; a fresh random salt unless one is given. */
export function hashedIdentifier(
  kind: IdentifierKind,
  value: string,
  salt: string = randomBytes(16).toString("hex"),
): IdentityObject {
  if (kind === "curp" && !isValidCurp(value)) throw new TypeError("Not a valid CURP.");
  return {
    type: "IdentityObject",
    hashed: true,
    identityHash: hashIdentity(normalizeIdentifier(kind, value), salt),
    identityType: identityTypes[kind],
    salt,
  };
}

/** Whether a hashed identifier belongs to `value` (e.g. a wallet matching its owner's CURP). */
export function identifierMatches(identity: IdentityObject, kind: IdentifierKind, value: string) {
  return (
    identity.identityType === identityTypes[kind] &&
    identity.identityHash === hashIdentity(normalizeIdentifier(kind, value), identity.salt)
  );
}
