import type {
  Check,
  CheckId,
  CheckStatus,
  InputLimits,
  JsonObject,
  SelectableCheck,
  VerificationResult,
} from "@avala/credentials";
import {
  checkContexts,
  checkOpenBadgesSchema,
  checkValidity,
  makeCheck,
  requiredChecks,
  selectedChecks,
  verdictOf,
} from "@avala/credentials";
import type { JWK } from "jose";
import { compactVerify, errors } from "jose";
import type { JwtCredential, JwtFormat } from "./jwt-credential.js";
import { decodeJwtCredential, issuerIdOf } from "./jwt-credential.js";
import type { DidDocumentResolver } from "./resolve-key.js";
import { resolveJwtKey } from "./resolve-key.js";

/**
 * The JWS algorithms accepted, each with the key type it needs. Never `none` (unsigned), never
 * `HS*` (a shared secret: whoever can verify can forge).
 */
export const JWT_ALGORITHMS = {
  EdDSA: { kty: "OKP", crv: "Ed25519" },
  Ed25519: { kty: "OKP", crv: "Ed25519" },
  ES256: { kty: "EC", crv: "P-256" },
  ES384: { kty: "EC", crv: "P-384" },
  PS256: { kty: "RSA" },
  RS256: { kty: "RSA" },
} as const satisfies Record<string, { kty: string; crv?: string }>;

export type JwtAlgorithm = keyof typeof JWT_ALGORITHMS;

export interface VerifyJwtCredentialOptions extends InputLimits {
  /**
   * Resolves DIDs other than did:key and did:jwk (those are read offline); without it, their keys
   * are "could not check".
   */
  resolveDid?: DidDocumentResolver;
  /** The clock; validity is judged at this instant. Default: the system clock. */
  now?: Date | (() => Date);
  /** Checks `credentialStatus`; without it a credential with status is "could not check". */
  checkStatus?: CheckStatus;
  /** Tolerated clock difference for `nbf` and `validFrom`, in seconds. Default 60. */
  clockSkewSeconds?: number;
  /**
   * Only these checks (VC-API `options.checks`), as for a Data Integrity credential: the token,
   * its claims and the credential's contexts are always read. Default: all. The verdict then
   * requires only what was asked: the signature when `proof` was, the issuer's key when `issuer`
   * was (asking for `issuer` checks the signature too).
   */
  checks?: readonly SelectableCheck[];
}

export interface JwtVerificationResult extends VerificationResult {
  /** Which JWT format the credential came in, when it could be read. */
  format?: JwtFormat;
}

function result(
  checks: Check[],
  document?: JsonObject,
  format?: JwtFormat,
  required?: readonly CheckId[],
): JwtVerificationResult {
  const verdict = verdictOf(checks, required);
  const out: JwtVerificationResult = { verified: verdict !== "invalid", verdict, checks };
  if (document) out.document = document;
  if (format) out.format = format;
  return out;
}

function instant(now: VerifyJwtCredentialOptions["now"]): Date {
  return typeof now === "function" ? now() : (now ?? new Date());
}

/** The validity window: the credential's dates and the JWT's `nbf`/`exp`, at `now`. */
function validityCheck(value: JwtCredential, now: Date, skewSeconds: number): Check {
  const window = checkValidity(value.credential, now, skewSeconds);
  if (window.outcome !== "pass") return window;
  const { nbf, exp } = value.jws.payload;
  for (const [claim, seconds] of [
    ["nbf", nbf],
    ["exp", exp],
  ] as const) {
    if (seconds !== undefined && (typeof seconds !== "number" || !Number.isFinite(seconds))) {
      return makeCheck("validity", "fail", "validity.invalid-date", { field: claim });
    }
  }
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
  if (typeof nbf === "number" && (nbf - skewSeconds) * 1000 > now.getTime()) {
    return makeCheck("validity", "fail", "validity.not-yet-valid", { date: iso(nbf) });
  }
  // RFC 7519 §4.1.4: not accepted on or after the expiration time.
  if (typeof exp === "number" && exp * 1000 <= now.getTime()) {
    return makeCheck("validity", "fail", "validity.expired", { date: iso(exp) });
  }
  return window;
}

function keyFits(jwk: JWK, alg: JwtAlgorithm): boolean {
  const needed: { kty: string; crv?: string } = JWT_ALGORITHMS[alg];
  return jwk.kty === needed.kty && (needed.crv === undefined || jwk.crv === needed.crv);
}

interface SignatureOutcome {
  check: Check;
  controller?: string;
}

/** Verifies the signature with the key the header names; the proof check and who signed. */
async function checkSignature(
  value: JwtCredential,
  options: VerifyJwtCredentialOptions,
): Promise<SignatureOutcome> {
  const alg = value.jws.header.alg;
  if (typeof alg !== "string" || !Object.hasOwn(JWT_ALGORITHMS, alg)) {
    const type = `JWT alg ${String(alg).slice(0, 40)}`;
    return { check: makeCheck("proof", "fail", "proof.unsupported", { type }) };
  }
  const algorithm = alg as JwtAlgorithm;
  const key = await resolveJwtKey(
    value.jws.header,
    issuerIdOf(value.credential),
    options.resolveDid,
  );
  if (!key.ok) {
    return {
      check: makeCheck("proof", "could-not-check", "proof.key-unresolved", { reason: key.reason }),
    };
  }
  if (!keyFits(key.jwk, algorithm)) {
    const reason = `${key.keyId.slice(0, 150)} is not a ${algorithm} key`;
    return { check: makeCheck("proof", "could-not-check", "proof.key-unresolved", { reason }) };
  }
  try {
    await compactVerify(
      value.jws.compact,
      { ...key.jwk, alg: algorithm },
      {
        algorithms: [algorithm],
      },
    );
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return { check: makeCheck("proof", "fail", "proof.invalid") };
    }
    if (error instanceof errors.JWSInvalid || error instanceof errors.JOSENotSupported) {
      // An unknown critical header, an unencoded payload (`b64: false`) and the like.
      const type = `JWT ${algorithm}: ${String((error as Error).message).slice(0, 80)}`;
      return { check: makeCheck("proof", "fail", "proof.unsupported", { type }) };
    }
    // The key itself could not be used (an RSA key under 2048 bits, a point off the curve).
    const reason = `${key.keyId.slice(0, 120)}: ${String((error as Error)?.message).slice(0, 70)}`;
    return { check: makeCheck("proof", "could-not-check", "proof.key-unresolved", { reason }) };
  }
  return {
    check: makeCheck("proof", "pass", "proof.jwt-valid", { alg: algorithm }),
    controller: key.controller,
  };
}

async function statusCheck(
  credential: JsonObject,
  checkStatus: CheckStatus | undefined,
): Promise<Check | undefined> {
  if (!credential.credentialStatus) return undefined;
  if (!checkStatus) return makeCheck("status", "could-not-check", "status.not-checked");
  try {
    const status = await checkStatus(credential);
    return makeCheck("status", status.outcome, status.code, status.params);
  } catch (error) {
    return makeCheck("status", "could-not-check", "status.unavailable", {
      reason: String((error as Error)?.message ?? error).slice(0, 200),
    });
  }
}

/**
 * Verifies a credential secured as a compact JWT, in either format (`vc-jwt`: OB 3.0 / VC-JWT
 * 1.1 with a `vc` claim; `vc+jwt`: VC-JOSE-COSE). The same checks as a Data Integrity
 * credential, where they apply: known contexts, the OB 3.0 schema, the validity window (the
 * credential's dates and `nbf`/`exp`), the signature (`proof.jwt-valid`) with the key `kid`
 * names, that the key is the issuer's, that no JWT claim contradicts the credential, and its
 * status through `checkStatus`; only the `checks` asked for, when given. The `document` is the
 * credential as decoded. A bad token is a result with reasons, never an exception.
 */
export async function verifyJwtCredential(
  jwt: string,
  options: VerifyJwtCredentialOptions = {},
): Promise<JwtVerificationResult> {
  const chosen = selectedChecks(options.checks);
  const required = requiredChecks(options.checks);
  const decoded = decodeJwtCredential(jwt, options);
  if (!decoded.ok) return result([decoded.check], undefined, undefined, required);
  const value = decoded.value;
  const { credential, format } = value;
  const done = (checks: Check[]) => result(checks, credential, format, required);
  if (
    !(Array.isArray(credential.type) ? credential.type : [credential.type]).includes(
      "VerifiableCredential",
    )
  ) {
    return done([makeCheck("input", "fail", "input.not-credential")]);
  }
  const checks: Check[] = [...value.conflicts];
  const contextCheck = checkContexts(credential);
  checks.push(contextCheck);
  if (chosen.has("schema")) checks.push(checkOpenBadgesSchema(credential));
  if (chosen.has("validity")) {
    checks.push(validityCheck(value, instant(options.now), options.clockSkewSeconds ?? 60));
  }
  if (contextCheck.outcome !== "pass") return done(checks);

  if (!chosen.has("proof")) {
    const status = chosen.has("status")
      ? await statusCheck(credential, options.checkStatus)
      : undefined;
    if (status) checks.push(status);
    return done(checks);
  }
  const signature = await checkSignature(value, options);
  checks.push(signature.check);
  if (signature.controller !== undefined && chosen.has("issuer")) {
    const issuer = issuerIdOf(credential);
    checks.push(
      issuer !== undefined && issuer === signature.controller
        ? makeCheck("issuer", "pass", "issuer.bound", { issuer })
        : makeCheck("issuer", "fail", "issuer.binding-mismatch", {
            issuer: String(issuer ?? "?").slice(0, 200),
            signer: signature.controller.slice(0, 200),
          }),
    );
  }
  const status = chosen.has("status")
    ? await statusCheck(credential, options.checkStatus)
    : undefined;
  if (status) checks.push(status);
  return done(checks);
}
