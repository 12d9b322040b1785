import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeQrPng } from "@avala/wallet-web";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AvalaSystem, startAvala } from "../scripts/avala-system.js";
import { launchChromium, withScreenshot } from "./support/browser.js";
import { readPngGrey } from "./support/png.js";
import { imageVideo } from "./support/y4m.js";

// The whole system in real Chromium: the issuer issues over its HTTP API; a learner opens the
// claim link, signs up in the wallet, accepts the credential and shares it; an employer opens
// the share link and, separately, scans its QR code on the verify page (a fake camera showing
// the wallet's QR image), and sees it valid; the issuer revokes it; the employer (and the
// learner's wallet) see it revoked. All on 127.0.0.1.

let dataDir: string;
let configDir: string;
let system: AvalaSystem;
let issuer: AvalaSystem["issuer"];
let verifier: AvalaSystem["verifier"];
let wallet: AvalaSystem["wallet"];
let browser: Browser;
let camera: Browser | undefined;

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
  dataDir = await mkdtemp(join(tmpdir(), "avala-e2e-"));
  // The generated master keys: outside the data directory, never in the real home directory.
  configDir = await mkdtemp(join(tmpdir(), "avala-e2e-config-"));
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
    // The learner must see the revocation at once too: no cached status lists or results here.
    wallet: { fetchCacheTtlMs: 0, verificationTtlMs: 0 },
  });
  ({ issuer, verifier, wallet } = system);
  expect(issuer.demo?.token).toBeTruthy();
  expect(system.registry?.operator).toMatch(/^did:web:/);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await camera?.close();
  await browser?.close();
  await system?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

async function api(path: string, body: unknown) {
  const response = await fetch(`${issuer.url}/orgs/${issuer.demo!.organisation}${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${issuer.demo!.token}`,
      "content-type": "application/json",
      accept: "application/json",
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function verdictOn(page: Page): Promise<string> {
  const main = page.locator("main");
  await main.waitFor();
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text, as a person reads it.
  return (await main.innerText()).replace(/\s+/g, " ");
}

/** On the verify page: opens the camera, waits until the code is read and its result shown. */
async function scanOn(page: Page, expected: string): Promise<string> {
  await page.goto(`${verifier.url}/`);
  await page.locator("#scan").waitFor({ state: "visible" });
  await page.locator("#scan-start").click();
  await page.waitForURL((u) => u.searchParams.get("url") === expected, { timeout: 30_000 });
  await page.locator("#result").waitFor();
  return verdictOn(page);
}

describe("Avala end to end", () => {
  it("issue → claim → share → verify (link and QR) → revoke → verify again", async () => {
    // 1. The certification body issues a unit of EC0217.01 to a learner, over its API.
    const issued = await api("/credentials", {
      achievementCode: "EC0217.01-E2",
      learner: { email: "lupita.ramirez@example.mx", name: "Guadalupe Ramírez" },
      externalId: "e2e-ec0217-e2-lupita",
    });
    expect(issued.status).toBe(201);
    const claimUrl = issued.body.claimUrl as string;
    expect(claimUrl).toMatch(new RegExp(`^${issuer.url}/claims/`));

    // 2. The learner opens the claim link on the issuer, goes to the wallet, signs up there.
    const learnerContext = await browser.newContext({ locale: "es-MX" });
    const learner = await learnerContext.newPage();
    const problems: string[] = [];
    learner.on("pageerror", (error) => problems.push(error.message));
    learner.on("console", (m) => {
      // The wallet's pages must not log errors (CSP violations, script errors, failed loads).
      if (m.type() === "error" && m.location().url.startsWith(wallet.url)) {
        problems.push(`${m.location().url}: ${m.text()}`);
      }
    });
    learner.on("response", (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    let shareLink = "";
    let sharePage = "";
    let detailPath = "";
    await withScreenshot(learner, "e2e-learner", async () => {
      await learner.goto(claimUrl);
      await learner.locator(`a[href^="${wallet.url}/claim?offer="]`).click();
      await learner.waitForURL(/\/signin\?next=/);
      await learner.getByRole("link", { name: "Crear cuenta" }).click();
      await learner.getByLabel("Nombre").fill("Guadalupe Ramírez");
      await learner.getByLabel("Correo electrónico").fill("lupita.ramirez@example.mx");
      await learner.getByLabel(/^Contraseña/).fill("mi frase secreta de prueba");
      await learner.getByRole("button", { name: "Crear mi cartera" }).click();

      // Back on the offer: confirm.
      await learner.waitForURL(/\/claim\?offer=/);
      await expect.poll(() => verdictOn(learner)).toContain("te ofrece este certificado");
      expect(await verdictOn(learner)).toContain("Conducir la sesión de formación");
      await learner.getByRole("button", { name: "Aceptar y guardar" }).click();
      await learner.waitForURL(/\/credentials\/[0-9a-f-]{36}\?m=claimed/);
      detailPath = new URL(learner.url()).pathname;
      const detail = await verdictOn(learner);
      expect(detail).toContain("El certificado ya está en tu cartera.");
      expect(detail).toContain("Auténtica y vigente");
      expect(detail).toContain("Unidad de competencia");
      expect(detail).toContain("Ti: está ligada a la llave de esta cartera.");
      expect(detail).toMatch(/Acreditado por .*CONOCER/);

      // Progress toward the standard: one unit of three (the catalogue names the three).
      await learner.getByRole("link", { name: "Credenciales", exact: true }).click();
      await expect.poll(() => verdictOn(learner)).toContain("1 de 3 unidades de EC0217.01");

      // 3. Share it: a link with an expiry, and its QR code.
      await learner.getByRole("link", { name: "Conducir la sesión de formación" }).click();
      await learner.getByRole("link", { name: "Compartir con un enlace" }).click();
      await learner.getByLabel("Vence en").selectOption("7");
      await learner.getByRole("button", { name: "Crear enlace" }).click();
      await learner.waitForURL(/\/shares\/[0-9a-f-]{36}\?m=created/);
      sharePage = learner.url().split("?")[0]!;
      shareLink = await learner.locator("#share-link").inputValue();
      expect(shareLink).toMatch(new RegExp(`^${wallet.url}/s/[\\w-]{43}$`));
      await expect
        .poll(() =>
          learner.locator("#share-qr").evaluate((img: HTMLImageElement) => img.naturalWidth),
        )
        .toBeGreaterThan(0);
    });

    // The wallet's QR image: it holds the share link (read in Node), and it is what the
    // employer's camera will see (a fake capture device playing a video of that very image).
    const png = await learner.request.get(`${sharePage}/qr.png`);
    expect(png.headers()["content-type"]).toBe("image/png");
    const qrImage = new Uint8Array(await png.body());
    expect(decodeQrPng(qrImage)).toBe(shareLink);
    const video = join(dataDir, "share-qr.y4m");
    await writeFile(video, imageVideo(readPngGrey(qrImage)));
    camera = await launchChromium([
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ]);

    // 4. The employer opens the link: the verify page shows the certificate as valid.
    const employerContext = await camera.newContext({ locale: "es-MX", permissions: ["camera"] });
    const employer = await employerContext.newPage();
    employer.on("pageerror", (error) => problems.push(`verify page: ${error.message}`));
    await withScreenshot(employer, "e2e-employer-valid", async () => {
      await employer.goto(shareLink);
      await employer.waitForURL(new RegExp(`^${verifier.url}/\\?url=`));
      const page = await verdictOn(employer);
      expect(page).toContain("Certificado válido");
      expect(page).toContain("Conducir la sesión de formación");
      expect(page).not.toContain("Certificado revocado");
    });

    // …and scans the QR code on the verify page, with the camera.
    await withScreenshot(employer, "e2e-employer-qr", async () => {
      const page = await scanOn(employer, shareLink);
      expect(await employer.locator("#result").getAttribute("data-verdict")).toBe("valid");
      expect(page).toContain("Certificado válido");
      expect(page).toContain("Conducir la sesión de formación");
    });

    // The learner sees the views counted.
    await learner.goto(sharePage);
    expect(Number(await learner.locator("#view-count").textContent())).toBeGreaterThanOrEqual(2);

    // The wallet's pages fit a phone: nothing wider than the screen.
    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      storageState: await learnerContext.storageState(),
    });
    const phonePage = await phone.newPage();
    const paths = [
      "/credentials",
      detailPath,
      "/add",
      "/shares",
      sharePage.replace(wallet.url, ""),
    ];
    for (const path of [...paths, "/present", "/account"]) {
      await withScreenshot(phonePage, `e2e-phone-${path.replace(/\W+/g, "-")}`, async () => {
        await phonePage.goto(`${wallet.url}${path}`);
        const overflow = await phonePage.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow, path).toBeLessThanOrEqual(0);
      });
    }
    await phone.close();

    // 5. The issuer revokes the credential.
    const revoked = await api(`/credentials/${issued.body.id as string}/status`, {
      action: "revoke",
      reason: "Prueba de revocación",
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe("revoked");

    // 6. The employer opens the link again and sees it revoked; scanning the QR code again
    // says the same.
    await withScreenshot(employer, "e2e-employer-revoked", async () => {
      await employer.goto(shareLink);
      const page = await verdictOn(employer);
      expect(page).not.toContain("Certificado válido");
      expect(page).toContain("El emisor revocó esta credencial.");
    });
    await withScreenshot(employer, "e2e-employer-qr-revoked", async () => {
      const page = await scanOn(employer, shareLink);
      expect(await employer.locator("#result").getAttribute("data-verdict")).toBe("invalid");
      expect(page).not.toContain("Certificado válido");
      expect(page).toContain("El emisor revocó esta credencial.");
    });
    // So does the learner, in the wallet.
    await withScreenshot(learner, "e2e-learner-revoked", async () => {
      await learner.goto(`${wallet.url}/credentials`);
      expect(await verdictOn(learner)).toContain("Revocada");
    });

    expect(problems).toEqual([]);
    await employerContext.close();
    await learnerContext.close();
  }, 180_000);
});
