import type { Context, MiddlewareHandler } from "hono";
import { codedProblem } from "./problem.js";
import { decodeUtf8, illFormedTextPath, loneSurrogateProblem } from "./text.js";

export interface JsonBodyOptions {
  /** Largest body accepted, counted as it streams in (Content-Length is not trusted). */
  maxBytes: number;
  /** Deepest nesting of arrays and objects accepted (default 64). */
  maxDepth?: number;
}

/** A JSON escape of a UTF-16 surrogate (`\ud83d`): what a lone surrogate needs to exist. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** Hono environment of routes behind `jsonBody`: `c.get("jsonBody")` is the parsed body. */
export type JsonBodyEnv = { Variables: { jsonBody: unknown } };

/**
 * Accepts only `application/json` or `application/*+json` bodies of at most `maxBytes`, nested at
 * most `maxDepth` deep, whose strings and keys are all well-formed text, and parses them once.
 * Failures are coded problems (see the README): 415, 413, 400 or 422.
 */
export function jsonBody(options: JsonBodyOptions): MiddlewareHandler<JsonBodyEnv> {
  const { maxBytes, maxDepth = 64 } = options;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1 || !Number.isSafeInteger(maxDepth)) {
    throw new TypeError("jsonBody: maxBytes and maxDepth must be positive integers");
  }
  return async (c, next) => {
    if (!isJsonMediaType(c.req.header("content-type"))) {
      throw codedProblem(415, "request.body.unsupported-type", { expected: "application/json" });
    }
    const incoming = untouchedIncoming(c);
    const bytes = incoming
      ? await readIncomingLimited(incoming, c.req.header("content-length"), maxBytes)
      : await readBodyLimited(c.req.raw, maxBytes);
    const text = decodeUtf8(bytes);
    if (text === undefined) throw codedProblem(400, "request.body.not-utf8");
    if (nestingExceeds(text, maxDepth)) {
      throw codedProblem(400, "request.body.too-deep", { max: maxDepth });
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw codedProblem(400, "request.body.malformed-json");
    }
    // `"\ud800"` parses to a lone surrogate: not text, and it would be stored as U+FFFD. Text
    // decoded from UTF-8 holds none, so only a `\uD800`-`\uDFFF` escape can make one.
    const illFormed = SURROGATE_ESCAPE.test(text) ? illFormedTextPath(value) : undefined;
    if (illFormed !== undefined) throw loneSurrogateProblem(illFormed === "" ? "$" : illFormed);
    c.set("jsonBody", value);
    // The stream is consumed; put the bytes back so c.req.json() and validators still work:
    // under @hono/node-server, where its Request is made from them if it is ever asked for.
    if (incoming) incoming.rawBody = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    else c.req.raw = new Request(c.req.raw, { body: bytes });
    await next();
  };
}

/** The body parsed by `jsonBody`; throws if the route is not behind it (a programming error). */
export function readJsonBody(c: Context): unknown {
  const value = (c as Context<JsonBodyEnv>).get("jsonBody");
  if (value === undefined) throw new Error("readJsonBody: the route is not behind jsonBody()");
  return value;
}

export function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return mediaType === "application/json" || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

/** A Node request as `@hono/node-server` hands it over (`c.env.incoming`). */
type Incoming = NodeJS.ReadableStream & { readableDidRead?: boolean; rawBody?: unknown };

/**
 * Under `@hono/node-server`, the Node request whose body nobody has started to read (its
 * `Request` body stream not made): read straight from it, without a web stream in between.
 */
function untouchedIncoming(c: Context): Incoming | undefined {
  const incoming = (c.env as { incoming?: Incoming } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== "function" || "rawBody" in incoming) return undefined;
  if (incoming.readableDidRead !== false || incoming.listenerCount("data") > 0) return undefined;
  return incoming;
}

/** `readBodyLimited` for a Node request: the same limit, answers and errors. */
async function readIncomingLimited(
  incoming: Incoming,
  contentLength: string | undefined,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => codedProblem(413, "request.body.too-large", { max: maxBytes });
  if (Number(contentLength) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads a request body with a hard limit: a declared Content-Length over it is refused at once,
 * otherwise bytes are counted as they stream in (Content-Length is not trusted). 413 problem
 * (`request.body.too-large`) past `maxBytes`.
 */
export async function readBodyLimited(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => codedProblem(413, "request.body.too-large", { max: maxBytes });
  if (Number(request.headers.get("content-length")) > maxBytes) throw tooLarge();
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * True when arrays and objects nest deeper than `maxDepth`. A linear scan of the text (brackets
 * inside strings do not count), so hostile input cannot exhaust the stack, neither here nor later
 * in code that walks the parsed value recursively.
 */
export function nestingExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92 /* \\ */) i++;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 91 /* [ */ || char === 123 /* { */) {
      if (++depth > maxDepth) return true;
    } else if (char === 93 /* ] */ || char === 125 /* } */) depth--;
  }
  return false;
}
