import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";

/**
 * The wallet's only static files: one stylesheet, one small script, one icon, and for the camera
 * scan on /add its script and jsQR's browser build (from node_modules, never a CDN). Read once
 * at start-up, served with a content hash in the URL so browsers may cache them for a year.
 */
const require = createRequire(import.meta.url);
const own = (name: string) => new URL(`./assets/${name}`, import.meta.url);

const files = {
  "app.css": { type: "text/css; charset=utf-8", path: own("app.css") },
  "app.js": { type: "text/javascript; charset=utf-8", path: own("app.js") },
  "icon.svg": { type: "image/svg+xml", path: own("icon.svg") },
  "scan.js": { type: "text/javascript; charset=utf-8", path: own("scan.js") },
  "jsqr.js": { type: "text/javascript; charset=utf-8", path: require.resolve("jsqr") },
} as const;

export type AssetName = keyof typeof files;

interface Asset {
  body: Buffer;
  /** The same bytes gzipped once at start-up (static files only: pages carry CSRF tokens). */
  gzip: Buffer;
  type: string;
  hash: string;
}

const assets = new Map<string, Asset>(
  (Object.keys(files) as AssetName[]).map((name) => {
    const body = readFileSync(files[name].path);
    const hash = createHash("sha256").update(body).digest("base64url").slice(0, 10);
    return [name, { body, gzip: gzipSync(body, { level: 9 }), type: files[name].type, hash }];
  }),
);

export function assetUrl(name: AssetName): string {
  return `/assets/${name}?v=${assets.get(name)!.hash}`;
}

export function asset(name: string): Asset | undefined {
  return assets.get(name);
}
