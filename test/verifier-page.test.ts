import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Credential } from "@avala/credentials";
import type { RunningVerifier } from "@avala/verifier";
import { bakePng, bakeSvg, loadConfig, startVerifier } from "@avala/verifier";
import type { FixtureWorld } from "@avala/verifier/testing";
import { createFixtureWorld, samplePng, sampleSvg } from "@avala/verifier/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, withScreenshot } from "./support/browser.js";
import { qrVideo } from "./support/y4m.js";

// The verify page in real Chromium: paste, switch language, upload, open a link, and scan a QR
// code with a fake camera fed from a generated video. All traffic stays on 127.0.0.1.

const GREEN = "rgb(27, 127, 59)";
const PURPLE = "rgb(91, 44, 131)";

let world: FixtureWorld;
let verifier: RunningVerifier;
let browser: Browser;
let valid: Credential;
let revoked: Credential;
let tmp: string;

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

/** A page that records script errors and CSP/Trusted Types violations. */
async function openPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("request", (request) => {
    if (!request.url().startsWith("http://127.0.0.1:") && !request.url().startsWith("data:")) {
      problems.push(`request outside 127.0.0.1: ${request.url()}`);
    }
  });
  return { page, problems };
}

async function bannerColour(page: Page): Promise<string> {
  return page.locator("#result > .banner").evaluate((el) => getComputedStyle(el).backgroundColor);
}

beforeAll(async () => {
  world = await createFixtureWorld();
  const endorsement = await world.endorse(world.sep, world.entidad);
  ({ credential: valid } = await world.issue({
    issuer: world.entidad,
    endorsements: [endorsement],
  }));
  const issued = await world.issue({ issuer: world.ece });
  revoked = issued.credential;
  await world.setStatus(world.ece, "revocation", issued.statusIndex!, true);
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
  tmp = await mkdtemp(join(tmpdir(), "avala-page-"));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await verifier?.close();
  await world?.server.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("verify page in Chromium", () => {
  it("paste JSON: valid and green in Spanish, then switch to English", async () => {
    const context = await browser.newContext({ locale: "es-MX" });
    const { page, problems } = await openPage(context);
    try {
      await withScreenshot(page, "verifier-paste", async () => {
        await page.goto(`${verifier.url}/`);
        expect(await page.locator("html").getAttribute("lang")).toBe("es");
        await page.locator("#document").fill(JSON.stringify(valid));
        await page.locator("#paste-submit").click();
        await page.locator('#result[data-verdict="valid"]').waitFor();
        expect(await page.locator("#verdict").textContent()).toBe("Certificado válido");
        expect(await bannerColour(page)).toBe(GREEN);
        const accreditation = page.locator('[data-field="accreditation"] dd');
        expect(await accreditation.textContent()).toBe(
          "Secretaría de Educación Pública acredita a CECATI 17.",
        );
        expect(await page.locator('[data-field="level"] dd').textContent()).toBe("Nivel 3 de 5");
        expect(await page.locator('[data-field="units"] li').count()).toBe(3);

        await page.locator("#lang-toggle").click();
        await page.locator('html[lang="en"]').waitFor();
        await page.locator('#result[data-verdict="valid"]').waitFor();
        expect(await page.locator("#verdict").textContent()).toBe("Valid certificate");
        expect(await accreditation.textContent()).toBe(
          "Ministry of Public Education (SEP) accredits CECATI 17.",
        );
        expect(await page.locator("h3.achievement").textContent()).toBe(
          "Delivering face-to-face group training courses",
        );
        expect(await bannerColour(page)).toBe(GREEN);
      });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("upload a baked PNG and a baked SVG (sent as soon as the file is chosen)", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const { page, problems } = await openPage(context);
    try {
      await withScreenshot(page, "verifier-upload", async () => {
        const png = join(tmp, "certificado.png");
        await writeFile(png, bakePng(await samplePng(), valid));
        await page.goto(`${verifier.url}/`);
        expect(await page.locator("html").getAttribute("lang")).toBe("en");
        await page.locator("#file").setInputFiles(png);
        await page.locator('#result[data-verdict="valid"]').waitFor();
        expect(await page.locator('[data-code="baked.extracted"] .message').textContent()).toBe(
          "Credential extracted from the PNG image.",
        );

        const svg = join(tmp, "certificado.svg");
        await writeFile(svg, bakeSvg(await sampleSvg(), revoked));
        await page.locator("#file").setInputFiles(svg);
        await page.locator('#result[data-verdict="invalid"]').waitFor();
        expect(await page.locator("#verdict").textContent()).toBe("Revoked by the issuer");
        expect(await bannerColour(page)).toBe(PURPLE);
        expect(await page.locator('[data-code="status.revoked"]').count()).toBe(1);
      });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("open a link: /?url= verifies a wallet share link on load", async () => {
    const bundle = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      verifiableCredential: [valid],
    };
    const share = world.server.serve("/share/page-test", bundle);
    const context = await browser.newContext({ locale: "es-MX" });
    const { page, problems } = await openPage(context);
    try {
      await withScreenshot(page, "verifier-link", async () => {
        await page.goto(`${verifier.url}/?url=${encodeURIComponent(share)}`);
        await page.locator('#result[data-verdict="valid"]').waitFor();
        expect(await page.locator("article.credential").count()).toBe(1);
        expect(await page.locator(".summary").textContent()).toBe(
          "Conjunto de 1 credencial(es) enviado desde una cartera digital.",
        );
        // A link to a revoked credential says so, in its own colour (not a forgery's red).
        const url = world.server.serve("/credentials/revoked.json", revoked);
        await page.locator("#url").fill(url);
        await page.locator("#url-form button").click();
        await page.locator('#result[data-verdict="invalid"]').waitFor();
        expect(await page.locator("#verdict").textContent()).toBe("Revocado por el emisor");
        expect(await bannerColour(page)).toBe(PURPLE);
      });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("is usable on a phone: nothing overflows and touch targets are at least 44 px", async () => {
    const context = await browser.newContext({
      locale: "es-MX",
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const { page } = await openPage(context);
    try {
      await withScreenshot(page, "verifier-phone", async () => {
        const url = world.server.serve("/credentials/phone.json", valid);
        await page.goto(`${verifier.url}/?url=${encodeURIComponent(url)}`);
        await page.locator('#result[data-verdict="valid"]').waitFor();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        for (const selector of [
          "#lang-toggle",
          "#scan-start",
          "#url-form button",
          "#paste-submit",
        ]) {
          const box = await page.locator(selector).boundingBox();
          expect(box?.height ?? 0, selector).toBeGreaterThanOrEqual(44);
        }
      });
    } finally {
      await context.close();
    }
  }, 60_000);

  it("scan a QR code with the camera (a fake device playing a generated video)", async () => {
    const url = world.server.serve("/credentials/scanned.json", valid);
    const video = join(tmp, "qr.y4m");
    await writeFile(video, qrVideo(url));
    const camera = await launchChromium([
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const context = await camera.newContext({ locale: "en-US", permissions: ["camera"] });
      const { page, problems } = await openPage(context);
      await withScreenshot(page, "verifier-scan", async () => {
        await page.goto(`${verifier.url}/`);
        await page.locator("#scan").waitFor({ state: "visible" });
        await page.locator("#scan-start").click();
        await page.waitForURL((u) => u.searchParams.get("url") === url, { timeout: 20_000 });
        await page.locator('#result[data-verdict="valid"]').waitFor();
        expect(await page.locator("html").getAttribute("lang")).toBe("en");
        expect(await page.locator("#verdict").textContent()).toBe("Valid certificate");
        expect(await bannerColour(page)).toBe(GREEN);
      });
      expect(problems).toEqual([]);
    } finally {
      await camera.close();
    }
  }, 90_000);
});
