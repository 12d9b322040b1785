// Loopback only: every other connection is refused before it starts (Socket#connect).
import "../../test/support/loopback-only.js";
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import type { Credential } from "@avala/credentials";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import type { RunningVerifier } from "@avala/verifier";
import { loadConfig, startVerifier } from "@avala/verifier";
import type { FixtureWorld, GenericFixtures } from "@avala/verifier/testing";
import { createFixtureWorld, createGenericFixtures } from "@avala/verifier/testing";
import { serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, resultsDir, withScreenshot } from "../../test/support/browser.js";
import { findAccountByEmail } from "../src/db/repositories.js";
import type { WalletTables } from "../src/db/tables.js";
import { openTestWallet, type TestWallet, Browser as WalletBrowser } from "./helpers.js";

// A credential that is not an Open Badge (issue 14, part 2) in real Chromium: the verify page
// and the wallet's detail page show a foreign diploma and an ELM-like credential generically
// (issuer, holder, claims as labelled lines, dates, an honest verdict) in Spanish and English,
// on a phone (390x844) and a laptop (1366x768), never wider than the screen. Screenshots are
// kept under test-results/generic-*.png to be looked at. All traffic stays on 127.0.0.1.

const [sqlite] = testDatabases();
const sizes = [
  { width: 390, height: 844, mobile: true },
  { width: 1366, height: 768, mobile: false },
] as const;
const locales = ["es-MX", "en-US"] as const;

let world: FixtureWorld;
let verifier: RunningVerifier;
let chromium: Browser;
let fixtures: GenericFixtures;

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

/** Elements wider than the screen (none expected), and the page's scroll width. */
async function overflow(page: Page, width: number) {
  return page.evaluate((screen) => {
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > screen + 0.5)
      .slice(-3)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return { scroll: document.documentElement.scrollWidth, wide };
  }, width);
}

async function keep(page: Page, name: string) {
  await mkdir(resultsDir, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, resultsDir).pathname, fullPage: true });
}

beforeAll(async () => {
  world = await createFixtureWorld();
  fixtures = await createGenericFixtures(world.documentLoader);
  const port = await freePort();
  verifier = await startVerifier(
    loadConfig({
      VERIFIER_PORT: String(port),
      VERIFIER_HOST: "127.0.0.1",
      VERIFIER_PUBLIC_URL: `http://127.0.0.1:${port}`,
      AVALA_TRUST_REGISTRY: world.registryUrl,
      AVALA_TRUST_REGISTRY_OPERATOR: world.operator.controller,
      AVALA_FETCH_ALLOW_HOSTS: world.server.host,
      VERIFIER_RATE_LIMIT: "1000",
    }),
    { guardedFetch: world.guardedFetch(), now: () => world.now },
  );
  chromium = await launchChromium();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await verifier?.close();
  await world?.server.close();
});

describe("the verify page with a credential that is not an Open Badge", () => {
  for (const locale of locales) {
    for (const size of sizes) {
      it(`shows the diploma generically in ${locale} at ${size.width}x${size.height}`, async () => {
        const context = await chromium.newContext({
          viewport: { width: size.width, height: size.height },
          isMobile: size.mobile,
          hasTouch: size.mobile,
          locale,
        });
        const page = await context.newPage();
        const es = locale === "es-MX";
        try {
          await withScreenshot(page, `generic-verify-${locale}-${size.width}`, async () => {
            await page.goto(`${verifier.url}/`);
            await page.locator("#document").fill(JSON.stringify(fixtures.diploma));
            await page.locator("#paste-submit").click();
            await page.locator('#result[data-verdict="valid-with-warnings"]').waitFor();
            const detail = await page.locator("#result > .banner p").first().textContent();
            expect(detail).toContain(es ? "Firma comprobada" : "Signature checked");
            expect(await page.locator("h3.achievement").textContent()).toBe(
              "Bachelor of Science in Informatik",
            );
            const claims = page.locator("[data-generic-claims] .row");
            expect(await claims.count()).toBe(3);
            expect(await claims.first().locator("dt").textContent()).toBe("Degree › Name");
            expect(await page.locator('[data-field="issuer"] dd').textContent()).toBe(
              "Universität Beispiel",
            );
            // The DID is a technical detail: not visible until it is opened.
            expect(await page.locator(".did").first().isVisible()).toBe(false);
            const measured = await overflow(page, size.width);
            expect(measured.wide).toEqual([]);
            expect(measured.scroll).toBeLessThanOrEqual(size.width);
            await keep(page, `generic-verify-${locale}-${size.width}`);
          });
        } finally {
          await context.close();
        }
      }, 60_000);
    }
  }

  it("says plainly that one in a vocabulary Avala does not hold could not be checked", async () => {
    const context = await chromium.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      locale: "en-US",
    });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    try {
      const unheld = {
        ...fixtures.elm,
        "@context": [...(fixtures.elm["@context"] as unknown[]), "https://elm.example/v3"],
      } as Credential;
      await page.goto(`${verifier.url}/`);
      await page.locator("#document").fill(JSON.stringify(unheld));
      await page.locator("#paste-submit").click();
      await page.locator('#result[data-state="unchecked"]').waitFor();
      expect(await page.locator("#verdict").textContent()).toBe("Could not be checked");
      expect(await page.locator("#result > .banner p").first().textContent()).toContain(
        "the issuer uses a format Avala does not read",
      );
      expect((await overflow(page, 390)).wide).toEqual([]);
      await keep(page, "generic-verify-unchecked-en-US-390");
      expect(requests.every((url) => url.startsWith("http://127.0.0.1:"))).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe("the wallet's page of a credential that is not an Open Badge", () => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let server: ReturnType<typeof serve>;
  let origin: string;
  let ana: WalletBrowser;
  let detail: string;
  let unchecked: string;

  beforeAll(async () => {
    database = await sqlite!.open<WalletTables>();
    wallet = await openTestWallet(database);
    ana = new WalletBrowser(wallet.app);
    await ana.signUp("ana@example.mx");
    const account = (await findAccountByEmail(database.db, "ana@example.mx"))!;
    const mine = await createGenericFixtures(world.documentLoader, account.holder_did);
    await ana.get("/add");
    await ana.post("/import/paste", { json: JSON.stringify(mine.elm) });
    const unheld = {
      ...mine.diploma,
      "@context": [...(mine.diploma["@context"] as unknown[]), "https://uni.example/ctx/v1"],
    };
    await ana.get("/add");
    await ana.post("/import/paste", { json: JSON.stringify(unheld) });
    const rows = await database.db
      .selectFrom("wallet_credential")
      .selectAll()
      .orderBy("id")
      .execute();
    expect(rows).toHaveLength(2);
    detail = `/credentials/${rows[0]!.public_id}`;
    unchecked = `/credentials/${rows[1]!.public_id}`;
    server = serve({ fetch: wallet.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await wallet?.ctx.destroy();
    await database?.destroy();
  });

  for (const locale of locales) {
    for (const size of sizes) {
      it(`shows the ELM-like credential in ${locale} at ${size.width}x${size.height}`, async () => {
        const context = await chromium.newContext({
          viewport: { width: size.width, height: size.height },
          isMobile: size.mobile,
          hasTouch: size.mobile,
          locale,
        });
        await context.addCookies(
          [...ana.cookies].map(([name, value]) => ({ name, value, url: origin })),
        );
        const page = await context.newPage();
        const es = locale === "es-MX";
        try {
          await withScreenshot(page, `generic-wallet-${locale}-${size.width}`, async () => {
            await page.goto(
              `${origin}/lang/${es ? "es" : "en"}?next=${encodeURIComponent(detail)}`,
            );
            await page.goto(`${origin}${detail}`);
            expect(await page.locator("h1").textContent()).toBe("Máster en Ciencia de Datos");
            const claims = page.locator("[data-generic-claims] dt");
            expect(await claims.count()).toBeGreaterThan(5);
            expect(
              await page
                .getByText(es ? "Lo que dice la credencial" : "What the credential says")
                .count(),
            ).toBe(1);
            const measured = await overflow(page, size.width);
            expect(measured.wide).toEqual([]);
            expect(measured.scroll).toBeLessThanOrEqual(size.width);
            await keep(page, `generic-wallet-${locale}-${size.width}`);
            await page.goto(`${origin}/credentials`);
            expect((await overflow(page, size.width)).wide).toEqual([]);
            await keep(page, `generic-wallet-list-${locale}-${size.width}`);
            // One Avala cannot check: kept, said so, and only downloaded.
            await page.goto(`${origin}${unchecked}`);
            expect(await page.locator("[data-keep-only]").textContent()).toContain(
              es ? "no puedes compartirla como verificada" : "you can't share it as verified",
            );
            expect(await page.locator(".verdict-unchecked strong").textContent()).toBe(
              es ? "No se pudo comprobar" : "Could not be checked",
            );
            expect((await overflow(page, size.width)).wide).toEqual([]);
            await keep(page, `generic-wallet-unchecked-${locale}-${size.width}`);
          });
        } finally {
          await context.close();
        }
      }, 60_000);
    }
  }
});
