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

// Issue 15 in real Chromium: a learner holds three units of EC0217.01 from two accredited
// certification bodies (the demo's and a second one CONOCER accredits here), asks the demo body
// for the standard's certificate from the wallet, and gets it; in Spanish and in English.

const PLATFORM_TOKEN = `platform-${randomBytes(12).toString("hex")}`;
let dataDir: string;
let configDir: string;
let system: AvalaSystem;
let browser: Browser;
const screenshots = new URL("standard-request/", resultsDir);
const CLERK = { email: "eva.clerk@ece-demo.example.mx", password: "clave de prueba de la consola" };

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

let northToken = "";

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "avala-standard-"));
  configDir = await mkdtemp(join(tmpdir(), "avala-standard-config-"));
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
  const demo = system.issuer.demo!;
  // A second certification body, accredited by CONOCER, that issues units of EC0217.01 too.
  const north = await call("/orgs", PLATFORM_TOKEN, {
    slug: "ece-norte",
    kind: "certification-body",
    name: { es: "Certificadora del Norte", en: "Certificadora del Norte" },
  });
  northToken = (north["token"] as { token: string }).token;
  const conocer = await call("/orgs/conocer/tokens", PLATFORM_TOKEN, {
    role: "admin",
    label: "test",
  });
  await call("/orgs/conocer/endorsements", conocer["token"] as string, {
    subjectOrg: "ece-norte",
    comment: { es: "Acreditada por el CONOCER", en: "Accredited by CONOCER" },
  });
  for (const suffix of ["E2", "E3"]) {
    await call("/orgs/ece-norte/achievements", northToken, {
      code: `EC0217.01-${suffix}`,
      kind: "unit",
      standardCode: "EC0217.01",
      name: { es: `Unidad ${suffix}`, en: `Unit ${suffix}` },
      description: { es: "Unidad", en: "Unit" },
      criteria: { es: "Evaluación", en: "Assessment" },
    });
  }
  // The demo body certifies the standard and issues at once.
  await call(
    `/orgs/${demo.organisation}/standard-request-settings`,
    demo.token,
    { mode: "automatic" },
    "PATCH",
  );
  // A clerk of the demo body, for the review in the console.
  const ctx = system.issuer.context;
  const org = await findOrganisationBySlug(ctx.db, demo.organisation);
  const invited = await inviteStaff(
    ctx,
    org!,
    { email: CLERK.email, name: "Eva Clerk", role: "operator" },
    platformActor,
  );
  if (!invited.ok) throw new Error("invitation refused");
  await acceptInvitation(ctx, invited.url.split("/").at(-1)!, {
    name: "Eva Clerk",
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
    progress: "3 de 3 unidades de EC0217.01",
    ask: "Pedir el certificado del estándar",
    send: /^Pedir a /,
    claimed: "El certificado ya está en tu cartera.",
  },
  en: {
    locale: "en-GB",
    name: "Name",
    email: "E-mail",
    password: /^Password/,
    signup: "Create my wallet",
    accept: "Accept and keep",
    progress: "3 of 3 units of EC0217.01",
    ask: "Request the standard's certificate",
    send: /^Ask /,
    claimed: "",
  },
} as const;

/** Takes a page's picture at a phone's and a laptop's width (test-results/standard-request/). */
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

/** A learner signs up in the wallet and claims three units: E1 (demo body), E2 and E3 (north). */
async function learnerWithUnits(language: "es" | "en", tag: string) {
  const w = words[language];
  const demo = system.issuer.demo!;
  const email = `lupita.${tag}@example.mx`;
  const issueUnit = async (slug: string, token: string, suffix: string) =>
    await call(`/orgs/${slug}/credentials`, token, {
      achievementCode: `EC0217.01-${suffix}`,
      learner: { email, name: "Guadalupe Ramírez" },
      externalId: `std-${tag}-${suffix}`,
    });
  const issued = [
    await issueUnit(demo.organisation, demo.token, "E1"),
    await issueUnit("ece-norte", northToken, "E2"),
    await issueUnit("ece-norte", northToken, "E3"),
  ];
  const offers = issued.map((i) => i["claimUrl"] as string);
  const context = await browser.newContext({ locale: w.locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${system.wallet.url}/signup`);
  await page.getByLabel(w.name).fill("Guadalupe Ramírez");
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.password).fill("mi frase secreta de prueba");
  await page.getByRole("button", { name: w.signup }).click();
  await page.waitForURL(/\/credentials/);
  for (const offer of offers) {
    await page.goto(`${system.wallet.url}/claim?offer=${encodeURIComponent(offer)}`);
    await page.getByRole("button", { name: w.accept }).click();
    await page.waitForURL(/\/credentials\/[0-9a-f-]{36}\?m=claimed/);
  }
  await page.goto(`${system.wallet.url}/credentials`);
  return { page, context, problems, w, ids: issued.map((i) => i["id"] as string) };
}

describe("units to a standard in the wallet", () => {
  for (const language of ["es", "en"] as const) {
    it(`a learner with three units from two bodies gets the standard (${language})`, async () => {
      const { page, context, problems, w } = await learnerWithUnits(language, language);
      await withScreenshot(page, `standard-request-${language}`, async () => {
        expect(await mainText(page)).toContain(w.progress);
        await page.getByRole("link", { name: w.ask }).click();
        await page.waitForURL(/\/standards\/EC0217\.01\/request$/);
        const asking = await mainText(page);
        expect(asking).toContain("EC0217.01-E1");
        expect(asking).toContain("Certificadora del Norte");
        await pictures(page, `wallet-ask-${language}`);
        await page.getByRole("button", { name: w.send }).click();
        await page.waitForURL(/\/credentials\/[0-9a-f-]{36}\?m=claimed/);
        const detail = await mainText(page);
        expect(detail).toContain(w.claimed);
        expect(detail).toContain("EC0217.01");
        await page.goto(`${system.wallet.url}/credentials`);
        expect(await mainText(page)).not.toContain(w.ask);
      });
      expect(problems).toEqual([]);
      await context.close();
    }, 180_000);
  }

  it("names the unit that is missing when one was revoked (en)", async () => {
    const { page, context, problems, w, ids } = await learnerWithUnits("en", "revoked");
    await call(`/orgs/ece-norte/credentials/${ids[1]}/status`, northToken, {
      action: "revoke",
      reason: "error",
    });
    await withScreenshot(page, "standard-request-refused", async () => {
      await page.goto(`${system.wallet.url}/credentials`);
      expect(await mainText(page)).toContain("2 of 3 units of EC0217.01");
      await page.getByRole("link", { name: w.ask }).click();
      await page.getByRole("button", { name: w.send }).click();
      await page.getByRole("heading", { name: "The certificate could not be issued" }).waitFor();
      expect(await mainText(page)).toContain(
        "You are missing the unit EC0217.01-E2 of the standard EC0217.01.",
      );
      await pictures(page, "wallet-refused-en");
    });
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it("waits for a clerk, who approves in the console; the learner then takes it", async () => {
    const demo = system.issuer.demo!;
    await call(
      `/orgs/${demo.organisation}/standard-request-settings`,
      demo.token,
      { mode: "review" },
      "PATCH",
    );
    const { page, context, problems, w } = await learnerWithUnits("es", "review");
    await withScreenshot(page, "standard-request-review", async () => {
      await page.getByRole("link", { name: w.ask }).click();
      await page.getByRole("button", { name: w.send }).click();
      await page.getByRole("heading", { name: "Solicitud enviada" }).waitFor();
      expect(await mainText(page)).toContain("Tu solicitud está en revisión");
      await pictures(page, "wallet-pending-es");
    });

    const clerkContext = await browser.newContext({ locale: "es-MX" });
    const clerk = await clerkContext.newPage();
    await withScreenshot(clerk, "standard-request-clerk", async () => {
      await clerk.goto(`${system.issuer.url}/console/signin`);
      await clerk.getByLabel("Correo electrónico").fill(CLERK.email);
      await clerk.getByLabel("Contraseña").fill(CLERK.password);
      await clerk.getByRole("button", { name: "Entrar" }).click();
      await clerk.getByRole("navigation").getByRole("link", { name: "Solicitudes" }).click();
      const list = await mainText(clerk);
      expect(list).toContain("EC0217.01-E2");
      expect(list).toContain("Certificadora del Norte");
      await pictures(clerk, "console-requests-es");
      await clerk.getByRole("button", { name: "Emitir el certificado" }).first().click();
      await clerk.waitForURL(/m=approved/);
      expect(await mainText(clerk)).toContain("Certificado emitido");
    });

    await withScreenshot(page, "standard-request-review-take", async () => {
      await page.getByRole("button", { name: "Ver si ya está listo" }).click();
      await page.waitForURL(/\/credentials\/[0-9a-f-]{36}\?m=claimed/);
      expect(await mainText(page)).toContain("EC0217.01");
    });
    expect(problems).toEqual([]);
    await clerkContext.close();
    await context.close();
  }, 180_000);

  it("says on the verify page when the standard was superseded (a warning, es and en)", async () => {
    const demo = system.issuer.demo!;
    const issued = await call(`/orgs/${demo.organisation}/credentials`, demo.token, {
      achievementCode: "EC0217.01",
      learner: { email: "version@example.mx", name: "Ana Versión" },
      externalId: "std-version",
    });
    const credential = issued["verifiableCredential"];
    // EC0217.02 keeps E1 and E2 (the old ones count) and replaces E3 by a new unit E4.
    const orgPath = `/orgs/${demo.organisation}`;
    const texts = (name: string) => ({
      name: { es: name, en: name },
      description: { es: "Versión 02", en: "Version 02" },
      criteria: { es: "Evaluación", en: "Assessment" },
    });
    const next = ["EC0217.02-E1", "EC0217.02-E2", "EC0217.02-E4"];
    for (const code of next) {
      await call(`${orgPath}/achievements`, demo.token, {
        code,
        kind: "unit",
        standardCode: "EC0217.02",
        ...texts(`Unidad ${code.slice(-2)}`),
      });
    }
    await call(`${orgPath}/achievements`, demo.token, {
      code: "EC0217.02",
      kind: "qualification",
      units: next,
      ...texts("Impartición de cursos, versión 02"),
    });
    await call(
      `${orgPath}/standards/EC0217.02/version`,
      demo.token,
      { equivalences: { "EC0217.02-E1": ["EC0217.01-E1"], "EC0217.02-E2": ["EC0217.01-E2"] } },
      "PATCH",
    );
    await call(
      `${orgPath}/standards/EC0217.01/version`,
      demo.token,
      { supersededBy: "EC0217.02" },
      "PATCH",
    );
    const api = await fetch(`${system.verifier.url}/api/verify`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ verifiableCredential: credential }),
    });
    const body = (await api.json()) as {
      verdict: string;
      result: { checks: Array<{ check: string; outcome: string; code: string }> };
    };
    expect(body.verdict).toBe("valid-with-warnings");
    expect(body.result.checks).toContainEqual(
      expect.objectContaining({
        check: "standard",
        outcome: "warning",
        code: "standard.superseded",
      }),
    );
    for (const [locale, text] of [
      ["es-MX", "El estándar EC0217.01 fue sustituido por EC0217.02"],
      ["en-GB", "The standard EC0217.01 has been superseded by EC0217.02"],
    ] as const) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await withScreenshot(page, `standard-superseded-${locale}`, async () => {
        await page.goto(`${system.verifier.url}/`);
        await page.locator("#document").fill(JSON.stringify(credential));
        await page.locator("#paste-submit").click();
        await page.locator("#result").waitFor();
        expect(await mainText(page)).toContain(text);
        await pictures(page, `verify-superseded-${locale}`);
      });
      await context.close();
    }

    // The wallet counts toward EC0217.02 only what it accepts, and says how.
    const { page, context, problems } = await learnerWithUnits("es", "version");
    await withScreenshot(page, "standard-versions-wallet", async () => {
      const text = await mainText(page);
      expect(text).toContain("2 de 3 unidades de EC0217.02");
      expect(text).toContain("EC0217.01 fue sustituido por EC0217.02");
      expect(text).toContain("Tu unidad EC0217.01-E1 cuenta como EC0217.02-E1.");
      expect(text).toContain("EC0217.02 ya no acepta: EC0217.01-E3.");
      await pictures(page, "wallet-versions-es");
    });
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
