import { defineConfig } from "vitest/config";

// One vitest run covers every workspace package. Each package is a project, so a failure names
// the package it came from.
export default defineConfig({
  test: {
    projects: ["contexts", "packages/*", "issuer", "verifier", "wallet-web", "test"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
