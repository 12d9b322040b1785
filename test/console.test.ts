import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withCurpCheckDigit } from "@avala/issuer";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrganisationBySlug } from "../issuer/src/db/repositories/organisations.js";
import { platformActor } from "../issuer/src/services/audit.js";
import { acceptInvitation, inviteStaff } from "../issuer/src/services/staff.js";
import { type AvalaSystem, startAvala } from "../scripts/avala-system.js";
import { launchChromium, resultsDir, withScreenshot } from "./support/browser.js";

// The campus clerk's day in real Chromium, in Spanish: sign in, add an achievement, upload a
// 50-row cohort with 2 bad rows, read the preview's errors, confirm, watch the progress reach
// 100 %, find a learner by CURP, revoke with a reason; a learner's claim e-mail arrives in the
// local catcher and its link works in the wallet. Then every console page at 360 px (no page
// wider than the screen) and on a laptop, with no English words on the Spanish pages.

const EMAIL = "clara.mendoza@conalep.example.mx";
const PASSWORD = "clave de prueba de la consola";
const CODE = "MC-SOLD-01";

let dataDir: string;
let configDir: string;
let system: AvalaSystem;
let browser: Browser;
const screenshots = new URL("console/", resultsDir);

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

function curpFor(i: number): string {
  return withCurpCheckDigit(`MEGC${String(40_000 + i).padStart(6, "0")}MDFRRR0`);
}

/** 50 learners; line 12 has a CURP that is not one, line 30 an achievement not in the catalogue. */
function cohortCsv(): string {
  const lines = ["externalId,achievementCode,email,curp,name,validFrom,validUntil"];
  for (let i = 1; i <= 50; i++) {
    const line = lines.length + 1;
    const curp = line === 12 ? "CURP-INVALIDA" : curpFor(i);
    const code = line === 30 ? "NO-EXISTE-01" : CODE;
    lines.push(
      `2026-S-${i},${code},aprendiz${i}@example.mx,${curp},Aprendiz ${i} Pérez,2026-01-15,`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** What a person reads on the page, without code samples and text marked as another language. */
async function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll("code, script, style, [lang]:not(html)")) el.remove();
    document.body.append(copy);
    copy.style.position = "absolute";
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a person reads it.
    const text = copy.innerText;
    copy.remove();
    return text.replace(/\s+/g, " ");
  });
}

/** English words that have no business on a Spanish page. */
const ENGLISH = [
  "the",
  "and",
  "with",
  "your",
  "you",
  "this",
  "sign",
  "issue",
  "issued",
  "search",
  "upload",
  "download",
  "save",
  "cancel",
  "confirm",
  "learner",
  "credential",
  "credentials",
  "cohort",
  "catalogue",
  "password",
  "status",
  "active",
  "revoked",
  "back",
  "preview",
  "home",
  "staff",
  "role",
  "rows",
  "line",
  "column",
  "errors",
  "find",
  "add",
  "edit",
  "keys",
  "audit",
  "log",
  "level",
  "name",
  "not",
  "found",
  "from",
  "until",
  "valid",
];

function englishWords(text: string): string[] {
  const words = text.toLowerCase().match(/[a-záéíóúñü]+/g) ?? [];
  return [...new Set(words.filter((w) => ENGLISH.includes(w)))];
}

async function widthOf(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  );
}

async function newPage(context: BrowserContext, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("http://127.0.0.1:") && !url.startsWith("data:")) {
      problems.push(`request outside 127.0.0.1: ${url}`);
    }
  });
  return page;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "avala-console-"));
  configDir = await mkdtemp(join(tmpdir(), "avala-console-config-"));
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
  });
  // The clerk's account: invited by the platform, password set through the invitation.
  const ctx = system.issuer.context;
  const org = await findOrganisationBySlug(ctx.db, system.issuer.demo!.organisation);
  const invited = await inviteStaff(
    ctx,
    org!,
    { email: EMAIL, name: "Clara Mendoza", role: "admin" },
    platformActor,
  );
  if (!invited.ok) throw new Error("invitation refused");
  const accepted = await acceptInvitation(ctx, invited.url.split("/").at(-1)!, {
    name: "Clara Mendoza",
    password: PASSWORD,
  });
  expect(accepted?.ok).toBe(true);
  await mkdir(screenshots, { recursive: true });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

describe("the console in Chromium", () => {
  let revokedId = "";
  let batchPath = "";

  it("carries a clerk through the day: catalogue, cohort, progress, search, revoke", async () => {
    const issuer = system.issuer.url;
    const context = await browser.newContext({
      locale: "es-MX",
      viewport: { width: 1366, height: 900 },
    });
    const problems: string[] = [];
    const page = await newPage(context, problems);
    await withScreenshot(page, "console-clerk", async () => {
      // The issuer's root, in a browser, is the console: sign in.
      await page.goto(`${issuer}/`);
      await page.waitForURL(`${issuer}/console/signin`);
      await page.getByLabel("Correo electrónico").fill(EMAIL);
      await page.getByLabel("Contraseña").fill(PASSWORD);
      await page.getByRole("button", { name: "Entrar" }).click();
      await page.getByRole("heading", { name: "Hola, Clara Mendoza" }).waitFor();

      // Add an achievement to the catalogue, with both languages, level and alignments.
      await page.getByRole("navigation").getByRole("link", { name: "Catálogo" }).click();
      await page.getByRole("link", { name: "Agregar un logro" }).click();
      await page.getByLabel("Código", { exact: true }).fill(CODE);
      await page.getByLabel("Tipo").selectOption("microcredential");
      await page.getByLabel("Nombre en español").fill("Soldadura por arco eléctrico");
      await page.getByLabel("Nombre en inglés").fill("Shielded metal arc welding");
      await page
        .getByLabel("Descripción en español")
        .fill("Microcredencial del taller de soldadura");
      await page.getByLabel("Descripción en inglés").fill("Welding workshop microcredential");
      await page.getByLabel("Criterios en español").fill("Práctica evaluada en taller");
      await page.getByLabel("Nivel EQF orientativo").fill("3");
      await page.getByLabel("Código ISCED-F").fill("0715");
      await page.getByLabel("Campo ISCED-F").fill("Mecánica y metalurgia");
      await page
        .getByLabel("Imagen de la insignia")
        .fill("https://conalep.example.mx/insignias/soldadura.png");
      await page.getByRole("button", { name: "Guardar" }).click();
      await page.getByText("Logro agregado al catálogo.").waitFor();
      expect(await readableText(page)).toContain("Soldadura por arco eléctrico");

      // Upload the cohort: a preview of its errors before anything is signed.
      await page.getByRole("navigation").getByRole("link", { name: "Grupos" }).click();
      await page.getByRole("link", { name: "Subir un grupo" }).click();
      await page.locator("#f-file").setInputFiles({
        name: "grupo-soldadura.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(cohortCsv()),
      });
      await page.getByRole("button", { name: "Subir y revisar" }).click();
      await page.getByRole("heading", { name: "Revisión antes de emitir" }).waitFor();
      batchPath = new URL(page.url()).pathname;
      const preview = await readableText(page);
      expect(preview).toContain("48 listas para emitir");
      expect(preview).toContain("De 50 filas, 48 están bien y 2 tienen errores.");
      const errorRows = await page.locator("tr[data-error-line]").evaluateAll((rows) =>
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a person reads it.
        rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, " ").trim()),
      );
      expect(errorRows).toEqual([
        expect.stringMatching(/^12 curp no es una CURP válida$/),
        expect.stringMatching(/^30 achievementCode NO-EXISTE-01 no está en el catálogo$/),
      ]);
      expect(
        await system.issuer.context.db
          .selectFrom("issuer_credential")
          .selectAll()
          .where("batch_id", "is not", null)
          .execute(),
      ).toHaveLength(0);
      await page.screenshot({
        path: new URL("cohort-preview-1366.png", screenshots).pathname,
        fullPage: true,
      });

      // Confirm, and watch the bar move to 100 %.
      await page.getByRole("button", { name: "Confirmar y emitir 48" }).click();
      // Signing 48 credentials takes seconds: the page opens while it runs, and polls.
      await page.getByRole("heading", { name: "Emitiendo el grupo" }).waitFor();
      const seen = new Set<string>();
      await expect
        .poll(
          async () => {
            const percent = await page
              .locator("[data-percent]")
              .getAttribute("data-percent")
              .catch(() => null);
            if (percent) seen.add(percent);
            return percent;
          },
          { timeout: 120_000, interval: 200 },
        )
        .toBe("100");
      await page.getByRole("heading", { name: "Informe del grupo" }).waitFor({ timeout: 30_000 });
      // The bar moved through values before 100 % (it was polled, not just rendered done).
      expect(seen.size, [...seen].join(",")).toBeGreaterThan(1);
      const report = await readableText(page);
      expect(report).toContain(
        "100 %: 50 de 50 filas (48 emitidas, 0 ya emitidas antes, 2 con errores).",
      );
      expect(await page.locator("progress").evaluate((p) => (p as HTMLProgressElement).value)).toBe(
        50,
      );
      await page.screenshot({
        path: new URL("cohort-report-1366.png", screenshots).pathname,
        fullPage: true,
      });

      // Find a learner by CURP (the search never puts it in an address).
      await page.getByRole("navigation").getByRole("link", { name: "Buscar" }).click();
      await page.getByLabel("CURP", { exact: true }).fill(curpFor(5).toLowerCase());
      await page.getByRole("button", { name: "Buscar" }).click();
      await page.getByRole("heading", { name: "Resultados" }).waitFor();
      expect(page.url()).not.toContain(curpFor(5));
      const results = page.locator("table.stack tbody tr");
      expect(await results.count()).toBe(1);
      await results.getByRole("link").click();
      await page.getByRole("heading", { name: "Credencial de Aprendiz 5 Pérez" }).waitFor();
      revokedId = new URL(page.url()).pathname.split("/").at(-1)!;

      // Revoke it with a reason, after a confirmation page.
      await page.getByRole("link", { name: "Revocar" }).click();
      await page.getByRole("heading", { name: "¿Revocar esta credencial?" }).waitFor();
      await page.getByLabel("Motivo", { exact: true }).selectOption("data-error");
      await page.getByLabel("Detalle (opcional)").fill("El nombre venía mal escrito");
      await page.getByRole("button", { name: "Revocar" }).click();
      await page.getByText("Credencial revocada.").waitFor();
      expect(await readableText(page)).toContain(
        "Revocada: Datos equivocados: El nombre venía mal escrito",
      );
    });
    expect(problems).toEqual([]);
    // The progress was seen moving (not only the final state).
    const api = await fetch(
      `${system.issuer.url}/orgs/${system.issuer.demo!.organisation}/credentials/${revokedId}`,
      {
        headers: {
          authorization: `Bearer ${system.issuer.demo!.token}`,
          accept: "application/json",
        },
      },
    );
    expect(((await api.json()) as { status: string }).status).toBe("revoked");
    await context.close();
  });

  it("sends a learner of the cohort an e-mail whose claim link works in the wallet", async () => {
    const catcher = system.mail?.smtp;
    expect(catcher, "the local SMTP catcher runs").toBeDefined();
    const mail = await catcher!.waitFor((m) => m.to.includes("aprendiz7@example.mx"), 60_000);
    const link = new RegExp(`${system.issuer.url}/claims/[\\w.-]+`).exec(mail.text)?.[0];
    expect(link, mail.text).toBeDefined();
    const context = await browser.newContext({ locale: "es-MX" });
    const learner = await context.newPage();
    await withScreenshot(learner, "console-claim", async () => {
      await learner.goto(link!);
      await learner.locator(`a[href^="${system.wallet.url}/claim?offer="]`).click();
      await learner.waitForURL(/\/signin\?next=/);
      await learner.getByRole("link", { name: "Crear cuenta" }).click();
      await learner.getByLabel("Nombre").fill("Aprendiz 7 Pérez");
      await learner.getByLabel("Correo electrónico").fill("aprendiz7@example.mx");
      await learner.getByLabel(/^Contraseña/).fill("mi frase secreta de prueba");
      await learner.getByRole("button", { name: "Crear mi cartera" }).click();
      await learner.waitForURL(/\/claim\?offer=/);
      await learner.getByRole("button", { name: "Aceptar y guardar" }).click();
      await learner.waitForURL(/\/credentials\/[0-9a-f-]{36}\?m=claimed/);
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a person reads it.
      expect(await learner.locator("main").innerText()).toContain("Soldadura por arco eléctrico");
    });
    await context.close();
  });

  it("fits every page in a 360 px screen and a laptop, in Spanish words only", async () => {
    const issuer = system.issuer.url;
    const active = await system.issuer.context.db
      .selectFrom("issuer_credential")
      .select("public_id")
      .where("status", "=", "active")
      .where("batch_id", "is not", null)
      .executeTakeFirstOrThrow();
    const activeId = active.public_id;
    const pages = [
      "/console",
      "/console/issue",
      "/console/batches",
      "/console/batches/new",
      batchPath,
      "/console/credentials",
      `/console/credentials/${revokedId}`,
      `/console/credentials/${activeId}/status?action=revoke`,
      "/console/catalogue",
      `/console/catalogue/${CODE}`,
      "/console/catalogue/new",
      "/console/admin/staff",
      "/console/admin/tokens",
      "/console/admin/keys",
      "/console/admin/accreditation",
      "/console/admin/settings",
      "/console/admin/audit",
    ];
    for (const [width, height] of [
      [360, 740],
      [1366, 900],
    ] as const) {
      for (const locale of ["es-MX", "en-GB"]) {
        const context = await browser.newContext({ locale, viewport: { width, height } });
        const problems: string[] = [];
        const page = await newPage(context, problems);
        await page.goto(`${issuer}/console/signin`);
        const signinName = locale === "es-MX" ? "signin" : "signin-en";
        await page.screenshot({
          path: new URL(`${signinName}-${width}.png`, screenshots).pathname,
          fullPage: true,
        });
        expect(await widthOf(page), `signin at ${width}`).toBeLessThanOrEqual(width);
        await page.locator("#f-email").fill(EMAIL);
        await page.locator("#f-password").fill(PASSWORD);
        await page.locator("form[action='/console/signin'] button[type=submit]").click();
        await page.waitForURL(`${issuer}/console`);
        for (const path of pages) {
          await page.goto(`${issuer}${path}`);
          await page.locator("main h1").waitFor();
          const name = `${path.replace(/^\/console\/?/, "").replace(/[^\w]+/g, "-") || "home"}${locale === "es-MX" ? "" : "-en"}-${width}`;
          await page.screenshot({
            path: new URL(`${name}.png`, screenshots).pathname,
            fullPage: true,
          });
          expect(await widthOf(page), `${path} at ${width} px`).toBeLessThanOrEqual(width);
          if (locale === "es-MX") {
            expect(englishWords(await readableText(page)), `${path} in Spanish`).toEqual([]);
          }
        }
        expect(problems).toEqual([]);
        await context.close();
      }
    }
  });
});
