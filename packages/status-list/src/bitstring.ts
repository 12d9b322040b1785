import { gunzipSync, gzipSync } from "node:zlib";

/** The smallest list the spec allows (16 KiB of bits), so that one index says little about whom. */
export const MIN_LIST_LENGTH = 131_072;
/** The largest decoded list Avala accepts from the network (guards against gzip bombs). */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;

/** A fresh all-zero bitstring of `length` bits (a multiple of 8, at least the minimum). */
export function createBitstring(length: number = MIN_LIST_LENGTH): Uint8Array {
  if (!Number.isInteger(length) || length < MIN_LIST_LENGTH || length % 8 !== 0) {
    throw new RangeError(`A status list has a multiple of 8 bits, at least ${MIN_LIST_LENGTH}.`);
  }
  return new Uint8Array(length / 8);
}

/** Bit `index`, counting from the left-most bit of the first byte (Bitstring Status List §3). */
export function getBit(bits: Uint8Array, index: number): boolean {
  assertIndex(bits, index);
  return ((bits[index >> 3]! >> (7 - (index & 7))) & 1) === 1;
}

export function setBit(bits: Uint8Array, index: number, value: boolean): void {
  assertIndex(bits, index);
  const mask = 1 << (7 - (index & 7));
  bits[index >> 3] = value ? bits[index >> 3]! | mask : bits[index >> 3]! & ~mask;
}

function assertIndex(bits: Uint8Array, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new RangeError(`Status list index ${index} is outside the list.`);
  }
}

/** `encodedList`: multibase base64url (no padding, prefix `u`) of the GZIP of the bits. */
export function encodeBitstring(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString("base64url")}`;
}

export function decodeBitstring(encoded: string, maxBytes: number = MAX_LIST_BYTES): Uint8Array {
  if (typeof encoded !== "string" || !encoded.startsWith("u")) {
    throw new TypeError("encodedList is not multibase base64url.");
  }
  const body = encoded.slice(1);
  if (!/^[A-Za-z0-9_-]*$/.test(body)) throw new TypeError("encodedList is not base64url.");
  return new Uint8Array(gunzipSync(Buffer.from(body, "base64url"), { maxOutputLength: maxBytes }));
}
