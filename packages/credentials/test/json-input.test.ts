/**
 * The size limit on input handed over as an object: judged exactly on the JSON text's UTF-8
 * length, whether or not serialization could be skipped (plain JSON far below the limit).
 */
import { describe, expect, it } from "vitest";
import { parseJsonInput } from "../src/index.js";

const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");

class Custom {
  readonly a = "x".repeat(40);
}

const values: Array<[string, unknown]> = [
  ["plain", { a: "Ana López", b: [1, 2.5, -1e300, true, false, null], c: { d: "é😀" } }],
  ["escapes", { "k\u0001": '\u0000\u001f"\\\n'.repeat(20), u: "\u2028".repeat(10) }],
  ["numbers", { n: [Number.MAX_VALUE, -Number.MIN_VALUE, 1 / 3, Number.NaN, 1e21] }],
  ["toJSON", { when: new Date(0), list: [new Date(1)] }],
  ["undefined in an array", { list: [undefined, "a", () => 1] }],
  ["class instance", { custom: new Custom() }],
  ["null prototype", Object.assign(Object.create(null), { a: "b".repeat(100) })],
];

describe("parseJsonInput, an object at its size limit", () => {
  for (const [name, value] of values) {
    it(`${name}: accepted at its exact size, refused a byte below`, () => {
      const size = sizeOf(value);
      expect(parseJsonInput(value, { maxBytes: size }).ok).toBe(true);
      const refused = parseJsonInput(value, { maxBytes: size - 1 });
      expect(refused.ok ? undefined : refused.check.code).toBe("input.too-large");
      expect(parseJsonInput(value, { maxBytes: 6 * size + 64 }).ok).toBe(true);
    });
  }

  it("a value JSON cannot serialize is malformed whatever the limit", () => {
    for (const maxBytes of [10, 1 << 21]) {
      const result = parseJsonInput({ big: 10n }, { maxBytes });
      expect(result.ok ? undefined : result.check.code).toBe("input.malformed-json");
    }
  });
});
