import type { Check, InputLimits, JsonObject } from "@avala/credentials";
import { makeCheck, VC_V1_CONTEXT } from "@avala/credentials";
import type { DecodedJws } from "./compact-jws.js";
import { decodeCompactJws } from "./compact-jws.js";

/**
 * How a credential is secured as a JWT:
 * - `vc-jwt`: VC-JWT 1.1 as Open Badges 3.0 uses it: the credential is the `vc` claim, beside
 *   the registered claims `iss` (issuer), `sub` (subject), `jti` (id), `nbf`, `exp`;
 * - `vc+jwt`: W3C VC-JOSE-COSE (`typ: "vc+jwt"`): the payload is the VC 2.0 credential itself.
 */
export type JwtFormat = "vc-jwt" | "vc+jwt";

export interface JwtCredential {
  format: JwtFormat;
  jws: DecodedJws;
  /**
   * The credential as a person reads it. For `vc-jwt`, the `vc` claim completed from the
   * registered claims it leaves out (VC-JWT 1.1 §6.3.1: `jti` → `id`, `iss` → `issuer`, `sub` →
   * `credentialSubject.id`, `nbf`/`exp` → the validity dates). For `vc+jwt`, the payload less
   * the registered JWT claims.
   */
  credential: JsonObject;
  /** Claims that contradict the credential (`jwt.claim-mismatch`), each a failed check. */
  conflicts: Check[];
}

export type DecodeJwtCredentialResult =
  | { ok: true; value: JwtCredential }
  | { ok: false; check: Check };

/** `typ` values of a credential JWT (no `typ` at all is also accepted). */
const CREDENTIAL_TYPS = new Set([
  "jwt",
  "vc+jwt",
  "vc-ld+jwt",
  "vc+ld+json+jwt",
  "application/jwt",
  "application/vc+jwt",
  "application/vc-ld+jwt",
  "application/vc+ld+json+jwt",
]);

/** Registered JWT claims that are not part of a VC-JOSE-COSE credential's data. */
const REGISTERED_CLAIMS = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti", "cnf"];

function unsupported(reason: string): { ok: false; check: Check } {
  return { ok: false, check: makeCheck("input", "fail", "input.jwt-unsupported", { reason }) };
}

function object(value: unknown): JsonObject | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

function typesOf(value: JsonObject): unknown[] {
  return Array.isArray(value.type) ? value.type : [value.type];
}

/** The issuer's id: the `issuer` string, or the `id` of the issuer object. */
export function issuerIdOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === "string") return issuer;
  const id = object(issuer)?.id;
  return typeof id === "string" ? id : undefined;
}

/** A NumericDate claim as an XSD dateTime (seconds precision), or undefined. */
function dateOf(seconds: unknown): string | undefined {
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return undefined;
  const date = new Date(Math.trunc(seconds) * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(".000Z", "Z");
}

function mismatch(claim: string, field: string): Check {
  return makeCheck("input", "fail", "jwt.claim-mismatch", { claim, field });
}

/** The one subject object, when `credentialSubject` is a single object. */
function singleSubject(credential: JsonObject): JsonObject | undefined {
  return object(credential.credentialSubject);
}

/** Conflicts between the JWT's registered claims and the credential they secure. */
function claimConflicts(payload: JsonObject, credential: JsonObject): Check[] {
  const conflicts: Check[] = [];
  if (payload.iss !== undefined && payload.iss !== issuerIdOf(credential)) {
    conflicts.push(mismatch("iss", "issuer"));
  }
  if (payload.jti !== undefined && credential.id !== undefined && payload.jti !== credential.id) {
    conflicts.push(mismatch("jti", "id"));
  }
  const subjectId = singleSubject(credential)?.id;
  if (payload.sub !== undefined && subjectId !== undefined && payload.sub !== subjectId) {
    conflicts.push(mismatch("sub", "credentialSubject.id"));
  }
  return conflicts;
}

/** VC-JWT 1.1 decoding: the `vc` claim, completed from the registered claims it leaves out. */
function fromVcClaim(payload: JsonObject, vc: JsonObject): JsonObject {
  const credential = structuredClone(vc);
  if (credential.id === undefined && typeof payload.jti === "string") credential.id = payload.jti;
  if (credential.issuer === undefined && typeof payload.iss === "string") {
    credential.issuer = payload.iss;
  }
  const subject = singleSubject(credential);
  if (subject && subject.id === undefined && typeof payload.sub === "string") {
    subject.id = payload.sub;
  }
  const contexts = Array.isArray(credential["@context"])
    ? credential["@context"]
    : [credential["@context"]];
  const v1 = contexts[0] === VC_V1_CONTEXT;
  const fromField = v1 ? "issuanceDate" : "validFrom";
  const untilField = v1 ? "expirationDate" : "validUntil";
  const nbf = dateOf(payload.nbf);
  if (nbf && credential.validFrom === undefined && credential.issuanceDate === undefined) {
    credential[fromField] = nbf;
  }
  const exp = dateOf(payload.exp);
  if (exp && credential.validUntil === undefined && credential.expirationDate === undefined) {
    credential[untilField] = exp;
  }
  return credential;
}

/**
 * Reads the credential out of a decoded JWS, without verifying anything: which format it is,
 * the credential, and the claims that contradict it. A presentation (`vp`, `vp+jwt`), an
 * unknown `typ` or a payload with no credential is `input.jwt-unsupported`.
 */
export function credentialOfJws(jws: DecodedJws): DecodeJwtCredentialResult {
  const { header, payload } = jws;
  const typ = header.typ;
  if (typ !== undefined && (typeof typ !== "string" || !CREDENTIAL_TYPS.has(typ.toLowerCase()))) {
    return unsupported(`typ ${String(typ).slice(0, 40)}`);
  }
  if (payload.vp !== undefined || typesOf(payload).includes("VerifiablePresentation")) {
    return unsupported("a presentation");
  }
  const vc = object(payload.vc);
  if (payload.vc !== undefined && !vc) return unsupported("the vc claim is not an object");
  if (vc) {
    const credential = fromVcClaim(payload, vc);
    return {
      ok: true,
      value: { format: "vc-jwt", jws, credential, conflicts: claimConflicts(payload, credential) },
    };
  }
  if (payload["@context"] === undefined || !typesOf(payload).includes("VerifiableCredential")) {
    return unsupported("no credential in the payload");
  }
  const credential: JsonObject = {};
  for (const [key, value] of Object.entries(payload)) {
    if (!REGISTERED_CLAIMS.includes(key)) credential[key] = value;
  }
  return {
    ok: true,
    value: { format: "vc+jwt", jws, credential, conflicts: claimConflicts(payload, credential) },
  };
}

/** Decodes a compact JWT credential (either format) without verifying it. */
export function decodeJwtCredential(
  text: string,
  limits: InputLimits = {},
): DecodeJwtCredentialResult {
  const decoded = decodeCompactJws(text, limits);
  if (!decoded.ok) return decoded;
  return credentialOfJws(decoded.jws);
}
