import { inflateSync } from "node:zlib";
import type { MessageKey, MessageParams } from "@avala/i18n";

/**
 * Reads the one credential a PDF certificate carries as an embedded file (PDF 1.7 §7.11.4), from
 * bytes that may be hostile. It is a scanner, not a PDF renderer: it never runs JavaScript, never
 * follows a link or an external file specification, never decodes anything but the attachment's
 * own stream, and stops at fixed limits (file size, object count, inflated size). Its index and
 * stream reader are shared with `pdf-text.ts`, which reads the printed text within the same
 * limits.
 */

export interface PdfLimits {
  /** Largest PDF read, in bytes. */
  maxBytes: number;
  /** Most indirect objects (including those in object streams) a PDF may declare. */
  maxObjects: number;
  /** Largest attachment, once inflated, in bytes. */
  maxAttachmentBytes: number;
  /**
   * Reading the printed text (`pdf-text.ts`): most bytes inflated in all (page contents, forms,
   * fonts' character maps, object streams), and most pages read.
   */
  maxTextBytes: number;
  maxPages: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxBytes: 4 * 1024 * 1024,
  maxObjects: 5000,
  maxAttachmentBytes: 1024 * 1024,
  maxTextBytes: 4 * 1024 * 1024,
  maxPages: 20,
};

export type PdfExtraction =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; code: MessageKey; params?: MessageParams };

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** True when the bytes start with the PDF header `%PDF-`. */
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 5 && PDF_MAGIC.every((byte, i) => bytes[i] === byte);
}

export interface ObjectIndex {
  /** "number generation" → offset of the object's header (the last one: incremental updates). */
  offsets: Map<string, number>;
  /** Header offsets, ascending. */
  sorted: number[];
  count: number;
}

const OBJECT_HEADER = /(?<![\d.])(\d{1,10})[ \t\r\n\f\0]+(\d{1,5})[ \t\r\n\f\0]+obj\b/g;

export function indexObjects(text: string, maxObjects: number): ObjectIndex | "too-many" {
  const offsets = new Map<string, number>();
  const sorted: number[] = [];
  let count = 0;
  for (const match of text.matchAll(OBJECT_HEADER)) {
    count++;
    if (count > maxObjects) return "too-many";
    offsets.set(`${match[1]} ${match[2]}`, match.index);
    sorted.push(match.index);
  }
  // Objects packed in object streams count too (their headers are compressed).
  // (`/N` sits in the same dictionary, before or after `/Type`).
  for (const match of text.matchAll(/\/Type\s*\/ObjStm\b/g)) {
    const around = text.slice(Math.max(0, match.index - 400), match.index + 400);
    count += Number(/\/N\s+(\d{1,10})/.exec(around)?.[1] ?? 0);
    if (count > maxObjects) return "too-many";
  }
  return { offsets, sorted, count };
}

/** The header offset of the object that contains `position` (binary search). */
export function enclosingObject(index: ObjectIndex, position: number): number | undefined {
  let low = 0;
  let high = index.sorted.length - 1;
  let found: number | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const offset = index.sorted[middle]!;
    if (offset <= position) {
      found = offset;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** Embedded-file streams: named by a file specification's `/EF`, or typed `/EmbeddedFile`. */
function attachmentOffsets(text: string, index: ObjectIndex): Set<number> {
  const found = new Set<number>();
  for (const match of text.matchAll(/\/EF\s*<<([^>]{0,200})>>/g)) {
    for (const ref of (match[1] ?? "").matchAll(/\/(?:F|UF)\s+(\d{1,10})\s+(\d{1,5})\s+R\b/g)) {
      const offset = index.offsets.get(`${ref[1]} ${ref[2]}`);
      if (offset !== undefined) found.add(offset);
    }
  }
  for (const match of text.matchAll(/\/Type\s*\/EmbeddedFile(?![A-Za-z0-9#])/g)) {
    const offset = enclosingObject(index, match.index);
    if (offset !== undefined) found.add(offset);
  }
  return found;
}

export interface StreamParts {
  dict: string;
  start: number;
  end: number;
}

export function streamAt(text: string, offset: number, index: ObjectIndex): StreamParts | string {
  const headerEnd = text.indexOf("obj", offset) + 3;
  const keyword = text.indexOf("stream", headerEnd);
  const endObj = text.indexOf("endobj", headerEnd);
  if (keyword < 0 || (endObj >= 0 && endObj < keyword)) return "attachment is not a stream";
  const dict = text.slice(headerEnd, keyword);
  let start = keyword + 6;
  if (text[start] === "\r") start++;
  if (text[start] === "\n") start++;
  const direct = /\/Length\s+(\d{1,10})(?!\s+\d+\s+R)/.exec(dict);
  const indirect = /\/Length\s+(\d{1,10})\s+(\d{1,5})\s+R/.exec(dict);
  let length: number | undefined = direct ? Number(direct[1]) : undefined;
  if (length === undefined && indirect) {
    const at = index.offsets.get(`${indirect[1]} ${indirect[2]}`);
    const value =
      at === undefined ? null : /obj\s*(\d{1,10})\s*endobj/.exec(text.slice(at, at + 64));
    if (value) length = Number(value[1]);
  }
  if (
    length !== undefined &&
    /^\s*endstream/.test(text.slice(start + length, start + length + 32))
  ) {
    return { dict, start, end: start + length };
  }
  // No usable /Length: the data runs to `endstream`, less its end-of-line marker.
  const close = text.indexOf("endstream", start);
  if (close < 0) return "stream without endstream";
  let end = close;
  if (text[end - 1] === "\n") end--;
  if (text[end - 1] === "\r") end--;
  return { dict, start, end };
}

function decodeStream(bytes: Uint8Array, parts: StreamParts, limits: PdfLimits): PdfExtraction {
  const data = bytes.subarray(parts.start, parts.end);
  const filter = /\/Filter\s*(\[[^\]]{0,200}\]|\/[A-Za-z0-9]+)/.exec(parts.dict)?.[1] ?? "";
  const filters = filter.match(/\/[A-Za-z0-9]+/g) ?? [];
  if (filters.length === 0) {
    return data.byteLength > limits.maxAttachmentBytes
      ? { ok: false, code: "pdf.attachment-too-large", params: { max: limits.maxAttachmentBytes } }
      : { ok: true, bytes: data };
  }
  if (filters.length > 1 || (filters[0] !== "/FlateDecode" && filters[0] !== "/Fl")) {
    return { ok: false, code: "pdf.unsupported", params: { reason: filters.join(" ") } };
  }
  if (/\/DecodeParms/.test(parts.dict) && /\/Predictor\s+(?!1\b)\d/.test(parts.dict)) {
    return { ok: false, code: "pdf.unsupported", params: { reason: "predictor" } };
  }
  try {
    // Inflating stops as soon as the output would pass the limit (a deflate bomb stays small).
    const inflated = inflateSync(data, { maxOutputLength: limits.maxAttachmentBytes });
    return {
      ok: true,
      bytes: new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length),
    };
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") {
      return {
        ok: false,
        code: "pdf.attachment-too-large",
        params: { max: limits.maxAttachmentBytes },
      };
    }
    return { ok: false, code: "pdf.malformed", params: { reason: "attachment does not inflate" } };
  }
}

/**
 * The bytes of the PDF's one embedded file, or why not: too large, too many objects, encrypted,
 * no attachment, several attachments, an attachment that does not decode or inflates past the
 * limit. Pure and synchronous; never throws.
 */
export function extractFromPdf(
  bytes: Uint8Array,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): PdfExtraction {
  if (bytes.byteLength > limits.maxBytes) {
    return {
      ok: false,
      code: "pdf.too-large",
      params: { size: bytes.byteLength, max: limits.maxBytes },
    };
  }
  if (!isPdf(bytes))
    return { ok: false, code: "pdf.malformed", params: { reason: "no %PDF- header" } };
  try {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    const index = indexObjects(text, limits.maxObjects);
    if (index === "too-many") {
      return { ok: false, code: "pdf.too-many-objects", params: { max: limits.maxObjects } };
    }
    if (/\/Encrypt\s+\d+\s+\d+\s+R|\/Encrypt\s*<</.test(text)) {
      return { ok: false, code: "pdf.encrypted" };
    }
    const attachments = [...attachmentOffsets(text, index)];
    if (attachments.length === 0) return { ok: false, code: "pdf.no-attachment" };
    if (attachments.length > 1) {
      return { ok: false, code: "pdf.several-attachments", params: { count: attachments.length } };
    }
    const parts = streamAt(text, attachments[0]!, index);
    if (typeof parts === "string")
      return { ok: false, code: "pdf.malformed", params: { reason: parts } };
    return decodeStream(bytes, parts, limits);
  } catch {
    return { ok: false, code: "pdf.malformed", params: { reason: "unreadable" } };
  }
}
