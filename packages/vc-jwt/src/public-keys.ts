import { ECDH } from "node:crypto";
import type { JsonObject } from "@avala/credentials";
import { base58 } from "@scure/base";
import type { JWK } from "jose";
import { base64url } from "jose";

/**
 * Public keys as JWKs, read from what DIDs carry: a `publicKeyJwk`, a Multikey (or
 * Ed25519VerificationKey2020) `publicKeyMultibase`, an Ed25519VerificationKey2018
 * `publicKeyBase58`, a did:key or a did:jwk. Only public members are kept.
 */

/** Multicodec prefixes (unsigned varint) of the public keys a multibase key may hold. */
const MULTICODECS = [
  { prefix: [0xed, 0x01], kind: "Ed25519", length: 32 },
  { prefix: [0x80, 0x24], kind: "P-256", length: 33 },
  { prefix: [0x81, 0x24], kind: "P-384", length: 49 },
] as const;

const CURVES = { "P-256": "prime256v1", "P-384": "secp384r1" } as const;

const b64 = (bytes: Uint8Array) => base64url.encode(bytes);

function okp(raw: Uint8Array): JWK {
  return { kty: "OKP", crv: "Ed25519", x: b64(raw) };
}

/** An EC JWK from a compressed (or uncompressed) SEC1 point. */
function ec(crv: "P-256" | "P-384", point: Uint8Array): JWK | undefined {
  let uncompressed: Uint8Array;
  try {
    uncompressed = new Uint8Array(
      ECDH.convertKey(point, CURVES[crv], undefined, undefined, "uncompressed") as Buffer,
    );
  } catch {
    return undefined;
  }
  const size = (uncompressed.byteLength - 1) / 2;
  return {
    kty: "EC",
    crv,
    x: b64(uncompressed.subarray(1, 1 + size)),
    y: b64(uncompressed.subarray(1 + size)),
  };
}

/** A `z…` (base58btc) multibase key with a multicodec prefix. */
export function jwkOfMultibase(value: string): JWK | undefined {
  if (!/^z[1-9A-HJ-NP-Za-km-z]{40,120}$/.test(value)) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(value.slice(1));
  } catch {
    return undefined;
  }
  for (const codec of MULTICODECS) {
    const [a, b] = codec.prefix;
    if (bytes[0] !== a || bytes[1] !== b || bytes.byteLength !== 2 + codec.length) continue;
    const raw = bytes.subarray(2);
    return codec.kind === "Ed25519" ? okp(raw) : ec(codec.kind, raw);
  }
  return undefined;
}

/** The public members of a JWK (a private `d` is dropped), or undefined when it is not one. */
export function publicJwk(value: unknown): JWK | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const jwk = value as JsonObject;
  const text = (key: string) => (typeof jwk[key] === "string" ? (jwk[key] as string) : undefined);
  const kty = text("kty");
  if (kty === "OKP" && text("crv") === "Ed25519" && text("x")) {
    return { kty, crv: "Ed25519", x: text("x")! };
  }
  if (kty === "EC" && (text("crv") === "P-256" || text("crv") === "P-384")) {
    const x = text("x");
    const y = text("y");
    return x && y ? { kty, crv: text("crv")!, x, y } : undefined;
  }
  if (kty === "RSA") {
    const n = text("n");
    const e = text("e");
    return n && e ? { kty, n, e } : undefined;
  }
  return undefined;
}

/** Whether two JWKs are the same public key. */
export function sameKey(a: JWK, b: JWK): boolean {
  return (["kty", "crv", "x", "y", "n", "e"] as const).every((k) => a[k] === b[k]);
}

/** The key of a DID document's verification method, in any form read here. */
export function jwkOfVerificationMethod(method: JsonObject): JWK | undefined {
  if (method.publicKeyJwk !== undefined) return publicJwk(method.publicKeyJwk);
  if (typeof method.publicKeyMultibase === "string") {
    return jwkOfMultibase(method.publicKeyMultibase);
  }
  if (typeof method.publicKeyBase58 === "string" && method.type === "Ed25519VerificationKey2018") {
    try {
      const raw = base58.decode(method.publicKeyBase58);
      return raw.byteLength === 32 ? okp(raw) : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The key of a did:key (Ed25519, P-256, P-384), offline. */
export function jwkOfDidKey(did: string): JWK | undefined {
  if (!did.startsWith("did:key:")) return undefined;
  return jwkOfMultibase(did.slice("did:key:".length));
}

/**
 * The did:key of a public JWK (Ed25519, P-256 or P-384; an EC point is compressed), or
 * undefined for any other key.
 */
export function didKeyOfJwk(value: unknown): string | undefined {
  const jwk = publicJwk(value);
  if (!jwk?.x) return undefined;
  let x: Uint8Array;
  try {
    x = base64url.decode(jwk.x);
  } catch {
    return undefined;
  }
  const codec = MULTICODECS.find((c) => c.kind === jwk.crv);
  if (!codec) return undefined;
  let raw: Uint8Array = x;
  if (jwk.kty === "EC") {
    try {
      const y = base64url.decode(jwk.y ?? "");
      raw = Uint8Array.of((y.at(-1) ?? 0) & 1 ? 0x03 : 0x02, ...x);
    } catch {
      return undefined;
    }
  }
  if (raw.byteLength !== codec.length) return undefined;
  return `did:key:z${base58.encode(Uint8Array.of(...codec.prefix, ...raw))}`;
}

/** The key of a did:jwk (its method-specific id is the base64url JSON of the JWK), offline. */
export function jwkOfDidJwk(did: string): JWK | undefined {
  if (!did.startsWith("did:jwk:")) return undefined;
  const encoded = did.slice("did:jwk:".length);
  if (!/^[A-Za-z0-9_-]{8,4096}$/.test(encoded)) return undefined;
  try {
    return publicJwk(JSON.parse(new TextDecoder().decode(base64url.decode(encoded))));
  } catch {
    return undefined;
  }
}
