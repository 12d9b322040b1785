import { inflateSync } from "node:zlib";

/**
 * Open Badges 3.0 baking in PNG (OB 3.0 §5.3.1): the credential travels in an `iTXt` chunk whose
 * keyword is `openbadgecredential`; its text is the credential's JSON, or the compact JWS of a
 * credential secured as a VC-JWT (which `readInput` verifies as one). This reader is deliberately small: it walks the chunk list, checks
 * every chunk's CRC, and stops at `IEND`, with limits on sizes and counts. It never decodes the
 * image itself.
 */

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
export const OPEN_BADGE_PNG_KEYWORD = "openbadgecredential";

export interface PngLimits {
  /** Largest PNG accepted, in bytes. Default 2 MiB. */
  maxBytes?: number;
  /** Most chunks walked before giving up. Default 10 000. */
  maxChunks?: number;
  /** Largest credential text, after decompression when the chunk is compressed. Default 2 MiB. */
  maxTextBytes?: number;
}

const defaults = { maxBytes: 2 * 1024 * 1024, maxChunks: 10_000, maxTextBytes: 2 * 1024 * 1024 };

/** What reading a baked image gives: the embedded text, nothing, or why it is unreadable. */
export type BakedExtraction =
  | { ok: true; text: string }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "malformed"; detail: string };

export function isPng(bytes: Uint8Array): boolean {
  if (bytes.byteLength < PNG_SIGNATURE.byteLength) return false;
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG defines it (ISO 3309 / ITU-T V.42), over `bytes[start, end)`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.byteLength): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Chunk {
  type: string;
  /** Offset of the chunk's first byte (its length field). */
  start: number;
  dataStart: number;
  dataEnd: number;
  /** Offset just past the CRC. */
  end: number;
}

function malformed(detail: string): { ok: false; reason: "malformed"; detail: string } {
  return { ok: false, reason: "malformed", detail };
}

/** Walks the chunks, checking structure and CRCs; returns them or why the file is malformed. */
function readChunks(
  bytes: Uint8Array,
  maxChunks: number,
): { ok: true; chunks: Chunk[] } | { ok: false; reason: "malformed"; detail: string } {
  if (!isPng(bytes)) return malformed("not a PNG file");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  let offset = PNG_SIGNATURE.byteLength;
  for (;;) {
    if (chunks.length >= maxChunks) return malformed("too many chunks");
    if (offset + 12 > bytes.byteLength) return malformed("truncated chunk");
    const length = view.getUint32(offset);
    // PNG caps a chunk's length at 2^31 - 1; anything past the file's end is truncation.
    if (length > 0x7fffffff || offset + 12 + length > bytes.byteLength) {
      return malformed("chunk longer than the file");
    }
    const typeBytes = bytes.subarray(offset + 4, offset + 8);
    if (!typeBytes.every((b) => (b >= 65 && b <= 90) || (b >= 97 && b <= 122))) {
      return malformed("invalid chunk type");
    }
    const type = String.fromCharCode(...typeBytes);
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    const expected = view.getUint32(dataEnd);
    if (crc32(bytes, offset + 4, dataEnd) !== expected) return malformed(`bad CRC in ${type}`);
    chunks.push({ type, start: offset, dataStart, dataEnd, end: dataEnd + 4 });
    offset = dataEnd + 4;
    if (chunks.length === 1 && type !== "IHDR") return malformed("IHDR is not the first chunk");
    if (type === "IEND") return { ok: true, chunks };
  }
}

interface ITxt {
  keyword: string;
  text: string;
}

/** Decodes an iTXt chunk's fields (PNG §11.3.4.5). */
function readITxt(
  data: Uint8Array,
  maxTextBytes: number,
): { ok: true; value: ITxt } | { ok: false; reason: "malformed"; detail: string } {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1 || keywordEnd > 79) return malformed("invalid iTXt keyword");
  const keyword = Buffer.from(data.subarray(0, keywordEnd)).toString("latin1");
  const compressed = data[keywordEnd + 1];
  const method = data[keywordEnd + 2];
  if (compressed === undefined || method === undefined) return malformed("truncated iTXt");
  if (compressed > 1 || method !== 0) return malformed("unknown iTXt compression");
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  if (languageEnd < 0) return malformed("truncated iTXt");
  const translatedEnd = data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return malformed("truncated iTXt");
  let raw: Uint8Array = data.subarray(translatedEnd + 1);
  if (compressed === 1) {
    try {
      raw = inflateSync(raw, { maxOutputLength: maxTextBytes });
    } catch {
      return malformed("iTXt text does not inflate within the limit");
    }
  }
  if (raw.byteLength > maxTextBytes) return malformed("iTXt text too large");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    return malformed("iTXt text is not UTF-8");
  }
  return { ok: true, value: { keyword, text } };
}

/**
 * Extracts the Open Badges credential text from a baked PNG. Every chunk's CRC is checked and
 * the walk stops at IEND; more than one credential chunk is refused (which one would be shown?).
 */
export function extractFromPng(bytes: Uint8Array, limits: PngLimits = {}): BakedExtraction {
  const maxBytes = limits.maxBytes ?? defaults.maxBytes;
  if (bytes.byteLength > maxBytes) return malformed(`larger than ${maxBytes} bytes`);
  const read = readChunks(bytes, limits.maxChunks ?? defaults.maxChunks);
  if (!read.ok) return read;
  const found: string[] = [];
  for (const chunk of read.chunks) {
    if (chunk.type !== "iTXt") continue;
    const data = bytes.subarray(chunk.dataStart, chunk.dataEnd);
    // Only decode chunks with our keyword; other iTXt chunks are none of our business.
    const keywordEnd = data.indexOf(0);
    if (
      Buffer.from(data.subarray(0, Math.max(0, keywordEnd))).toString("latin1") !==
      OPEN_BADGE_PNG_KEYWORD
    ) {
      continue;
    }
    const itxt = readITxt(data, limits.maxTextBytes ?? defaults.maxTextBytes);
    if (!itxt.ok) return itxt;
    found.push(itxt.value.text);
  }
  if (found.length === 0) return { ok: false, reason: "not-found" };
  if (found.length > 1) return malformed("more than one credential in the image");
  return { ok: true, text: found[0]! };
}

function chunkBytes(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.byteLength);
  out.set(Buffer.from(type, "latin1"), 4);
  out.set(data, 8);
  view.setUint32(8 + data.byteLength, crc32(out, 4, 8 + data.byteLength));
  return out;
}

/**
 * Bakes a credential into a PNG: an uncompressed `iTXt` chunk with keyword `openbadgecredential`
 * placed just before IEND, replacing any earlier credential chunk. A string (a VC-JWT's compact
 * JWS) is baked as it is; anything else as its JSON. Throws if `png` is not a
 * well-formed PNG (the caller's image, so a programming error).
 */
export function bakePng(png: Uint8Array, credential: unknown): Uint8Array<ArrayBuffer> {
  const read = readChunks(png, Number.MAX_SAFE_INTEGER);
  if (!read.ok) throw new TypeError(`bakePng: ${read.detail}`);
  const text = typeof credential === "string" ? credential : JSON.stringify(credential);
  const data = Buffer.concat([
    Buffer.from(OPEN_BADGE_PNG_KEYWORD, "latin1"),
    Uint8Array.of(0, 0, 0, 0, 0), // keyword end, not compressed, method 0, no language, no translation
    Buffer.from(text, "utf8"),
  ]);
  const parts: Uint8Array[] = [png.subarray(0, PNG_SIGNATURE.byteLength)];
  for (const chunk of read.chunks) {
    const body = png.subarray(chunk.dataStart, chunk.dataEnd);
    if (chunk.type === "iTXt") {
      const keywordEnd = body.indexOf(0);
      const keyword = Buffer.from(body.subarray(0, Math.max(0, keywordEnd))).toString("latin1");
      if (keyword === OPEN_BADGE_PNG_KEYWORD) continue;
    }
    if (chunk.type === "IEND") parts.push(chunkBytes("iTXt", data));
    parts.push(png.subarray(chunk.start, chunk.end));
  }
  return new Uint8Array(Buffer.concat(parts));
}
