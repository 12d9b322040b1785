import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { JsonObject } from "@avala/credentials";
import { createGuardedFetch } from "@avala/guarded-fetch";
import { CompactSign, exportSPKI, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CredentialVerification, Verification } from "../src/index.js";
import {
  bakeOb2Png,
  bakeOb2Svg,
  describeCredential,
  hashedRecipient,
  matchRecipient,
  verify,
} from "../src/index.js";
import type { FixtureServer } from "../src/testing.js";
import { refuseDns, samplePng, sampleSvg, startFixtureServer } from "../src/testing.js";

/**
 * Open Badges 2.0 in: hosted and signed badges served from loopback fixture servers (an issuer
 * site, a second site, a host that never answers, a redirect loop), signed with an RSA key made
 * here with jose (an independent JWS implementation), verified by the real guarded fetcher.
 */

const OB2 = "https://w3id.org/openbadges/v2";
const EMAIL = "ana.lopez@example.mx";
const NOW = new Date("2026-06-01T12:00:00Z");

let site: FixtureServer;
let other: FixtureServer;
let stalls: Server;
let stallHost: string;
let privateKey: CryptoKey;
let o: string;

const assertions: Record<string, JsonObject> = {};

beforeAll(async () => {
  site = await startFixtureServer();
  other = await startFixtureServer();
  // A host that never answers (each request is held open), and a redirect loop.
  stalls = createServer((req, res) => {
    if (req.url?.startsWith("/loop")) {
      res.writeHead(302, { location: `/loop${Number(req.url.slice(5) || 0) + 1}` }).end();
    }
  });
  await new Promise<void>((resolve) => stalls.listen(0, "127.0.0.1", resolve));
  stallHost = `127.0.0.1:${(stalls.address() as AddressInfo).port}`;
  o = site.origin;

  const keys = await generateKeyPair("RS256", { extractable: true });
  privateKey = keys.privateKey as CryptoKey;
  const profile = {
    "@context": OB2,
    type: "Issuer",
    id: `${o}/issuer.json`,
    name: "Universidad del Ejemplo",
    url: o,
    email: "insignias@example.mx",
    publicKey: `${o}/key.json`,
    revocationList: `${o}/revocations.json`,
  };
  site.serve("/issuer.json", profile);
  site.serve("/key.json", {
    "@context": OB2,
    type: "CryptographicKey",
    id: `${o}/key.json`,
    owner: profile.id,
    publicKeyPem: await exportSPKI(keys.publicKey),
  });
  site.serve("/revocations.json", {
    "@context": OB2,
    type: "RevocationList",
    id: `${o}/revocations.json`,
    issuer: profile.id,
    revokedAssertions: [
      { uid: "revoked-1", revocationReason: "Emitida por error" },
      `${o}/assertions/revoked-hosted.json`,
    ],
  });
  const badgeClass = {
    "@context": OB2,
    type: "BadgeClass",
    id: `${o}/badges/python.json`,
    name: "Python para análisis de datos",
    description: "Programa en Python para limpiar y analizar datos.",
    image: `${o}/badges/python.png`,
    criteria: { narrative: "Aprobar el proyecto final." },
    issuer: profile.id,
  };
  site.serve("/badges/python.json", badgeClass);
  // A badge class naming an issuer URL whose document says it is someone else.
  site.serve("/badges/impostor.json", {
    ...badgeClass,
    id: `${o}/badges/impostor.json`,
    issuer: `${o}/issuer-copy.json`,
  });
  site.serve("/issuer-copy.json", profile);
  // A badge class on another site than the issuer allows.
  other.serve("/badges/python.json", { ...badgeClass, id: `${other.origin}/badges/python.json` });

  const hosted = (name: string, extra: JsonObject = {}): JsonObject => {
    const assertion = {
      "@context": OB2,
      type: "Assertion",
      id: `${o}/assertions/${name}.json`,
      recipient: hashedRecipient(EMAIL, "sal-marina"),
      badge: badgeClass.id,
      verification: { type: "hosted" },
      issuedOn: "2026-01-15T10:00:00Z",
      ...extra,
    };
    site.serve(`/assertions/${name}.json`, assertion);
    assertions[name] = assertion;
    return assertion;
  };
  hosted("valid");
  hosted("revoked-hosted");
  hosted("expired", { expires: "2026-03-01T00:00:00Z" });
  hosted("impostor", { badge: `${o}/badges/impostor.json` });
  hosted("elsewhere", { badge: `${other.origin}/badges/python.json` });
  hosted("plain", { recipient: { type: "email", hashed: false, identity: EMAIL } });
  hosted("md5", {
    recipient: {
      type: "email",
      hashed: true,
      salt: "x",
      identity: `md5$${(await import("node:crypto")).createHash("md5").update(`${EMAIL}x`).digest("hex")}`,
    },
  });
  // Served then taken down: the issuer's site no longer has it.
  assertions.gone = { ...assertions.valid!, id: `${o}/assertions/gone.json` };
});

afterAll(async () => {
  await site?.close();
  await other?.close();
  stalls?.closeAllConnections();
  await new Promise((resolve) => stalls?.close(resolve));
});

function options(extra: { recipientEmail?: string; timeoutMs?: number } = {}) {
  return {
    guardedFetch: createGuardedFetch({
      allowHosts: [site.host, other.host, stallHost],
      timeoutMs: extra.timeoutMs ?? 3000,
      lookup: refuseDns,
    }),
    now: NOW,
    recipientEmail: extra.recipientEmail ?? EMAIL,
  };
}

function signedAssertion(extra: JsonObject = {}): JsonObject {
  return {
    "@context": OB2,
    type: "Assertion",
    id: "urn:uuid:5c1b2f76-7a43-4f38-9d6c-0a8f4c1e2b01",
    uid: "signed-1",
    recipient: hashedRecipient(EMAIL, "pimienta"),
    badge: `${o}/badges/python.json`,
    verification: { type: "signed", creator: `${o}/key.json` },
    issuedOn: "2026-02-01T09:00:00Z",
    ...extra,
  };
}

async function sign(assertion: JsonObject): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(assertion)))
    .setProtectedHeader({ alg: "RS256" })
    .sign(privateKey);
}

function credential(result: Verification): CredentialVerification {
  expect(result.kind).toBe("credential");
  return result as CredentialVerification;
}

const codes = (result: Verification) => result.checks.map((c) => `${c.outcome}:${c.code}`);

describe("Open Badges 2.0, hosted", () => {
  it("confirms a hosted badge on the issuer's site, with a weaker assurance than a signature", async () => {
    const result = credential(await verify(assertions.valid, options()));
    expect(result.verdict).toBe("valid");
    expect(codes(result)).toEqual([
      "pass:ob2.recognised",
      "pass:ob2.hosted-confirmed",
      "pass:ob2.issuer-consistent",
      "pass:ob2.not-revoked",
      "pass:ob2.dates-ok",
      "pass:ob2.recipient-match",
    ]);
    expect(result.ob2).toMatchObject({
      verificationType: "hosted",
      assurance: "hosted",
      recipient: "match",
      original: { form: "assertion" },
    });
    expect(result.ob2?.assuranceText.en).toMatch(/issuer's site just now/);
    const facts = describeCredential(result.document, "es");
    expect(facts.achievement).toMatchObject({
      name: "Python para análisis de datos",
      description: "Programa en Python para limpiar y analizar datos.",
      criteria: "Aprobar el proyecto final.",
    });
    expect(facts.issuer).toMatchObject({ name: "Universidad del Ejemplo", id: `${o}/issuer.json` });
    expect(facts.holder.kind).toBe("hashed");
    expect(facts.validFrom?.iso).toBe("2026-01-15T10:00:00Z");
    expect(describeCredential(result.document, "en").achievement.kindText).toBe(
      "Badge (Open Badges 2.0)",
    );
  });

  it("takes a link to the assertion, and plain and md5 recipients", async () => {
    const linked = credential(await verify(`${o}/assertions/valid.json`, options()));
    expect(linked.verdict).toBe("valid");
    expect(linked.source?.url).toBe(`${o}/assertions/valid.json`);
    for (const name of ["plain", "md5"]) {
      const result = credential(await verify(assertions[name], options()));
      expect(result.verdict, name).toBe("valid");
      expect(result.ob2?.recipient).toBe("match");
    }
  });

  it("refuses a hosted badge that differs from what the issuer's site publishes", async () => {
    const tampered = { ...assertions.valid, issuedOn: "2025-01-15T10:00:00Z" };
    const result = credential(await verify(tampered, options()));
    expect(result.verdict).toBe("invalid");
    expect(codes(result)).toContain("fail:ob2.hosted-mismatch");
    expect(result.ob2?.assurance).toBe("unconfirmed");
  });

  it("says a hosted badge whose site is gone cannot be confirmed at all", async () => {
    const result = credential(await verify(assertions.gone, options()));
    expect(result.verified).toBe(false);
    expect(codes(result)).toContain("could-not-check:ob2.hosted-unreachable");
    expect(result.checks.find((c) => c.code === "ob2.hosted-unreachable")?.params).toEqual({
      reason: "http-status 404",
    });
    expect(result.ob2?.assurance).toBe("unconfirmed");
    expect(result.ob2?.assuranceText.en).toMatch(/cannot be confirmed at all/i);
  });

  it("gives a clear reason for a host that hangs and for a redirect chain", async () => {
    const hanging = credential(
      await verify(
        { ...assertions.valid, id: `http://${stallHost}/assertion.json` },
        options({ timeoutMs: 500 }),
      ),
    );
    expect(hanging.checks.find((c) => c.code === "ob2.hosted-unreachable")?.params).toEqual({
      reason: "timeout",
    });
    const looping = credential(
      await verify({ ...assertions.valid, id: `http://${stallHost}/loop` }, options()),
    );
    expect(looping.checks.find((c) => c.code === "ob2.hosted-unreachable")?.params).toEqual({
      reason: "too-many-redirects",
    });
    expect([hanging.verdict, looping.verdict]).toEqual(["invalid", "invalid"]);
  });

  it("refuses mismatched ids, a badge class outside the issuer's sites, and revoked or expired badges", async () => {
    const impostor = await verify(assertions.impostor, options());
    expect(codes(impostor)).toContain("fail:ob2.ids-mismatch");
    const elsewhere = await verify(assertions.elsewhere, options());
    expect(codes(elsewhere)).toContain("fail:ob2.origin-not-allowed");
    const revoked = await verify(assertions["revoked-hosted"], options());
    expect(codes(revoked)).toContain("fail:ob2.revoked");
    const expired = await verify(assertions.expired, options());
    expect(codes(expired)).toContain("fail:ob2.expired");
    for (const result of [impostor, elsewhere, revoked, expired]) {
      expect(result.verdict).toBe("invalid");
    }
  });

  it("accepts a hosted badge on another site the issuer allows by name", async () => {
    site.serve("/issuer-wide.json", {
      "@context": OB2,
      type: "Issuer",
      id: `${o}/issuer-wide.json`,
      name: "Universidad del Ejemplo",
      verification: { allowedOrigins: [other.host] },
    });
    site.serve("/badges/wide.json", {
      ...(await fetchJson(`${o}/badges/python.json`)),
      id: `${o}/badges/wide.json`,
      issuer: `${o}/issuer-wide.json`,
    });
    const assertion = {
      ...assertions.valid,
      id: `${other.origin}/assertions/wide.json`,
      badge: `${o}/badges/wide.json`,
    };
    other.serve("/assertions/wide.json", assertion);
    // The badge class sits on the issuer's own site, which the list no longer names.
    expect(codes(await verify(assertion, options()))).toContain("fail:ob2.origin-not-allowed");
    site.serve("/issuer-wide.json", {
      ...(await fetchJson(`${o}/issuer-wide.json`)),
      verification: { allowedOrigins: [other.host, site.host] },
    });
    const allowed = await verify(assertion, options());
    expect(allowed.verdict).toBe("valid");
  });

  it("says when the badge was awarded to someone else", async () => {
    const result = credential(
      await verify(assertions.valid, options({ recipientEmail: "otra.persona@example.mx" })),
    );
    expect(result.verdict).toBe("invalid");
    expect(result.ob2?.recipient).toBe("no-match");
    expect(codes(result)).toContain("fail:ob2.recipient-mismatch");
    expect(matchRecipient(assertions.valid!.recipient, "ANA.LOPEZ@example.mx")).toBe("match");
  });
});

describe("Open Badges 2.0, signed", () => {
  it("verifies the issuer's RS256 signature with the key its profile owns", async () => {
    const jws = await sign(signedAssertion());
    const result = credential(await verify(jws, options()));
    expect(result.verdict).toBe("valid");
    expect(codes(result)).toEqual([
      "pass:ob2.recognised",
      "pass:ob2.signature-valid",
      "pass:ob2.issuer-consistent",
      "pass:ob2.not-revoked",
      "pass:ob2.dates-ok",
      "pass:ob2.recipient-match",
    ]);
    expect(result.ob2).toMatchObject({
      assurance: "signed",
      verificationType: "signed",
      original: { form: "jws", jws },
    });
    expect(result.ob2?.assuranceText.es).toMatch(/^Firmada por el emisor/);
  });

  it("refuses a revoked signed badge, with the issuer's reason", async () => {
    const result = await verify(await sign(signedAssertion({ uid: "revoked-1" })), options());
    expect(result.verdict).toBe("invalid");
    const revoked = result.checks.find((c) => c.code === "ob2.revoked-because");
    expect(revoked?.message.es).toBe("El emisor revocó esta insignia: Emitida por error");
  });

  it("refuses a tampered payload, a signed badge without its signature, and a stranger's key", async () => {
    const jws = await sign(signedAssertion());
    const [header, , signature] = jws.split(".");
    const forged = Buffer.from(
      JSON.stringify(signedAssertion({ recipient: hashedRecipient("intruso@example.mx", "p") })),
    ).toString("base64url");
    const tampered = await verify(`${header}.${forged}.${signature}`, options());
    expect(codes(tampered)).toContain("fail:ob2.signature-invalid");
    expect(tampered.verdict).toBe("invalid");

    const bare = credential(await verify(signedAssertion(), options()));
    expect(codes(bare)).toContain("fail:ob2.signed-without-signature");

    other.serve("/key.json", {
      "@context": OB2,
      type: "CryptographicKey",
      id: `${other.origin}/key.json`,
      owner: `${other.origin}/issuer.json`,
      // The issuer's own public key, republished by someone else as theirs.
      publicKeyPem: await fetchKeyPem(),
    });
    const stranger = await verify(
      await sign(
        signedAssertion({ verification: { type: "signed", creator: `${other.origin}/key.json` } }),
      ),
      options(),
    );
    expect(codes(stranger)).toContain("fail:ob2.key-owner-mismatch");
  });
});

async function fetchJson(url: string): Promise<JsonObject> {
  const fetcher = createGuardedFetch({ allowHosts: [site.host], lookup: refuseDns });
  return (await fetcher.fetchJson(url)) as JsonObject;
}

async function fetchKeyPem(): Promise<string> {
  const response = await createGuardedFetch({
    allowHosts: [site.host],
    lookup: refuseDns,
  }).fetchJson(`${o}/key.json`);
  return (response as { publicKeyPem: string }).publicKeyPem;
}

describe("Open Badges 2.0, baked and bad input", () => {
  it("reads a hosted badge's URL baked in a PNG and a signed badge baked in an SVG", async () => {
    const png = bakeOb2Png(await samplePng(), `${o}/assertions/valid.json`);
    const fromPng = credential(await verify(png, options()));
    expect(fromPng.verdict).toBe("valid");
    expect(fromPng.source?.form).toBe("png");
    expect(codes(fromPng)[0]).toBe("pass:baked.extracted");
    expect(fromPng.ob2?.original).toEqual({ form: "url", url: `${o}/assertions/valid.json` });

    const jws = await sign(signedAssertion());
    const svg = bakeOb2Svg(await sampleSvg(), jws);
    const fromSvg = credential(await verify(svg, options()));
    expect(fromSvg.verdict).toBe("valid");
    expect(fromSvg.ob2?.assurance).toBe("signed");

    const jsonInPng = bakeOb2Png(await samplePng(), JSON.stringify(assertions.valid));
    expect((await verify(jsonInPng, options())).verdict).toBe("valid");
  });

  it("gives reasons, never an exception, for hostile badges and oversized images", async () => {
    const hostile: unknown[] = [
      { "@context": OB2, type: "Assertion", recipient: [], badge: 5, issuedOn: {} },
      { "@context": OB2, type: "Assertion", id: "javascript:alert(1)", recipient: {} },
      {
        "@context": OB2,
        type: "Assertion",
        id: `${o}/assertions/valid.json`,
        recipient: { hashed: true, identity: "sha256$zz" },
        badge: { type: "BadgeClass", issuer: { id: "ftp://x" } },
        verification: { type: ["hosted", { a: 1 }] },
      },
      `${"eyJhbGciOiJub25lIn0"}.${Buffer.from(JSON.stringify(signedAssertion())).toString("base64url")}.`,
    ];
    for (const input of hostile) {
      const result = await verify(input, options());
      expect(result.verified).toBe(false);
      expect(result.checks.length).toBeGreaterThan(0);
    }
    const huge = bakeOb2Png(await samplePng(), "x".repeat(3 * 1024 * 1024));
    const oversized = await verify(huge, options());
    expect(codes(oversized)).toEqual(["fail:input.too-large"]);
  });
});
