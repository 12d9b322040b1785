import type { Check } from "./checks.js";
import { makeCheck } from "./checks.js";
import type { JsonObject } from "./types.js";

export interface InputLimits {
  /** Largest accepted document, in bytes of JSON. Default 2 MiB. */
  maxBytes?: number;
  /** Deepest accepted nesting of objects and arrays. Default 64. */
  maxDepth?: number;
}

export const defaultInputLimits = { maxBytes: 2 * 1024 * 1024, maxDepth: 64 } as const;

export type ParsedInput = { ok: true; value: JsonObject } | { ok: false; check: Check };

/**
 * Turns what a caller hands a verifier (an object, a JSON string, or JSON bytes) into a JSON
 * object, refusing oversized, malformed and too-deeply nested input as data, never by throwing.
 */
export function parseJsonInput(input: unknown, limits: InputLimits = {}): ParsedInput {
  const maxBytes = limits.maxBytes ?? defaultInputLimits.maxBytes;
  const maxDepth = limits.maxDepth ?? defaultInputLimits.maxDepth;
  let value: unknown = input;
  if (typeof input === "string" || input instanceof Uint8Array) {
    const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.byteLength;
    if (size > maxBytes) return tooLarge(size, maxBytes);
    let text: string;
    try {
      text = typeof input === "string" ? input : utf8.decode(input);
    } catch {
      return illFormed();
    }
    // Depth is checked on the text first: JSON.parse of a deeply nested string is fine, but
    // everything after it (stringify, JSON-LD) recurses.
    if (textDepthExceeds(text, maxDepth)) return tooDeep(maxDepth);
    try {
      value = JSON.parse(text, refuseIllFormedText);
    } catch (error) {
      if (error instanceof IllFormedTextError) return illFormed();
      return { ok: false, check: makeCheck("input", "fail", "input.malformed-json") };
    }
  } else {
    const walk = walkValue(input, maxDepth);
    if (walk.result === "too-deep") return tooDeep(maxDepth);
    // Plain JSON whose JSON text cannot exceed the limit needs no serialization to know it.
    if (walk.bound === undefined || walk.bound > maxBytes) {
      let size: number;
      try {
        size = Buffer.byteLength(JSON.stringify(input) ?? "", "utf8");
      } catch {
        return { ok: false, check: makeCheck("input", "fail", "input.malformed-json") };
      }
      if (size > maxBytes) return tooLarge(size, maxBytes);
    }
    if (walk.result === "ill-formed") return illFormed();
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, check: makeCheck("input", "fail", "input.not-object") };
  }
  return { ok: true, value: value as JsonObject };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

class IllFormedTextError extends Error {}

const wellFormed = (text: string) => (text as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * A `JSON.parse` reviver that throws on a key or string holding a lone UTF-16 surrogate
 * (`"\ud800"`): not text, it cannot be stored or signed as UTF-8 and reads back as U+FFFD.
 */
function refuseIllFormedText(key: string, value: unknown): unknown {
  if (!wellFormed(key) || (typeof value === "string" && !wellFormed(value))) {
    throw new IllFormedTextError();
  }
  return value;
}

function illFormed(): ParsedInput {
  return { ok: false, check: makeCheck("input", "fail", "input.ill-formed-text") };
}

function tooLarge(size: number, max: number): ParsedInput {
  return { ok: false, check: makeCheck("input", "fail", "input.too-large", { size, max }) };
}

function tooDeep(max: number): ParsedInput {
  return { ok: false, check: makeCheck("input", "fail", "input.too-deep", { max }) };
}

/** Nesting depth of JSON text, counted without parsing (strings are skipped). */
function textDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/**
 * Most UTF-8 bytes of JSON text per UTF-16 code unit of a string (`\u001f`: 6), and per
 * number (`-1.7976931348623157e+308`: 24), boolean or null.
 */
const BYTES_PER_CODE_UNIT = 6;
const BYTES_PER_SCALAR = 24;

/**
 * One pass over a value handed over as an object, iteratively (no recursion to overflow):
 * nesting deeper than `maxDepth` (cycles count as too deep), else whether a key or string holds
 * a lone surrogate (the text test `refuseIllFormedText` makes on JSON text). `bound`: at least
 * the UTF-8 length of its JSON text, when the value is plain JSON (strings, finite or not
 * numbers, booleans, null, arrays, objects whose prototype is Object's or null without
 * `toJSON`); undefined for anything `JSON.stringify` treats otherwise.
 */
function walkValue(
  root: unknown,
  maxDepth: number,
): { result: "too-deep" | "ill-formed" | "ok"; bound?: number } {
  const values: unknown[] = [root];
  const depths: number[] = [0];
  let visited = 0;
  let illFormedText = false;
  let bound: number | undefined = 0;
  while (values.length) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (typeof value === "string") {
      if (!illFormedText && !wellFormed(value)) illFormedText = true;
      if (bound !== undefined) bound += BYTES_PER_CODE_UNIT * value.length + 3; // "", comma
      continue;
    }
    if (typeof value !== "object" || value === null) {
      const scalar = typeof value === "number" || typeof value === "boolean" || value === null;
      bound = scalar && bound !== undefined ? bound + BYTES_PER_SCALAR + 1 : undefined;
      continue;
    }
    if (depth + 1 > maxDepth) return { result: "too-deep" };
    if (++visited > 1_000_000) return { result: "too-deep" };
    if (bound !== undefined && !isPlainContainer(value)) bound = undefined;
    if (bound !== undefined) bound += 3; // brackets, comma
    if (Array.isArray(value)) {
      for (const child of value) {
        values.push(child);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      if (!illFormedText && !wellFormed(key)) illFormedText = true;
      if (bound !== undefined) bound += BYTES_PER_CODE_UNIT * key.length + 3; // "", colon
      values.push((value as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return { result: illFormedText ? "ill-formed" : "ok", bound };
}

/** An array, or an object of Object's prototype or none, with no `toJSON` of its own. */
function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) {
    return Object.getPrototypeOf(value) === Array.prototype && !("toJSON" in value);
  }
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && !("toJSON" in value);
}
