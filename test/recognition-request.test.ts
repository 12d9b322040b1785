import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrganisationBySlug } from "../issuer/src/db/repositories/organisations.js";
import { platformActor } from "../issuer/src/services/audit.js";
import { acceptInvitation, inviteStaff } from "../issuer/src/services/staff.js";
import { type AvalaSystem, startAvala } from "../scripts/avala-system.js";
import { launchChromium, resultsDir, withScreenshot } from "./support/browser.js";

// Issue 15, part 2, in real Chromium: a learner holds a CONOCER unit (the demo certification
// body) and a SEP microcredential (the demo CONALEP campus); a second school, recognised by SEP,
// publishes a recognition table; the wallet shows the credits they make toward its programme,
// sends them, and takes the recognition credential, which the verifier verifies. Both languages.

const PLATFORM_TOKEN = `platform-${randomBytes(12).toString("hex")}`;
let dataDir: string;
let configDir: string;
let system: AvalaSystem;
let browser: Browser;
let conalepToken = "";
let schoolToken = "";
let tableEntries: unknown[] = [];
const screenshots = new URL("recognition-request/", resultsDir);
const CLERK = { email: "ana.clerk@cecati.example.mx", password: "clave de prueba de la consola" };

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

async function call(path: string, token: string, body?: unknown, method = "POST") {
  const response = await fetch(`${system.issuer.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      accept: "application/json",
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as Record<string, unknown>;
  expect(response.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "avala-recognition-"));
  configDir = await mkdtemp(join(tmpdir(), "avala-recognition-config-"));
  system = await startAvala({
    env: {
      AVALA_DATA_DIR: dataDir,
      XDG_CONFIG_HOME: configDir,
      ISSUER_PORT: String(await freePort()),
      VERIFIER_PORT: String(await freePort()),
      WALLET_PORT: String(await freePort()),
      AVALA_PLATFORM_ADMIN_TOKEN: PLATFORM_TOKEN,
    },
    hostname: "127.0.0.1",
    log: { info: () => {}, error: console.error },
    wallet: { fetchCacheTtlMs: 0, verificationTtlMs: 0 },
  });
  const token = async (slug: string) =>
    (await call(`/orgs/${slug}/tokens`, PLATFORM_TOKEN, { role: "admin", label: "test" }))[
      "token"
    ] as string;
  conalepToken = await token("conalep-demo");
  // A second school, recognised by SEP, that publishes a recognition table.
  const school = await call("/orgs", PLATFORM_TOKEN, {
    slug: "cecati-norte",
    kind: "school",
    name: { es: "CECATI del Norte", en: "CECATI North" },
  });
  schoolToken = (school["token"] as { token: string }).token;
  await call("/orgs/sep/endorsements", await token("sep"), {
    subjectOrg: "cecati-norte",
    comment: { es: "Reconocida por la SEP", en: "Recognised by SEP" },
  });
  const conalepDid = (await call("/orgs/conalep-demo", PLATFORM_TOKEN, undefined, "GET"))[
    "id"
  ] as string;
  const programme = {
    id: "TEC-INFO",
    name: { es: "Técnico en Informática", en: "IT Technician" },
  };
  tableEntries = [
    {
      programme,
      module: { code: "M1", name: { es: "Impartir cursos", en: "Teaching courses" } },
      credits: 6,
      counts: { unit: "EC0217.01-E1" },
    },
    {
      programme,
      module: { code: "M2", name: { es: "Programación", en: "Programming" } },
      credits: 4,
      counts: { issuer: conalepDid, achievement: "MC-SEP-PY-01" },
    },
    {
      programme,
      module: { code: "M3", name: { es: "Ética profesional", en: "Professional ethics" } },
      credits: 3,
      counts: { standard: "EC0301.01" },
    },
  ];
  await call("/orgs/cecati-norte/recognition-table", schoolToken, { entries: tableEntries }, "PUT");
  // A clerk of the school, for the review in the console.
  const ctx = system.issuer.context;
  const invited = await inviteStaff(
    ctx,
    (await findOrganisationBySlug(ctx.db, "cecati-norte"))!,
    { email: CLERK.email, name: "Ana Clerk", role: "operator" },
    platformActor,
  );
  if (!invited.ok) throw new Error("invitation refused");
  await acceptInvitation(ctx, invited.url.split("/").at(-1)!, {
    name: "Ana Clerk",
    password: CLERK.password,
  });
  await mkdir(screenshots, { recursive: true });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

async function mainText(page: Page): Promise<string> {
  const main = page.locator("main");
  await main.waitFor();
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text, as a person reads it.
  return (await main.innerText()).replace(/\s+/g, " ");
}

const words = {
  es: {
    locale: "es-MX",
    name: "Nombre",
    email: "Correo electrónico",
    password: /^Contraseña/,
    signup: "Crear mi cartera",
    accept: "Aceptar y guardar",
    link: "Convalidar en una escuela",
    progress: "10 de 13 créditos",
    counts: "Cuenta con:",
    send: "Pedir la convalidación a CECATI del Norte",
    refused: "No se pudo convalidar",
  },
  en: {
    locale: "en-GB",
    name: "Name",
    email: "E-mail",
    password: /^Password/,
    signup: "Create my wallet",
    accept: "Accept and keep",
    link: "Get school credit",
    progress: "10 of 13 credits",
    counts: "Counts with:",
    send: "Ask CECATI North for the credit",
    refused: "No credit this time",
  },
} as const;

/** Takes a page's picture at a phone's and a laptop's width (test-results/recognition-request/). */
async function pictures(page: Page, name: string) {
  for (const [width, height] of [
    [390, 844],
    [1366, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({
      path: new URL(`${name}-${width}.png`, screenshots).pathname,
      fullPage: true,
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow, `${name} at ${width}`).toBeLessThanOrEqual(width);
  }
}

/** A learner signs up and claims a unit (demo body) and the SEP microcredential (CONALEP). */
async function learner(language: "es" | "en", tag: string) {
  const w = words[language];
  const demo = system.issuer.demo!;
  const email = `rosa.${tag}@example.mx`;
  const learnerInput = { email, name: "Rosa Hernández" };
  const issued = [
    await call(`/orgs/${demo.organisation}/credentials`, demo.token, {
      achievementCode: "EC0217.01-E1",
      learner: learnerInput,
      externalId: `rec-${tag}-unit`,
    }),
    await call("/orgs/conalep-demo/credentials", conalepToken, {
      achievementCode: "MC-SEP-PY-01",
      learner: learnerInput,
      externalId: `rec-${tag}-micro`,
    }),
  ];
  const context = await browser.newContext({ locale: w.locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${system.wallet.url}/signup`);
  await page.getByLabel(w.name).fill("Rosa Hernández");
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.password).fill("mi frase secreta de prueba");
  await page.getByRole("button", { name: w.signup }).click();
  await page.waitForURL(/\/credentials/);
  for (const offer of issued.map((i) => i["claimUrl"] as string)) {
    await page.goto(`${system.wallet.url}/claim?offer=${encodeURIComponent(offer)}`);
    await page.getByRole("button", { name: w.accept }).click();
    await page.waitForURL(/\/credentials\/[0-9a-f-]{36}\?m=claimed/);
  }
  await page.goto(`${system.wallet.url}/credentials`);
  return { page, context, problems, w, ids: issued.map((i) => i["id"] as string) };
}

describe("certificates to school credits in the wallet", () => {
  for (const language of ["es", "en"] as const) {
    it(`a learner gets credit for a unit and a microcredential (${language})`, async () => {
      const { page, context, problems, w } = await learner(language, language);
      await withScreenshot(page, `recognition-${language}`, async () => {
        await pictures(page, `wallet-list-${language}`);
        await page.getByRole("link", { name: w.link }).click();
        await page.waitForURL(/\/recognition$/);
        const progress = await mainText(page);
        expect(progress).toContain(w.progress);
        expect(progress).toContain(w.counts);
        expect(progress).toContain("M3");
        await pictures(page, `wallet-recognition-${language}`);
        await page.getByRole("button", { name: w.send }).click();
        await page.waitForURL(/\/credentials\/[0-9a-f-]{36}\?m=claimed/);
        const detail = await mainText(page);
        expect(detail).toContain("TEC-INFO");
        await pictures(page, `wallet-recognised-${language}`);

        // The recognition credential as held verifies in the verifier.
        const id = new URL(page.url()).pathname.split("/").at(-1)!;
        const file = await page.request.get(`${system.wallet.url}/credentials/${id}/download`);
        const text = await file.text();
        const held = JSON.parse(text) as Record<string, unknown>;
        const subject = held["credentialSubject"] as Record<string, unknown>;
        expect(subject["creditsEarned"]).toBe(10);
        expect((held["evidence"] as unknown[]).length).toBe(2);
        const response = await fetch(`${system.verifier.url}/api/verify`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ document: text, lang: language }),
        });
        const verified = (await response.json()) as { verified: boolean; verdict: string };
        expect(response.status).toBe(200);
        expect(verified).toMatchObject({ verified: true, verdict: "valid" });
      });
      expect(problems).toEqual([]);
      await context.close();
    }, 180_000);
  }

  it("counts no revoked credential: the unit alone still earns its credits (es)", async () => {
    const { page, context, problems, w, ids } = await learner("es", "revoked");
    await call(`/orgs/conalep-demo/credentials/${ids[1]}/status`, conalepToken, {
      action: "revoke",
      reason: "error",
    });
    await withScreenshot(page, "recognition-refused", async () => {
      // The wallet stops counting a revoked credential; the unit alone still counts.
      await page.goto(`${system.wallet.url}/recognition`);
      expect(await mainText(page)).toContain("6 de 13 créditos");
      await page.getByRole("button", { name: w.send }).click();
      await page.waitForURL(/\/credentials\/[0-9a-f-]{36}\?m=claimed/);
      expect(await mainText(page)).toContain("TEC-INFO");
    });
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it("waits for the school's clerk, then the learner takes it (en)", async () => {
    const table = (mode: string) =>
      call(
        "/orgs/cecati-norte/recognition-table",
        schoolToken,
        { entries: tableEntries, mode },
        "PUT",
      );
    await table("review");
    try {
      const { page, context, problems, w } = await learner("en", "review");
      await withScreenshot(page, "recognition-review", async () => {
        await page.goto(`${system.wallet.url}/recognition`);
        await page.getByRole("button", { name: w.send }).click();
        await page.getByRole("heading", { name: "Request sent" }).waitFor();
        expect(await mainText(page)).toContain("The school will review your request.");
        await pictures(page, "wallet-pending-en");
      });
      const clerkContext = await browser.newContext({ locale: "es-MX" });
      const clerk = await clerkContext.newPage();
      await withScreenshot(clerk, "recognition-clerk", async () => {
        await clerk.goto(`${system.issuer.url}/console/signin`);
        await clerk.getByLabel("Correo electrónico").fill(CLERK.email);
        await clerk.getByLabel("Contraseña").fill(CLERK.password);
        await clerk.getByRole("button", { name: "Entrar" }).click();
        await clerk.getByRole("navigation").getByRole("link", { name: "Convalidaciones" }).click();
        const list = await mainText(clerk);
        expect(list).toContain("Técnico en Informática");
        expect(list).toContain("10 créditos");
        expect(list).toContain("Unidad EC0217.01-E1");
        await pictures(clerk, "console-recognition-es");
        await clerk.getByRole("button", { name: "Emitir la constancia" }).first().click();
        await clerk.waitForURL(/m=approved/);
        expect(await mainText(clerk)).toContain("Constancia emitida");
      });
      await clerkContext.close();
      await withScreenshot(page, "recognition-review-take", async () => {
        await page.getByRole("button", { name: "See if it is ready" }).click();
        await page.waitForURL(/\/credentials\/[0-9a-f-]{36}\?m=claimed/);
        expect(await mainText(page)).toContain("TEC-INFO");
      });
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await table("automatic");
    }
  }, 180_000);
});
