export type { DecodedJws, DecodeJwsResult } from "./compact-jws.js";
export {
  decodeCompactJws,
  envelopeOf,
  isCompactJws,
  JWT_CREDENTIAL_MEDIA_TYPES,
  jwtOfEnvelope,
} from "./compact-jws.js";
export type { DecodeJwtCredentialResult, JwtCredential, JwtFormat } from "./jwt-credential.js";
export { credentialOfJws, decodeJwtCredential, issuerIdOf } from "./jwt-credential.js";
export {
  didKeyOfJwk,
  jwkOfDidJwk,
  jwkOfDidKey,
  jwkOfMultibase,
  jwkOfVerificationMethod,
  publicJwk,
  sameKey,
} from "./public-keys.js";
export type { DidDocumentResolver, KeyResolution } from "./resolve-key.js";
export { resolveJwtKey } from "./resolve-key.js";
export type {
  JwtAlgorithm,
  JwtVerificationResult,
  VerifyJwtCredentialOptions,
} from "./verify-jwt-credential.js";
export { JWT_ALGORITHMS, verifyJwtCredential } from "./verify-jwt-credential.js";
