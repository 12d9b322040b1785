import type { Check, InputLimits, JsonObject } from "@avala/credentials";
import { defaultInputLimits, makeCheck, parseJsonInput } from "@avala/credentials";
import { base64url } from "jose";

/**
 * A JWS in compact serialisation: three base64url parts joined by dots (the signature may be
 * empty, as in an unsecured `alg: none` token, so that one is recognised and refused by name).
 * SD-JWT (`~`) and JWE (five parts) are not this.
 */
const COMPACT_JWS = /^ey[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Largest protected header read, in bytes of JSON (an RSA `jwk` header is about 0.5 KiB). */
const MAX_HEADER_BYTES = 16 * 1024;

/** Whether a text (surrounding white space aside) is a compact JWS. */
export function isCompactJws(text: string): boolean {
  return COMPACT_JWS.test(text.trim());
}

export interface DecodedJws {
  /** The compact form, trimmed: exactly what is verified. */
  compact: string;
  header: JsonObject;
  payload: JsonObject;
}

export type DecodeJwsResult = { ok: true; jws: DecodedJws } | { ok: false; check: Check };

function malformed(reason: string): { ok: false; check: Check } {
  return { ok: false, check: makeCheck("input", "fail", "input.jwt-malformed", { reason }) };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodePart(part: string): Uint8Array | undefined {
  // base64url without padding never leaves one character over.
  if (part.length % 4 === 1) return undefined;
  try {
    return base64url.decode(part);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a compact JWS without verifying it: the protected header and the payload, each a JSON
 * object, within the input limits (size, depth, well-formed text). A token that is not one is a
 * failed `input.jwt-malformed` check, never an exception.
 */
export function decodeCompactJws(text: string, limits: InputLimits = {}): DecodeJwsResult {
  const maxBytes = limits.maxBytes ?? defaultInputLimits.maxBytes;
  const compact = text.trim();
  if (compact.length > Math.ceil((maxBytes * 4) / 3) + MAX_HEADER_BYTES * 2) {
    return {
      ok: false,
      check: makeCheck("input", "fail", "input.too-large", {
        size: compact.length,
        max: maxBytes,
      }),
    };
  }
  if (!COMPACT_JWS.test(compact)) return malformed("not a compact JWS");
  const [headerPart = "", payloadPart = "", signaturePart = ""] = compact.split(".");
  const headerBytes = decodePart(headerPart);
  if (!headerBytes || headerBytes.byteLength > MAX_HEADER_BYTES) {
    return malformed("the header is not base64url within 16 KiB");
  }
  if (decodePart(signaturePart) === undefined) return malformed("the signature is not base64url");
  const payloadBytes = decodePart(payloadPart);
  if (!payloadBytes) return malformed("the payload is not base64url");
  let headerText: string;
  try {
    headerText = utf8.decode(headerBytes);
  } catch {
    return malformed("the header is not UTF-8");
  }
  const header = parseJsonInput(headerText, { maxBytes: MAX_HEADER_BYTES, maxDepth: 8 });
  if (!header.ok) return malformed("the header is not a JSON object");
  const payload = parseJsonInput(payloadBytes, { maxBytes, maxDepth: limits.maxDepth });
  if (!payload.ok) {
    // Size, depth and ill-formed text keep their own codes; anything else is a bad JWT.
    return payload.check.code === "input.malformed-json" ||
      payload.check.code === "input.not-object"
      ? malformed("the payload is not a JSON object")
      : { ok: false, check: payload.check };
  }
  return { ok: true, jws: { compact, header: header.value, payload: payload.value } };
}

/** Media types of a credential secured as a JWT, in `data:` URLs and HTTP `Content-Type`s. */
export const JWT_CREDENTIAL_MEDIA_TYPES = [
  "application/vc+jwt",
  "application/vc-ld+jwt",
  "application/vc+ld+json+jwt",
  "application/jwt",
] as const;

/**
 * The compact JWS inside a VC 2.0 `EnvelopedVerifiableCredential` (`{ type, id:
 * "data:application/vc+jwt,eyJ…" }`), or undefined when the value is not one.
 */
export function jwtOfEnvelope(value: unknown): string | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const { type, id } = value as JsonObject;
  const types = Array.isArray(type) ? type : [type];
  if (!types.includes("EnvelopedVerifiableCredential") || typeof id !== "string") return undefined;
  const match = /^data:([a-z0-9.+/-]+)(;[^,]*)?,(.*)$/is.exec(id);
  if (!match) return undefined;
  const mediaType = match[1]!.toLowerCase();
  if (!(JWT_CREDENTIAL_MEDIA_TYPES as readonly string[]).includes(mediaType)) return undefined;
  if (match[2] && /;base64/i.test(match[2])) return undefined;
  const body = match[3]!;
  return isCompactJws(body) ? body.trim() : undefined;
}

/** A VC 2.0 `EnvelopedVerifiableCredential` carrying a compact JWT (to share one as JSON). */
export function envelopeOf(jwt: string): JsonObject {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id: `data:application/vc+jwt,${jwt.trim()}`,
    type: "EnvelopedVerifiableCredential",
  };
}
