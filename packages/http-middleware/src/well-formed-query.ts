import type { MiddlewareHandler } from "hono";
import { decodeUtf8, notUtf8Problem, percentDecode } from "./text.js";

/**
 * Refuses a query string whose names or values do not percent-decode to UTF-8 (`?q=%ED%A0%80`,
 * `?q=%FF`) with a 422 `request.text.not-utf8` naming `query.<name>`. Hono leaves such escapes
 * undecoded and form parsers turn them into U+FFFD: either way the text is not what was sent.
 */
export function wellFormedQuery(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const start = url.indexOf("?");
    if (start !== -1) {
      const hash = url.indexOf("#", start);
      const query = url.slice(start + 1, hash === -1 ? undefined : hash);
      for (const pair of query.split("&")) {
        const equals = pair.indexOf("=");
        const name = percentDecode(Buffer.from(equals === -1 ? pair : pair.slice(0, equals)));
        const value = percentDecode(Buffer.from(equals === -1 ? "" : pair.slice(equals + 1)));
        if (decodeUtf8(name) === undefined || decodeUtf8(value) === undefined) {
          throw notUtf8Problem(`query.${new TextDecoder().decode(name)}`);
        }
      }
    }
    await next();
  };
}
