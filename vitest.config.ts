import { readdirSync, readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

// One vitest run covers every workspace package; each package is a project named after it, so a
// failure names the package it came from. Projects inherit the settings below (`extends: true`).
const packageDirs = [
  "contexts",
  ...readdirSync("packages").map((name) => `packages/${name}`),
  "issuer",
  "verifier",
  "wallet-web",
  "test",
];

export default defineConfig({
  test: {
    // Crypto and JSON-LD are CPU-bound; on a loaded two-core machine a test can take seconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: packageDirs.map((dir) => ({
      extends: true,
      test: {
        name: (JSON.parse(readFileSync(`${dir}/package.json`, "utf8")) as { name: string }).name,
        root: dir,
      },
    })),
  },
});
