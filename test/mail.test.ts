import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeQrPng } from "@avala/wallet-web";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AvalaSystem, startAvala } from "../scripts/avala-system.js";
import { launchChromium, withScreenshot } from "./support/browser.js";

// The claim e-mail as `pnpm start` delivers it: the issuer's outbox worker sends through the
// local mail catcher (a real SMTP server on 127.0.0.1); the inbox page shows the message; its
// QR code holds the claim link; the link, opened in Chromium, saves the credential in the wallet.

let dataDir: string;
let configDir: string;
let system: AvalaSystem;
let browser: Browser;

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
  dataDir = await mkdtemp(join(tmpdir(), "avala-mail-e2e-"));
  configDir = await mkdtemp(join(tmpdir(), "avala-mail-e2e-config-"));
  system = await startAvala({
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
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe("claim e-mail through the local mail catcher", () => {
  it("arrives with a QR code and a link that saves the credential in the wallet", async () => {
    const { issuer, wallet, mail } = system;
    expect(mail, "startAvala runs the catcher when SMTP_URL is not set").toBeDefined();
    expect(issuer.config.smtpUrl).toBe(mail!.smtpUrl);
    const demo = issuer.demo!;
    const reply = await fetch(`${issuer.url}/orgs/${demo.organisation}/credentials`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${demo.token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        achievementCode: "EC0217.01-E2",
        learner: { email: "rosa.mendez@example.mx", name: "Rosa Méndez" },
        externalId: "mail-e2e-rosa",
      }),
    });
    expect(reply.status).toBe(201);
    const { claimUrl } = (await reply.json()) as { claimUrl: string };

    // The worker sends it on its own.
    const message = await mail!.smtp.waitFor(
      (m) => m.to.includes("rosa.mendez@example.mx"),
      30_000,
    );
    expect(message.text).toContain(claimUrl);
    const qr = message.attachments.find((a) => a.contentType === "image/png")!;
    expect(decodeQrPng(new Uint8Array(qr.content))).toBe(claimUrl);

    // The inbox page, in Spanish then English, on a phone.
    const context = await browser.newContext({
      locale: "es-MX",
      viewport: { width: 360, height: 740 },
    });
    const page = await context.newPage();
    await withScreenshot(page, "mail-inbox", async () => {
      await page.goto(mail!.inboxUrl);
      await expect.poll(() => page.locator("h1").textContent()).toBe("Correo de prueba");
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      await page.getByRole("link", { name: /Tu credencial «Conducir la sesión/ }).click();
      await page.waitForURL(/\/messages\/\d+/);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      const frame = page.frameLocator("iframe");
      await expect
        .poll(() => frame.getByRole("link", { name: "Guardar mi credencial" }).getAttribute("href"))
        .toBe(claimUrl);
      await page.getByRole("link", { name: "English" }).click();
      await expect.poll(() => page.locator("h1").textContent()).toBe("Test mail");
    });

    // The learner follows the link from the e-mail, signs up in the wallet and accepts.
    const learner = await context.newPage();
    await withScreenshot(learner, "mail-claim", async () => {
      await learner.goto(claimUrl);
      await learner.locator(`a[href^="${wallet.url}/claim?offer="]`).click();
      await learner.waitForURL(/\/signin\?next=/);
      await learner.getByRole("link", { name: "Crear cuenta" }).click();
      await learner.getByLabel("Nombre").fill("Rosa Méndez");
      await learner.getByLabel("Correo electrónico").fill("rosa.mendez@example.mx");
      await learner.getByLabel(/^Contraseña/).fill("otra frase secreta de prueba");
      await learner.getByRole("button", { name: "Crear mi cartera" }).click();
      await learner.waitForURL(/\/claim\?offer=/);
      await learner.getByRole("button", { name: "Aceptar y guardar" }).click();
      await learner.waitForURL(/\/credentials\/[0-9a-f-]{36}\?m=claimed/);
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a person reads it.
      expect(await learner.locator("main").innerText()).toContain(
        "El certificado ya está en tu cartera.",
      );
    });
    await context.close();

    // The outbox says it was sent.
    const outbox = await fetch(`${issuer.url}/orgs/${demo.organisation}/outbox`, {
      headers: { authorization: `Bearer ${demo.token}` },
    });
    const body = (await outbox.json()) as { messages: Array<{ recipient: string; state: string }> };
    expect(body.messages.find((m) => m.recipient === "rosa.mendez@example.mx")?.state).toBe("sent");
  });
});
