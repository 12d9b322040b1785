/**
 * Measures what each wallet page costs a visitor: the JavaScript it ships (bytes), everything it
 * transfers, and how long it takes to load in real Chromium (Navigation Timing), on a phone-sized
 * and a laptop-sized window. It starts the issuer, the verifier and the wallet in this process on
 * free ports with a temporary data directory, claims the demo credentials into a wallet account
 * and creates a share, so every page has realistic content.
 *
 *   pnpm --filter @avala/wallet-web measure            # prints a Markdown table
 *   pnpm --filter @avala/wallet-web measure -- --screenshots ./shots
 *
 * Chromium: /usr/bin/chromium, or AVALA_CHROMIUM.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Page } from "playwright-core";
import { startIssuer } from "../../issuer/src/index.js";
import { loadConfig as loadVerifierConfig, startVerifier } from "../../verifier/src/index.js";
import { loadWalletConfig, seedDemoAccount, startWallet } from "../src/index.js";

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
const [issuerPort, verifierPort, walletPort] = [
  await freePort(),
  await freePort(),
  await freePort(),
];
const urls = {
  issuer: `http://127.0.0.1:${issuerPort}`,
  verifier: `http://127.0.0.1:${verifierPort}`,
  wallet: `http://127.0.0.1:${walletPort}`,
};
const allow = [issuerPort, verifierPort, walletPort].map((p) => `127.0.0.1:${p}`).join(",");
const quiet = { info: () => {}, error: console.error };
const issuer = await startIssuer(
  { port: issuerPort, publicUrl: urls.issuer, walletPublicUrl: urls.wallet, dataDir },
  { hostname: "127.0.0.1", log: quiet },
);
const env = {
  AVALA_DATA_DIR: dataDir,
  AVALA_FETCH_ALLOW_HOSTS: allow,
  AVALA_TRUST_REGISTRY: `${urls.issuer}/trust-registry.json`,
  AVALA_TRUST_REGISTRY_OPERATOR: issuer.registryOperator,
};
const verifier = await startVerifier(
  loadVerifierConfig({
    ...env,
    VERIFIER_PORT: String(verifierPort),
    VERIFIER_HOST: "127.0.0.1",
    VERIFIER_PUBLIC_URL: urls.verifier,
  }),
);
const wallet = await startWallet(
  loadWalletConfig({
    ...env,
    WALLET_PORT: String(walletPort),
    WALLET_HOST: "127.0.0.1",
    WALLET_PUBLIC_URL: urls.wallet,
    VERIFIER_PUBLIC_URL: urls.verifier,
  }),
  { log: quiet },
);
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
  await signIn(page, urls.wallet, login.email, login.password);
  const offers = (issuer.demo?.credentials ?? []).filter((c) => c.claimUrl);
  for (const offer of offers) {
    await page.goto(`${urls.wallet}/claim?offer=${encodeURIComponent(offer.claimUrl!)}`);
    await Promise.all([
      page.waitForURL(/\/credentials\//),
      page.click("form[action='/claim'] button"),
    ]);
  }
  const detail = page.url().split("?")[0]!;
  await page.goto(`${urls.wallet}/credentials`);
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
    ["Landing", `${urls.wallet}/`, false],
    ["Sign in", `${urls.wallet}/signin`, false],
    ["Sign up", `${urls.wallet}/signup`, false],
    ["Credentials (list)", `${urls.wallet}/credentials`, true],
    ["Credential (detail)", detail, true],
    ["Add / import", `${urls.wallet}/add`, true],
    ["Claim (confirm)", `${urls.wallet}/claim?offer=${encodeURIComponent(offerForConfirm)}`, true],
    ["Shares (list)", `${urls.wallet}/shares`, true],
    ["Share (detail, QR)", share, true],
    ["Share (print)", `${share}/print`, true],
    ["Signed presentation", `${urls.wallet}/present`, true],
    ["Account", `${urls.wallet}/account`, true],
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
  await wallet.close();
  await verifier.close();
  await issuer.close();
  await rm(dataDir, { recursive: true, force: true });
}
