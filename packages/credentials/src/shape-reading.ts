/**
 * A JSON-LD document read as a shape and the string values that fill it. Two documents have the
 * same shape when they have the same `@context`s, the same keys in the same order, the same
 * arrays lengths, numbers, booleans, nulls, types and other keyword values, and differ at most
 * in the strings under ordinary keys and `@id`/`@value` (the slots). What JSON-LD makes of a
 * document is fixed by its shape except for those strings: whether each becomes a literal or an
 * IRI is learned once per shape (see `shape-template.ts`).
 */

import { hash } from "node:crypto";

/** Bounds on a document the fast path reads; anything larger is left to jsonld.js. */
export const shapeLimits = { depth: 64, slots: 4096, keyLength: 256 * 1024 } as const;

export interface ShapeReading {
  /**
   * The shape, as the SHA-256 of its text: equal for documents of the same shape, and only for
   * those. Caches keep this, not the text (up to `shapeLimits.keyLength` characters).
   */
  key: string;
  /** The slot values, in document order. */
  values: string[];
}

/**
 * Keys whose string values belong to the shape: `@context` (whole), `type`/`@type` (they choose
 * type-scoped contexts), and every keyword but `@id` and `@value`.
 */
function isShapeKey(key: string): boolean {
  if (key === "type") return true;
  return key.charCodeAt(0) === 64 /* @ */ && key !== "@id" && key !== "@value";
}

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

class ShapeTooComplex extends Error {}

/** JSON text of a value that is part of the shape, or a refusal if it is not plain JSON. */
function literalShape(value: unknown, depth: number): string {
  if (depth > shapeLimits.depth) throw new ShapeTooComplex();
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return JSON.stringify(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ShapeTooComplex();
    return JSON.stringify(value);
  }
  if (typeof value !== "object") throw new ShapeTooComplex();
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      out += literalShape(value[i], depth + 1);
    }
    return `${out}]`;
  }
  if (!isPlainObject(value)) throw new ShapeTooComplex();
  let out = "{";
  let first = true;
  for (const key of Object.keys(value)) {
    if (key === "__proto__") throw new ShapeTooComplex();
    if (!first) out += ",";
    first = false;
    out += `${JSON.stringify(key)}:${literalShape((value as Record<string, unknown>)[key], depth + 1)}`;
  }
  return `${out}}`;
}

class Reader {
  /** The shape's text in pieces, joined once (a flat string hashes fast as a map key). */
  readonly parts: string[] = [];
  length = 0;
  readonly values: string[] = [];

  private put(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  value(value: unknown, depth: number): void {
    if (depth > shapeLimits.depth) throw new ShapeTooComplex();
    if (typeof value === "string") {
      if (this.values.length >= shapeLimits.slots) throw new ShapeTooComplex();
      this.values.push(value);
      this.put("$");
      return;
    }
    if (value === null || typeof value !== "object") {
      this.put(literalShape(value, depth));
      return;
    }
    if (Array.isArray(value)) {
      this.put("[");
      for (let i = 0; i < value.length; i++) {
        if (i > 0) this.put(",");
        this.value(value[i], depth + 1);
      }
      this.put("]");
      return;
    }
    if (!isPlainObject(value)) throw new ShapeTooComplex();
    this.put("{");
    let first = true;
    for (const key of Object.keys(value)) {
      // A key that a copy could not hold as an own property is not the fast path's.
      if (key === "__proto__") throw new ShapeTooComplex();
      this.put(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
      first = false;
      const child = (value as Record<string, unknown>)[key];
      if (isShapeKey(key)) this.put(literalShape(child, depth + 1));
      else this.value(child, depth + 1);
    }
    this.put("}");
    if (this.length > shapeLimits.keyLength) throw new ShapeTooComplex();
  }
}

/** The document's shape and slot values, or undefined when it is not plain, bounded JSON. */
export function readShape(document: unknown): ShapeReading | undefined {
  const reader = new Reader();
  try {
    reader.value(document, 0);
  } catch (error) {
    if (error instanceof ShapeTooComplex || error instanceof RangeError) return undefined;
    throw error;
  }
  return { key: hash("sha256", reader.parts.join(""), "base64"), values: reader.values };
}

/** A copy of a document of this shape with its slots filled by `values` (in document order). */
export function fillShape(document: unknown, values: readonly string[]): unknown {
  let next = 0;
  const fill = (value: unknown): unknown => {
    if (typeof value === "string") {
      const filled = values[next++];
      if (filled === undefined) throw new RangeError("fewer values than slots");
      return filled;
    }
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map(fill);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      out[key] = isShapeKey(key) ? structuredClone(child) : fill(child);
    }
    return out;
  };
  const filled = fill(document);
  if (next !== values.length) throw new RangeError("more values than slots");
  return filled;
}
