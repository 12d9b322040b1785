import { readBodyLimited } from "./json-body.js";
import { codedProblem } from "./problem.js";
import { decodeUtf8, notUtf8Problem, percentDecode } from "./text.js";

const URLENCODED = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";

/**
 * Reads an HTML form (`application/x-www-form-urlencoded` or `multipart/form-data`) with a hard
 * limit on the bytes received. Form parsers quietly turn bytes that are not UTF-8 (`%ED%A0%80`,
 * `%FF`) into U+FFFD; here a field name or text value that is not UTF-8 is refused instead, with
 * a 422 naming the field. Files are not text and are not checked. Coded problems: 415
 * `request.body.unsupported-type`, 413 `request.body.too-large`, 400
 * `request.body.malformed-form`, 422 `request.text.not-utf8`.
 */
export async function readFormBody(request: Request, maxBytes: number): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== URLENCODED && type !== MULTIPART) {
    throw codedProblem(415, "request.body.unsupported-type", {
      expected: `${URLENCODED}, ${MULTIPART}`,
    });
  }
  const bytes = await readBodyLimited(request, maxBytes);
  if (type === URLENCODED) checkUrlencoded(bytes);
  else checkMultipart(bytes, contentType);
  try {
    return await new Request("http://form.invalid/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: bytes,
    }).formData();
  } catch {
    throw codedProblem(400, "request.body.malformed-form");
  }
}

/** A readable name for a field whose own bytes may not be UTF-8. */
function lenientName(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}

/** Throws a 422 for the first field whose name or value does not decode to UTF-8. */
function checkUrlencoded(bytes: Uint8Array): void {
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x26, start);
    if (end === -1) end = bytes.length;
    const pair = bytes.subarray(start, end);
    if (pair.length > 0) {
      const equals = pair.indexOf(0x3d);
      const name = percentDecode(equals === -1 ? pair : pair.subarray(0, equals));
      const value = percentDecode(equals === -1 ? new Uint8Array(0) : pair.subarray(equals + 1));
      if (decodeUtf8(name) === undefined || decodeUtf8(value) === undefined) {
        throw notUtf8Problem(lenientName(name));
      }
    }
    start = end + 1;
  }
}

const CRLF_CRLF = new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a]);

/**
 * Throws a 422 for the first part that is not a file (no `filename`) whose name or value does not
 * decode to UTF-8. Only finds the parts; the real parsing is the platform's (`formData()`), which
 * refuses what is malformed.
 */
function checkMultipart(bytes: Uint8Array, contentType: string): void {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const value = boundary?.[1] ?? boundary?.[2];
  if (!value) return; // formData() refuses it
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delimiter = Buffer.from(`--${value}`, "latin1");
  let at = buffer.indexOf(delimiter);
  while (at !== -1) {
    const partStart = at + delimiter.length + 2; // the delimiter line's CRLF
    const next = buffer.indexOf(delimiter, partStart);
    if (next === -1) return;
    const part = buffer.subarray(partStart, Math.max(partStart, next - 2)); // the CRLF before it
    const headerEnd = part.indexOf(CRLF_CRLF);
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd);
      const disposition = /content-disposition:[^\r\n]*/i.exec(headers.toString("latin1"))?.[0];
      if (disposition && !/;\s*filename\*?=/i.test(disposition)) {
        const nameMatch = /;\s*name="([^"]*)"/i.exec(disposition);
        const name = nameMatch ? Buffer.from(nameMatch[1]!, "latin1") : new Uint8Array(0);
        const content = part.subarray(headerEnd + CRLF_CRLF.length);
        if (decodeUtf8(name) === undefined || decodeUtf8(content) === undefined) {
          throw notUtf8Problem(lenientName(name));
        }
      }
    }
    at = next;
  }
}
