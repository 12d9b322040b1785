import type { AddressInfo } from "node:net";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { serve } from "@hono/node-server";
import type { Browser as Chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, withScreenshot } from "../../test/support/browser.js";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  openTestWallet,
  qualificationAchievement,
  type TestWallet,
  testIssuer,
  unitAchievement,
} from "./helpers.js";

// The wallet's pages, signed in, in a real Chromium at phone widths: nothing may be wider than
// the screen (no sideways scrolling). One database is enough: this is about layout.
const [sqlite] = testDatabases();

describe("the wallet on a phone", () => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let server: ReturnType<typeof serve>;
  let origin: string;
  let chromium: Chromium;
  let ana: Browser;
  const paths: string[] = [];

  beforeAll(async () => {
    const issuer = await testIssuer("Centro Evaluador de Prueba con un nombre bastante largo");
    database = await sqlite!.open<WalletTables>();
    wallet = await openTestWallet(database);
    ana = new Browser(wallet.app);
    await ana.signUp("guadalupe.ramirez.hernandez@example.mx");
    for (const achievement of [qualificationAchievement, unitAchievement("U0586")]) {
      await ana.get("/add");
      await ana.post("/import/paste", { json: JSON.stringify(await issuer.issue(achievement)) });
    }
    const rows = await database.db.selectFrom("wallet_credential").select("public_id").execute();
    const ids = rows.map((r) => r.public_id);
    await ana.get(`/shares/new?${ids.map((c) => `c=${c}`).join("&")}`);
    const created = await ana.post("/shares", { c: ids, days: "30", label: "Vacante" });
    const sharePage = created.headers.get("location")!.split("?")[0]!;
    paths.push(
      "/credentials",
      "/add",
      `/credentials/${ids[0]}`,
      `/credentials/${ids[1]}`,
      "/shares",
      sharePage,
      `/shares/new?c=${ids[0]}`,
      "/present",
      "/account",
      "/account/connected-apps",
      `/credentials/${ids[0]}/send-ob3`,
    );
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
  });

  for (const locale of ["es-MX", "en-US"]) {
    for (const width of [360, 390]) {
      it(`fits ${width} px in ${locale}`, async () => {
        const context = await chromium.newContext({
          viewport: { width, height: 844 },
          isMobile: true,
          hasTouch: true,
          locale,
        });
        await context.addCookies(
          [...ana.cookies].map(([name, value]) => ({ name, value, url: origin })),
        );
        const page = await context.newPage();
        try {
          for (const path of paths) {
            await withScreenshot(page, `wallet-${width}-${locale}-${path}`, async () => {
              const response = await page.goto(`${origin}${path}`);
              expect(response?.status(), path).toBe(200);
              // Signed in: no redirect to the sign-in page.
              expect(new URL(page.url()).pathname, path).toBe(path.split("?")[0]);
              // On a phone the layout viewport grows to fit what overflows, so the page is
              // measured against the screen's width, and the widest elements named if it fails.
              const measured = await page.evaluate((screen) => {
                const wide = [...document.querySelectorAll("body *")]
                  .filter((e) => e.getBoundingClientRect().right > screen + 0.5)
                  .slice(-3)
                  .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`);
                return { scroll: document.documentElement.scrollWidth, wide };
              }, width);
              expect(measured, path).toEqual({ scroll: measured.scroll, wide: [] });
              expect(measured.scroll, path).toBeLessThanOrEqual(width);
            });
          }
        } finally {
          await context.close();
        }
      });
    }
  }
});
