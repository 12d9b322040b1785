/**
 * Credentials that are not Open Badges (issue 14, part 2): a European Learning Model-like
 * credential (VC 2.0, eddsa-rdfc-2022) and a foreign university's diploma (VC 1.1,
 * Ed25519Signature2020), both signed in the test by did:key issuers, are verified as far as
 * their proof allows and shown generically: issuer, subject, claims as labelled lines, dates,
 * and a verdict that says what was checked. A context Avala does not hold is never fetched
 * (Socket#connect and DNS are blocked and watched): "could not be checked", never a 500.
 * Hostile claims (deep, huge, long, weird keys) stay bounded. Real signatures, the real app.
 */
import dns from "node:dns";
import net from "node:net";
import type { Credential, JsonObject } from "@avala/credentials";
import { signCredential } from "@avala/credentials";
import { didKeyOfJwk } from "@avala/vc-jwt";
import type { Hono } from "hono";
import { CompactSign, exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimLimits } from "../src/generic/claims.js";
import type { GenericFixtures } from "../src/generic/fixture-credentials.js";
import { elmCredential } from "../src/generic/fixture-credentials.js";
import {
  createVerifierApp,
  createVerifierContext,
  describeCredential,
  loadConfig,
  verify,
} from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld, createGenericFixtures } from "../src/testing.js";

let world: FixtureWorld;
let app: Hono;
let fixtures: GenericFixtures;

/** Hosts anything in this process tried to resolve or connect to, other than loopback. */
const attempted: string[] = [];
const realConnect = net.Socket.prototype.connect;
const realLookup = dns.lookup;
const realPromisesLookup = dns.promises.lookup;
const loopback = new Set(["127.0.0.1", "::1", "localhost"]);

function blockNetwork(): void {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as
      | { host?: string; path?: string }
      | undefined;
    const host = typeof first === "object" && first?.path === undefined ? first?.host : undefined;
    if (host !== undefined && !loopback.has(host)) {
      attempted.push(host);
      throw new Error(`test: refused a connection to ${host}`);
    }
    return Reflect.apply(realConnect, this, args) as net.Socket;
  } as typeof net.Socket.prototype.connect;
  // Loopback resolves to itself; every other name is recorded and fails.
  dns.lookup = ((hostname: string, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (
      error: Error | null,
      address?: unknown,
      family?: number,
    ) => void;
    const all = (rest[0] as { all?: boolean } | undefined)?.all === true;
    if (loopback.has(hostname)) {
      const address = hostname === "localhost" ? "127.0.0.1" : hostname;
      const family = net.isIP(address);
      process.nextTick(() =>
        all ? callback(null, [{ address, family }]) : callback(null, address, family),
      );
      return;
    }
    attempted.push(hostname);
    process.nextTick(() => callback(new Error(`DNS is off in tests (${hostname})`)));
  }) as typeof dns.lookup;
  dns.promises.lookup = (async (hostname: string) => {
    if (loopback.has(hostname)) {
      const address = hostname === "localhost" ? "127.0.0.1" : hostname;
      return { address, family: net.isIP(address) };
    }
    attempted.push(hostname);
    throw new Error(`DNS is off in tests (${hostname})`);
  }) as typeof dns.promises.lookup;
}

function restoreNetwork(): void {
  net.Socket.prototype.connect = realConnect;
  dns.lookup = realLookup;
  dns.promises.lookup = realPromisesLookup;
}

/** What the paste form shows for `document`, in `lang`. */
async function page(document: unknown, lang: "es" | "en") {
  const response = await app.request("/", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      document: typeof document === "string" ? document : JSON.stringify(document),
      lang,
    }).toString(),
  });
  expect(response.status).toBe(200);
  return response.text();
}

async function api(document: unknown, lang: "es" | "en" = "en") {
  const response = await app.request("/api/verify", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ document, lang }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    verdict: string;
    result: { checks: Array<{ code: string; outcome: string }> };
    display: Array<ReturnType<typeof describeCredential>>;
  };
}

function banner(html: string) {
  const match =
    /<div class="banner banner-([\w-]+)" data-banner="[\w-]+">.*?<h2 id="verdict">([^<]*)<\/h2><p>([^<]*)<\/p>/s.exec(
      html,
    );
  if (!match) throw new Error("no banner");
  return { state: match[1], heading: match[2], detail: match[3] };
}

const decode = (html: string) =>
  html.replaceAll("&#39;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

const codes = (checks: Array<{ code: string; outcome: string }>) =>
  checks.map((c) => `${c.code}:${c.outcome}`);

beforeAll(async () => {
  blockNetwork();
  world = await createFixtureWorld();
  fixtures = await createGenericFixtures(world.documentLoader);
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
});

afterAll(async () => {
  restoreNetwork();
  await world?.server.close();
});

describe("a credential that is not an Open Badge", () => {
  it("ELM-like VC 2.0 (eddsa-rdfc-2022): signature checked, shown generically", async () => {
    const out = await api(fixtures.elm, "en");
    expect(out.verdict).toBe("valid-with-warnings");
    expect(codes(out.result.checks)).toEqual(
      expect.arrayContaining([
        "proof.valid:pass",
        "issuer.bound:pass",
        "validity.current:pass",
        "schema.not-open-badge:warning",
        "trust.unknown-issuer:warning",
      ]),
    );
    const [d] = out.display;
    expect(d?.achievement.name).toBe("Máster en Ciencia de Datos");
    expect(d?.achievement.kindText).toBe(
      "Credential from another institution (European Digital Credential)",
    );
    expect(d?.holder.name).toBe("Ana López García");
    expect(d?.issuer).toMatchObject({
      name: "Universidade Exemplo de Lisboa",
      id: fixtures.elmIssuer.controller,
    });
    expect(d?.validFrom?.text).toBe("1 March 2026");
    expect(d?.generic?.claims).toEqual(
      expect.arrayContaining([
        { label: "Date of birth", value: "12 April 1998" },
        { label: "Has claim › Title", value: "Máster en Ciencia de Datos" },
        { label: "Has claim › Awarded by › Awarding date", value: "27 February 2026" },
        { label: "Has claim › Specified by › Credit point › Point", value: "120" },
        { label: "Has claim › Has part › Title", value: "Aprendizaje automático" },
        { label: "Has claim › Has part › Grade", value: "17/20" },
      ]),
    );
    // Identifiers and types are technical details, not claims.
    expect(JSON.stringify(d?.generic?.claims)).not.toMatch(/did:key|LearningAchievement|@/);

    const html = await page(fixtures.elm, "es");
    expect(banner(html)).toMatchObject({ state: "valid-with-warnings" });
    expect(decode(banner(html).detail!)).toContain("Firma comprobada");
    expect(html).toContain("Lo que dice la credencial");
    expect(html).toContain("Has claim › Specified by › Title");
    expect(html).toContain("27 de febrero de 2026");
    // The DID only under the technical details.
    const technical = html.indexOf('<details class="technical">');
    expect(html.indexOf(fixtures.elmIssuer.controller)).toBeGreaterThan(technical);
  });

  it("foreign diploma VC 1.1 (Ed25519Signature2020): signature checked, degree readable", async () => {
    const out = await api(fixtures.diploma, "en");
    expect(out.verdict).toBe("valid-with-warnings");
    expect(codes(out.result.checks)).toContain("proof.valid:pass");
    const [d] = out.display;
    expect(d).toMatchObject({
      achievement: { name: "Bachelor of Science in Informatik" },
      issuer: { name: "Universität Beispiel" },
      holder: { name: "Ana López García" },
      validFrom: { text: "15 July 2025" },
    });
    expect(d?.generic?.claims).toEqual([
      { label: "Degree › Name", value: "Bachelor of Science in Informatik" },
      { label: "Degree › Grade", value: "1,7 (gut)" },
      { label: "Graduation date", value: "10 July 2025" },
    ]);
    const html = await page(fixtures.diploma, "en");
    expect(decode(banner(html).detail!)).toContain("Signature checked");
    expect(html).toContain("Degree › Name");
  });

  it("tampered claims: the signature fails, and the page says not to rely on it", async () => {
    const elm = structuredClone(fixtures.elm) as JsonObject;
    ((elm.credentialSubject as JsonObject).hasClaim as JsonObject).title = "Doctorado";
    const diploma = structuredClone(fixtures.diploma) as JsonObject;
    ((diploma.credentialSubject as JsonObject).degree as JsonObject).grade = "1,0 (sehr gut)";
    for (const document of [elm, diploma]) {
      const out = await api(document);
      expect(out.verdict).toBe("invalid");
      expect(codes(out.result.checks)).toContain("proof.invalid:fail");
      const html = await page(document, "es");
      expect(banner(html).state).toBe("invalid");
      expect(banner(html).detail).toContain("No confíes en este documento");
    }
  });

  it("a context Avala does not hold: never fetched, said to be unchecked, never a failure", async () => {
    const before = world.server.requests.length;
    const foreign = {
      ...fixtures.diploma,
      "@context": [
        ...(fixtures.diploma["@context"] as unknown[]),
        "https://contexts.uni-beispiel.example/diploma/v1",
      ],
    } as Credential;
    const out = await api(foreign, "en");
    expect(out.verdict).toBe("invalid");
    expect(codes(out.result.checks)).toEqual(
      expect.arrayContaining([
        "generic.context-not-held:could-not-check",
        "generic.proof-not-checked:could-not-check",
      ]),
    );
    expect(out.result.checks.some((c) => c.outcome === "fail")).toBe(false);
    expect(out.display[0]?.generic?.unreadable).toBe("context");
    expect(out.display[0]?.achievement.name).toBe("Bachelor of Science in Informatik");

    for (const lang of ["es", "en"] as const) {
      const html = await page(foreign, lang);
      expect(banner(html).state).toBe("unchecked");
      expect(decode(banner(html).detail!)).toContain(
        lang === "es"
          ? "el emisor usa un formato que Avala no lee"
          : "the issuer uses a format Avala does not read",
      );
      expect(html).toContain("contexts.uni-beispiel.example");
    }
    // Nothing tried to reach the context's host, or any host but loopback.
    expect(attempted).toEqual([]);
    expect(world.server.requests.slice(before)).toEqual([]);

    // An Open Badge with such a context still fails: Avala holds every context one needs.
    const { credential } = await world.issue({ issuer: world.stranger });
    const ob = {
      ...credential,
      "@context": [...(credential["@context"] as unknown[]), "https://unknown.example/ctx"],
    };
    const obOut = await api(ob);
    expect(codes(obOut.result.checks)).toContain("context.unknown:fail");
    expect(attempted).toEqual([]);
  });

  it("a signature suite Avala does not implement: could not be checked, in plain words", async () => {
    const other = {
      ...fixtures.elm,
      proof: { ...(fixtures.elm.proof as JsonObject), cryptosuite: "ecdsa-rdfc-2019" },
    };
    const html = await page(other, "en");
    expect(banner(html).state).toBe("unchecked");
    expect(decode(banner(html).detail!)).toContain("the issuer uses a format Avala does not read");
    expect(html).toContain("What the credential says");
  });

  it("a VC-JWT (vc+jwt) of the ELM-like credential: its JWT signature checked, shown the same", async () => {
    const pair = await generateKeyPair("EdDSA", { extractable: true });
    const did = didKeyOfJwk(await exportJWK(pair.publicKey))!;
    const jwt = await new CompactSign(
      new TextEncoder().encode(JSON.stringify(elmCredential(did, "did:example:ana"))),
    )
      .setProtectedHeader({ alg: "EdDSA", typ: "vc+jwt", cty: "vc", kid: `${did}#${did.slice(8)}` })
      .sign(pair.privateKey);
    const out = await api(jwt, "en");
    expect(out.verdict).toBe("valid-with-warnings");
    expect(codes(out.result.checks)).toContain("proof.jwt-valid:pass");
    expect(out.display[0]?.generic?.claims).toContainEqual({
      label: "Has claim › Title",
      value: "Máster en Ciencia de Datos",
    });
    const html = await page(jwt, "en");
    expect(decode(banner(html).detail!)).toContain("Signature checked");
  });

  it("its status list is read: revoked by its issuer shows as revoked", async () => {
    // A did:web university with its own status list on the loopback site.
    const uni = await world.organisation("uni-lisboa", {
      es: "Universidade Exemplo de Lisboa",
      en: "Example University of Lisbon",
    });
    const { credential: issued, statusIndex } = await world.issue({ issuer: uni, status: true });
    const withStatus = await signCredential(
      {
        ...elmCredential(uni.did, "did:example:ana"),
        credentialStatus: issued.credentialStatus,
      } as Credential,
      { key: uni.key, documentLoader: world.documentLoader },
    );
    const active = await api(withStatus);
    expect(codes(active.result.checks)).toContain("status.active:pass");
    await world.setStatus(uni, "revocation", statusIndex!, true);
    const revoked = await api(withStatus);
    expect(revoked.verdict).toBe("invalid");
    expect(codes(revoked.result.checks)).toContain("status.revoked:fail");
    expect(banner(await page(withStatus, "es")).state).toBe("revoked");
  });

  it("hostile claims stay bounded, and the page answers", async () => {
    let deep: JsonObject = { leaf: "bottom" };
    for (let i = 0; i < 50; i++) deep = { [`level${i}`]: deep };
    const hostile = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiableCredential", "X".repeat(5000)],
      issuer: { id: "did:example:x", name: "\u202eevil\u0000 name".repeat(200) },
      credentialSubject: {
        deep,
        huge: Array.from({ length: 50_000 }, (_, i) => ({ n: i })),
        scalars: Array.from({ length: 50_000 }, (_, i) => i),
        long: "ä".repeat(200_000),
        "": "empty key",
        __proto__x: "proto",
        ["constructor"]: { prototype: "x" },
        "https://weird.example/vocab#someThing": "iri key",
        "\u0000\u202e<script>alert(1)</script>": "<img src=x onerror=alert(1)>",
        language: { en: "English", es: "Español" },
      },
    };
    const started = Date.now();
    const d = describeCredential(hostile, "en");
    expect(Date.now() - started).toBeLessThan(5000);
    const claims = d.generic?.claims ?? [];
    expect(claims.length).toBeLessThanOrEqual(claimLimits.lines);
    expect(d.generic?.more).toBeGreaterThan(0);
    for (const line of claims) {
      expect([...line.value].length).toBeLessThanOrEqual(claimLimits.value);
      expect(line.label.split(" › ").length).toBeLessThanOrEqual(claimLimits.depth + 1);
      const text = line.label + line.value;
      expect(text.includes("\u0000") || text.includes("\u202e")).toBe(false);
    }
    expect(claims).toContainEqual({ label: "Language", value: "English" });
    expect(claims).toContainEqual({ label: "Some thing", value: "iri key" });
    expect([...(d.achievement.kindText ?? "")].length).toBeLessThan(200);

    const response = await app.request("/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ document: JSON.stringify(hostile), lang: "en" }).toString(),
    });
    expect(response.status).toBeLessThan(500);
    const html = await response.text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    const json = await app.request("/api/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ document: hostile }),
    });
    expect(json.status).toBeLessThan(500);
    expect(attempted).toEqual([]);
  });
});

describe("the library", () => {
  it("verifies both offline, with only the static document loader", async () => {
    for (const credential of [fixtures.elm, fixtures.diploma]) {
      const result = await verify(credential, {
        documentLoader: world.documentLoader,
        now: world.now,
      });
      expect(result.verified).toBe(true);
    }
    expect(attempted).toEqual([]);
  });
});
