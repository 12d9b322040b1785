import { loadConfig } from "./config.js";
import { startVerifier } from "./start.js";

const config = loadConfig();
const verifier = await startVerifier(config);
console.log(`Avala verifier listening on ${verifier.url} (public URL ${config.publicUrl})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    verifier.close().finally(() => process.exit(0));
  });
}
