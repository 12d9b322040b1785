export { decodeBase32, encodeBase32 } from "./base32.js";
export type { CompactEditionShape } from "./compact-edition.js";
export { compactEditionOf, compactEditionShapes, shorten } from "./compact-edition.js";
export type { CompactLimits, QrTextFailure, QrTextRead } from "./qr-text.js";
export {
  alphanumericCapacity,
  DEFAULT_COMPACT_LIMITS,
  encodeCborLd,
  fromQrText,
  isQrText,
  MAX_QR_VERSION,
  QR_ERROR_CORRECTION,
  QR_TEXT_PREFIX,
  qrVersionOf,
  toQrText,
} from "./qr-text.js";
export type { SignedCompactEdition } from "./sign-compact.js";
export { signCompactEdition } from "./sign-compact.js";
