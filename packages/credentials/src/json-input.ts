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
    if (valueDepthExceeds(input, maxDepth)) return tooDeep(maxDepth);
    let size: number;
    try {
      size = Buffer.byteLength(JSON.stringify(input) ?? "", "utf8");
    } catch {
      return { ok: false, check: makeCheck("input", "fail", "input.malformed-json") };
    }
    if (size > maxBytes) return tooLarge(size, maxBytes);
    if (!isWellFormedValue(input)) return illFormed();
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

/** The same test for a value handed over as an object (its depth is already bounded). */
function isWellFormedValue(value: unknown): boolean {
  if (typeof value === "string") return wellFormed(value);
  if (Array.isArray(value)) return value.every(isWellFormedValue);
  if (value && typeof value === "object") {
    return Object.entries(value).every(([k, v]) => wellFormed(k) && isWellFormedValue(v));
  }
  return true;
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

/** Nesting depth of a value, iteratively (no recursion to overflow), cycles count as too deep. */
function valueDepthExceeds(root: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 0]];
  let visited = 0;
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (depth + 1 > maxDepth) return true;
    if (++visited > 1_000_000) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}
