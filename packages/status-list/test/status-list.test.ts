import type { Credential, SigningKey } from "@avala/credentials";
import {
  buildAchievementCredential,
  generateSigningKey,
  signCredential,
  verifyCredential,
} from "@avala/credentials";
import { createDocumentLoader } from "@avala/document-loader";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildStatusEntry,
  buildStatusListCredential,
  createBitstring,
  createStatusChecker,
  decodeBitstring,
  encodeBitstring,
  getBit,
  MIN_LIST_LENGTH,
  setBit,
} from "../src/index.js";

const documentLoader = createDocumentLoader();
const now = new Date("2026-06-01T00:00:00Z");
const REVOCATION_URL = "https://issuer.example/status/revocation/1";
const SUSPENSION_URL = "https://issuer.example/status/suspension/1";

describe("bitstring", () => {
  it("round-trips through gzip + base64url and reads bits left to right", () => {
    const bits = createBitstring();
    expect(bits.length * 8).toBe(MIN_LIST_LENGTH);
    setBit(bits, 0, true);
    setBit(bits, 94_567, true);
    expect(bits[0]).toBe(0b1000_0000);
    const decoded = decodeBitstring(encodeBitstring(bits));
    expect(getBit(decoded, 0)).toBe(true);
    expect(getBit(decoded, 1)).toBe(false);
    expect(getBit(decoded, 94_567)).toBe(true);
    setBit(decoded, 94_567, false);
    expect(getBit(decoded, 94_567)).toBe(false);
  });

  it("matches the spec's example of an empty list", () => {
    // An all-zero 16 KiB list; any gzip encoder's output must decode to it.
    const decoded = decodeBitstring(encodeBitstring(createBitstring()));
    expect(decoded.every((b) => b === 0)).toBe(true);
  });

  it("refuses short lists, bad encodings, out-of-range indexes and gzip bombs", () => {
    expect(() => createBitstring(8)).toThrow(RangeError);
    expect(() => decodeBitstring("zabc")).toThrow(TypeError);
    expect(() => decodeBitstring("u!!")).toThrow(TypeError);
    expect(() => getBit(createBitstring(), MIN_LIST_LENGTH)).toThrow(RangeError);
    const bomb = encodeBitstring(new Uint8Array(4 * 1024 * 1024));
    expect(() => decodeBitstring(bomb, 1024 * 1024)).toThrow();
  });
});

describe("createStatusChecker", () => {
  let issuerKey: SigningKey;
  let otherKey: SigningKey;
  let credential: Credential;
  let suspendable: Credential;
  const lists = new Map<string, unknown>();
  const revocationBits = createBitstring();
  const suspensionBits = createBitstring();

  async function publish(key = issuerKey) {
    for (const [url, bits, statusPurpose] of [
      [REVOCATION_URL, revocationBits, "revocation"],
      [SUSPENSION_URL, suspensionBits, "suspension"],
    ] as const) {
      const list = buildStatusListCredential({
        url,
        issuer: key.controller,
        statusPurpose,
        bits,
        validFrom: new Date("2026-01-01T00:00:00Z"),
      });
      lists.set(url, await signCredential(list, { key, documentLoader }));
    }
  }

  const checker = createStatusChecker({
    fetchCredential: async (url) => {
      if (!lists.has(url)) throw Object.assign(new Error("unreachable"), { code: "network" });
      return lists.get(url);
    },
    verifyListCredential: (list) => verifyCredential(list, { documentLoader, now }),
  });

  beforeAll(async () => {
    issuerKey = await generateSigningKey();
    otherKey = await generateSigningKey();
    const issue = (statusPurpose: "revocation" | "suspension", url: string) =>
      signCredential(
        buildAchievementCredential({
          id: `urn:uuid:8f8f7c1e-0000-4000-8000-00000000000${statusPurpose.length}`,
          issuer: { id: issuerKey.controller, name: { es: "CONALEP" } },
          achievement: {
            id: "https://issuer.example/achievements/u1",
            kind: "unit",
            code: "U0586",
            name: { es: "Unidad" },
            description: { es: "Descripción" },
            criteria: { es: "Criterio" },
          },
          subject: { identifiers: [{ kind: "email", value: "ana@example.mx" }] },
          validFrom: "2026-01-01T00:00:00Z",
          // OB 3.0's schema allows one credentialStatus object: one purpose per credential.
          credentialStatus: buildStatusEntry({ listCredentialUrl: url, index: 42, statusPurpose }),
        }),
        { key: issuerKey, documentLoader },
      );
    credential = await issue("revocation", REVOCATION_URL);
    suspendable = await issue("suspension", SUSPENSION_URL);
  });

  const verify = (target = credential) =>
    verifyCredential(target, { documentLoader, now, checkStatus: checker });
  const statusOf = async (target = credential) =>
    (await verify(target)).checks.find((c) => c.check === "status");

  it("passes an active credential", async () => {
    await publish();
    expect(await statusOf()).toMatchObject({ outcome: "pass", code: "status.active" });
    const r = await verify();
    expect(r.checks.filter((c) => c.outcome !== "pass")).toEqual([]);
    expect(r.verdict).toBe("valid");
  });

  it("reports suspension, then reinstatement, then revocation", async () => {
    setBit(suspensionBits, 42, true);
    await publish();
    expect(await statusOf(suspendable)).toMatchObject({
      outcome: "fail",
      code: "status.suspended",
    });
    expect(await statusOf()).toMatchObject({ outcome: "pass" });
    setBit(suspensionBits, 42, false);
    await publish();
    expect(await statusOf(suspendable)).toMatchObject({ outcome: "pass" });
    setBit(revocationBits, 42, true);
    await publish();
    expect(await statusOf()).toMatchObject({ outcome: "fail", code: "status.revoked" });
    expect((await verify()).verdict).toBe("invalid");
    setBit(revocationBits, 42, false);
    await publish();
  });

  it("cannot check when the list is unreachable: never a pass", async () => {
    lists.delete(REVOCATION_URL);
    const status = await statusOf();
    expect(status).toMatchObject({ outcome: "could-not-check", code: "status.unavailable" });
    expect((await verify()).verdict).toBe("valid-with-warnings");
    await publish();
  });

  it("cannot check when the list was signed by another issuer or tampered with", async () => {
    await publish(otherKey);
    expect(await statusOf()).toMatchObject({ outcome: "could-not-check" });
    setBit(revocationBits, 42, true);
    await publish();
    const tampered = structuredClone(lists.get(REVOCATION_URL)) as Credential;
    // Rewrite the signed list to say "not revoked": its proof no longer holds.
    (tampered.credentialSubject as Record<string, unknown>).encodedList = encodeBitstring(
      createBitstring(),
    );
    lists.set(REVOCATION_URL, tampered);
    expect(await statusOf()).toMatchObject({ outcome: "could-not-check" });
    setBit(revocationBits, 42, false);
    await publish();
  });
});
