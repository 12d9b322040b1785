import { decodeUtf8, readBodyLimited } from "@avala/http-middleware";

/**
 * Reads a request body, counting bytes as they stream in (Content-Length is not trusted; a 413
 * problem past `maxBytes`), and decodes it as UTF-8: `text` is undefined when it is not UTF-8 (the
 * caller says where, see `locateInvalidCsvByte`).
 */
export async function readTextBody(
  request: Request,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; text: string | undefined }> {
  const bytes = await readBodyLimited(request, maxBytes);
  return { bytes, text: decodeUtf8(bytes) };
}

/** The media type of a Content-Type header, lower-case, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Whether the client asked for JSON rather than a page. */
export function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const first = accept.split(",")[0]?.trim().toLowerCase() ?? "";
  if (first.startsWith("text/html")) return false;
  return /application\/([\w.+-]+\+)?json/i.test(accept);
}

/** A positive integer from a query string, clamped. */
export function intParam(value: string | undefined, fallback: number, max: number): number {
  const n = value === undefined ? fallback : Number.parseInt(value, 10);
  if (!Number.isSafeInteger(n) || n < 1) return fallback;
  return Math.min(n, max);
}
