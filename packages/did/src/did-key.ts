import type { DidDocument, VerificationMethod } from "./did-document.js";
import { buildDidDocument } from "./did-document.js";

/** Multibase (base58btc, `z`) prefix of an Ed25519 public key in Multikey form. */
const ED25519_MULTIKEY_PREFIX = "z6Mk";

export function isDidKey(did: string): boolean {
  return did.startsWith("did:key:");
}

/** The did:key for an Ed25519 public key given as Multikey `publicKeyMultibase`. */
export function didKeyFromPublicKey(publicKeyMultibase: string): string {
  assertEd25519Multibase(publicKeyMultibase);
  return `did:key:${publicKeyMultibase}`;
}

/** The id of the one verification method of an Ed25519 did:key. */
export function didKeyVerificationMethodId(did: string): string {
  const fingerprint = did.slice("did:key:".length);
  return `${did}#${fingerprint}`;
}

/**
 * Resolves an Ed25519 did:key offline into its DID document (Multikey verification method,
 * usable for assertion and authentication).
 */
export function resolveDidKey(did: string): DidDocument {
  if (!isDidKey(did)) throw new TypeError(`Not a did:key: ${did}`);
  const publicKeyMultibase = did.slice("did:key:".length);
  assertEd25519Multibase(publicKeyMultibase);
  const method: VerificationMethod = {
    id: didKeyVerificationMethodId(did),
    type: "Multikey",
    controller: did,
    publicKeyMultibase,
  };
  return buildDidDocument({ id: did, verificationMethods: [method] });
}

function assertEd25519Multibase(value: string): void {
  if (!value.startsWith(ED25519_MULTIKEY_PREFIX) || !/^z[1-9A-HJ-NP-Za-km-z]{44,50}$/.test(value)) {
    throw new TypeError("Only Ed25519 did:key identifiers (z6Mk…) are supported.");
  }
}
