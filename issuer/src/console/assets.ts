import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/**
 * The console's only static files: one stylesheet and one small script, read once at start-up
 * and served with a content hash in the URL, so browsers may cache them for a year.
 */
const files = {
  "console.css": "text/css; charset=utf-8",
  "console.js": "text/javascript; charset=utf-8",
} as const;

export type ConsoleAssetName = keyof typeof files;

interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  hash: string;
}

const assets = new Map<string, Asset>(
  (Object.keys(files) as ConsoleAssetName[]).map((name) => {
    const body = readFileSync(new URL(`./assets/${name}`, import.meta.url));
    const hash = createHash("sha256").update(body).digest("base64url").slice(0, 10);
    return [name, { body, gzip: gzipSync(body, { level: 9 }), type: files[name], hash }];
  }),
);

export function consoleAssetUrl(name: ConsoleAssetName): string {
  return `/console/assets/${name}?v=${assets.get(name)!.hash}`;
}

export function consoleAsset(name: string): Asset | undefined {
  return assets.get(name);
}
