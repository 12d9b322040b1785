export type { DidDocument, VerificationMethod } from "./did-document.js";
export {
  buildDidDocument,
  DID_CONTEXT_V1,
  findVerificationMethod,
  MULTIKEY_CONTEXT_V1,
} from "./did-document.js";
export {
  didKeyFromPublicKey,
  didKeyVerificationMethodId,
  isDidKey,
  resolveDidKey,
} from "./did-key.js";
export type { DidResolver } from "./did-resolver.js";
export { createDidResolver, DidResolutionError } from "./did-resolver.js";
export { assertDidDocumentFor, didWebFromOrigin, didWebToUrl, isDidWeb } from "./did-web.js";
