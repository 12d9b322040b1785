/**
 * "Facts first" on the verify page: the verdict, then whose certificate it is, what it is, who
 * issued it and who accredits it, and the dates; the checks and every raw identifier folded
 * under "Technical details". Revoked and suspended are verdicts of their own, never the words of
 * a forgery. Real signatures, real status lists, the real app.
 */
import type { Credential } from "@avala/credentials";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeCredential } from "../src/describe.js";
import { createVerifierApp, createVerifierContext, loadConfig } from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

let world: FixtureWorld;
let app: Hono;
let valid: Credential;
let revoked: Credential;
let suspended: Credential;

async function page(document: unknown, lang: "es" | "en") {
  const response = await app.request("/", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ document: JSON.stringify(document), lang }).toString(),
  });
  expect(response.status).toBe(200);
  return response.text();
}

/** The result section up to its technical details: what a reader sees without a click. */
function upFront(html: string): string {
  const start = html.indexOf('<section id="result"');
  const end = html.indexOf('<details class="technical">', start);
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  return html.slice(start, end);
}

function state(html: string): string | undefined {
  return /<section id="result"[^>]* data-state="([\w-]+)"/.exec(html)?.[1];
}

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
  ({ credential: valid } = await world.issue({ issuer: world.ece }));
  const r = await world.issue({ issuer: world.ece });
  await world.setStatus(world.ece, "revocation", r.statusIndex!, true);
  revoked = r.credential;
  const s = await world.issue({ issuer: world.ece, statusPurposes: ["suspension"] });
  await world.setStatus(world.ece, "suspension", s.statusIndex!, true);
  suspended = s.credential;
});

afterAll(async () => {
  await world?.server.close();
});

describe("facts first", () => {
  it("the facts come before the checks, in plain words; identifiers only in the details", async () => {
    for (const lang of ["es", "en"] as const) {
      const html = await page(valid, lang);
      expect(state(html)).toBe("valid");
      const front = upFront(html);
      const order = ['id="verdict"', 'data-field="holder"', 'data-field="kind"'];
      order.push('data-field="issuer"', 'data-field="accreditation"', 'data-field="dates"');
      const positions = order.map((marker) => front.indexOf(marker));
      expect(positions.every((p) => p > -1)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(front).not.toContain("did:");
      expect(front).not.toContain("JSON-LD");
      expect(front).not.toContain('class="checks"');
      expect(front).toContain(
        lang === "es" ? "Identificado por CURP (no se muestra)" : "Identified by CURP (hidden)",
      );
      // The standard's public record, linked from the credential's own alignment.
      expect(front).toMatch(
        /<a class="code nowrap record" href="https:\/\/conocer\.gob\.mx\/[^"]*#EC\d{4}[^"]*" rel="noopener noreferrer nofollow"/,
      );
      expect(front).toContain(lang === "es" ? "ver su registro público" : "see its public record");
      // The details are closed and hold the checks and the issuer's DID.
      const details = html.slice(html.indexOf('<details class="technical">'));
      expect(details).toContain('class="checks"');
      expect(details).toContain(world.ece.did);
      expect(details).toContain(lang === "es" ? "Detalles técnicos" : "Technical details");
    }
  });

  it.each([
    ["revoked", () => revoked, "Revocado por el emisor", "Revoked by the issuer"],
    ["suspended", () => suspended, "Suspendido por el emisor", "Suspended by the issuer"],
  ])("%s: a verdict of its own, not a forgery's", async (name, make, es, en) => {
    const spanish = await page(make(), "es");
    expect(spanish).toContain('data-verdict="invalid"');
    expect(state(spanish)).toBe(name);
    expect(spanish).toContain(`<h2 id="verdict">${es}</h2>`);
    expect(spanish).toContain("pero no es falsa");
    expect(spanish).not.toContain("No confíes en este documento");
    const english = await page(make(), "en");
    expect(english).toContain(`<h2 id="verdict">${en}</h2>`);
    expect(english).not.toContain("Do not rely on this document");
  });

  it("an altered credential is still 'not valid', even when it is also revoked", async () => {
    const altered = structuredClone(revoked) as unknown as {
      credentialSubject: { achievement: { name: string } };
    };
    altered.credentialSubject.achievement.name = "Doctorado en todo";
    const html = await page(altered, "es");
    expect(state(html)).toBe("invalid");
    expect(html).toContain('<h2 id="verdict">No válido</h2>');
    expect(html).not.toContain("Revocado por el emisor");
  });

  it("the learner's name, when the credential carries one, comes first", () => {
    const document = {
      credentialSubject: {
        name: "Ana López Hernández",
        identifier: [{ identityType: "emailAddress", identityHash: "sha256$x", hashed: true }],
      },
    };
    const es = describeCredential(document, "es");
    expect(es.holder).toMatchObject({
      kind: "hashed",
      name: "Ana López Hernández",
      text: "Identificado por correo electrónico (no se muestra)",
    });
    expect(describeCredential(document, "en").holder.text).toBe(
      "Identified by email address (hidden)",
    );
    expect(describeCredential({ credentialSubject: {} }, "en").holder.name).toBeUndefined();
  });
});
