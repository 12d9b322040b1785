import { encodeBase32, signCompactEdition, toQrText } from "@avala/compact-credential";
import type { Credential } from "@avala/credentials";
import { generateSigningKey, signCredential } from "@avala/credentials";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVerifierApp, createVerifierContext, loadConfig, verify } from "../src/index.js";
import type { FixtureOrganisation, FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

// A printed certificate's compact QR (`VC1-` + base32 of CBOR-LD, @avala/compact-credential):
// read offline (contexts from contexts/, the credential is in the text), then verified like any
// other credential: signature and issuer, status online, trust.

let world: FixtureWorld;
let app: Hono;
let qrText: string;
let statusIndex: number;
let unreachable: string;

async function compactOf(full: Credential, issuer: FixtureOrganisation): Promise<string> {
  const edition = await signCompactEdition(full, {
    id: `urn:uuid:20000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, "0")}`,
    sign: (unsigned) =>
      signCredential(unsigned, { key: issuer.key, documentLoader: world.documentLoader }),
  });
  if (!edition) throw new Error("no compact edition");
  return edition.qrText;
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

beforeAll(async () => {
  world = await createFixtureWorld();
  const config = loadConfig({
    VERIFIER_PORT: "0",
    VERIFIER_PUBLIC_URL: "http://verifier.test",
    AVALA_TRUST_REGISTRY: world.registryUrl,
    AVALA_TRUST_REGISTRY_OPERATOR: world.operator.controller,
    AVALA_FETCH_ALLOW_HOSTS: world.server.host,
    VERIFIER_RATE_LIMIT: "1000",
  });
  app = createVerifierApp(
    createVerifierContext(config, {
      guardedFetch: world.guardedFetch(),
      now: () => world.now,
      logger: { error: () => {} },
    }),
  );
  const holder = await generateSigningKey();
  const issued = await world.issue({ issuer: world.ece, holderDid: holder.controller });
  statusIndex = issued.statusIndex!;
  qrText = await compactOf(issued.credential, world.ece);
  const offline = await world.issue({
    issuer: world.ece,
    statusListUrl: `${world.server.origin}/status/not-served`,
  });
  unreachable = await compactOf(offline.credential, world.ece);
});

afterAll(async () => {
  await world?.server.close();
});

describe("a printed QR's VC1- text", () => {
  it("verifies through the library: signature, issuer, status and trust; nothing else fetched", async () => {
    const before = world.server.requests.length;
    const result = await verify(qrText, world.verifyOptions());
    expect(result.kind).toBe("credential");
    expect(result.verdict).toBe("valid");
    expect(result.source).toEqual({ form: "qr" });
    expect(result.checks[0]).toMatchObject({ check: "input", code: "qr.decoded" });
    expect(result.checks.find((c) => c.check === "proof")?.code).toBe("proof.valid");
    expect(result.checks.find((c) => c.check === "status")?.code).toBe("status.active");
    if (result.kind === "credential") expect(result.trust?.status).toBe("accredited");
    // Only the issuer's DID document, its status list and the trust registry: the credential
    // itself is in the text.
    const fetched = world.server.requests.slice(before);
    for (const path of fetched) expect(path).toMatch(/did\.json$|\/status\/|registry/);
  });

  it("POST /credentials/verify takes it as verifiableCredential", async () => {
    const res = await app.request("/credentials/verify", json({ verifiableCredential: qrText }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ verified: true, verdict: "valid", errors: [] });
    expect(body.results.source).toEqual({ form: "qr" });
  });

  it("is revoked with its full credential (the same status entry)", async () => {
    await world.setStatus(world.ece, "revocation", statusIndex, true);
    try {
      const res = await app.request("/credentials/verify", json({ verifiableCredential: qrText }));
      const body = await res.json();
      expect(body.verified).toBe(false);
      expect(body.errors.map((e: { code: string }) => e.code)).toContain("status.revoked");
    } finally {
      await world.setStatus(world.ece, "revocation", statusIndex, false);
    }
  });

  it("says so when the status list cannot be reached", async () => {
    const result = await verify(unreachable, world.verifyOptions());
    expect(result.verdict).toBe("valid-with-warnings");
    expect(result.checks.find((c) => c.check === "status")?.code).toBe("status.unavailable");
    for (const [lang, words] of [
      ["es", "No se pudo comprobar ahora si el emisor lo revocó"],
      ["en", "Whether the issuer revoked it could not be checked now"],
    ] as const) {
      const form = new URLSearchParams({ document: unreachable, lang });
      const res = await app.request("/", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
      });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(words);
    }
  });

  it("is not valid once altered", async () => {
    const { fromQrText } = await import("@avala/compact-credential");
    const read = await fromQrText(qrText);
    if (!read.ok) throw new Error("does not decode");
    const altered = structuredClone(read.credential) as Credential;
    (altered.credentialSubject as { achievement: { name: string } }).achievement.name = "Otro";
    const res = await app.request(
      "/credentials/verify",
      json({ verifiableCredential: await toQrText(altered) }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.verified).toBe(false);
    expect(body.errors.map((e: { code: string }) => e.code)).toContain("proof.invalid");
  });

  it("answers hostile text plainly, never with a 500", async () => {
    const cases: Array<[string, string]> = [
      [`VC1-${"A".repeat(5000)}`, "qr.too-large"],
      ["VC1-not base32!", "qr.damaged"],
      ["VC1-MZXW6YQ=", "qr.damaged"],
      [`VC1-${encodeBase32(new Uint8Array([1, 2, 3, 4, 5]))}`, "qr.unreadable"],
      [
        `VC1-${encodeBase32(new Uint8Array([0xd9, 0xcb, 0x1d, 0x82, 0x00, 0x83, 1, 2, 3]))}`,
        "qr.unreadable",
      ],
    ];
    for (const [text, code] of cases) {
      for (const lang of ["es", "en"]) {
        const res = await app.request(
          "/credentials/verify",
          json({ verifiableCredential: text }, { "accept-language": lang }),
        );
        expect(res.status, text.slice(0, 30)).toBe(400);
        const body = await res.json();
        expect(body.verified).toBe(false);
        expect(body.errors[0]).toMatchObject({ code });
        expect(body.errors[0].title.length).toBeGreaterThan(10);
      }
      const page = await app.request("/", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ document: text, lang: "es" }).toString(),
      });
      expect(page.status).toBeLessThan(500);
    }
    // Any other string is not a credential at all: problem+json.
    const res = await app.request("/credentials/verify", json({ verifiableCredential: "hola" }));
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });
});
