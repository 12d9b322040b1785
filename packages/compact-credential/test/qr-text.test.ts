import { isDeepStrictEqual } from "node:util";
import {
  type Credential,
  generateSigningKey,
  signCredential,
  verifyCredential,
} from "@avala/credentials";
import { createDocumentLoader } from "@avala/document-loader";
import { encode as encodeCbor } from "cborg";
import { beforeAll, describe, expect, it } from "vitest";
import {
  encodeBase32,
  encodeCborLd,
  fromQrText,
  isQrText,
  MAX_QR_VERSION,
  qrVersionOf,
  type SignedCompactEdition,
  signCompactEdition,
  toQrText,
} from "../src/index.js";
import { fullCredential } from "./fixtures.js";

const documentLoader = createDocumentLoader();
const now = () => new Date("2027-01-01T00:00:00Z");
// The status list is not what these tests are about: every other check runs.
const checks = ["schema", "proof", "issuer", "validity"] as const;

let full: Credential;
let edition: SignedCompactEdition;

beforeAll(async () => {
  const issuer = await generateSigningKey();
  const holder = await generateSigningKey();
  full = await signCredential(fullCredential(issuer.controller, holder.controller), {
    key: issuer,
    documentLoader,
  });
  edition = (await signCompactEdition(full, {
    id: "urn:uuid:0a7fab37-e553-44b2-8e8f-836a32127080",
    sign: (unsigned) => signCredential(unsigned, { key: issuer, documentLoader }),
  }))!;
});

/** The text of CBOR-LD 1.0 bytes: the tag 0xcb1d over [registry entry, payload]. */
function qrTextOf(registryEntry: number, payload: unknown): string {
  const body = encodeCbor([registryEntry, payload]);
  return `VC1-${encodeBase32(new Uint8Array([0xd9, 0xcb, 0x1d, ...body]))}`;
}

describe("the compact QR text", () => {
  it("fits a version 25 QR code at error correction M, in alphanumeric characters", () => {
    expect(edition.qrText).toMatch(/^VC1-[A-Z2-7]+$/);
    expect(isQrText(edition.qrText)).toBe(true);
    expect(edition.qrVersion).toBeLessThanOrEqual(MAX_QR_VERSION);
    expect(qrVersionOf(edition.qrText)).toBe(edition.qrVersion);
  });

  it("decodes offline to the signed credential, whose proof still verifies", async () => {
    const read = await fromQrText(edition.qrText);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(isDeepStrictEqual(read.credential, edition.credential)).toBe(true);
    const result = await verifyCredential(read.credential, {
      documentLoader,
      now,
      checks: [...checks],
    });
    expect(result.checks.find((c) => c.check === "proof")?.code).toBe("proof.valid");
    expect(result.verified).toBe(true);
  });

  it("is lossless for a whole credential too (every term is in the contexts)", async () => {
    const read = await fromQrText(await toQrText(full), {
      maxTextLength: 100_000,
      maxCborBytes: 100_000,
      maxJsonBytes: 1_000_000,
    });
    expect(read.ok && isDeepStrictEqual(read.credential, full)).toBe(true);
    // Far too large for a QR code, which is why the issuer signs a compact edition.
    expect((await encodeCborLd(full)).length).toBeGreaterThan(1200);
  });

  it("does not verify once altered", async () => {
    const altered = structuredClone(edition.credential);
    (altered.credentialSubject as { name: string }).name = "Otra Persona";
    const read = await fromQrText(await toQrText(altered));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const result = await verifyCredential(read.credential, {
      documentLoader,
      now,
      checks: [...checks],
    });
    expect(result.verified).toBe(false);
    expect(result.checks.find((c) => c.check === "proof")?.code).toBe("proof.invalid");
  });

  it("refuses hostile text plainly, never throwing", async () => {
    const cases: Array<[string, string]> = [
      ["not a QR text", "not-compact"],
      [`VC1-${"A".repeat(5000)}`, "too-long"],
      ["VC1-mzxw6ytb", "not-base32"],
      ["VC1-MZXW6YQ=", "not-base32"],
      ["VC1-", "not-base32"],
      [`VC1-${encodeBase32(new Uint8Array([1, 2, 3, 4, 5]))}`, "not-cbor-ld"],
      // A registry entry this reader has no table for.
      [qrTextOf(99, { 0: 1 }), "not-cbor-ld"],
      // Uncompressed CBOR-LD carrying byte strings: not JSON.
      [qrTextOf(0, { a: new Uint8Array([1, 2]) }), "not-credential"],
      [qrTextOf(0, ["an", "array"]), "not-credential"],
      // A tag CBOR-LD does not define.
      [
        `VC1-${encodeBase32(new Uint8Array([0xd9, 0xcb, 0x1d, 0x82, 0, 0xc1, 0x01]))}`,
        "not-cbor-ld",
      ],
      // Compressed, naming a context that is not in contexts/: nothing is fetched.
      [qrTextOf(1, new Map([[0, "https://contexts.example/evil.jsonld"]])), "not-cbor-ld"],
    ];
    for (const [text, reason] of cases) {
      const read = await fromQrText(text);
      expect(read, text.slice(0, 40)).toMatchObject({ ok: false, reason });
    }
    // Caps on the bytes and on the JSON they decode to (CBOR-LD expands terms back).
    const limits = { maxTextLength: 4296, maxCborBytes: 100, maxJsonBytes: 64 * 1024 };
    expect(await fromQrText(edition.qrText, limits)).toMatchObject({
      ok: false,
      reason: "too-large",
    });
    const small = { maxTextLength: 4296, maxCborBytes: 2682, maxJsonBytes: 500 };
    expect(await fromQrText(edition.qrText, small)).toMatchObject({
      ok: false,
      reason: "too-large",
    });
    // Deep nesting within the byte cap.
    const deep = `VC1-${encodeBase32(new Uint8Array([0xd9, 0xcb, 0x1d, 0x82, 0x00, ...new Array(2000).fill(0x81), 0x01]))}`;
    expect((await fromQrText(deep)).ok).toBe(false);
  });
});
