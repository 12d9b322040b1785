import { defineProject } from "vitest/config";

// The first verification in a process compiles the OB 3.0 schemas and warms the JSON-LD
// processor (about a second, more on a loaded machine): generous limits keep CI stable.
export default defineProject({
  test: {
    name: "@avala/verifier",
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
