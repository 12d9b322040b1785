export type {
  AchievementInput,
  AchievementKind,
  AchievementTexts,
  LocalizedInput,
  UnitReference,
} from "./achievement.js";
export {
  achievementAlignments,
  achievementTexts,
  buildAchievement,
  englishEdition,
  englishEditionId,
  languageMap,
} from "./achievement.js";
export type {
  AchievementCredentialInput,
  EndorsementCredentialInput,
  IssuerProfileInput,
  SubjectInput,
} from "./achievement-credential.js";
export {
  buildAchievementCredential,
  buildEndorsementCredential,
  buildProfile,
  MAX_SUBJECT_NAME,
  subjectName,
  toDateTime,
} from "./achievement-credential.js";
export { BoundedCache } from "./bounded-cache.js";
export { canonicalForm } from "./canonical-form.js";
export type { Check, CheckId, CheckOutcome, SelectableCheck, Verdict } from "./checks.js";
export { makeCheck, selectableChecks, selectedChecks, verdictOf } from "./checks.js";
export {
  checkContexts,
  checkContextsOffline,
  dataModelOf,
  hasInlineContext,
  inlineContextLimits,
} from "./contexts-check.js";
export type { IdentifierKind } from "./identity-hash.js";
export {
  hashedIdentifier,
  hashIdentity,
  identifierMatches,
  isValidCurp,
  normalizeIdentifier,
} from "./identity-hash.js";
export type { InputLimits, ParsedInput } from "./json-input.js";
export { defaultInputLimits, parseJsonInput } from "./json-input.js";
export type { Cryptosuite } from "./proof-suites.js";
export { cryptosuites, isSupportedProof } from "./proof-suites.js";
export { checkOpenBadgesSchema } from "./schema-validation.js";
export { shareShapeCache } from "./shape-canonizer.js";
export type { PresentationSignOptions, SignOptions } from "./sign.js";
export { buildPresentation, signCredential, signPresentation } from "./sign.js";
export type { PublicKey, SigningKey } from "./signing-key.js";
export { generateSigningKey, importSigningKey, publicKeyOf } from "./signing-key.js";
export type * from "./types.js";
export type {
  CheckStatus,
  StatusCheckResult,
  VerificationResult,
  VerifyCredentialOptions,
} from "./verify-credential.js";
export { checkValidity, requiredChecks, verifyCredential } from "./verify-credential.js";
export type {
  PresentationVerificationResult,
  VerifyPresentationOptions,
} from "./verify-presentation.js";
export {
  embeddedCredentials,
  holderOf,
  isEnvelopedCredential,
  verdictOfPresentation,
  verifyPresentation,
} from "./verify-presentation.js";
export * from "./vocabulary.js";
export { firstNonWebLink, isWebLink } from "./web-link.js";
