export { createVerifierApp, unwrapOwnLink } from "./app.js";
export type { BakedExtraction, PngLimits } from "./baked-png.js";
export { bakePng, crc32, extractFromPng, isPng, OPEN_BADGE_PNG_KEYWORD } from "./baked-png.js";
export { bakeSvg, extractFromSvg, OPEN_BADGES_SVG_NAMESPACE } from "./baked-svg.js";
export type { VerifierConfig } from "./config.js";
export { loadConfig } from "./config.js";
export type { VerifierContext, VerifierContextOverrides } from "./context.js";
export { createVerifierContext } from "./context.js";
export type { CredentialDescription, WithdrawalDescription } from "./describe.js";
export { describeCredential, describeWithdrawal } from "./describe.js";
export type { ClaimLine, ReadableClaims } from "./generic/claims.js";
export { readableClaims } from "./generic/claims.js";
export type { GenericDescription } from "./generic/describe-generic.js";
export { isGenericCredential, unreadableFormat } from "./generic/recognise.js";
export type { InputSource } from "./input.js";
export { bakeOb2Png, bakeOb2Svg } from "./ob2/baked.js";
export { hashedRecipient, matchRecipient } from "./ob2/recipient.js";
export { withOb2Recipient } from "./ob2/recipient-check.js";
export { isOb2Assertion, ob2OfJws } from "./ob2/recognise.js";
export type { Ob2Assurance, Ob2Details } from "./ob2/verify-ob2.js";
export type { ParsedAnswer, ProtocolError } from "./openid4vp.js";
export {
  authorizationRequest,
  clientIdFor,
  openRequest,
  parseAnswer,
  refusalOf,
  requestLink,
  withRequestChecks,
} from "./openid4vp.js";
export type { Ask, DcqlCredentialQuery, DcqlQuery } from "./openid4vp-query.js";
export {
  dcqlQueryFor,
  describeAsk,
  matchesCredentialQuery,
  readAsk,
} from "./openid4vp-query.js";
export type { PresentationRequest, RequestStore } from "./openid4vp-store.js";
export { createRequestStore } from "./openid4vp-store.js";
export type { PdfExtraction, PdfLimits } from "./pdf.js";
export { DEFAULT_PDF_LIMITS, extractFromPdf, isPdf } from "./pdf.js";
export type { PrintedText, TextRun } from "./pdf-text.js";
export { readPrintedText } from "./pdf-text.js";
export { standardRecordOf, standardVersionWarning } from "./standard-version.js";
export type { RunningVerifier } from "./start.js";
export { startVerifier, warmUp } from "./start.js";
export type { StatusNotice } from "./status-notice.js";
export type {
  TrustLimits,
  TrustLink,
  TrustOutcome,
  TrustParty,
  TrustRegistryOption,
  TrustRegistrySource,
} from "./trust.js";
export type {
  RegistryLoadScope,
  ScopedTrustRegistrySource,
  TrustRegistrySourceOptions,
} from "./trust-registry-source.js";
export { createTrustRegistrySource } from "./trust-registry-source.js";
export type { VcApiProblem, VcApiVerifyResponse, VerificationReport } from "./vc-api.js";
export { describeVerification, toReport, toVcApiResponse } from "./vc-api.js";
export type {
  CredentialVerification,
  PresentationVerification,
  UnreadableVerification,
  Verification,
  VerifyOptions,
} from "./verify.js";
export { DEFAULT_FETCH_BUDGET, verify } from "./verify.js";
