import type { JsonObject } from "@avala/credentials";

/**
 * Telling an Open Badges 2.0 assertion (IMS OB 2.0) from the credentials the rest of the
 * verifier reads: JSON with the OB 2.0 context or `type: "Assertion"`, a compact JWS whose
 * payload is one (a signed badge), or a link to one (a hosted badge, baked as its URL).
 */

export const OB2_CONTEXT = "https://w3id.org/openbadges/v2";

/** What the verifier was given of an OB 2.0 badge. */
export type Ob2Input =
  | { form: "assertion"; assertion: JsonObject }
  | { form: "jws"; jws: string; assertion: JsonObject }
  | { form: "url"; url: string };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function hasType(value: unknown, wanted: string): boolean {
  const types = Array.isArray(value) ? value : [value];
  return types.some((t) => t === wanted || t === `obi:${wanted}`);
}

/** An OB 2.0 assertion: its context, or its type without any Verifiable Credential type. */
export function isOb2Assertion(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  const contexts = Array.isArray(value["@context"]) ? value["@context"] : [value["@context"]];
  if (hasType(value.type, "VerifiableCredential")) return false;
  if (contexts.some((c) => c === OB2_CONTEXT || c === `${OB2_CONTEXT}/`)) {
    return hasType(value.type, "Assertion") || value.recipient !== undefined;
  }
  return hasType(value.type, "Assertion") && value.recipient !== undefined;
}

function base64urlJson(part: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return undefined;
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The assertion a compact JWS carries, when its payload is an OB 2.0 assertion. */
export function ob2OfJws(compact: string): JsonObject | undefined {
  const parts = compact.trim().split(".");
  if (parts.length !== 3) return undefined;
  const payload = base64urlJson(parts[1]!);
  return isOb2Assertion(payload) ? payload : undefined;
}

/**
 * What a baked OB 2.0 image carries (the PNG `openbadges` text, the SVG `verify` attribute or
 * element text): an assertion URL, the assertion's JSON, or a signed badge's JWS.
 */
export function ob2OfBakedText(text: string): Ob2Input | undefined {
  const value = text.trim();
  if (/^https?:\/\/\S+$/i.test(value) && value.length <= 2048) return { form: "url", url: value };
  if (value.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(value);
      return isOb2Assertion(parsed) ? { form: "assertion", assertion: parsed } : undefined;
    } catch {
      return undefined;
    }
  }
  const assertion = ob2OfJws(value);
  return assertion ? { form: "jws", jws: value, assertion } : undefined;
}
