import {
  DEFAULT_COMPACT_LIMITS,
  fromQrText,
  isQrText,
  type QrTextFailure,
} from "@avala/compact-credential";
import type { Check } from "@avala/credentials";
import { makeCheck } from "@avala/credentials";
import type { InputSource, ReadInput } from "./input.js";

/**
 * A printed QR code's text: `VC1-` + base32 of a credential's CBOR-LD bytes
 * (@avala/compact-credential). It is read offline: the contexts are Avala's own copies, and the
 * credential is in the text, never fetched. The caller verifies what comes out like any other
 * credential (signature, status online, trust).
 */
export { isQrText as isCompactText };

const failureCodes: Record<Exclude<QrTextFailure, "not-compact">, Check["code"]> = {
  "too-long": "qr.too-large",
  "too-large": "qr.too-large",
  "not-base32": "qr.damaged",
  "not-cbor-ld": "qr.unreadable",
  "not-credential": "qr.unreadable",
};

/** Reads a `VC1-` text into the credential it carries, or a failed input check in plain words. */
export async function readCompactText(text: string, source: InputSource): Promise<ReadInput> {
  const qrSource: InputSource = { ...source, form: "qr" };
  const read = await fromQrText(text);
  if (!read.ok) {
    const code = read.reason === "not-compact" ? "qr.unreadable" : failureCodes[read.reason];
    const params = { max: DEFAULT_COMPACT_LIMITS.maxTextLength };
    return { ok: false, source: qrSource, checks: [makeCheck("input", "fail", code, params)] };
  }
  return {
    ok: true,
    document: read.credential,
    source: qrSource,
    checks: [makeCheck("input", "pass", "qr.decoded", { bytes: read.cborBytes })],
  };
}
