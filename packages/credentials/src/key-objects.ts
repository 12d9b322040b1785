import type { KeyObject } from "node:crypto";
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
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
 */

/** DER prefixes `@digitalbazaar/ed25519-multikey` wraps raw Ed25519 key bytes in. */
const DER_PRIVATE_KEY_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const DER_PUBLIC_KEY_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

const ALGORITHM = "Ed25519";

/** Secret keys of the signing process, by public key; the secret is compared on every hit. */
const signingKeys = new BoundedCache<string, { secretKeyMultibase: string; key: KeyObject }>(64);

/** Public keys of verification methods, by their type, context and public key. */
const verifyingKeys = new BoundedCache<string, KeyObject>(1024);

/** The raw key bytes a Multikey key pair holds (not in its declared type). */
interface RawKeyPair {
  publicKey?: unknown;
  secretKey?: unknown;
}

function privateKeyObject(secretKey: unknown): KeyObject | undefined {
  // The stock signer accepts a 32-byte seed or a 64-byte seed+public key, and signs with the seed.
  if (!(secretKey instanceof Uint8Array) || (secretKey.length !== 32 && secretKey.length !== 64)) {
    return undefined;
  }
  try {
    return createPrivateKey({
      key: Buffer.concat([DER_PRIVATE_KEY_PREFIX, secretKey.subarray(0, 32)]),
      format: "der",
      type: "pkcs8",
    });
  } catch {
    return undefined;
  }
}

function publicKeyObject(publicKey: unknown): KeyObject | undefined {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return undefined;
  try {
    return createPublicKey({
      key: Buffer.concat([DER_PUBLIC_KEY_PREFIX, publicKey]),
      format: "der",
      type: "spki",
    });
  } catch {
    return undefined;
  }
}

function keySigner(id: string, key: KeyObject): Signer {
  return {
    id,
    algorithm: ALGORITHM,
    sign: async ({ data }) => sign(null, data, key),
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
  const imported = privateKeyObject((pair as unknown as RawKeyPair).secretKey);
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
    cacheKey === undefined ? undefined : publicKeyObject((pair as unknown as RawKeyPair).publicKey);
  if (!imported || cacheKey === undefined) return pair.verifier();
  verifyingKeys.set(cacheKey, imported);
  return keyVerifier(id, imported);
}

function keyVerifier(id: string | undefined, key: KeyObject): Verifier {
  const verifier: Verifier = {
    algorithm: ALGORITHM,
    verify: async ({ data, signature }) => verify(null, data, key, signature),
  };
  if (id !== undefined) verifier.id = id;
  return verifier;
}
