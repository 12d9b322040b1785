import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AvalaSystem, startAvala } from "../scripts/avala-system.js";
import { launchChromium, resultsDir, withScreenshot } from "./support/browser.js";

// A credential's permanent public page and the console's PDF certificate, in real Chromium, on
// 127.0.0.1 only: the graduate publishes the page from the credential's page (phone, Spanish),
// "Add to LinkedIn" sends that page's address (its redirect is read, LinkedIn is never opened),
// an employer opens the page at 390x844 (Spanish) and 1366x768 (English) without signing in,
// nothing is wider than the screen, and "Verify it yourself" verifies it on the verify page.
// The clerk's credential page in the console offers the PDF, which the verifier accepts.

const PERSON = "María José Núñez Hernández";
const PASSWORD = "una frase bastante larga para la cartera";
const screenshots = new URL("public-page/", resultsDir);

const screens = [
  { name: "phone-es", width: 390, height: 844, mobile: true, locale: "es-MX" },
  { name: "laptop-en", width: 1366, height: 768, mobile: false, locale: "en-GB" },
] as const;

let dataDir: string;
let configDir: string;
let system: AvalaSystem;
let browser: Browser;
let credentialId: string;
let credentialJson: string;
let pageUrl = "";

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

/** Requests that leave 127.0.0.1 (none may), and page errors. */
function watch(page: Page, problems: string[]) {
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("http://127.0.0.1:") && !url.startsWith("data:")) {
      problems.push(`request outside 127.0.0.1: ${url}`);
    }
  });
}

/** Elements wider than the screen, or sticking out of it (none may). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      out.push(`page ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const el of document.body.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || getComputedStyle(el).visibility === "hidden") continue;
      // (Only the right edge: the "skip to content" link waits off to the left on purpose.)
      if (box.right > width + 0.5) {
        out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.right)}`);
      }
    }
    return out.slice(0, 10);
  });
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: new URL(`${name}.png`, screenshots).pathname, fullPage: true });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "avala-public-page-"));
  configDir = await mkdtemp(join(tmpdir(), "avala-public-page-config-"));
  system = await startAvala({
    env: {
      AVALA_DATA_DIR: dataDir,
      XDG_CONFIG_HOME: configDir,
      ISSUER_PORT: String(await freePort()),
      VERIFIER_PORT: String(await freePort()),
      WALLET_PORT: String(await freePort()),
      VERIFIER_RATE_LIMIT: "1000",
    },
    hostname: "127.0.0.1",
    log: { info: () => {}, error: console.error },
  });
  const demo = system.issuer.demo!;
  // A credential that names its learner, issued by the demo's accredited body.
  const issued = await fetch(`${system.issuer.url}/orgs/${demo.organisation}/credentials`, {
    method: "POST",
    headers: { authorization: `Bearer ${demo.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      achievementCode: demo.achievementCode,
      learner: { email: "maria.nunez@example.mx", name: PERSON },
      externalId: "public-page-1",
    }),
  });
  expect(issued.status).toBe(201);
  const body = (await issued.json()) as { id: string; verifiableCredential: unknown };
  credentialId = body.id;
  credentialJson = JSON.stringify(body.verifiableCredential);
  await mkdir(screenshots, { recursive: true });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

describe("the permanent public page in Chromium", () => {
  it("is published from the credential's page; LinkedIn gets its address, once", async () => {
    const wallet = system.wallet.url;
    const context = await browser.newContext({
      locale: "es-MX",
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const problems: string[] = [];
    const page = await context.newPage();
    watch(page, problems);
    await withScreenshot(page, "public-page-holder", async () => {
      await page.goto(`${wallet}/signup`);
      await page.locator('input[name="name"]').fill(PERSON);
      await page.locator('input[name="email"]').fill("maria.nunez@example.mx");
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.locator('form[action="/signup"] button[type="submit"]').click();
      await page.waitForURL(`${wallet}/credentials**`);
      await page.goto(`${wallet}/add`);
      await page.locator('textarea[name="json"]').fill(credentialJson);
      await page.locator('form[action="/import/paste"] button[type="submit"]').click();
      await page.waitForLoadState("load");
      await page.goto(`${wallet}/credentials`);
      await page.locator("a.credential-title").first().click();
      await page.waitForURL(/\/credentials\/[0-9a-f-]{36}$/);
      const detail = page.url();

      // The credential page's CSP lets the LinkedIn form be redirected there, and nowhere else.
      const response = await page.reload();
      expect(response!.headers()["content-security-policy"]).toContain(
        "form-action 'self' https://www.linkedin.com",
      );
      await page.getByRole("button", { name: "Publicar una página permanente" }).click();
      await page.locator("#public-page-link").waitFor();
      pageUrl = await page.locator("#public-page-link").inputValue();
      expect(pageUrl).toMatch(new RegExp(`^${wallet}/p/[\\w-]{22}$`));
      await page.locator("#public-page-card").scrollIntoViewIfNeeded();
      await shot(page, "wallet-credential-page-phone-es");
      await page.locator("#public-page-card").screenshot({
        path: new URL("wallet-public-page-card-phone-es.png", screenshots).pathname,
      });
      expect(await overflowing(page)).toEqual([]);

      // "Add to LinkedIn": the wallet's answer is read (a 303 to LinkedIn's form); the browser is
      // then given a blank page instead, so linkedin.com is never contacted.
      const locations: string[] = [];
      await page.route("**/credentials/*/linkedin", async (route) => {
        const answer = await route.fetch({ maxRedirects: 0 });
        expect(answer.status()).toBe(303);
        locations.push(answer.headers()["location"] ?? "");
        await route.fulfill({ status: 200, contentType: "text/html", body: "<p>LinkedIn</p>" });
      });
      for (let i = 0; i < 2; i++) {
        await page.goto(detail);
        await page.getByRole("button", { name: "Añadir a LinkedIn" }).click();
        await page.getByText("LinkedIn", { exact: true }).waitFor();
      }
      expect(locations).toHaveLength(2);
      for (const location of locations) {
        const url = new URL(location);
        expect(`${url.origin}${url.pathname}`).toBe("https://www.linkedin.com/profile/add");
        expect(url.searchParams.get("certUrl")).toBe(pageUrl);
        expect(url.searchParams.get("organizationName")).toBeTruthy();
        expect(url.searchParams.get("certId")).toMatch(/^urn:uuid:/);
      }
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const screen of screens) {
    it(`shows the facts to an employer at ${screen.width}x${screen.height} (${screen.locale}), nothing wider than the screen`, async () => {
      expect(pageUrl).not.toBe("");
      const context: BrowserContext = await browser.newContext({
        locale: screen.locale,
        viewport: { width: screen.width, height: screen.height },
        isMobile: screen.mobile,
        hasTouch: screen.mobile,
      });
      const problems: string[] = [];
      const page = await context.newPage();
      watch(page, problems);
      await withScreenshot(page, `public-page-${screen.name}`, async () => {
        const response = await page.goto(pageUrl);
        expect(response!.status()).toBe(200);
        const english = screen.locale === "en-GB";
        const verdict = page.locator("#public-verdict");
        await expect
          .poll(() => verdict.locator("strong").textContent())
          .toBe(english ? "Genuine and current" : "Auténtico y vigente");
        // The verdict and whose it is are in the first screen.
        for (const locator of [verdict, page.getByText(PERSON, { exact: true })]) {
          const box = await locator.boundingBox();
          expect(box).not.toBeNull();
          expect(box!.y + box!.height).toBeLessThanOrEqual(screen.height);
        }
        const text = await page.locator("main").textContent();
        expect(text).toContain(english ? "Accreditation" : "Acreditación");
        expect(text).toContain("CONOCER");
        expect(await overflowing(page)).toEqual([]);
        await shot(page, `public-page-${screen.name}`);

        // "Verify it yourself": the verify page reads the credential from the page's address.
        await page
          .getByRole("link", { name: english ? "Verify it yourself" : "Verifícalo tú" })
          .click();
        await page.waitForURL(`${system.verifier.url}/**`);
        await page.locator("#result").waitFor();
        expect(await page.locator("#result").getAttribute("data-verdict")).toBe("valid");
        expect(decodeURIComponent(page.url())).toContain(`${pageUrl}/credential.json`);
      });
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it("answers 410 with a plain page once withdrawn", async () => {
    const context = await browser.newContext({
      locale: "es-MX",
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await withScreenshot(page, "public-page-withdrawn", async () => {
      // The holder withdraws it (signed in, through the page's own form).
      await page.goto(`${system.wallet.url}/signin`);
      await page.locator('input[name="email"]').fill("maria.nunez@example.mx");
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.locator('form[action="/signin"] button[type="submit"]').click();
      await page.waitForURL(`${system.wallet.url}/credentials**`);
      await page.locator("a.credential-title").first().click();
      page.once("dialog", (dialog) => dialog.accept());
      await page.getByRole("button", { name: "Retirar la página" }).click();
      await page.getByText("Página retirada").waitFor();
      const gone = await page.goto(pageUrl);
      expect(gone!.status()).toBe(410);
      await page.getByRole("heading", { name: "Ya no está disponible" }).waitFor();
      expect(await overflowing(page)).toEqual([]);
      await shot(page, "public-page-withdrawn-phone-es");
    });
    await context.close();
  });
});

describe("the console's PDF certificate in Chromium", () => {
  for (const screen of screens) {
    it(`is offered on the credential's page at ${screen.width}px (${screen.locale}) and verifies`, async () => {
      const demo = system.issuer.demo!;
      const context = await browser.newContext({
        locale: screen.locale,
        viewport: { width: screen.width, height: screen.height },
        isMobile: screen.mobile,
        hasTouch: screen.mobile,
      });
      const problems: string[] = [];
      const page = await context.newPage();
      watch(page, problems);
      await withScreenshot(page, `console-pdf-${screen.name}`, async () => {
        await page.goto(`${system.issuer.url}/console/signin`);
        await page.locator('input[name="email"]').fill(demo.consoleLogin.email);
        await page.locator('input[name="password"]').fill(demo.consoleLogin.password);
        await page.locator('form[action="/console/signin"] button[type="submit"]').click();
        await page.waitForURL(`${system.issuer.url}/console**`);
        await page.goto(`${system.issuer.url}/console/credentials/${credentialId}`);
        const english = screen.locale === "en-GB";
        const link = page.getByRole("link", {
          name: english ? "Download PDF certificate" : "Descargar el certificado en PDF",
        });
        await link.waitFor();
        expect(await overflowing(page)).toEqual([]);
        await shot(page, `console-credential-${screen.name}`);

        const href = `${system.issuer.url}${await link.getAttribute("href")}`;
        const download = await page.request.get(href, {
          maxRedirects: 0,
        });
        expect(download.status()).toBe(200);
        expect(download.headers()["content-disposition"]).toMatch(
          /^attachment; filename=".+\.pdf"$/,
        );
        const pdf = await download.body();
        if (screen.mobile) {
          await mkdir(screenshots, { recursive: true });
          await writeFile(new URL("console-certificate.pdf", screenshots), pdf);
        }
        // The verifier, over its API, verifies the PDF itself: the credential inside, and the
        // printed name and achievement against it.
        const verified = await fetch(`${system.verifier.url}/credentials/verify`, {
          method: "POST",
          headers: { "content-type": "application/pdf" },
          body: new Uint8Array(pdf),
        });
        const result = (await verified.json()) as {
          verified: boolean;
          results: { verdict: string; checks: Array<{ code: string; outcome: string }> };
        };
        expect(verified.status).toBe(200);
        expect(result.verified).toBe(true);
        expect(result.results.verdict).toBe("valid");
        const printed = result.results.checks.find((c) => c.code === "pdf.printed-matches");
        expect(printed?.outcome).toBe("pass");
      });
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
