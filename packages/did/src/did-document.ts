export const DID_CONTEXT_V1 = "https://www.w3.org/ns/did/v1";
export const MULTIKEY_CONTEXT_V1 = "https://w3id.org/security/multikey/v1";

export interface VerificationMethod {
  id: string;
  type: "Multikey";
  controller: string;
  publicKeyMultibase: string;
}

export interface DidDocument {
  "@context": string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
  authentication: string[];
  [key: string]: unknown;
}

/**
 * A DID document with Multikey verification methods. By default every listed method may assert
 * (sign credentials) and authenticate: after a key rotation the old keys stay listed so that
 * credentials they signed still verify. `assertionMethodIds` / `authenticationIds` narrow that.
 */
export function buildDidDocument(options: {
  id: string;
  verificationMethods: VerificationMethod[];
  assertionMethodIds?: string[];
  authenticationIds?: string[];
  service?: unknown[];
}): DidDocument {
  const ids = options.verificationMethods.map((m) => m.id);
  const doc: DidDocument = {
    "@context": [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1],
    id: options.id,
    verificationMethod: options.verificationMethods,
    assertionMethod: options.assertionMethodIds ?? ids,
    authentication: options.authenticationIds ?? ids,
  };
  if (options.service) doc.service = options.service;
  return doc;
}

/** Finds a verification method in a DID document by its full id (`did#fragment`). */
export function findVerificationMethod(
  doc: DidDocument,
  id: string,
): VerificationMethod | undefined {
  return doc.verificationMethod.find((m) => m.id === id || `${doc.id}${m.id}` === id);
}
