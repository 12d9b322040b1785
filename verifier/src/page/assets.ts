import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import type { Context } from "hono";
import type { PageAssets } from "./page.js";

/** One static file, read once at start, with its gzip form and a content hash for its URL. */
export interface StaticAsset {
  path: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
}

function asset(name: string, contentType: string, body: Uint8Array<ArrayBuffer>): StaticAsset {
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 12);
  return {
    path: `/assets/${name}?v=${hash}`,
    contentType,
    body,
    gzip: new Uint8Array(gzipSync(body, { level: 9 })),
    etag: `"${hash}"`,
  };
}

/** The page's script and stylesheet, and jsQR's browser build from node_modules (no CDN). */
export interface AssetBundle {
  byName: ReadonlyMap<string, StaticAsset>;
  urls: PageAssets;
}

export function loadAssets(): AssetBundle {
  const read = (file: string) =>
    new Uint8Array(readFileSync(new URL(`./assets/${file}`, import.meta.url)));
  const require = createRequire(import.meta.url);
  const jsqrPath = require.resolve("jsqr");
  const script = asset("verify.js", "text/javascript; charset=utf-8", read("verify.js"));
  const style = asset("verify.css", "text/css; charset=utf-8", read("verify.css"));
  const jsqr = asset(
    "jsqr.js",
    "text/javascript; charset=utf-8",
    new Uint8Array(readFileSync(jsqrPath)),
  );
  const askScript = asset("ask.js", "text/javascript; charset=utf-8", read("ask.js"));
  const askStyle = asset("ask.css", "text/css; charset=utf-8", read("ask.css"));
  return {
    byName: new Map([
      ["verify.js", script],
      ["verify.css", style],
      ["jsqr.js", jsqr],
      ["ask.js", askScript],
      ["ask.css", askStyle],
    ]),
    urls: {
      script: script.path,
      style: style.path,
      jsqr: jsqr.path,
      askScript: askScript.path,
      askStyle: askStyle.path,
    },
  };
}

/** Serves an asset: gzip when accepted, cached for a year (the URL changes with the content). */
export function serveAsset(c: Context, file: StaticAsset): Response {
  const headers: Record<string, string> = {
    "content-type": file.contentType,
    "cache-control": "public, max-age=31536000, immutable",
    etag: file.etag,
    vary: "accept-encoding",
  };
  if (c.req.header("if-none-match") === file.etag)
    return new Response(null, { status: 304, headers });
  const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
  if (gzip) headers["content-encoding"] = "gzip";
  const body = gzip ? file.gzip : file.body;
  headers["content-length"] = String(body.byteLength);
  return new Response(body, { headers });
}
