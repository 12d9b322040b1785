import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, normalize } from "node:path";
import type { Browser } from "playwright-core";

/**
 * Renders a PDF page to pixels the way a reader's screen or printer would: Mozilla's PDF.js
 * (`pdfjs-dist`, a dev dependency of the system tests: no PDF renderer is installed on the
 * machine, and PDF.js is what Firefox and many viewers draw PDFs with) in headless Chromium,
 * from a static server on 127.0.0.1. Nothing else is loaded.
 */

const pdfjsDir = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

const types: Record<string, string> = {
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".html": "text/html; charset=utf-8",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
  ".pfb": "application/octet-stream",
  ".ttf": "font/ttf",
  ".bcmap": "application/octet-stream",
};

const page = `<!doctype html><meta charset="utf-8"><title>pdf</title>
<canvas id="page"></canvas>
<script type="module">
  import * as pdfjs from "/pdfjs/build/pdf.mjs";
  pdfjs.GlobalWorkerOptions.workerSrc = "/pdfjs/build/pdf.worker.mjs";
  const scale = Number(new URLSearchParams(location.search).get("scale") || "2");
  try {
    const data = new Uint8Array(await (await fetch("/document.pdf")).arrayBuffer());
    const doc = await pdfjs.getDocument({
      data,
      standardFontDataUrl: "/pdfjs/standard_fonts/",
      wasmUrl: "/pdfjs/wasm/",
      cMapUrl: "/pdfjs/cmaps/",
      isEvalSupported: false,
    }).promise;
    const first = await doc.getPage(1);
    const viewport = first.getViewport({ scale });
    const canvas = document.getElementById("page");
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    await first.render({ canvas, viewport, background: "#ffffff" }).promise;
    window.rendered = { width: canvas.width, height: canvas.height };
  } catch (error) {
    window.rendered = { error: String(error && error.message || error) };
  }
</script>`;

export interface RenderedPage {
  width: number;
  height: number;
  /** The whole page as a PNG (to look at). */
  png: Buffer;
  /** RGBA pixels of a region (top-left origin, in rendered pixels). */
  pixels(region: {
    x: number;
    y: number;
    width: number;
    height: number;
  }): Promise<Uint8ClampedArray>;
  close(): Promise<void>;
}

/** Renders page 1 of `pdf` at `scale` (1 = 72 dpi) in a new Chromium page. */
export async function renderPdfPage(
  browser: Browser,
  pdf: Uint8Array,
  scale = 3,
): Promise<RenderedPage> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/");
    try {
      if (path === "/") {
        res.writeHead(200, { "content-type": types[".html"] }).end(page);
      } else if (path === "/document.pdf") {
        res.writeHead(200, { "content-type": types[".pdf"] }).end(pdf);
      } else if (path.startsWith("/pdfjs/")) {
        const file = normalize(join(pdfjsDir, path.slice("/pdfjs/".length)));
        if (!file.startsWith(`${pdfjsDir}/`)) throw new Error("outside");
        const body = await readFile(file);
        res
          .writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" })
          .end(body);
      } else {
        res.writeHead(404).end();
      }
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const tab = await browser.newPage();
  const close = async () => {
    await tab.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    await tab.goto(`http://127.0.0.1:${port}/?scale=${scale}`);
    await tab.waitForFunction(() => (window as { rendered?: unknown }).rendered !== undefined);
    const rendered = (await tab.evaluate(() => (window as { rendered?: unknown }).rendered)) as {
      width?: number;
      height?: number;
      error?: string;
    };
    if (rendered.error || !rendered.width || !rendered.height) {
      throw new Error(`PDF.js could not render the page: ${rendered.error ?? "no size"}`);
    }
    const png = await tab.locator("#page").screenshot();
    return {
      width: rendered.width,
      height: rendered.height,
      png,
      async pixels(region) {
        const base64 = await tab.evaluate((r) => {
          const canvas = document.getElementById("page") as HTMLCanvasElement;
          const data = canvas.getContext("2d")!.getImageData(r.x, r.y, r.width, r.height).data;
          let binary = "";
          for (let i = 0; i < data.length; i += 0x8000) {
            binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
          }
          return btoa(binary);
        }, region);
        return new Uint8ClampedArray(Buffer.from(base64, "base64"));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
