import { didKeyFromPublicKey } from "@avala/did";
import type { Signer } from "@digitalbazaar/ed25519-multikey";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cachedSigner } from "./key-objects.js";

/**
 * An Ed25519 signing key in Multikey form. `id` is the verification method URL that proofs
 * name (`did:…#…`); `controller` is the DID that controls it (the issuer or holder).
 * The secret part never leaves the process that holds it: services store it encrypted.
 */
export interface SigningKey {
  id: string;
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** The public half of a key, as listed in a DID document. */
export interface PublicKey {
  id: string;
  type: "Multikey";
  controller: string;
  publicKeyMultibase: string;
}

/**
 * Generates an Ed25519 key. Without `controller` the key is its own did:key; with a did:web
 * controller pass `keyId` (`did:web:…#key-1`) too.
 */
export async function generateSigningKey(
  options: { controller?: string; keyId?: string; seed?: Uint8Array } = {},
): Promise<SigningKey> {
  const pair = await Ed25519Multikey.generate(options.seed ? { seed: options.seed } : {});
  const controller = options.controller ?? didKeyFromPublicKey(pair.publicKeyMultibase);
  const id = options.keyId ?? `${controller}#${pair.publicKeyMultibase}`;
  if (!pair.secretKeyMultibase) throw new Error("Key generation returned no secret key.");
  return {
    id,
    controller,
    publicKeyMultibase: pair.publicKeyMultibase,
    secretKeyMultibase: pair.secretKeyMultibase,
  };
}

export function publicKeyOf(key: SigningKey | PublicKey): PublicKey {
  return {
    id: key.id,
    type: "Multikey",
    controller: key.controller,
    publicKeyMultibase: key.publicKeyMultibase,
  };
}

function assertSigningKey(key: SigningKey): void {
  if (!key || typeof key !== "object" || !key.secretKeyMultibase || !key.id || !key.controller) {
    throw new TypeError("A signing key with id, controller and secretKeyMultibase is required.");
  }
}

/** Loads a key for signing; throws if it is not a usable Ed25519 key pair. */
export async function importSigningKey(
  key: SigningKey,
): Promise<Ed25519Multikey.Ed25519MultikeyKeyPair> {
  assertSigningKey(key);
  return Ed25519Multikey.from({
    type: "Multikey",
    id: key.id,
    controller: key.controller,
    publicKeyMultibase: key.publicKeyMultibase,
    secretKeyMultibase: key.secretKeyMultibase,
  });
}

/**
 * The signer of a key, imported into node:crypto once per process (a bounded cache, by public
 * key, the secret compared on every use); throws as `importSigningKey` does.
 */
export async function signerOf(key: SigningKey): Promise<Signer> {
  assertSigningKey(key);
  return cachedSigner(key, importSigningKey);
}
