import { readIssuerConfig } from "./config.js";
import { startIssuer } from "./start.js";

// Thin entry point: configuration from the environment, then the library does the rest.
const config = readIssuerConfig();
const issuer = await startIssuer(config);
console.log(`[avala/issuer] listening on ${issuer.url} (API docs: ${issuer.url}/docs)`);
if (issuer.demo) {
  const demo = issuer.demo;
  console.log(`[avala/issuer] demo organisation: ${demo.organisation} (${demo.organisationDid})`);
  console.log(
    demo.tokenActive
      ? `[avala/issuer] demo admin token (Authorization: Bearer …): ${demo.token}`
      : "[avala/issuer] the demo admin token was revoked",
  );
  for (const credential of demo.credentials) {
    if (credential.claimUrl) console.log(`[avala/issuer] demo claim offer: ${credential.claimUrl}`);
  }
}
if (!issuer.config.seedDemo) {
  console.log("[avala/issuer] no demo data (set AVALA_SEED_DEMO=true to seed an empty database)");
}
if (!config.platformAdminToken) {
  console.log("[avala/issuer] platform administration is off (set AVALA_PLATFORM_ADMIN_TOKEN)");
}

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`[avala/issuer] ${signal}: shutting down`);
  await issuer.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
