/**
 * Measures what each wallet page costs a visitor: the JavaScript it ships (bytes), everything it
 * transfers, and how long it takes to load in real Chromium (Navigation Timing), on a phone-sized
 * and a laptop-sized window. It starts the issuer, the verifier and the wallet in this process on
 * free ports with a temporary data directory, claims the demo credentials into a wallet account
 * and creates a share, so every page has realistic content.
 *
 *   pnpm measure                           # prints a Markdown table
 *   pnpm measure --screenshots ./shots
 *
 * Chromium: /usr/bin/chromium, or AVALA_CHROMIUM.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { seedDemoAccount } from "@avala/wallet-web";
import { chromium, type Page } from "playwright-core";
import { startAvala } from "./avala-system.js";

const screenshotsArg = process.argv.indexOf("--screenshots");
const screenshots = screenshotsArg > 0 ? resolve(process.argv[screenshotsArg + 1] ?? "shots") : "";
const runs = 5;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

interface Measure {
  page: string;
  jsBytes: number;
  totalBytes: number;
  requests: number;
  /** From navigation start to the last byte of the HTML (server time plus transfer). */
  responseMs: number;
  domContentLoadedMs: number;
  loadMs: number;
}

/**
 * Loads `url` with the HTTP cache disabled, in a tab that already exists (as when a person
 * clicks through the wallet: no new renderer process), and reads Navigation and Resource Timing.
 */
async function measure(page: Page, name: string, url: string): Promise<Measure> {
  const samples: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto("about:blank");
    await page.goto(url, { waitUntil: "load" });
    const timing = await page.evaluate(() => {
      const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
      const js = resources.filter(
        (r) => r.initiatorType === "script" || /\.m?js(\?|$)/.test(r.name),
      );
      const inline = [...document.querySelectorAll("script:not([src])")].reduce(
        (n, s) => n + new TextEncoder().encode(s.textContent ?? "").length,
        0,
      );
      return {
        jsBytes: js.reduce((n, r) => n + r.encodedBodySize, 0) + inline,
        totalBytes:
          (nav?.encodedBodySize ?? 0) + resources.reduce((n, r) => n + r.encodedBodySize, 0),
        requests: 1 + resources.length,
        responseMs: nav ? nav.responseEnd - nav.startTime : 0,
        domContentLoadedMs: nav ? nav.domContentLoadedEventEnd - nav.startTime : 0,
        loadMs: nav ? nav.loadEventEnd - nav.startTime : 0,
      };
    });
    samples.push({ page: name, ...timing });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    page: name,
    jsBytes: median(samples.map((s) => s.jsBytes)),
    totalBytes: median(samples.map((s) => s.totalBytes)),
    requests: median(samples.map((s) => s.requests)),
    responseMs: median(samples.map((s) => s.responseMs)),
    domContentLoadedMs: median(samples.map((s) => s.domContentLoadedMs)),
    loadMs: median(samples.map((s) => s.loadMs)),
  };
}

async function signIn(page: Page, walletUrl: string, email: string, password: string) {
  await page.goto(`${walletUrl}/signin`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL(/\/credentials/), page.click("button[type=submit]")]);
}

const dataDir = await mkdtemp(join(tmpdir(), "avala-measure-"));
// The generated master keys: outside the data directory, not in the real home directory.
const configDir = await mkdtemp(join(tmpdir(), "avala-measure-config-"));
const system = await startAvala({
  env: {
    AVALA_DATA_DIR: dataDir,
    XDG_CONFIG_HOME: configDir,
    ISSUER_PORT: String(await freePort()),
    VERIFIER_PORT: String(await freePort()),
    WALLET_PORT: String(await freePort()),
  },
  hostname: "127.0.0.1",
  log: { info: () => {}, error: console.error },
});
const { issuer, wallet } = system;
const login = {
  name: "Ana López García",
  email: "ana.lopez@example.mx",
  password: "medir páginas 2026",
};
await seedDemoAccount(wallet.context, login);

const browser = await chromium.launch({
  executablePath: process.env["AVALA_CHROMIUM"] || "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});

const viewports = {
  phone: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
  laptop: {
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    isMobile: false,
    hasTouch: false,
  },
};

try {
  // Content: every demo offer claimed, and a share of everything.
  const setup = await browser.newContext({ locale: "es-MX" });
  const page = await setup.newPage();
  await signIn(page, wallet.url, login.email, login.password);
  const offers = (issuer.demo?.credentials ?? []).filter((c) => c.claimUrl);
  for (const offer of offers) {
    await page.goto(`${wallet.url}/claim?offer=${encodeURIComponent(offer.claimUrl!)}`);
    await Promise.all([
      page.waitForURL(/\/credentials\//),
      page.click("form[action='/claim'] button"),
    ]);
  }
  const detail = page.url().split("?")[0]!;
  await page.goto(`${wallet.url}/credentials`);
  for (const box of await page.locator("input.pick-box").all()) await box.check();
  await Promise.all([page.waitForURL(/\/shares\/new/), page.click(".toolbar button")]);
  await Promise.all([
    page.waitForURL(/\/shares\/[0-9a-f-]{36}/),
    page.click("form[action='/shares'] button"),
  ]);
  const share = page.url().split("?")[0]!;
  const shareLink = await page.locator("#share-link").inputValue();
  const offerForConfirm = await (async () => {
    const response = await fetch(`${issuer.url}/orgs/${issuer.demo!.organisation}/credentials`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${issuer.demo!.token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        achievementCode: "EC0217.01-E3",
        learner: { email: login.email, name: login.name },
        externalId: `measure-${Date.now()}`,
      }),
    });
    return ((await response.json()) as { claimUrl: string }).claimUrl;
  })();
  const cookies = await setup.cookies();
  await setup.close();

  const pages: Array<[string, string, boolean]> = [
    ["Landing", `${wallet.url}/`, false],
    ["Sign in", `${wallet.url}/signin`, false],
    ["Sign up", `${wallet.url}/signup`, false],
    ["Credentials (list)", `${wallet.url}/credentials`, true],
    ["Credential (detail)", detail, true],
    ["Add / import", `${wallet.url}/add`, true],
    ["Claim (confirm)", `${wallet.url}/claim?offer=${encodeURIComponent(offerForConfirm)}`, true],
    ["Shares (list)", `${wallet.url}/shares`, true],
    ["Share (detail, QR)", share, true],
    ["Share (print)", `${share}/print`, true],
    ["Signed presentation", `${wallet.url}/present`, true],
    ["Account", `${wallet.url}/account`, true],
    ["Share link → verify page", shareLink, false],
  ];

  const table: string[] = [];
  for (const [label, viewport] of Object.entries(viewports)) {
    const context = await browser.newContext({ ...viewport, locale: "es-MX" });
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const results: Measure[] = [];
    for (const [name, url, private_] of pages) {
      await context.clearCookies();
      if (private_) await context.addCookies(cookies);
      results.push(await measure(tab, name, url));
      if (screenshots) {
        await mkdir(screenshots, { recursive: true });
        const shot = await context.newPage();
        await shot.goto(url, { waitUntil: "load" });
        const file = `${label}-${name.replace(/[^\w]+/g, "-").toLowerCase()}.png`;
        await shot.screenshot({ path: join(screenshots, file), fullPage: true });
        await shot.close();
      }
    }
    await context.close();
    table.push(
      "",
      `### ${label} (${viewport.viewport.width}×${viewport.viewport.height}), median of ${runs} loads without cache`,
      "",
      "| page | JS (bytes) | total transferred (bytes) | requests | HTML received (ms) | DOMContentLoaded (ms) | load (ms) |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...results.map(
        (r) =>
          `| ${r.page} | ${r.jsBytes} | ${r.totalBytes} | ${r.requests} | ${Math.round(r.responseMs)} | ${Math.round(r.domContentLoadedMs)} | ${Math.round(r.loadMs)} |`,
      ),
    );
  }
  console.log(table.join("\n"));
} finally {
  await browser.close();
  await system.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(configDir, { recursive: true, force: true });
}
