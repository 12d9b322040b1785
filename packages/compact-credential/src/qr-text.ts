import type { JsonObject } from "@avala/credentials";
import {
  createDocumentLoader,
  isKnownContextUrl,
  UnknownDocumentError,
} from "@avala/document-loader";
import { decode } from "@digitalbazaar/cborld";
import QRCode from "qrcode";
import { decodeBase32, encodeBase32 } from "./base32.js";
import { createCompiledCborLdEncoder } from "./compiled-cborld.js";

/** What starts the text of a VC Barcodes style QR code: CBOR-LD bytes follow, in base32. */
export const QR_TEXT_PREFIX = "VC1-";

/** The largest QR code Avala prints: version 25 (117×117 modules) at error correction M. */
export const MAX_QR_VERSION = 25;
export const QR_ERROR_CORRECTION = "M" as const;

/**
 * What a reader accepts. A QR code holds at most 4,296 alphanumeric characters (version 40 at
 * error correction L), so a longer text came from no QR code; its bytes are at most 2,682.
 * The JSON decoded from them is capped too: CBOR-LD turns small numbers back into terms and
 * URLs, so it is larger than the bytes, but never by much for a credential.
 */
export interface CompactLimits {
  maxTextLength: number;
  maxCborBytes: number;
  maxJsonBytes: number;
}

export const DEFAULT_COMPACT_LIMITS: CompactLimits = Object.freeze({
  maxTextLength: 4296,
  maxCborBytes: 2682,
  maxJsonBytes: 64 * 1024,
});

/**
 * CBOR-LD needs the JSON-LD contexts to (de)compress terms. They come only from contexts/
 * (the offline loader): any other URL, a DID included, is refused, and nothing is fetched.
 */
const staticLoader = createDocumentLoader();
async function contextLoader(url: string) {
  if (typeof url !== "string" || !isKnownContextUrl(url))
    throw new UnknownDocumentError(String(url));
  return staticLoader(url);
}

/**
 * CBOR-LD 1.0 with registry entry 1 (compression by the contexts, no shared tables), compiled
 * per shape: the same bytes as `@digitalbazaar/cborld`'s `encode`, without its context
 * processing for every credential of a cohort (see `compiled-cborld.ts`).
 */
const encodeCompiled = createCompiledCborLdEncoder(contextLoader);

/** The CBOR-LD bytes of a JSON-LD document (a signed credential): its terms compressed. */
export async function encodeCborLd(document: JsonObject): Promise<Uint8Array> {
  return encodeCompiled(document);
}

/** The QR text of a signed credential: `VC1-` + RFC 4648 base32 of its CBOR-LD bytes. */
export async function toQrText(credential: JsonObject): Promise<string> {
  return `${QR_TEXT_PREFIX}${encodeBase32(await encodeCborLd(credential))}`;
}

/** Whether a scanned or pasted text is a compact credential (by its prefix only). */
export function isQrText(text: unknown): text is string {
  return typeof text === "string" && text.trimStart().startsWith(QR_TEXT_PREFIX);
}

/**
 * Data codewords of QR versions 1-40 at error correction M (ISO/IEC 18004, table 7). With them
 * the capacity in alphanumeric mode is arithmetic; `test/qr-version.test.ts` checks every
 * version against the `qrcode` package, which builds the whole matrix (some 15 ms for a version
 * 25 code, too slow to try each shape of every credential of a cohort).
 */
const DATA_CODEWORDS_M = [
  16, 28, 44, 64, 86, 108, 124, 154, 182, 216, 254, 290, 334, 365, 415, 453, 507, 563, 627, 669,
  714, 782, 860, 914, 1000, 1062, 1128, 1193, 1267, 1373, 1455, 1541, 1631, 1725, 1812, 1914, 1992,
  2102, 2216, 2334,
];

/** How many alphanumeric characters a QR code of `version` holds at error correction M. */
export function alphanumericCapacity(version: number): number {
  const codewords = DATA_CODEWORDS_M[version - 1];
  if (codewords === undefined) return 0;
  // Mode indicator (4 bits), character count (9, 11 or 13 bits), 11 bits a pair, 6 for one.
  const bits = codewords * 8 - 4 - (version < 10 ? 9 : version < 27 ? 11 : 13);
  return Math.floor(bits / 11) * 2 + (bits % 11 >= 6 ? 1 : 0);
}

const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/**
 * The smallest QR code version that holds `text` at error correction M (alphanumeric mode for
 * a `VC1-` text), or undefined when even version 40 cannot.
 */
export function qrVersionOf(text: string): number | undefined {
  if (ALPHANUMERIC.test(text)) {
    for (let version = 1; version <= 40; version++) {
      if (text.length <= alphanumericCapacity(version)) return version;
    }
    return undefined;
  }
  try {
    return QRCode.create(text, { errorCorrectionLevel: QR_ERROR_CORRECTION }).version;
  } catch {
    return undefined;
  }
}

export type QrTextFailure =
  | "not-compact"
  | "too-long"
  | "not-base32"
  | "too-large"
  | "not-cbor-ld"
  | "not-credential";

export type QrTextRead =
  | { ok: true; credential: JsonObject; cborBytes: number }
  | { ok: false; reason: QrTextFailure; detail?: string };

/**
 * Checks that a decoded value is plain JSON (objects, arrays, strings, finite numbers,
 * booleans, null: no byte strings, maps or tags that CBOR can carry) of at most `max` bytes,
 * roughly as JSON text. Without recursion.
 */
function plainJson(value: unknown, max: number): "ok" | "too-large" | "not-json" {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    if (size > max) return "too-large";
    const item = stack.pop();
    if (item === null || typeof item === "boolean") size += 5;
    else if (typeof item === "number") {
      if (!Number.isFinite(item)) return "not-json";
      size += 8;
    } else if (typeof item === "string") size += item.length + 2;
    else if (Array.isArray(item)) {
      size += 2 + item.length;
      for (const child of item) stack.push(child);
    } else if (typeof item === "object" && Object.getPrototypeOf(item) === Object.prototype) {
      for (const [key, child] of Object.entries(item as object)) {
        size += key.length + 4;
        stack.push(child);
      }
    } else return "not-json";
  }
  return size > max ? "too-large" : "ok";
}

/**
 * Reads a `VC1-` text back into the credential it carries, offline, without verifying it (the
 * verifier does that). Hostile text is refused plainly: too long, not base32, too many bytes,
 * not CBOR-LD (or CBOR-LD needing a context that is not in contexts/), or not a JSON object.
 * Never throws.
 */
export async function fromQrText(
  text: string,
  limits: CompactLimits = DEFAULT_COMPACT_LIMITS,
): Promise<QrTextRead> {
  if (typeof text !== "string") return { ok: false, reason: "not-compact" };
  const body = text.trim();
  if (!body.startsWith(QR_TEXT_PREFIX)) return { ok: false, reason: "not-compact" };
  if (body.length > limits.maxTextLength) return { ok: false, reason: "too-long" };
  const bytes = decodeBase32(body.slice(QR_TEXT_PREFIX.length));
  if (!bytes || bytes.byteLength === 0) return { ok: false, reason: "not-base32" };
  if (bytes.byteLength > limits.maxCborBytes) return { ok: false, reason: "too-large" };
  let decoded: unknown;
  try {
    decoded = await decode({ cborldBytes: bytes, documentLoader: contextLoader });
  } catch (error) {
    const detail = String((error as Error)?.message ?? error).slice(0, 200);
    return { ok: false, reason: "not-cbor-ld", detail };
  }
  const plain = plainJson(decoded, limits.maxJsonBytes);
  if (plain === "too-large") return { ok: false, reason: "too-large" };
  if (plain === "not-json" || !decoded || typeof decoded !== "object" || Array.isArray(decoded)) {
    return { ok: false, reason: "not-credential" };
  }
  return { ok: true, credential: decoded as JsonObject, cborBytes: bytes.byteLength };
}
