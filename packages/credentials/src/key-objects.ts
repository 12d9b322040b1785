import type { KeyObject } from "node:crypto";
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { createRequire } from "node:module";
import type { Signer, Verifier } from "@digitalbazaar/ed25519-multikey";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { BoundedCache } from "./bounded-cache.js";

/**
 * Ed25519 keys imported into node:crypto once and kept (bounded), instead of once per signature:
 * the stock signer and verifier re-import the key for every call (about 300 µs, against 20-60 µs
 * for the signature itself). Signatures are node:crypto's, byte for byte what the stock
 * `@digitalbazaar/ed25519-multikey` signer makes (it uses the same call).
 *
 * Anything the cache does not recognise goes through the stock import, so its errors are the
 * stock errors.
 *
 * The Ed25519 arithmetic itself is libsodium's (`sodium-native`) when it loads, node:crypto's
 * (OpenSSL) otherwise: libsodium signs in about half and verifies in about 45% of OpenSSL's time
 * on this machine (`pnpm --filter @avala/credentials bench` shows both). Ed25519 signatures are
 * deterministic (RFC 8032), so both sign the same bytes. libsodium's verification is stricter than
 * OpenSSL's (it also refuses small-order and non-canonical points), never looser, so a signature
 * it accepts OpenSSL accepts too; one it refuses is checked again by OpenSSL, whose answer stands:
 * what verifies is exactly what verified before.
 */

/** The part of sodium-native used here (it ships no types). */
interface Sodium {
  sodium_malloc(size: number): Buffer;
  crypto_sign_seed_keypair(publicKey: Buffer, secretKey: Buffer, seed: Uint8Array): void;
  crypto_sign_detached(signature: Buffer, message: Uint8Array, secretKey: Buffer): void;
  crypto_sign_verify_detached(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ): boolean;
}

/** libsodium, or undefined where its prebuilt addon does not load (OpenSSL then does it all). */
export const sodium: Sodium | undefined = (() => {
  try {
    return createRequire(import.meta.url)("sodium-native") as Sodium;
  } catch {
    return undefined;
  }
})();

/** DER prefixes `@digitalbazaar/ed25519-multikey` wraps raw Ed25519 key bytes in. */
const DER_PRIVATE_KEY_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const DER_PUBLIC_KEY_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

const ALGORITHM = "Ed25519";

/** A private key as node:crypto holds it, and as libsodium does (seed and public key). */
export interface PrivateKey {
  key: KeyObject;
  sodiumSecret: Buffer | undefined;
}

/** A public key as node:crypto holds it, and its 32 raw bytes for libsodium. */
export interface PublicKey {
  key: KeyObject;
  raw: Uint8Array;
}

/** Secret keys of the signing process, by public key; the secret is compared on every hit. */
const signingKeys = new BoundedCache<string, { secretKeyMultibase: string; key: PrivateKey }>(64);

/** Public keys of verification methods, by their type, context and public key. */
const verifyingKeys = new BoundedCache<string, PublicKey>(1024);

/** The raw key bytes a Multikey key pair holds (not in its declared type). */
interface RawKeyPair {
  publicKey?: unknown;
  secretKey?: unknown;
}

export function importEd25519PrivateKey(secretKey: unknown): PrivateKey | undefined {
  // The stock signer accepts a 32-byte seed or a 64-byte seed+public key, and signs with the seed.
  if (!(secretKey instanceof Uint8Array) || (secretKey.length !== 32 && secretKey.length !== 64)) {
    return undefined;
  }
  const seed = secretKey.subarray(0, 32);
  try {
    const key = createPrivateKey({
      key: Buffer.concat([DER_PRIVATE_KEY_PREFIX, seed]),
      format: "der",
      type: "pkcs8",
    });
    return { key, sodiumSecret: sodiumSecretOf(seed) };
  } catch {
    return undefined;
  }
}

/**
 * libsodium's secret key (seed and public key), expanded from the seed alone as OpenSSL signs (a
 * stored public half is never trusted), in libsodium's guarded memory (`sodium_malloc`: locked
 * out of swap, guard pages around it); undefined when that cannot be had (OpenSSL then signs).
 */
function sodiumSecretOf(seed: Uint8Array): Buffer | undefined {
  if (!sodium) return undefined;
  try {
    const secret = sodium.sodium_malloc(64);
    sodium.crypto_sign_seed_keypair(Buffer.alloc(32), secret, seed);
    return secret;
  } catch {
    return undefined;
  }
}

export function importEd25519PublicKey(raw: unknown): PublicKey | undefined {
  if (!(raw instanceof Uint8Array) || raw.length !== 32) return undefined;
  try {
    const key = createPublicKey({
      key: Buffer.concat([DER_PUBLIC_KEY_PREFIX, raw]),
      format: "der",
      type: "spki",
    });
    return { key, raw: Uint8Array.from(raw) };
  } catch {
    return undefined;
  }
}

/** An Ed25519 signature of `data`: libsodium's when it is here, else OpenSSL's (the same bytes). */
export function signEd25519(key: PrivateKey, data: Uint8Array): Uint8Array {
  if (!sodium || !key.sodiumSecret) return sign(null, data, key.key);
  const signature = Buffer.alloc(64);
  sodium.crypto_sign_detached(signature, data, key.sodiumSecret);
  return signature;
}

/**
 * Whether `signature` is an Ed25519 signature of `data` by `key`, as OpenSSL judges it: libsodium's
 * yes is OpenSSL's yes (it is the stricter of the two); anything else is OpenSSL's to answer.
 */
export function verifyEd25519(key: PublicKey, data: Uint8Array, signature: Uint8Array): boolean {
  if (
    sodium &&
    signature.length === 64 &&
    sodium.crypto_sign_verify_detached(signature, data, key.raw)
  ) {
    return true;
  }
  return verify(null, data, key.key, signature);
}

function keySigner(id: string, key: PrivateKey): Signer {
  return {
    id,
    algorithm: ALGORITHM,
    sign: async ({ data }) => signEd25519(key, data),
  };
}

export interface SignerKey {
  id: string;
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/**
 * The signer for a key: from the cache when this process imported the same key pair before,
 * else imported with `import` (the stock import, whose errors stand) and kept.
 */
export async function cachedSigner(
  key: SignerKey,
  importKey: (key: SignerKey) => Promise<Ed25519Multikey.Ed25519MultikeyKeyPair>,
): Promise<Signer> {
  const held = signingKeys.get(key.publicKeyMultibase);
  if (held && held.secretKeyMultibase === key.secretKeyMultibase)
    return keySigner(key.id, held.key);
  const pair = await importKey(key);
  const imported = importEd25519PrivateKey((pair as unknown as RawKeyPair).secretKey);
  if (!imported || pair.id !== key.id) return pair.signer();
  signingKeys.set(key.publicKeyMultibase, {
    secretKeyMultibase: key.secretKeyMultibase,
    key: imported,
  });
  return keySigner(key.id, imported);
}

/** The parts of a verification method the stock import reads for the public key. */
function verificationMethodKey(method: Record<string, unknown>): string | undefined {
  const { type, publicKeyMultibase } = method;
  if (type !== "Multikey" && type !== "Ed25519VerificationKey2020") return undefined;
  if (typeof publicKeyMultibase !== "string") return undefined;
  if (method.secretKeyMultibase !== undefined || method.privateKeyMultibase !== undefined) {
    return undefined;
  }
  return `${type}\n${JSON.stringify(method["@context"] ?? null)}\n${publicKeyMultibase}`;
}

/**
 * The verifier for a verification method (what `Ed25519Multikey.from(method).verifier()` gives),
 * with its public key imported once. A method of another shape gets the stock verifier.
 */
export async function cachedVerifier(method: Record<string, unknown>): Promise<Verifier> {
  const cacheKey = verificationMethodKey(method);
  const held = cacheKey === undefined ? undefined : verifyingKeys.get(cacheKey);
  const id = typeof method.id === "string" ? method.id : undefined;
  if (held) return keyVerifier(id, held);
  const pair = await Ed25519Multikey.from(method);
  const imported =
    cacheKey === undefined
      ? undefined
      : importEd25519PublicKey((pair as unknown as RawKeyPair).publicKey);
  if (!imported || cacheKey === undefined) return pair.verifier();
  verifyingKeys.set(cacheKey, imported);
  return keyVerifier(id, imported);
}

function keyVerifier(id: string | undefined, key: PublicKey): Verifier {
  const verifier: Verifier = {
    algorithm: ALGORITHM,
    verify: async ({ data, signature }) => verifyEd25519(key, data, signature),
  };
  if (id !== undefined) verifier.id = id;
  return verifier;
}
