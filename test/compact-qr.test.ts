import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_QR_VERSION } from "@avala/compact-credential";
import jsQRModule from "jsqr";
import type { Browser as Chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AvalaSystem, startAvala } from "../scripts/avala-system.js";
import { Browser } from "../wallet-web/test/helpers.js";
import { launchChromium, resultsDir, withScreenshot } from "./support/browser.js";
import { compactQrTable, measureCompactQr } from "./support/compact-qr-sizes.js";
import { renderPdfPage } from "./support/pdf-render.js";
import { qrVideo } from "./support/y4m.js";

// The printed QR that verifies offline (issue 12, item 6). The issuer signs a compact edition of
// each credential with it; the wallet keeps it from the claim and prints it on the PDF
// certificate and the print page; the verifier (API and the page's camera) reads its `VC1-`
// text without fetching the credential. The proof: the QR is decoded from a rendered image of
// the PDF page (PDF.js in Chromium, pixels read back, jsQR), and the verifier says valid; a
// tampered text is not. All on 127.0.0.1.

let dataDir: string;
let configDir: string;
let system: AvalaSystem;
let chromium: Chromium;
let camera: Chromium | undefined;
let qrText = "";

type JsQR = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
// jsqr is CommonJS: depending on the loader its function is the module or its `default`.
const jsQR: JsQR =
  typeof jsQRModule === "function"
    ? (jsQRModule as unknown as JsQR)
    : (jsQRModule as unknown as { default: JsQR }).default;

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
  dataDir = await mkdtemp(join(tmpdir(), "avala-compact-qr-"));
  configDir = await mkdtemp(join(tmpdir(), "avala-compact-qr-config-"));
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
    wallet: { fetchCacheTtlMs: 0, verificationTtlMs: 0 },
  });
  chromium = await launchChromium();
}, 120_000);

afterAll(async () => {
  await camera?.close();
  await chromium?.close();
  await system?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

async function verifyText(text: string) {
  const response = await fetch(`${system.verifier.url}/api/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ document: text, lang: "es" }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    verified: boolean;
    verdict: string;
    result: { source?: { form: string }; checks: Array<{ code: string }> };
    display: Array<{ holder: { name?: string }; achievement: { name: string } }>;
  };
}

/** The text of the one QR code in a region of the rendered page (jsQR, as a camera app reads it). */
async function qrIn(
  page: Awaited<ReturnType<typeof renderPdfPage>>,
  region: { x: number; y: number; width: number; height: number },
): Promise<string | undefined> {
  const pixels = await page.pixels(region);
  return jsQR(pixels, region.width, region.height)?.data;
}

describe("the printed QR of a certificate", () => {
  it("fits a version 25 QR code at error correction M for every kind of credential", async () => {
    const measured = await measureCompactQr();
    try {
      console.log(compactQrTable(measured.rows));
      expect(measured.rows).toHaveLength(6);
      for (const row of measured.rows) {
        expect(row.compact.qrVersion, row.kind).toBeLessThanOrEqual(MAX_QR_VERSION);
        expect(row.qrText).toMatch(/^VC1-[A-Z2-7]+$/);
        // Decoded from its text, the compact edition verifies: proof, issuer, status.
        expect(row.verdict, row.kind).toBe("valid");
        // The full credential does not fit: that is why the issuer signs a compact edition.
        expect(row.full.qrVersion ?? 41).toBeGreaterThan(MAX_QR_VERSION);
      }
    } finally {
      await measured.close();
    }
  });

  it("is printed on the wallet's PDF; decoded from the rendered page, the verifier says valid", async () => {
    const { issuer, wallet, verifier } = system;
    // The certification body issues the qualification to a learner, who claims it in the wallet.
    const issued = await fetch(`${issuer.url}/orgs/${issuer.demo!.organisation}/credentials`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${issuer.demo!.token}`,
        "content-type": "application/json",
        accept: "application/json",
      },
      body: JSON.stringify({
        achievementCode: "EC0217.01",
        learner: { email: "rosa.mendez@example.mx", name: "Rosa Elena Méndez Ibarra" },
        externalId: "compact-qr-rosa",
      }),
    });
    expect(issued.status).toBe(201);
    const claimUrl = ((await issued.json()) as { claimUrl: string }).claimUrl;

    const app = (await import("@avala/wallet-web")).createWalletApp(wallet.context);
    const rosa = new Browser(app);
    await rosa.signUp("rosa.mendez@example.mx", "una frase bastante larga", "Rosa Elena Méndez");
    const claimed = await rosa.post("/claim", { offer: claimUrl });
    expect(claimed.status, rosa.lastBody.slice(0, 300)).toBe(303);
    const id = /\/credentials\/([0-9a-f-]{36})/.exec(claimed.headers.get("location") ?? "")![1]!;
    const row = await wallet.context.db
      .selectFrom("wallet_credential")
      .selectAll()
      .where("public_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.compact_document).toBeTruthy();

    // The PDF certificate, as the learner downloads it.
    const download = await rosa.get(`/credentials/${id}/certificate.pdf`);
    expect(download.status).toBe(200);
    const pdf = new Uint8Array(await download.arrayBuffer());

    // Rendered by PDF.js in Chromium at 300 dpi, as a scanner would; each code read from its own
    // half of the page. (jsQR, the reader the verify page uses too, reads a version 25 code
    // reliably from about 5 pixels a module; at 300 dpi the printed code has 6.)
    const page = await renderPdfPage(chromium, pdf, 300 / 72);
    try {
      await mkdir(resultsDir, { recursive: true });
      await writeFile(new URL("compact-qr-pdf.png", resultsDir), page.png);
      await writeFile(new URL("compact-qr.pdf", resultsDir), pdf);
      const half = { width: Math.floor(page.width / 2), height: Math.floor(page.height / 2) };
      const left = { x: 0, y: page.height - half.height, ...half };
      const right = { x: page.width - half.width, y: page.height - half.height, ...half };
      qrText = (await qrIn(page, left)) ?? "";
      expect(qrText).toMatch(/^VC1-[A-Z2-7]+$/);
      expect(await qrIn(page, right)).toBe(`${verifier.url}/`);
    } finally {
      await page.close();
    }

    // The PDF itself still verifies (its attachment, and its printed text matches it).
    const uploaded = await fetch(`${verifier.url}/credentials/verify`, {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: pdf,
    });
    expect(uploaded.status).toBe(200);
    expect(((await uploaded.json()) as { verified: boolean }).verified).toBe(true);

    // The verifier reads it without fetching the credential, and says valid.
    const result = await verifyText(qrText);
    expect(result.verified).toBe(true);
    expect(result.verdict).toBe("valid");
    expect(result.result.source).toEqual({ form: "qr" });
    expect(result.display[0]!.holder.name).toBe("Rosa Elena Méndez Ibarra");
    expect(result.display[0]!.achievement.name).toContain("Impartición de cursos");

    // One character changed in the middle: not valid (the bytes no longer read, or the
    // signature no longer matches).
    const at = Math.floor(qrText.length / 2);
    const tampered = `${qrText.slice(0, at)}${qrText[at] === "A" ? "B" : "A"}${qrText.slice(at + 1)}`;
    const bad = await verifyText(tampered);
    expect(bad.verified).toBe(false);

    // The print page shows the same code, labelled in plain words.
    const share = await rosa.post("/shares", { c: id, days: "7", label: "Empleo" });
    expect(share.status).toBe(303);
    const sharePath = new URL(share.headers.get("location")!, wallet.url).pathname;
    const print = await rosa.get(`${sharePath}/print`);
    expect(print.status).toBe(200);
    expect(rosa.lastBody).toContain(`src="/credentials/${id}/compact-qr.svg"`);
    expect(rosa.lastBody).toContain("Escanéalo para comprobar este certificado aun sin conexión");
    const svg = await rosa.get(`/credentials/${id}/compact-qr.svg`);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");

    // …in Chromium, at a phone's and a laptop's width, in both languages.
    for (const [lang, locale, width, height, label] of [
      ["es", "es-MX", 390, 844, "Escanéalo para comprobar este certificado aun sin conexión"],
      ["en", "en-GB", 1366, 768, "Scan to check this certificate even offline"],
    ] as const) {
      const context = await chromium.newContext({ locale, viewport: { width, height } });
      await context.addCookies(
        [...rosa.cookies].map(([name, value]) => ({ name, value, url: wallet.url })),
      );
      const tab = await context.newPage();
      await withScreenshot(tab, `compact-qr-print-${lang}-${width}`, async () => {
        await tab.goto(`${wallet.url}${sharePath}/print`);
        expect(await tab.locator(".compact-qr figcaption").textContent()).toBe(label);
        const image = tab.locator(".compact-qr img");
        await expect
          .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
          .toBeGreaterThan(0);
        const overflow = await tab.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await tab.screenshot({
          path: new URL(`compact-qr-print-${lang}-${width}.png`, resultsDir).pathname,
          fullPage: true,
        });
      });
      await context.close();
    }
  });

  it("the verify page's camera reads it and shows the valid verdict", async () => {
    expect(qrText).toMatch(/^VC1-/);
    const video = join(dataDir, "compact-qr.y4m");
    await writeFile(video, qrVideo(qrText, { width: 640, height: 480 }));
    camera = await launchChromium([
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    for (const [lang, locale, width, height, words] of [
      ["es", "es-MX", 390, 844, "Rosa Elena Méndez Ibarra"],
      ["en", "en-GB", 1366, 768, "Rosa Elena Méndez Ibarra"],
    ] as const) {
      const context = await camera.newContext({
        locale,
        permissions: ["camera"],
        viewport: { width, height },
      });
      const page = await context.newPage();
      await withScreenshot(page, `compact-qr-camera-${lang}`, async () => {
        await page.goto(`${system.verifier.url}/?lang=${lang}`);
        await page.locator("#scan").waitFor({ state: "visible" });
        await page.locator("#scan-start").click();
        await page.locator("#result").waitFor({ timeout: 30_000 });
        expect(await page.locator("#result").getAttribute("data-verdict")).toBe("valid");
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as a person reads it.
        const text = (await page.locator("#result").innerText()).replace(/\s+/g, " ");
        expect(text).toContain(words);
        await page.screenshot({
          path: new URL(`compact-qr-camera-${lang}-${width}.png`, resultsDir).pathname,
        });
      });
      await context.close();
    }
  });
});
