import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import type { Credential } from "@avala/credentials";
import type { RunningVerifier } from "@avala/verifier";
import { loadConfig, startVerifier } from "@avala/verifier";
import type { FixtureWorld } from "@avala/verifier/testing";
import { createFixtureWorld } from "@avala/verifier/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, resultsDir, withScreenshot } from "./support/browser.js";

// "Facts first" on the verify page, in real Chromium: at a phone's 390x844 and a laptop's
// 1366x768, the verdict, the person, the achievement and the issuer are inside the first
// viewport, the checks are folded under "Technical details", and revoked and suspended are
// verdicts of their own, in their own colours, not the red of a forgery. All on 127.0.0.1.

const GREEN = "rgb(27, 127, 59)";
const RED = "rgb(179, 38, 30)";
const PURPLE = "rgb(91, 44, 131)";
const TEAL = "rgb(0, 96, 107)";

const screens = [
  { name: "phone", width: 390, height: 844, mobile: true },
  { name: "laptop", width: 1366, height: 768, mobile: false },
] as const;

let world: FixtureWorld;
let verifier: RunningVerifier;
let browser: Browser;
const links: Record<"valid" | "revoked" | "suspended" | "altered", string> = {
  valid: "",
  revoked: "",
  suspended: "",
  altered: "",
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  world = await createFixtureWorld();
  const endorsement = await world.endorse(world.sep, world.entidad);
  const { credential: valid } = await world.issue({
    issuer: world.entidad,
    endorsements: [endorsement],
  });
  const revoked = await world.issue({ issuer: world.ece });
  await world.setStatus(world.ece, "revocation", revoked.statusIndex!, true);
  const suspended = await world.issue({ issuer: world.ece, statusPurposes: ["suspension"] });
  await world.setStatus(world.ece, "suspension", suspended.statusIndex!, true);
  // Signed, then changed: the proof no longer matches.
  const altered = structuredClone(valid) as Credential & {
    credentialSubject: { achievement: { name: string } };
  };
  altered.credentialSubject.achievement.name = "Doctorado en todo";
  links.valid = world.server.serve("/facts/valid.json", valid);
  links.revoked = world.server.serve("/facts/revoked.json", revoked.credential);
  links.suspended = world.server.serve("/facts/suspended.json", suspended.credential);
  links.altered = world.server.serve("/facts/altered.json", altered);
  const port = await freePort();
  const config = loadConfig({
    VERIFIER_PORT: String(port),
    VERIFIER_HOST: "127.0.0.1",
    VERIFIER_PUBLIC_URL: `http://127.0.0.1:${port}`,
    AVALA_TRUST_REGISTRY: world.registryUrl,
    AVALA_TRUST_REGISTRY_OPERATOR: world.operator.controller,
    AVALA_FETCH_ALLOW_HOSTS: world.server.host,
    VERIFIER_RATE_LIMIT: "1000",
  });
  verifier = await startVerifier(config, {
    guardedFetch: world.guardedFetch(),
    now: () => world.now,
  });
  browser = await launchChromium();
  await mkdir(resultsDir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await verifier?.close();
  await world?.server.close();
});

/** Bottom edges (px from the top of the page) of the facts a reader needs first. */
async function factBottoms(page: Page, all = true): Promise<Record<string, number>> {
  const selectors: Record<string, string> = {
    verdict: "#verdict",
    person: '[data-field="holder"]',
    achievement: "h3.achievement",
    issuer: '[data-field="issuer"]',
  };
  // Who accredits the issuer comes only from a verified signature; the dates always.
  if (all) selectors.accreditation = '[data-field="accreditation"]';
  selectors.dates = '[data-field="dates"]';
  const out: Record<string, number> = {};
  for (const [name, selector] of Object.entries(selectors)) {
    out[name] = await page
      .locator(selector)
      .first()
      .evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
  }
  return out;
}

async function open(
  kind: keyof typeof links,
  screen: (typeof screens)[number],
  locale: "es-MX" | "en-GB",
) {
  const context = await browser.newContext({
    locale,
    viewport: { width: screen.width, height: screen.height },
    isMobile: screen.mobile,
    hasTouch: screen.mobile,
  });
  const page = await context.newPage();
  await page.goto(`${verifier.url}/?url=${encodeURIComponent(links[kind])}`);
  await page.locator("#result").waitFor();
  return { context, page };
}

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function bannerColour(page: Page): Promise<string> {
  return page.locator("#result > .banner").evaluate((el) => getComputedStyle(el).backgroundColor);
}

describe("verify page: facts first", () => {
  for (const screen of screens) {
    for (const locale of ["es-MX", "en-GB"] as const) {
      it(`${screen.name} ${screen.width}x${screen.height} ${locale}: verdict, person, achievement and issuer in the first viewport`, async () => {
        const { context, page } = await open("valid", screen, locale);
        try {
          await withScreenshot(page, `facts-${screen.name}-${locale}`, async () => {
            await page.locator('#result[data-verdict="valid"]').waitFor();
            const bottoms = await factBottoms(page);
            for (const [name, bottom] of Object.entries(bottoms)) {
              expect(bottom, name).toBeGreaterThan(0);
              expect(bottom, name).toBeLessThanOrEqual(screen.height);
            }
            // The checks and raw identifiers are folded away, in plain words.
            const details = page.locator("details.technical").first();
            expect(await details.getAttribute("open")).toBeNull();
            expect(await page.locator(".checks").first().isVisible()).toBe(false);
            // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a person reads it (closed details excluded).
            const visible = (await page.locator("#result").innerText()).replace(/\s+/g, " ");
            for (const jargon of ["did:", "JSON-LD", "credential(s)", "credencial(es)"]) {
              expect(visible, jargon).not.toContain(jargon);
            }
            const en = locale === "en-GB";
            expect(visible).toContain(en ? "Technical details" : "Detalles técnicos");
            expect(await page.locator('[data-field="holder"] dd').textContent()).toBe(
              en ? "Identified by CURP (hidden)" : "Identificado por CURP (no se muestra)",
            );
            expect(await page.locator("h3.achievement").textContent()).toBe(
              en
                ? "Delivering face-to-face group training courses"
                : "Impartición de cursos de formación del capital humano de manera presencial grupal",
            );
            expect(await page.locator('[data-field="accreditation"] dd').textContent()).toContain(
              "CECATI 17",
            );
            expect(await page.locator('[data-field="dates"] time').count()).toBeGreaterThan(0);
            expect(await overflow(page)).toBeLessThanOrEqual(0);
            await page.screenshot({
              path: new URL(`verify-facts-${screen.name}-${locale}.png`, resultsDir).pathname,
            });
            // Opening the technical details shows the checks and the issuer's identifier.
            await details.locator("summary").click();
            expect(await page.locator(".checks").first().isVisible()).toBe(true);
            expect(await page.locator('[data-field="issuer-id"] .did').textContent()).toMatch(
              /^did:/,
            );
            expect(await overflow(page)).toBeLessThanOrEqual(0);
          });
        } finally {
          await context.close();
        }
      }, 60_000);
    }
  }

  const verdicts = [
    {
      kind: "revoked",
      state: "revoked",
      colour: PURPLE,
      es: "Revocado por el emisor",
      en: "Revoked by the issuer",
    },
    {
      kind: "suspended",
      state: "suspended",
      colour: TEAL,
      es: "Suspendido por el emisor",
      en: "Suspended by the issuer",
    },
    { kind: "altered", state: "invalid", colour: RED, es: "No válido", en: "Not valid" },
  ] as const;
  for (const v of verdicts) {
    for (const screen of screens) {
      const locale = screen.mobile ? "es-MX" : "en-GB";
      it(`${v.kind} at ${screen.name}: its own verdict and colour, facts still first`, async () => {
        const { context, page } = await open(v.kind, screen, locale);
        try {
          await withScreenshot(page, `facts-${v.kind}-${screen.name}`, async () => {
            await page.locator('#result[data-verdict="invalid"]').waitFor();
            expect(await page.locator("#result").getAttribute("data-state")).toBe(v.state);
            expect(await page.locator("#verdict").textContent()).toBe(
              locale === "en-GB" ? v.en : v.es,
            );
            expect(await bannerColour(page)).toBe(v.colour);
            expect(await bannerColour(page)).not.toBe(GREEN);
            const bottoms = await factBottoms(page, v.kind !== "altered");
            for (const [name, bottom] of Object.entries(bottoms)) {
              expect(bottom, name).toBeLessThanOrEqual(screen.height);
            }
            expect(await overflow(page)).toBeLessThanOrEqual(0);
            await page.screenshot({
              path: new URL(`verify-facts-${v.kind}-${screen.name}.png`, resultsDir).pathname,
            });
          });
        } finally {
          await context.close();
        }
      }, 60_000);
    }
  }
});
