import { createServer } from "node:net";
import type { Credential, SigningKey } from "@avala/credentials";
import { buildPresentation, generateSigningKey, signPresentation } from "@avala/credentials";
import type { RunningVerifier } from "@avala/verifier";
import { loadConfig, startVerifier } from "@avala/verifier";
import type { FixtureWorld } from "@avala/verifier/testing";
import { createFixtureWorld } from "@avala/verifier/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, resultsDir, withScreenshot } from "./support/browser.js";

// The verifier's "Ask a candidate for a certificate" page (OpenID4VP) in real Chromium, on a
// phone and a laptop, in Spanish and English: the form, the waiting request with its QR code and
// link, and the answer, which the page picks up by itself (polling). A wallet answers over HTTP
// on 127.0.0.1 (the protocol itself is tested with a foreign wallet in verifier/test).

let world: FixtureWorld;
let verifier: RunningVerifier;
let browser: Browser;
let holder: SigningKey;
let unit: Credential;

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

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const shot = (page: Page, name: string) =>
  page.screenshot({ path: new URL(`openid4vp-${name}.png`, resultsDir).pathname, fullPage: true });

/** The wallet's side: reads the request from the link and posts a signed presentation. */
async function answer(link: string): Promise<number> {
  const params = new URL(link.replace(/^openid4vp:\/\//, "https://wallet.invalid/")).searchParams;
  const vp = await signPresentation(
    buildPresentation({ holder: holder.controller, credentials: [unit] }),
    {
      key: holder,
      documentLoader: world.documentLoader,
      challenge: params.get("nonce")!,
      domain: params.get("client_id")!,
    },
  );
  const response = await fetch(params.get("response_uri")!, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      state: params.get("state")!,
      vp_token: JSON.stringify({ certificate: [vp] }),
    }).toString(),
  });
  return response.status;
}

beforeAll(async () => {
  world = await createFixtureWorld();
  holder = await generateSigningKey();
  ({ credential: unit } = await world.issue({
    issuer: world.ece,
    kind: "unit",
    holderDid: holder.controller,
  }));
  const port = await freePort();
  verifier = await startVerifier(
    loadConfig({
      VERIFIER_PORT: String(port),
      VERIFIER_HOST: "127.0.0.1",
      VERIFIER_PUBLIC_URL: `http://127.0.0.1:${port}`,
      AVALA_TRUST_REGISTRY: world.registryUrl,
      AVALA_TRUST_REGISTRY_OPERATOR: world.operator.controller,
      AVALA_FETCH_ALLOW_HOSTS: world.server.host,
      AVALA_WALLET_URL: "http://127.0.0.1:9/wallet",
      VERIFIER_RATE_LIMIT: "1000",
    }),
    { guardedFetch: world.guardedFetch(), now: () => world.now, logger: { error: () => {} } },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await verifier?.close();
  await world?.server.close();
});

const sizes = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1366, height: 768 },
] as const;

describe("the ask page in Chromium", () => {
  for (const size of sizes) {
    for (const locale of ["es", "en"] as const) {
      it(`${size.name} ${locale}: asks, shows the QR code and link, and shows the answer`, async () => {
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          locale: locale === "es" ? "es-MX" : "en-GB",
        });
        const page = await context.newPage();
        const problems: string[] = [];
        page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
        page.on("console", (m) => {
          if (m.type() === "error") problems.push(`console: ${m.text()}`);
        });
        try {
          await withScreenshot(page, `openid4vp-${size.name}-${locale}`, async () => {
            // From the verify page, a plain link to the ask page.
            await page.goto(`${verifier.url}/?lang=${locale}`);
            await page.click("#ask-link");
            await page.waitForURL(/\/ask\?lang=/);
            expect(await page.locator("h1").textContent()).toBe(
              locale === "es"
                ? "Pide un certificado a un candidato"
                : "Ask a candidate for a certificate",
            );
            expect(await overflow(page)).toBeLessThanOrEqual(0);
            await shot(page, `${size.name}-${locale}-form`);

            await page.check('input[name="kind"][value="unit"]');
            await page.fill("#code", "EC0217.01");
            await page.click("#ask-submit");
            await page.waitForSelector("#request-qr");
            expect(await page.locator(".asked").textContent()).toContain("EC0217.01");
            const link = (await page.getAttribute("#same-device", "href"))!;
            expect(link).toMatch(/^openid4vp:\/\/\?client_id=redirect_uri%3A/);
            expect(await page.getAttribute("#web-wallet", "href")).toBe(
              link.replace("openid4vp://", "http://127.0.0.1:9/wallet/openid4vp"),
            );
            expect(await page.locator("#request-link").textContent()).toBe(link);
            const qr = await page.locator("#request-qr").boundingBox();
            expect(qr!.width).toBeGreaterThan(200);
            expect(qr!.x + qr!.width).toBeLessThanOrEqual(size.width);
            expect(await overflow(page)).toBeLessThanOrEqual(0);
            await shot(page, `${size.name}-${locale}-waiting`);

            // The wallet answers; the page notices by itself and shows the result.
            expect(await answer(link)).toBe(200);
            await page.waitForSelector('#result[data-verdict="valid"]', { timeout: 20_000 });
            expect(await page.locator(".achievement").textContent()).toBe(
              locale === "es" ? "Conducir la sesión de formación" : "Deliver the training session",
            );
            expect(await overflow(page)).toBeLessThanOrEqual(0);
            await shot(page, `${size.name}-${locale}-answer`);
          });
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
