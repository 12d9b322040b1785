import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.js";
import { findChromium, systemChromiumPaths } from "./support/chromium.js";
import { readPngGrey } from "./support/png.js";

// A machine with Node and pnpm but no system Chromium still runs the browser tests: the
// headless Chromium inside the @sparticuz/chromium npm package (installed by `pnpm install`)
// is unpacked and used. This test always runs that one, even where a system Chromium exists.

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(
      '<!doctype html><html lang="es"><meta charset="utf-8"><title>Prueba</title><h1 id="t" style="font:bold 40px sans-serif">Credencial válida ñ</h1>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("Chromium discovery", () => {
  it("prefers a system Chromium, else the bundled one", async () => {
    const found = await findChromium("auto");
    const system = systemChromiumPaths.find(
      (path) => existsSync(path) && spawnSync(path, ["--version"]).status === 0,
    );
    expect(found.source).toBe(system ? "system" : "bundled");
    if (system) expect(found.executablePath).toBe(system);
  });

  it("takes a path, and refuses one that names no file", async () => {
    await expect(findChromium("/nonexistent/chromium")).rejects.toThrow(/AVALA_CHROMIUM/);
    const bundled = await findChromium("bundled");
    expect(await findChromium(bundled.executablePath)).toMatchObject({
      source: "env",
      executablePath: bundled.executablePath,
    });
  });

  it("runs the Chromium that pnpm install brought, and it renders a page", async () => {
    const bundled = await findChromium("bundled");
    expect(bundled.source).toBe("bundled");
    const version = spawnSync(bundled.executablePath, ["--version"], {
      env: { ...process.env, ...bundled.env },
      encoding: "utf8",
    });
    expect(version.stdout).toMatch(/^Chromium \d+\./);
    const browser = await launchChromium([], bundled);
    try {
      const page = await browser.newPage({ viewport: { width: 360, height: 200 } });
      await page.goto(url);
      expect(await page.textContent("#t")).toBe("Credencial válida ñ");
      // Text is drawn (fonts work): the heading's box has dark pixels.
      const box = (await page.locator("#t").boundingBox())!;
      const shot = readPngGrey(await page.screenshot({ clip: box }));
      const dark = shot.luma.filter((value) => value < 100).length;
      expect(dark).toBeGreaterThan(200);
    } finally {
      await browser.close();
    }
  });
});
