import "../../test/support/loopback-only.js";
import type { AddressInfo } from "node:net";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { serve } from "@hono/node-server";
import type { Browser as Chromium, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, resultsDir, withScreenshot } from "../../test/support/browser.js";
import type { WalletTables } from "../src/db/tables.js";
import { foreignIssuer } from "./foreign-openid4vci-issuer.js";
import { Browser, openTestWallet, type TestWallet } from "./helpers.js";

// In a real Chromium, in Spanish and English: an OpenID4VCI offer pasted on /add ("From a
// link", or the offer field) shows who offers what in plain words, takes the PIN, and keeps the
// credential. The offer page and a refusal are photographed at 390×844 and 1366×768
// (test-results/openid4vci-*.png) and must fit the screen. One database: this is about the pages.
const [sqlite] = testDatabases();

const sizes = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
];

async function photograph(page: Page, name: string) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll, `${name} at ${size.width}`).toBeLessThanOrEqual(size.width);
    const path = new URL(`openid4vci-${name}-${size.width}x${size.height}.png`, resultsDir);
    await page.screenshot({ path: path.pathname, fullPage: true });
  }
}

const mainText = async (page: Page) =>
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text, as a person reads it.
  (await page.locator("main").innerText()).replace(/\s+/g, " ");

describe("an OpenID4VCI offer pasted on /add, in Chromium", () => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let server: ReturnType<typeof serve>;
  let origin: string;
  let chromium: Chromium;
  let foreign: Awaited<ReturnType<typeof foreignIssuer>>;

  beforeAll(async () => {
    foreign = await foreignIssuer();
    database = await sqlite!.open<WalletTables>();
    wallet = await openTestWallet(database, {
      config: { fetchAllowHosts: [foreign.host] },
      clock: { now: () => new Date(), advance: () => {} },
    });
    server = serve({ fetch: wallet.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    chromium = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await new Promise((resolve) => server?.close(resolve));
    await wallet?.ctx.destroy();
    await database?.destroy();
    await foreign?.close();
  });

  const cases = [
    {
      locale: "es-MX",
      email: "lupita@example.mx",
      field: "Enlace",
      form: "/import/url",
      lead: "Instituto Extranjero de Pruebas te ofrece un certificado",
      credential: "Insignia de prueba",
      accept: "Aceptar y guardar",
      kept: "El certificado ya está en tu cartera.",
      refused: "todavía no sabe guardar",
    },
    {
      locale: "en-US",
      email: "bruno@example.mx",
      field: "Offer link",
      form: "/claim",
      lead: "Foreign Test Institute is offering you a certificate",
      credential: "Test badge",
      accept: "Accept and keep",
      kept: "The certificate is now in your wallet.",
      refused: "cannot keep yet",
    },
  ];

  for (const c of cases) {
    it(`takes a pasted offer with its PIN (${c.locale})`, async () => {
      const holder = new Browser(wallet.app);
      await holder.signUp(c.email);
      const context = await chromium.newContext({ locale: c.locale });
      await context.addCookies(
        [...holder.cookies].map(([name, value]) => ({ name, value, url: origin })),
      );
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("console", (m) => {
        // A refusal is answered with its status (422): the browser logs that, and only that.
        if (m.type() === "error" && !m.text().includes("status of 422")) problems.push(m.text());
      });
      try {
        await withScreenshot(page, `openid4vci-${c.locale}`, async () => {
          await page.goto(`${origin}/add`);
          await page
            .getByLabel(c.field, { exact: true })
            .fill(await foreign.offer({ pin: "2468" }));
          await page.locator(`form[action="${c.form}"] button[type="submit"]`).first().click();
          await page.waitForURL(/\/openid4vci\?offer=/);
          const offer = await mainText(page);
          expect(offer).toContain(c.lead);
          expect(offer).toContain(c.credential);
          expect(offer).not.toMatch(/ldp_vc|did:|JSON-LD|pre-authorized/);
          await photograph(page, `offer-${c.locale}`);
          await page.getByLabel("PIN").fill("2468");
          await page.getByRole("button", { name: c.accept }).click();
          await page.waitForURL(/\/credentials\/[0-9a-f-]{36}\?m=claimed/);
          expect(await mainText(page)).toContain(c.kept);

          await page.goto(
            `${origin}/openid4vci?offer=${encodeURIComponent(await foreign.offer({ configuration: "DrivingLicence_mdoc" }))}`,
          );
          expect(await mainText(page)).toContain(c.refused);
          await photograph(page, `refused-${c.locale}`);
        });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
