import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the contexts/ folder. */
export const contextsDir: string = dirname(fileURLToPath(import.meta.url));

export interface ManifestEntry {
  url: string;
  file: string;
  sha256: string;
}

export interface Manifest {
  contexts: ManifestEntry[];
  schemas: ManifestEntry[];
}

/** The parsed manifest.json: every context and schema URL with its file and sha256. */
export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(contextsDir, "manifest.json"), "utf8")) as Manifest;
}

/** Reads a file named by the manifest (a path relative to contexts/). */
export function readContextFile(file: string): string {
  return readFileSync(join(contextsDir, file), "utf8");
}
