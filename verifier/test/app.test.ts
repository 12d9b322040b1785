import type { AchievementCredential, Credential, Profile } from "@avala/credentials";
import { buildPresentation, generateSigningKey, signPresentation } from "@avala/credentials";
import fc from "fast-check";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VerifierConfig } from "../src/index.js";
import {
  bakePng,
  createVerifierApp,
  createVerifierContext,
  loadConfig,
  startVerifier,
  unwrapOwnLink,
} from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld, samplePng } from "../src/testing.js";

let world: FixtureWorld;
let app: Hono;
let config: VerifierConfig;
let valid: Credential;
let unknownIssuer: Credential;

function configFor(extra: Record<string, string> = {}): VerifierConfig {
  return loadConfig({
    VERIFIER_PORT: "0",
    VERIFIER_PUBLIC_URL: "http://verifier.test",
    AVALA_TRUST_REGISTRY: world.registryUrl,
    AVALA_TRUST_REGISTRY_OPERATOR: world.operator.controller,
    AVALA_FETCH_ALLOW_HOSTS: world.server.host,
    VERIFIER_RATE_LIMIT: "1000",
    ...extra,
  });
}

function appFor(c: VerifierConfig): Hono {
  const silent = { error: () => {} };
  return createVerifierApp(
    createVerifierContext(c, {
      guardedFetch: world.guardedFetch(),
      now: () => world.now,
      logger: silent,
    }),
  );
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

beforeAll(async () => {
  world = await createFixtureWorld();
  config = configFor();
  app = appFor(config);
  const endorsement = await world.endorse(world.sep, world.entidad);
  ({ credential: valid } = await world.issue({
    issuer: world.entidad,
    endorsements: [endorsement],
  }));
  ({ credential: unknownIssuer } = await world.issue({ issuer: world.stranger }));
});

afterAll(async () => {
  await world?.server.close();
});

describe("VC-API", () => {
  it("POST /credentials/verify: 200 with check names, no warnings or errors, full results", async () => {
    const res = await app.request("/credentials/verify", json({ verifiableCredential: valid }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ verified: true, verdict: "valid", warnings: [], errors: [] });
    expect(body.checks).toEqual(
      expect.arrayContaining([
        "context",
        "jsonld",
        "schema",
        "proof",
        "issuer",
        "validity",
        "status",
        "trust",
      ]),
    );
    const trust = body.results.checks.find((c: { check: string }) => c.check === "trust");
    expect(trust).toMatchObject({
      code: "trust.accredited",
      message: {
        es: "Secretaría de Educación Pública acredita a CECATI 17.",
        en: "Ministry of Public Education (SEP) accredits CECATI 17.",
      },
    });
    expect(body.results.trust.chain[0].authority.id).toBe(world.sep.did);
    expect(body.results.document).toBeUndefined();
  });

  it("warnings keep 200; a failure is 400 with the failed check as an error", async () => {
    const warned = await app.request(
      "/credentials/verify",
      json({ verifiableCredential: unknownIssuer }),
    );
    expect(warned.status).toBe(200);
    const warnedBody = await warned.json();
    expect(warnedBody.verdict).toBe("valid-with-warnings");
    expect(warnedBody.warnings).toEqual([
      expect.objectContaining({
        type: "urn:avala:check:trust.unknown-issuer",
        code: "trust.unknown-issuer",
      }),
    ]);

    const tampered = structuredClone(valid) as AchievementCredential;
    tampered.credentialSubject.achievement.name = "Otra cosa";
    const res = await app.request(
      "/credentials/verify",
      json({ verifiableCredential: tampered }, { "accept-language": "en" }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.verified).toBe(false);
    expect(body.errors).toEqual([
      expect.objectContaining({
        code: "proof.invalid",
        check: "proof",
        title: expect.stringContaining("The digital signature does not match"),
      }),
    ]);
  });

  it("a presentation sent as a credential, or a link, is refused as a credential", async () => {
    const bundle = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      verifiableCredential: [valid],
    };
    const res = await app.request("/credentials/verify", json({ verifiableCredential: bundle }));
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].code).toBe("input.not-credential");
    const link = await app.request(
      "/credentials/verify",
      json({ verifiableCredential: { url: `${world.server.origin}/trust-registry.json` } }),
    );
    expect(link.status).toBe(400);
    expect((await link.json()).errors[0].code).toBe("input.not-credential");
  });

  it("POST /presentations/verify: challenge and domain for a signed one; a bundle without", async () => {
    const holder = await generateSigningKey();
    const { credential } = await world.issue({ issuer: world.ece, holderDid: holder.controller });
    const vp = await signPresentation(
      buildPresentation({ holder: holder.controller, credentials: [credential] }),
      {
        key: holder,
        documentLoader: world.documentLoader,
        challenge: "c-1",
        domain: "verifier.test",
      },
    );
    const ok = await app.request(
      "/presentations/verify",
      json({ verifiablePresentation: vp, options: { challenge: "c-1", domain: "verifier.test" } }),
    );
    expect(ok.status).toBe(200);
    const okBody = await ok.json();
    expect(okBody.verified).toBe(true);
    expect(okBody.results.credentials).toHaveLength(1);

    const replay = await app.request(
      "/presentations/verify",
      json({ verifiablePresentation: vp, options: { challenge: "c-2", domain: "verifier.test" } }),
    );
    expect(replay.status).toBe(400);
    expect((await replay.json()).errors.map((e: { code: string }) => e.code)).toContain(
      "presentation.challenge-mismatch",
    );

    const bundle = {
      ...buildPresentation({ holder: holder.controller, credentials: [credential] }),
    };
    const unsigned = await app.request(
      "/presentations/verify",
      json({ verifiablePresentation: bundle }),
    );
    expect(unsigned.status).toBe(200);
  });

  it("POST /presentations/verify: an unsigned presentation with options.challenge is a 400", async () => {
    // What a wallet share link serves: a bundle without a holder proof.
    const bundle = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      verifiableCredential: [valid],
    };
    for (const options of [{ challenge: "c-1", domain: "verifier.test" }, { challenge: "c-1" }]) {
      const res = await app.request(
        "/presentations/verify",
        json({ verifiablePresentation: bundle, options }, { "accept-language": "en" }),
      );
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body).toMatchObject({ verified: false, verdict: "invalid" });
      expect(body.errors).toEqual([
        expect.objectContaining({
          type: "urn:avala:check:presentation.proof-missing",
          code: "presentation.proof-missing",
          check: "presentation",
          title: expect.stringContaining("does not carry its holder's signature"),
        }),
      ]);
      expect(body.results.signed).toBe(false);
    }
    // Spanish by default.
    const es = await app.request(
      "/presentations/verify",
      json({ verifiablePresentation: bundle, options: { challenge: "c-1" } }),
    );
    expect(es.status).toBe(400);
    expect((await es.json()).errors[0].title).toContain("no lleva la firma de su titular");
    // Avala's JSON form says the same.
    const api = await app.request(
      "/api/verify",
      json({ verifiablePresentation: bundle, options: { challenge: "c-1" } }),
    );
    expect(await api.json()).toMatchObject({ verified: false, verdict: "invalid" });
  });

  it("bad requests are problems: missing fields 400, wrong type 415, too large 413, too deep 400", async () => {
    const missing = await app.request("/credentials/verify", json({ credential: valid }));
    expect(missing.status).toBe(400);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");

    const text = await app.request("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ verifiableCredential: valid }),
    });
    expect(text.status).toBe(415);

    const big = await app.request(
      "/credentials/verify",
      json(`{"verifiableCredential":{"a":"${"x".repeat(3 * 1024 * 1024)}"}}`),
    );
    expect(big.status).toBe(413);

    const deep = await app.request(
      "/credentials/verify",
      json(`{"verifiableCredential":${"[".repeat(500)}${"]".repeat(500)}}`),
    );
    expect(deep.status).toBe(400);

    const malformed = await app.request("/credentials/verify", json("{ nope"));
    expect(malformed.status).toBe(400);
  });

  it("hostile bodies never yield a 500", async () => {
    const endpoints = ["/credentials/verify", "/presentations/verify", "/api/verify"];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          fc.record({ verifiableCredential: fc.jsonValue({ maxDepth: 3 }) }),
          fc.record({
            verifiablePresentation: fc.jsonValue({ maxDepth: 3 }),
            options: fc.jsonValue(),
          }),
          fc.record({ file: fc.oneof(fc.base64String(), fc.jsonValue()) }),
          fc.record({ document: fc.string() }),
        ),
        async (path, body) => {
          const res = await app.request(path, json(body));
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);
});

describe("problem details in the request's language", () => {
  const problemOf = async (res: Response) => {
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    return (await res.json()) as Record<string, unknown>;
  };

  it("the verifier's own problems: Spanish by default, English by Accept-Language, ?lang= first", async () => {
    const es = await app.request("/credentials/verify", json({ credential: valid }));
    expect(es.status).toBe(400);
    expect(es.headers.get("content-language")).toBe("es");
    expect(await problemOf(es)).toEqual({
      type: "https://w3id.org/avala/problems#verifier.problem.credential-missing",
      title: "Solicitud no válida",
      status: 400,
      detail: "El cuerpo necesita un objeto verifiableCredential.",
      code: "verifier.problem.credential-missing",
      localizedDetail: {
        es: "El cuerpo necesita un objeto verifiableCredential.",
        en: "The body needs a verifiableCredential object.",
      },
    });

    const en = await app.request(
      "/presentations/verify",
      json({ presentation: {} }, { "accept-language": "en-GB,en;q=0.9" }),
    );
    expect(await problemOf(en)).toMatchObject({
      title: "Bad request",
      detail: "The body needs a verifiablePresentation object.",
    });
    const forced = await app.request(
      "/presentations/verify?lang=es",
      json({ presentation: {} }, { "accept-language": "en" }),
    );
    expect((await problemOf(forced)).detail).toBe(
      "El cuerpo necesita un objeto verifiablePresentation.",
    );

    // POST /api/verify also reads its `lang` field.
    const both = await app.request(
      "/api/verify",
      json({ url: "https://a.example/", document: "{}", lang: "en" }),
    );
    expect(await problemOf(both)).toMatchObject({
      code: "verifier.problem.one-input",
      detail:
        "Give exactly one of: verifiableCredential, verifiablePresentation, document, url, file.",
    });
    const notUrl = await app.request("/api/verify", json({ url: "file:///etc/passwd" }));
    expect((await problemOf(notUrl)).detail).toBe(
      "url debe ser un enlace http(s) de hasta 4096 caracteres.",
    );
    const notObject = await app.request("/api/verify", json([1, 2]));
    expect((await problemOf(notObject)).detail).toBe("El cuerpo debe ser un objeto JSON.");
  });

  it("a challenge that is not a string is a bad request, not a missing challenge", async () => {
    const bundle = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      verifiableCredential: [valid],
    };
    for (const options of [{ challenge: 42 }, { challenge: "x".repeat(2000) }, { domain: {} }]) {
      const res = await app.request(
        "/presentations/verify",
        json({ verifiablePresentation: bundle, options }, { "accept-language": "en" }),
      );
      expect(res.status, JSON.stringify(options).slice(0, 50)).toBe(400);
      expect(await problemOf(res)).toMatchObject({
        code: "verifier.problem.options",
        detail: "options.challenge and options.domain must be strings of at most 1024 characters.",
      });
    }
  });

  it("the shared body parser's, the rate limiter's and the 404s are translated too", async () => {
    const text = await app.request("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "text/plain", "accept-language": "es-MX" },
      body: "{}",
    });
    expect(text.status).toBe(415);
    expect(await problemOf(text)).toMatchObject({
      title: "Tipo de contenido no admitido",
      detail: "Envía el cuerpo como application/json.",
      code: "verifier.problem.not-json",
    });

    const malformed = await app.request("/credentials/verify?lang=en", json("{ nope"));
    expect(malformed.status).toBe(400);
    expect(await problemOf(malformed)).toMatchObject({
      title: "Bad request",
      detail:
        "The body is not valid JSON: it is malformed, not UTF-8, or nested more than 64 levels deep.",
    });

    const big = await app.request(
      "/credentials/verify",
      json(`{"verifiableCredential":{"a":"${"x".repeat(3 * 1024 * 1024)}"}}`),
    );
    expect(big.status).toBe(413);
    expect(await problemOf(big)).toMatchObject({
      title: "Contenido demasiado grande",
      detail: "La solicitud es demasiado grande: un documento puede ocupar como máximo 2 MiB.",
    });

    const missing = await app.request("/nothing-here", { headers: { "accept-language": "en" } });
    expect(missing.status).toBe(404);
    expect(await problemOf(missing)).toMatchObject({
      title: "Not found",
      detail: "There is nothing at this address.",
    });
    const asset = await app.request("/assets/nothing.js");
    expect((await problemOf(asset)).detail).toBe("No hay nada en esta dirección.");

    const limited = appFor(configFor({ VERIFIER_RATE_LIMIT: "1" }));
    const body = () => json({ verifiableCredential: unknownIssuer }, { "accept-language": "en" });
    expect((await limited.request("/credentials/verify", body())).status).toBe(200);
    const over = await limited.request("/credentials/verify", body());
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBeTruthy();
    expect(await problemOf(over)).toMatchObject({
      title: "Too many requests",
      detail: "Too many verifications in a row; wait a moment and try again.",
    });
  });
});

describe("POST /api/verify", () => {
  it("accepts a link, base64 file bytes or JSON text, and returns the result with the display model", async () => {
    const url = world.server.serve("/credentials/api.json", valid);
    const byLink = await app.request("/api/verify", json({ url, lang: "en" }));
    expect(byLink.status).toBe(200);
    const linkBody = await byLink.json();
    expect(linkBody).toMatchObject({ verified: true, verdict: "valid", locale: "en" });
    expect(linkBody.result.source).toEqual({ form: "json", url });
    expect(linkBody.result.document.id).toBe(valid.id);
    expect(linkBody.display[0]).toMatchObject({
      achievement: { name: "Delivering face-to-face group training courses" },
      level: { text: "Level 3 of 5" },
      accreditation: { text: "Ministry of Public Education (SEP) accredits CECATI 17." },
    });

    const png = bakePng(await samplePng(), valid);
    const byFile = await app.request(
      "/api/verify",
      json({ file: { data: Buffer.from(png).toString("base64") } }),
    );
    const fileBody = await byFile.json();
    expect(fileBody.verdict).toBe("valid");
    expect(fileBody.result.source.form).toBe("png");
    expect(fileBody.display[0].locale).toBe("es");

    const byText = await app.request("/api/verify", json({ document: JSON.stringify(valid) }));
    expect((await byText.json()).verdict).toBe("valid");

    const both = await app.request("/api/verify", json({ url, document: "{}" }));
    expect(both.status).toBe(400);
    const notUrl = await app.request("/api/verify", json({ url: "file:///etc/passwd" }));
    expect(notUrl.status).toBe(400);
  });

  it("unwraps links to its own page instead of fetching itself", () => {
    const inner = "https://wallet.example/s/abc";
    expect(
      unwrapOwnLink(
        `http://verifier.test/?url=${encodeURIComponent(inner)}`,
        "http://verifier.test",
      ),
    ).toBe(inner);
    expect(unwrapOwnLink(inner, "http://verifier.test")).toBe(inner);
  });
});

describe("rate limiting", () => {
  it("answers 429 after the limit: problem+json on the API, a page on /", async () => {
    const limited = appFor(configFor({ VERIFIER_RATE_LIMIT: "2" }));
    const body = json({ verifiableCredential: unknownIssuer });
    expect((await limited.request("/credentials/verify", body)).status).toBe(200);
    expect(
      (await limited.request("/credentials/verify", json({ verifiableCredential: unknownIssuer })))
        .status,
    ).toBe(200);
    const third = await limited.request(
      "/credentials/verify",
      json({ verifiableCredential: unknownIssuer }),
    );
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBeTruthy();
    expect(third.headers.get("content-type")).toBe("application/problem+json");
    const page = await limited.request(`/?url=${encodeURIComponent(world.registryUrl)}&lang=en`);
    expect(page.status).toBe(429);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("Too many verifications in a row");
    // The page itself (no link to verify) and its assets are not limited.
    expect((await limited.request("/")).status).toBe(200);
  });
});

describe("the page", () => {
  it("is Spanish by default, English by Accept-Language, and ?lang= overrides", async () => {
    const es = await app.request("/");
    const esHtml = await es.text();
    expect(es.status).toBe(200);
    expect(esHtml).toMatch(/^<!doctype html><html lang="es">/);
    expect(esHtml).toContain("Verificar un certificado");
    expect(esHtml).toContain('href="/?lang=en"');

    const en = await app.request("/", { headers: { "accept-language": "en-US,en;q=0.9" } });
    expect(await en.text()).toContain('<html lang="en">');
    const forced = await app.request("/?lang=es", { headers: { "accept-language": "en" } });
    expect(await forced.text()).toContain('<html lang="es">');
  });

  it("sends a strict CSP, no inline script and the other security headers", async () => {
    const res = await app.request("/");
    const html = await res.text();
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("permissions-policy")).toContain("camera=(self)");
    // Every script has a src; no inline handlers or styles.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/https?:\/\/(?!verifier\.test)[^"'\s]*\.(js|css)/);
  });

  it("verifies a link on load (/?url=) and shows the certificate", async () => {
    const url = world.server.serve("/credentials/page.json", valid);
    const res = await app.request(`/?url=${encodeURIComponent(url)}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('data-verdict="valid"');
    expect(html).toContain("Certificado válido");
    expect(html).toContain("Nivel 3 de 5");
    expect(html).toContain("Secretaría de Educación Pública acredita a CECATI 17.");
    expect(html).toContain(`href="/?lang=en&amp;url=${encodeURIComponent(url)}"`);
  });

  it("verifies pasted JSON (urlencoded) and an uploaded baked PNG (multipart)", async () => {
    const pasted = await app.request("/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ document: JSON.stringify(unknownIssuer), lang: "en" }).toString(),
    });
    const pastedHtml = await pasted.text();
    expect(pastedHtml).toContain('data-verdict="valid-with-warnings"');
    expect(pastedHtml).toContain("Valid, with warnings");
    expect(pastedHtml).toContain('form="paste-form" name="lang" value="es"');

    const form = new FormData();
    form.set(
      "file",
      new Blob([bakePng(await samplePng(), valid)], { type: "image/png" }),
      "badge.png",
    );
    form.set("lang", "es");
    const uploaded = await app.request("/", { method: "POST", body: form });
    const html = await uploaded.text();
    expect(html).toContain('data-verdict="valid"');
    expect(html).toContain("Credencial extraída de la imagen PNG.");
    // The verified document is in the paste box, so switching language re-verifies it.
    expect(html).toContain("&quot;OpenBadgeCredential&quot;");
  });

  it("escapes everything a credential says", async () => {
    const hostile = structuredClone(valid) as AchievementCredential & { issuer: Profile };
    hostile.credentialSubject.achievement.name = '<script>alert("x")</script>';
    hostile.credentialSubject.achievement.localizedName = { es: '<img src=x onerror="alert(1)">' };
    hostile.issuer.name = "</dd><script>alert(2)</script>";
    const res = await app.request("/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ document: JSON.stringify(hostile) }).toString(),
    });
    const html = await res.text();
    expect(html).toContain('data-verdict="invalid"');
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("explains missing and oversized input on the page", async () => {
    const empty = await app.request("/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "document=&lang=en",
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Paste the credential");

    const big = await app.request("/?lang=en", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `document=${"x".repeat(3 * 1024 * 1024)}`,
    });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("too large (at most 2 MiB)");

    const bad = await app.request("/?url=javascript:alert(1)");
    expect(bad.status).toBe(400);
  });

  it("serves its script, stylesheet and jsQR from the same origin, gzipped when accepted", async () => {
    const html = await (await app.request("/")).text();
    const script = /<script src="([^"]+)"/.exec(html)![1]!;
    const style = /<link rel="stylesheet" href="([^"]+)"/.exec(html)![1]!;
    const jsqr = /data-jsqr="([^"]+)"/.exec(html)![1]!;
    for (const path of [script, style, jsqr]) {
      const plain = await app.request(path);
      expect(plain.status).toBe(200);
      expect(plain.headers.get("cache-control")).toContain("immutable");
      const gz = await app.request(path, { headers: { "accept-encoding": "gzip" } });
      expect(gz.headers.get("content-encoding")).toBe("gzip");
      expect(Number(gz.headers.get("content-length"))).toBeLessThan(
        Number(plain.headers.get("content-length")),
      );
    }
    expect((await app.request("/assets/nothing.js")).status).toBe(404);
  });
});

describe("configuration and start", () => {
  it("reads the environment in one place and refuses bad values", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 4200,
      publicUrl: "http://localhost:4200",
      fetchAllowHosts: [],
    });
    expect(
      loadConfig({ AVALA_FETCH_ALLOW_HOSTS: "localhost:4100, localhost:4300" }).fetchAllowHosts,
    ).toEqual(["localhost:4100", "localhost:4300"]);
    expect(() => loadConfig({ VERIFIER_PORT: "http" })).toThrow(TypeError);
    expect(() => loadConfig({ AVALA_TRUST_REGISTRY: "/tmp/r.json" })).toThrow(/OPERATOR/);
    expect(() => loadConfig({ VERIFIER_PUBLIC_URL: "ftp://x" })).toThrow(TypeError);
  });

  it("did:web over http only for allow-listed loopback hosts; every other host over https", async () => {
    const allowed = [
      "localhost:4100",
      "127.0.0.1:4100",
      "127.8.9.10",
      "[::1]:4100",
      "[::2]:4100",
      "issuer.example:8443",
      "issuer.example",
      "10.0.0.5:8080",
      "192.168.1.20",
    ];
    const requested: string[] = [];
    const recording = {
      ...world.guardedFetch(),
      fetchJson: async (url: string) => {
        requested.push(url);
        throw Object.assign(new Error("not here"), { code: "refused" });
      },
    };
    const context = createVerifierContext(
      configFor({ AVALA_FETCH_ALLOW_HOSTS: allowed.join(",") }),
      { guardedFetch: recording, now: () => world.now, logger: { error: () => {} } },
    );
    const { webScheme } = context;
    // Loopback and allow-listed: the local demo and the tests.
    expect(webScheme("localhost:4100")).toBe("http");
    expect(webScheme("LOCALHOST:4100")).toBe("http");
    expect(webScheme("127.0.0.1:4100")).toBe("http");
    expect(webScheme("127.8.9.10")).toBe("http");
    expect(webScheme("[::1]:4100")).toBe("http");
    // Allow-listed but not loopback: https all the same.
    expect(webScheme("issuer.example:8443")).toBe("https");
    expect(webScheme("issuer.example")).toBe("https");
    expect(webScheme("10.0.0.5:8080")).toBe("https");
    expect(webScheme("192.168.1.20")).toBe("https");
    expect(webScheme("[::2]:4100")).toBe("https");
    // Loopback but not allow-listed (another port): https.
    expect(webScheme("localhost:4999")).toBe("https");
    expect(webScheme("127.0.0.2")).toBe("https");
    // Look-alikes are not loopback.
    expect(webScheme("localhost.issuer.example")).toBe("https");
    expect(webScheme("127.0.0.1.nip.io")).toBe("https");
    expect(webScheme("")).toBe("https");

    // The service's document loader resolves did:web with that scheme.
    for (const did of [
      "did:web:issuer.example%3A8443:orgs:x",
      "did:web:10.0.0.5%3A8080",
      "did:web:localhost%3A4100:orgs:x",
    ]) {
      await context.documentLoader(did).catch(() => undefined);
    }
    expect(requested).toEqual([
      "https://issuer.example:8443/orgs/x/did.json",
      "https://10.0.0.5:8080/.well-known/did.json",
      "http://localhost:4100/orgs/x/did.json",
    ]);
  });

  it("startVerifier listens and closes", async () => {
    const running = await startVerifier(
      { ...configFor(), hostname: "127.0.0.1" },
      {
        guardedFetch: world.guardedFetch(),
        now: () => world.now,
      },
    );
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${running.url}/healthz`);
      expect(await res.json()).toEqual({ ok: true });
    } finally {
      await running.close();
    }
  });
});
