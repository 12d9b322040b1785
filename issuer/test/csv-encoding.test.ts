import { invalidUtf8Offset } from "@avala/http-middleware";
import { describe, expect, it } from "vitest";
import { locateInvalidCsvByte } from "../src/services/batches.js";

/** Bytes of a CSV upload: strings as UTF-8, numbers as raw bytes. */
function csv(...parts: Array<string | number>): Uint8Array {
  const bytes: number[] = [];
  for (const part of parts) {
    if (typeof part === "number") bytes.push(part);
    else bytes.push(...new TextEncoder().encode(part));
  }
  return new Uint8Array(bytes);
}

const locate = (bytes: Uint8Array) => locateInvalidCsvByte(bytes, invalidUtf8Offset(bytes));

describe("locateInvalidCsvByte", () => {
  const header = "externalId,achievementCode,email,name\n";

  it("names the line and the column of a Latin-1 byte in a data row", () => {
    expect(
      locate(csv(header, "A-1,EC0217.01,a@b.mx,Ana\nA-2,EC0217.01,b@b.mx,Jos", 0xe9, "\n")),
    ).toMatchObject({
      line: 3,
      field: "name",
      code: "issuer.batch.row.not-utf8",
      reason: expect.stringContaining("UTF-8"),
    });
    expect(locate(csv(header, "A-", 0xff, ",EC0217.01,a@b.mx,Ana\n"))).toMatchObject({
      line: 2,
      field: "externalId",
    });
  });

  it("counts the lines of a quoted cell that spans several", () => {
    const bytes = csv(header, 'A-1,EC0217.01,a@b.mx,"Ana\nMaría"\nA-2,EC0217.01,c@d.mx,', 0xed);
    expect(locate(bytes)).toMatchObject({ line: 4, field: "name" });
  });

  it("names a surrogate encoded as UTF-8 (ED A0 80), which is not UTF-8 either", () => {
    expect(locate(csv(header, "A-1,EC0217.01,a@b.mx,x", 0xed, 0xa0, 0x80, "\n"))).toMatchObject({
      line: 2,
      field: "name",
    });
  });

  it("gives the line alone in the header row", () => {
    const located = locate(csv("externalId,achievement", 0xe9, "Code\nA-1,EC0217.01\n"));
    expect(located).toMatchObject({ line: 1, reason: expect.any(String) });
    expect(located.field).toBeUndefined();
  });
});
