import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { type SmtpCatcher, startSmtpCatcher } from "@avala/mail/catcher";
import { verify } from "@avala/verifier";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { BrowserContext, Browser as Chromium, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, withScreenshot } from "../../test/support/browser.js";
import { imageVideo, qrVideo } from "../../test/support/y4m.js";
import { createWalletApp } from "../src/app.js";
import { createWalletContext, type WalletContext } from "../src/context.js";
import type { WalletTables } from "../src/db/tables.js";
import {
  documentLoader,
  qualificationAchievement,
  quietLog,
  testConfig,
  testIssuer,
  unitAchievement,
} from "./helpers.js";

/**
 * The account's stories in a real Chromium, on a phone in Spanish (390x844) and on a laptop in
 * English (1366x768): forgot the password (the link read from the e-mail the wallet sent over
 * SMTP), download every credential (each verifies again), scan a QR code with the camera (a fake
 * capture device playing a generated video: an offer made for someone else on the phone, a link
 * to a certificate on the laptop, something else), delete the account. No page wider than its
 * screen, no script or policy error. With WALLET_SCREENSHOTS=<dir>, every page is kept there.
 */

const [sqlite] = testDatabases();
const shots = process.env["WALLET_SCREENSHOTS"];

let database: Database<WalletTables>;
let ctx: WalletContext;
let catcher: SmtpCatcher;
let chromium: Chromium;
let origin: string;
let tmp: string;
const servers: Array<ReturnType<typeof serve>> = [];
let issuer: Awaited<ReturnType<typeof testIssuer>>;
/** Offers by token: whom each is for. The claim issues a credential to the presenting holder. */
const offers = new Map<string, { name: string; email: string }>();
let issuerOrigin: string;

async function listen(fetch: (request: Request) => Response | Promise<Response>) {
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "avala-wallet-account-"));
  if (shots) await mkdir(shots, { recursive: true });
  catcher = await startSmtpCatcher({ host: "127.0.0.1" });
  issuer = await testIssuer("Centro Evaluador Demostración");

  // An issuer's claim endpoint and a page that publishes a certificate, on 127.0.0.1.
  const remote = new Hono();
  remote.get("/claims/:token", (c) => {
    const recipient = offers.get(c.req.param("token"));
    if (!recipient) return c.json({ title: "Not Found" }, 404);
    return c.json({
      offer: {
        issuer: { id: issuer.did, name: "Centro Evaluador Demostración" },
        achievement: { name: "Impartición de cursos", code: "EC0217.01" },
        expiresAt: "2030-01-01T00:00:00Z",
        recipient,
      },
      challenge: `reto-${c.req.param("token")}`,
      domain: issuerOrigin,
    });
  });
  remote.post("/claims/:token", async (c) => {
    if (!offers.delete(c.req.param("token"))) return c.json({ title: "Conflict" }, 409);
    const { presentation } = (await c.req.json()) as { presentation: { holder: string } };
    const credential = await issuer.issue(qualificationAchievement, {
      subjectDid: presentation.holder,
    });
    return c.json({ verifiableCredential: credential }, 201);
  });
  const published = await issuer.issue(unitAchievement("U0587"), { email: "otra@example.mx" });
  remote.get("/certificados/u0587.json", (c) => c.json(published));
  issuerOrigin = await listen(remote.fetch);

  // The wallet, served on 127.0.0.1 (its public URL must be known before its context exists).
  let app: ReturnType<typeof createWalletApp> | undefined;
  origin = await listen((request) =>
    app ? app.fetch(request) : new Response("starting", { status: 503 }),
  );
  database = await sqlite!.open<WalletTables>();
  ctx = await createWalletContext(
    testConfig({
      publicUrl: origin,
      smtpUrl: catcher.url,
      fetchAllowHosts: [new URL(issuerOrigin).host],
    }),
    { database, log: quietLog, verifyOptions: { documentLoader } },
  );
  app = createWalletApp(ctx);
  chromium = await launchChromium();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  await ctx?.destroy();
  await database?.destroy();
  await catcher?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const setups = [
  {
    name: "phone-es",
    locale: "es-MX",
    viewport: { width: 390, height: 844 },
    mobile: true,
    email: "lupita.ramirez@example.mx",
    fullName: "Guadalupe Ramírez Hernández",
    t: {
      forgot: "¿Olvidaste tu contraseña?",
      sendLink: "Enviarme el enlace",
      sent: "Revisa tu correo",
      subject: "Cambia la contraseña de tu cartera Avala",
      newPassword: "Contraseña nueva",
      save: "Guardar la contraseña",
      changed: "Listo: tu contraseña cambió.",
      invalid: "Este enlace ya no sirve",
      signIn: "Entrar",
      download: "Descargar todas mis credenciales",
      scan: "Escanear con la cámara",
      stop: "Detener la cámara",
      deleteLabel: "Tu contraseña, para confirmar",
      deleteAction: "Borrar mi cuenta",
      wrong: "La contraseña no es correcta. Tu cuenta sigue igual.",
      deleted: "Tu cuenta se borró, con todas sus credenciales y enlaces.",
      mismatch:
        "Esta oferta se hizo para Bruno Díaz (bruno.diaz@example.mx), pero iniciaste sesión",
      confirm: "El certificado es mío",
      confirmNeeded: "Marca la casilla para confirmar que el certificado es tuyo",
      accept: "Aceptar y guardar",
      claimed: "El certificado ya está en tu cartera.",
      unrecognised: "Ese código QR no es una oferta ni el enlace de un certificado.",
    },
  },
  {
    name: "laptop-en",
    locale: "en-US",
    viewport: { width: 1366, height: 768 },
    mobile: false,
    email: "sam.taylor@example.mx",
    fullName: "Sam Taylor",
    t: {
      forgot: "Forgot your password?",
      sendLink: "Send me the link",
      sent: "Check your e-mail",
      subject: "Change the password of your Avala wallet",
      newPassword: "New password",
      save: "Save the password",
      changed: "Done: your password has changed.",
      invalid: "This link no longer works",
      signIn: "Sign in",
      download: "Download all my credentials",
      scan: "Scan with the camera",
      stop: "Stop the camera",
      deleteLabel: "Your password, to confirm",
      deleteAction: "Delete my account",
      wrong: "The password is not correct. Your account is unchanged.",
      deleted: "Your account was deleted, with all its credentials and links.",
      mismatch: "This offer was made for Bruno Díaz (bruno.diaz@example.mx), but you are signed in",
      confirm: "The certificate is mine",
      confirmNeeded: "Tick the box to confirm the certificate is yours",
      accept: "Accept and keep",
      claimed: "The certificate is now in your wallet.",
      unrecognised: "That QR code is neither an offer nor a link to a certificate.",
    },
  },
] as const;

type Setup = Omit<(typeof setups)[number], "name" | "locale" | "email"> & {
  name: string;
  locale: string;
  email: string;
};

async function newContext(browser: Chromium, setup: Setup, permissions: string[] = []) {
  return browser.newContext({
    viewport: setup.viewport,
    isMobile: setup.mobile,
    hasTouch: setup.mobile,
    locale: setup.locale,
    acceptDownloads: true,
    permissions,
  });
}

/** A page that records script errors, policy violations and requests that leave 127.0.0.1. */
async function openPage(context: BrowserContext) {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // A 4xx page is expected here (a used link, a wrong password); anything else is not.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("http://127.0.0.1:") && !url.startsWith("data:")) {
      problems.push(`request outside 127.0.0.1: ${url}`);
    }
  });
  return { page, problems };
}

/** Checks the page fits its screen, and keeps a full-page picture of it when asked to. */
async function look(page: Page, setup: Setup, name: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} is wider than the screen`).toBeLessThanOrEqual(setup.viewport.width);
  if (shots) {
    await page.screenshot({ path: join(shots, `${setup.name}-${name}.png`), fullPage: true });
  }
}

async function signUpAndImport(page: Page, setup: Setup, password: string) {
  await page.goto(`${origin}/signup`);
  await page.locator("#name").fill(setup.fullName);
  await page.locator("#email").fill(setup.email);
  await page.locator("#password").fill(password);
  await page.locator("form[action='/signup'] button[type=submit]").click();
  await page.waitForURL(/\/credentials/);
  for (const achievement of [qualificationAchievement, unitAchievement("U0586")]) {
    await page.goto(`${origin}/add`);
    const credential = await issuer.issue(achievement, { email: setup.email });
    await page.locator("#json").fill(JSON.stringify(credential));
    await page.locator("form[action='/import/paste'] button[type=submit]").click();
    await page.waitForURL(/\/import\/paste/);
  }
}

async function signIn(page: Page, setup: Setup, password: string) {
  await page.goto(`${origin}/signin`);
  await page.locator("#email").fill(setup.email);
  await page.locator("#password").fill(password);
  await page.getByRole("button", { name: setup.t.signIn, exact: true }).click();
  await page.waitForURL(`${origin}/credentials`);
}

/**
 * A Chromium whose camera shows a QR code of `text` (or a blank wall), signed in with
 * `cookies`.
 */
async function withCamera<T>(
  setup: Setup,
  text: string | undefined,
  cookies: Awaited<ReturnType<BrowserContext["cookies"]>>,
  run: (page: Page, problems: string[]) => Promise<T>,
): Promise<T> {
  const video = join(tmp, `${setup.name}-${Math.random().toString(36).slice(2)}.y4m`);
  const blank = { width: 1, height: 1, luma: new Uint8Array([235]) };
  await writeFile(video, text === undefined ? imageVideo(blank) : qrVideo(text));
  const camera = await launchChromium([
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    `--use-file-for-fake-video-capture=${video}`,
  ]);
  try {
    const context = await newContext(camera, setup, ["camera"]);
    await context.addCookies(cookies);
    const { page, problems } = await openPage(context);
    return await withScreenshot(page, `wallet-account-camera-${setup.name}`, () =>
      run(page, problems),
    );
  } finally {
    await camera.close();
  }
}

async function scan(page: Page, setup: Setup, name: string) {
  await page.goto(`${origin}/add`);
  await page.locator("#scan").waitFor({ state: "visible" });
  // Until the camera starts, only its start button shows.
  expect(await page.locator("#scan-stop").isHidden()).toBe(true);
  expect(await page.locator("#scan-video").isHidden()).toBe(true);
  await look(page, setup, `add-${name}`);
  await page.getByRole("button", { name: setup.t.scan, exact: true }).click();
}

describe.sequential("the account's stories in Chromium", () => {
  for (const setup of setups) {
    it(`${setup.name}: reset, export, camera scan and deletion`, async () => {
      const context = await newContext(chromium, setup);
      const { page, problems } = await openPage(context);
      const first = "una frase de antes bastante larga";
      const second = "la contraseña nueva y aún más larga";
      try {
        await withScreenshot(page, `wallet-account-${setup.name}`, async () => {
          await signUpAndImport(page, setup, first);
          await page.goto(`${origin}/account`);
          await page.locator("form[action='/signout'] button").click();
          await page.waitForURL(`${origin}/`);

          // Forgot the password: ask for a link.
          await page.goto(`${origin}/signin`);
          await look(page, setup, "signin");
          await page.getByRole("link", { name: setup.t.forgot }).click();
          await page.waitForURL(`${origin}/forgot`);
          await look(page, setup, "forgot");
          await page.locator("#email").fill(setup.email.toUpperCase());
          await page.getByRole("button", { name: setup.t.sendLink }).click();
          await page.getByRole("heading", { name: setup.t.sent }).waitFor();
          await look(page, setup, "forgot-sent");

          // The e-mail, in the account's language, over SMTP; its link, opened.
          const mail = await catcher.waitFor((m) => m.to.includes(setup.email), 30_000);
          expect(mail.subject).toBe(setup.t.subject);
          const link = /http:\/\/127\.0\.0\.1:\d+\/reset\?token=[\w-]{43}/.exec(mail.text)![0];
          await page.goto(link);
          await look(page, setup, "reset");
          await page.getByLabel(setup.t.newPassword).fill(second);
          await page.getByRole("button", { name: setup.t.save }).click();
          await page.waitForURL(`${origin}/signin?m=password-changed`);
          await page.getByText(setup.t.changed).waitFor();
          await look(page, setup, "signin-password-changed");
          // Used once: the link no longer works.
          const again = await page.goto(link);
          expect(again?.status()).toBe(410);
          await page.getByRole("heading", { name: setup.t.invalid }).waitFor();
          await look(page, setup, "reset-invalid");
          // The new password opens the wallet.
          await signIn(page, setup, second);

          // Every credential in one file, each of which verifies again.
          await page.goto(`${origin}/account`);
          await look(page, setup, "account");
          const [download] = await Promise.all([
            page.waitForEvent("download"),
            page.getByRole("link", { name: setup.t.download }).click(),
          ]);
          expect(download.suggestedFilename()).toMatch(
            /^avala-credentials-\d{4}-\d{2}-\d{2}\.json$/,
          );
          const file = JSON.parse(await readFile((await download.path())!, "utf8")) as {
            account: { email: string; name: string };
            credentials: unknown[];
          };
          expect(file.account).toEqual({ email: setup.email, name: setup.fullName });
          expect(file.credentials).toHaveLength(2);
          for (const credential of file.credentials) {
            const result = await verify(credential, { documentLoader });
            expect(result.kind).toBe("credential");
            expect(result.checks.find((c) => c.check === "proof")?.outcome).toBe("pass");
            expect(result.verdict).not.toBe("invalid");
          }
        });
        expect(problems).toEqual([]);

        // The camera: the phone scans an offer made for someone else, the laptop a link to a
        // certificate; both scan something that is neither.
        const cookies = await context.cookies();
        if (setup.mobile) {
          const token = `oferta-${setup.name}-0001`;
          offers.set(token, { name: "Bruno Díaz", email: "bruno.diaz@example.mx" });
          await withCamera(setup, `${issuerOrigin}/claims/${token}`, cookies, async (cam, p) => {
            await scan(cam, setup, "camera");
            await cam.waitForURL(/\/claim\?offer=/, { timeout: 30_000 });
            await cam.getByText(setup.t.mismatch).waitFor();
            await look(cam, setup, "claim-mismatch");
            // Accepting without the confirmation is not possible in the browser…
            await cam.getByRole("button", { name: setup.t.accept }).click();
            expect(new URL(cam.url()).pathname).toBe("/claim");
            expect(await cam.locator("#confirm-recipient:invalid").count()).toBe(1);
            // …nor on the server (the same form without the browser's check).
            await cam
              .locator("#confirm-recipient")
              .evaluate((box) => box.removeAttribute("required"));
            await cam.getByRole("button", { name: setup.t.accept }).click();
            await cam.getByText(setup.t.confirmNeeded).waitFor();
            await look(cam, setup, "claim-confirm-needed");
            // Confirmed: claimed and kept.
            await cam.getByLabel(setup.t.confirm).check();
            await cam.getByRole("button", { name: setup.t.accept }).click();
            await cam.waitForURL(/\/credentials\/[\w-]+\?m=claimed/);
            await cam.getByText(setup.t.claimed).waitFor();
            expect(p).toEqual([]);
          });
        } else {
          const url = `${issuerOrigin}/certificados/u0587.json`;
          await withCamera(setup, url, cookies, async (cam, p) => {
            await scan(cam, setup, "camera");
            await cam.waitForURL(`${origin}/add/scan`, { timeout: 30_000 });
            await cam.getByText("Verified and kept in your wallet.").waitFor();
            await look(cam, setup, "scan-imported");
            expect(p).toEqual([]);
          });
        }
        // While it looks: the camera's picture on the page, and a button that stops it.
        await withCamera(setup, undefined, cookies, async (cam, p) => {
          await scan(cam, setup, "camera-blank");
          await cam.locator("#scan-video").waitFor({ state: "visible" });
          await cam.waitForFunction(() => {
            const video = document.getElementById("scan-video") as HTMLVideoElement | null;
            return !!video && video.readyState >= 2;
          });
          expect(await cam.locator("#scan-start").isHidden()).toBe(true);
          await look(cam, setup, "add-scanning");
          await cam.getByRole("button", { name: setup.t.stop }).click();
          await cam.locator("#scan-video").waitFor({ state: "hidden" });
          expect(await cam.locator("#scan-start").isVisible()).toBe(true);
          expect(p).toEqual([]);
        });
        await withCamera(setup, "WIFI:S:Oficina;T:WPA;P:secreto;;", cookies, async (cam, p) => {
          await scan(cam, setup, "camera-other");
          await cam.getByText(setup.t.unrecognised).waitFor({ timeout: 30_000 });
          expect(new URL(cam.url()).pathname).toBe("/add/scan");
          await look(cam, setup, "scan-unrecognised");
          expect(p).toEqual([]);
        });

        // Delete the account: a wrong password first, then the right one (and the dialog).
        await withScreenshot(page, `wallet-account-delete-${setup.name}`, async () => {
          await page.goto(`${origin}/account`);
          page.once("dialog", (dialog) => void dialog.accept());
          await page.getByLabel(setup.t.deleteLabel).fill("no es la contraseña");
          await page.getByRole("button", { name: setup.t.deleteAction }).click();
          await page.getByText(setup.t.wrong).first().waitFor();
          await look(page, setup, "account-delete-wrong");
          page.once("dialog", (dialog) => void dialog.accept());
          await page.getByLabel(setup.t.deleteLabel).fill(second);
          await page.getByRole("button", { name: setup.t.deleteAction }).click();
          await page.waitForURL(`${origin}/?m=account-deleted`);
          await page.getByText(setup.t.deleted).waitFor();
          await look(page, setup, "account-deleted");
          const gone = await ctx.db
            .selectFrom("wallet_account")
            .select("id")
            .where("email", "=", setup.email)
            .execute();
          expect(gone).toEqual([]);
        });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }, 240_000);
  }

  // The same pages in the other two combinations (a phone in English, a laptop in Spanish):
  // none wider than its screen, no script or policy error.
  for (const [base, locale, email] of [
    [setups[0], "en-US", "kim.lee@example.mx"],
    [setups[1], "es-MX", "rosa.mendez@example.mx"],
  ] as const) {
    const setup: Setup = {
      ...base,
      locale,
      email,
      name: `${base.name.split("-")[0]}-${locale.slice(0, 2)}`,
    };
    it(`${setup.name}: the same pages fit`, async () => {
      const context = await newContext(chromium, setup);
      const { page, problems } = await openPage(context);

      try {
        await withScreenshot(page, `wallet-account-${setup.name}`, async () => {
          await signUpAndImport(page, setup, "una frase de antes bastante larga");
          for (const path of ["/account", "/add"]) {
            await page.goto(`${origin}${path}`);
            await look(page, setup, path.slice(1));
          }
          const token = `oferta-${setup.name}`;
          offers.set(token, { name: "Bruno Díaz", email: "bruno.diaz@example.mx" });
          await page.goto(
            `${origin}/claim?offer=${encodeURIComponent(`${issuerOrigin}/claims/${token}`)}`,
          );
          await page.locator("#recipient-mismatch").waitFor();
          await look(page, setup, "claim-mismatch");
          await page.goto(`${origin}/account`);
          page.once("dialog", (dialog) => void dialog.accept());
          await page.locator("#password").fill("no es la contraseña");
          await page.locator("#delete-account button[type=submit]").click();
          await page.locator("#password-error").waitFor();
          await look(page, setup, "account-delete-wrong");
          await page.locator("form[action='/signout'] button").click();
          await page.waitForURL(`${origin}/`);
          for (const path of ["/signin", "/forgot"]) {
            await page.goto(`${origin}${path}`);
            await look(page, setup, path.slice(1));
          }
          await page.locator("#email").fill(setup.email);
          await page.locator("form[action='/forgot'] button[type=submit]").click();
          await page.locator("#reset-requested").waitFor();
          await look(page, setup, "forgot-sent");
          const mail = await catcher.waitFor((m) => m.to.includes(setup.email), 30_000);
          await page.goto(/http:\/\/127\.0\.0\.1:\d+\/reset\?token=[\w-]{43}/.exec(mail.text)![0]);
          await look(page, setup, "reset");
          await page.goto(`${origin}/reset?token=no-sirve`);
          await page.locator("#reset-invalid").waitFor();
          await look(page, setup, "reset-invalid");
        });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});
