import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase32, encodeBase32 } from "../src/index.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("base32 (RFC 4648, upper case, no padding)", () => {
  it("encodes the RFC 4648 test vectors", () => {
    const vectors: Array<[string, string]> = [
      ["", ""],
      ["f", "MY"],
      ["fo", "MZXQ"],
      ["foo", "MZXW6"],
      ["foob", "MZXW6YQ"],
      ["fooba", "MZXW6YTB"],
      ["foobar", "MZXW6YTBOI"],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase32(bytes(plain))).toBe(encoded);
      expect(decodeBase32(encoded)).toEqual(bytes(plain));
    }
  });

  it("round-trips any bytes, in the QR code alphanumeric set", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const text = encodeBase32(data);
        expect(text).toMatch(/^[A-Z2-7]*$/);
        expect(decodeBase32(text)).toEqual(data);
      }),
    );
  });

  it("refuses anything an encoder does not write", () => {
    for (const text of [
      "mzxw6",
      "MZXW6=",
      "MZXW6YQ=",
      "MZ XW",
      "MZXW1",
      "MZXW0",
      "M",
      "MZX",
      "MZXW6Y",
      "MZ",
    ]) {
      expect(decodeBase32(text), text).toBeUndefined();
    }
  });
});
