import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/**
 * The wallet's only static files: one stylesheet, one small script, one icon. Read once at
 * start-up, served with a content hash in the URL so browsers may cache them for a year.
 */
const files = {
  "app.css": "text/css; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "icon.svg": "image/svg+xml",
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
    const body = readFileSync(new URL(`./assets/${name}`, import.meta.url));
    const hash = createHash("sha256").update(body).digest("base64url").slice(0, 10);
    return [name, { body, gzip: gzipSync(body, { level: 9 }), type: files[name], hash }];
  }),
);

export function assetUrl(name: AssetName): string {
  return `/assets/${name}?v=${assets.get(name)!.hash}`;
}

export function asset(name: string): Asset | undefined {
  return assets.get(name);
}
