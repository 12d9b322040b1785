import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { alphanumericCapacity, qrVersionOf } from "../src/index.js";

describe("qrVersionOf", () => {
  it("agrees with the qrcode package on every version's alphanumeric capacity at M", () => {
    for (let version = 1; version <= 40; version++) {
      const capacity = alphanumericCapacity(version);
      const full = `VC1-${"A".repeat(capacity - 4)}`;
      expect(QRCode.create(full, { errorCorrectionLevel: "M", version }).version).toBe(version);
      expect(() => QRCode.create(`${full}B`, { errorCorrectionLevel: "M", version })).toThrow();
      expect(qrVersionOf(full)).toBe(version);
      expect(qrVersionOf(`${full}B`)).toBe(version === 40 ? undefined : version + 1);
    }
    // Version 25 at M: 1,451 characters, 904 bytes in base32.
    expect(alphanumericCapacity(25)).toBe(1451);
  });

  it("asks the qrcode package for text that is not alphanumeric", () => {
    expect(qrVersionOf("https://example.org/a")).toBe(
      QRCode.create("https://example.org/a", { errorCorrectionLevel: "M" }).version,
    );
  });
});
