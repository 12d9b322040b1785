// Loopback only: every other connection is refused before it starts (Socket#connect).
import "../../test/support/loopback-only.js";
import type { JsonObject } from "@avala/credentials";
import { describe, expect, it } from "vitest";
import { standardRecordOf, standardVersionWarning } from "../src/standard-version.js";

const base = "https://issuer.example/orgs/ece-a";

function credential(achievement: JsonObject): JsonObject {
  return { credentialSubject: { achievement } };
}

const standardAlignment = (url: string) => ({
  targetType: "ceterms:Credential",
  targetCode: "EC0217.01",
  targetUrl: url,
});

describe("a standard's version facts", () => {
  it("finds the record of a unit's standard and of a standard's own certificate", () => {
    expect(
      standardRecordOf(
        credential({
          humanCode: "EC0217.01-E1",
          alignment: [standardAlignment(`${base}/achievements/EC0217.01`)],
        }),
      ),
    ).toEqual({ code: "EC0217.01", versionUrl: `${base}/standards/EC0217.01/version` });
    expect(
      standardRecordOf(
        credential({
          id: `${base}/achievements/EC0217.01`,
          humanCode: "EC0217.01",
          alignment: [standardAlignment("https://conocer.example/#EC0217.01")],
        }),
      ),
    ).toEqual({ code: "EC0217.01", versionUrl: `${base}/standards/EC0217.01/version` });
    // Another code at the address, or no Avala record: nothing to ask.
    expect(
      standardRecordOf(
        credential({ alignment: [standardAlignment(`${base}/achievements/EC0301.01`)] }),
      ),
    ).toBeUndefined();
    expect(standardRecordOf(credential({ humanCode: "X" }))).toBeUndefined();
  });

  it("warns of a successor or an end of validity, and says nothing otherwise", () => {
    const now = new Date("2027-01-01T00:00:00Z");
    expect(standardVersionWarning({ supersededBy: "EC0217.02" }, "EC0217.01", now)).toMatchObject({
      check: "standard",
      outcome: "warning",
      code: "standard.superseded",
      message: {
        es: expect.stringContaining("EC0217.02"),
        en: expect.stringContaining("EC0217.02"),
      },
    });
    expect(
      standardVersionWarning({ validUntil: "2026-06-30T00:00:00Z" }, "EC0217.01", now),
    ).toMatchObject({ code: "standard.expired", params: { date: "2026-06-30" } });
    expect(standardVersionWarning({ validUntil: "2027-06-30T00:00:00Z" }, "EC0217.01", now)).toBe(
      undefined,
    );
    expect(standardVersionWarning({ supersededBy: null, validUntil: null }, "X", now)).toBe(
      undefined,
    );
    expect(standardVersionWarning("nonsense", "X", now)).toBeUndefined();
  });
});
