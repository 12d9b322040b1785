import { codedProblem, type ProblemError } from "./problem.js";

/** Longest field name quoted in a problem; the rest is cut (a key can be as long as the body). */
const MAX_FIELD_LENGTH = 200;

const LONE_SURROGATE = /\p{Surrogate}/u;
const nativeIsWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean })
  .isWellFormed;

/**
 * Whether a string is well-formed text: no lone UTF-16 surrogate (U+D800–U+DFFF that is not half
 * of a pair). JSON escapes such as `"\ud800"` produce them; they are not characters, cannot be
 * stored as UTF-8 and come back as U+FFFD.
 */
export function isWellFormedText(value: string): boolean {
  return nativeIsWellFormed ? nativeIsWellFormed.call(value) : !LONE_SURROGATE.test(value);
}

/** `parent` followed by one step: `.name`, `["odd key"]` or `[3]`. */
export function jsonPathStep(parent: string, step: string | number): string {
  if (typeof step === "number") return `${parent}[${step}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(step)) return parent === "" ? step : `${parent}.${step}`;
  // JSON.stringify writes a lone surrogate as its \u escape, so the name stays readable.
  return `${parent}[${JSON.stringify(step)}]`;
}

/**
 * The path (`credential.credentialSubject.name`, `[3].externalId`) of the first string or key in a
 * parsed JSON value that is not well-formed text, or `undefined` when all are. A loop with its
 * own stack: no recursion, whatever the depth.
 */
export function illFormedTextPath(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: "" }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value: current, path } = item;
    if (typeof current === "string") {
      if (!isWellFormedText(current)) return path;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push({ value: current[i], path: jsonPathStep(path, i) });
      }
    } else if (current !== null && typeof current === "object") {
      const entries = Object.entries(current);
      for (const [key] of entries) {
        if (!isWellFormedText(key)) return jsonPathStep(path, key);
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push({ value: child, path: jsonPathStep(path, key) });
      }
    }
  }
  return undefined;
}

/**
 * The offset of the first byte that does not belong to well-formed UTF-8 (Unicode table 3-7:
 * no overlong forms, no surrogates such as `ED A0 80`, nothing past U+10FFFF), or -1.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  if (decodeUtf8(bytes) !== undefined) return -1;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let trailing: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) trailing = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      trailing = 2;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      trailing = 3;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    } else return i;
    for (let k = 1; k <= trailing; k++) {
      const byte = bytes[i + k];
      const [min, max] = k === 1 ? [lower, upper] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += trailing + 1;
  }
  return -1;
}

/**
 * The bytes of a percent-encoded string (`+` is a space; a `%` without two hex digits stays as
 * it is), as the URL standard decodes `application/x-www-form-urlencoded`.
 */
export function percentDecode(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x2b) out[length++] = 0x20;
    else if (byte === 0x25 && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out[length++] = Number.parseInt(String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!), 16);
      i += 2;
    } else out[length++] = byte;
  }
  return out.subarray(0, length);
}

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x46) ||
      (byte >= 0x61 && byte <= 0x66))
  );
}

/** Holds no state between whole (not streamed) decodes. */
const fatalUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The bytes as text when they are well-formed UTF-8 (a leading BOM dropped), else undefined. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function fieldName(field: string): string {
  return field.length > MAX_FIELD_LENGTH ? `${field.slice(0, MAX_FIELD_LENGTH)}…` : field;
}

/** 422 `request.text.lone-surrogate`: the text of `field` holds a lone UTF-16 surrogate. */
export function loneSurrogateProblem(field: string): ProblemError {
  const name = fieldName(field);
  return codedProblem(
    422,
    "request.text.lone-surrogate",
    { field: name },
    { errors: [{ field: name, reason: "lone UTF-16 surrogate: not a character" }] },
  );
}

/** 422 `request.text.not-utf8`: the bytes of `field` are not UTF-8. */
export function notUtf8Problem(field: string, line?: number): ProblemError {
  const name = fieldName(field);
  return codedProblem(
    422,
    "request.text.not-utf8",
    { field: name },
    {
      errors: [{ field: name, ...(line !== undefined ? { line } : {}), reason: "not valid UTF-8" }],
    },
  );
}
