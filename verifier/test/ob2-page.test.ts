/**
 * Open Badges 2.0 on the verify page: the facts first like any certificate, and the banner says
 * what the result is worth in plain words (signed, confirmed on the issuer's site just now, or
 * not confirmable at all). The real app, a real issuer site on loopback, real signatures.
 */

import { createGuardedFetch } from "@avala/guarded-fetch";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVerifierApp, createVerifierContext, loadConfig } from "../src/index.js";
import type { FixtureWorld, Ob2Site } from "../src/testing.js";
import {
  createFixtureWorld,
  createOb2Site,
  refuseDns,
  startFixtureServer,
} from "../src/testing.js";

let world: FixtureWorld;
let site: Ob2Site;
let app: Hono;

beforeAll(async () => {
  world = await createFixtureWorld();
  site = await createOb2Site(await startFixtureServer());
  const config = loadConfig({
    VERIFIER_PORT: "0",
    VERIFIER_PUBLIC_URL: "http://verifier.test",
    AVALA_TRUST_REGISTRY: world.registryUrl,
    AVALA_TRUST_REGISTRY_OPERATOR: world.operator.controller,
    AVALA_FETCH_ALLOW_HOSTS: `${world.server.host},${site.server.host}`,
    VERIFIER_RATE_LIMIT: "1000",
  });
  app = createVerifierApp(
    createVerifierContext(config, {
      guardedFetch: createGuardedFetch({
        allowHosts: [world.server.host, site.server.host],
        timeoutMs: 3000,
        lookup: refuseDns,
      }),
      now: () => new Date("2026-06-01T12:00:00Z"),
      logger: { error: () => {} },
    }),
  );
});

afterAll(async () => {
  await site?.close();
  await world?.server.close();
});

async function page(document: string, lang: "es" | "en") {
  const response = await app.request("/", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ document, lang }).toString(),
  });
  expect(response.status).toBe(200);
  return response.text();
}

function upFront(html: string): string {
  const start = html.indexOf('<section id="result"');
  const end = html.indexOf('<details class="technical">', start);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, end);
}

const state = (html: string) => /<section id="result"[^>]* data-state="([\w-]+)"/.exec(html)?.[1];

describe("Open Badges 2.0 on the verify page", () => {
  it("shows a signed badge's facts and says it is signed by the issuer", async () => {
    const html = await page(await site.signed(), "en");
    expect(state(html)).toBe("valid");
    const front = upFront(html);
    expect(front).toContain("Signed by the issuer");
    expect(front).not.toContain("the issuer is recognised");
    expect(front).toContain("Python para análisis de datos");
    expect(front).toContain("Universidad del Ejemplo");
    expect(front).toContain("Badge (Open Badges 2.0)");
    expect(front.indexOf('id="verdict"')).toBeLessThan(front.indexOf("Python para análisis"));
  });

  it("says a hosted badge was confirmed on the issuer's site just now, in Spanish too", async () => {
    const html = await page(JSON.stringify(site.hosted("pagina")), "es");
    expect(state(html)).toBe("valid");
    expect(upFront(html)).toContain("Confirmada en el sitio del emisor hace un momento");
  });

  it("says a hosted badge whose site is gone cannot be confirmed at all", async () => {
    const gone = site.hosted("retirada");
    site.server.remove("/assertions/retirada.json");
    const html = await page(JSON.stringify(gone), "en");
    expect(state(html)).toBe("unchecked");
    expect(upFront(html)).toContain("Cannot be confirmed at all");
  });

  it("calls a revoked badge revoked, not forged", async () => {
    const jws = await site.signed({ uid: "page-revoked" });
    site.revoke("page-revoked", "Emitida por error");
    const html = await page(jws, "es");
    expect(state(html)).toBe("revoked");
  });
});
