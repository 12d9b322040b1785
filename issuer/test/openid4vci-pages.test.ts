import "../../test/support/loopback-only.js";
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { testDatabases } from "@avala/db/testing";
import { serve } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../test/support/browser.js";
import { staffBrowser } from "./console-support.js";
import { createHarness, type Harness, issue } from "./harness.js";

// The second offer ("Use another wallet") on the learner's claim page and the clerk's credential
// page, in a real browser at phone and laptop widths, in both languages: it fits, nothing
// scrolls sideways. AVALA_SCREENSHOTS_DIR keeps the screenshots for a person to look at.

const shots = process.env["AVALA_SCREENSHOTS_DIR"];
const [sqlite] = testDatabases();

describe("OpenID4VCI offer on the pages", () => {
  let h: Harness;
  let browser: Browser;
  let server: ReturnType<typeof serve>;
  let base: string;

  beforeAll(async () => {
    let handle: (request: Request) => Response | Promise<Response> = () =>
      new Response("starting", { status: 503 });
    server = serve({ fetch: (request) => handle(request), port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await createHarness(sqlite!, { publicUrl: base });
    handle = (request) => h.app.fetch(request);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  it("shows the other-wallet link and QR, and the PIN to the clerk only", async () => {
    const { token: admin } = await h.createOrg("ece-c");
    expect((await h.addAchievement("ece-c", admin)).status).toBe(201);
    const pin = await h.call("/orgs/ece-c/openid4vci/settings", {
      method: "PATCH",
      token: admin,
      json: { txCode: true },
    });
    expect(pin.status).toBe(200);
    const issued = await issue(h, "ece-c", admin);
    const claimPath = String(issued.body.claimUrl).replace(base, "");
    const clerk = await staffBrowser(h, "ece-c", "clerk@example.mx", "operator");
    const console = await clerk.get(`/console/credentials/${issued.body.id}`);
    expect(console.status, console.text.slice(0, 300)).toBe(200);
    expect(console.text).toContain("Usar otra cartera");
    expect(console.text).toMatch(/PIN para otras carteras: \d{6}/);
    if (shots) await mkdir(shots, { recursive: true });

    for (const lang of ["es", "en"] as const) {
      for (const width of [360, 1366]) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${base}${claimPath}?lang=${lang}`);
        const other = page.locator("#other-wallet a.button");
        await expect(other.getAttribute("href")).resolves.toMatch(/^openid-credential-offer:/);
        expect(await page.locator("#other-wallet svg").count()).toBe(1);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
        );
        expect(overflow).toBe(false);
        if (shots) {
          await page.screenshot({
            path: join(shots, `claim-${lang}-${width}.png`),
            fullPage: true,
          });
        }
        if (lang === "es") {
          await context.addCookies(
            [...clerk.cookies].map(([name, value]) => ({ name, value, url: base })),
          );
          await page.goto(`${base}/console/credentials/${issued.body.id}`);
          expect(await page.locator("[data-oid4vci-pin]").count()).toBe(1);
          if (shots) {
            await page.screenshot({ path: join(shots, `console-${width}.png`), fullPage: true });
          }
        }
        await context.close();
      }
    }
  });
});
