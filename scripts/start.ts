/**
 * `pnpm start`: the whole of Avala in one process, with demo data.
 *
 *   issuer   ISSUER_PORT   (default 4100)  organisations, catalogue, issuance, claim offers
 *   verifier VERIFIER_PORT (default 4200)  the public verify page and API
 *   wallet   WALLET_PORT   (default 4300)  the learner's wallet
 *
 * Data lives under AVALA_DATA_DIR (default ./data): one SQLite file per service, or PostgreSQL
 * with DATABASE_URL (tables are prefixed per service). The issuer seeds itself on an empty
 * database; the wallet gets a demo account when it has none. The verifier and the wallet trust
 * the issuer's `/trust-registry.json`, signed by the platform organisation's DID, and may reach
 * the three local services over http (AVALA_FETCH_ALLOW_HOSTS).
 */
import { createHmac } from "node:crypto";
import { resolve } from "node:path";
import { readIssuerConfig, startIssuer } from "@avala/issuer";
import { loadConfig as loadVerifierConfig, startVerifier } from "@avala/verifier";
import { loadWalletConfig, seedDemoAccount, startWallet } from "@avala/wallet-web";

const env = process.env;

function port(name: string, fallback: number): number {
  const value = Number(env[name] || fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new TypeError(`${name} must be a port number`);
  }
  return value;
}

const ports = {
  issuer: port("ISSUER_PORT", 4100),
  verifier: port("VERIFIER_PORT", 4200),
  wallet: port("WALLET_PORT", 4300),
};
const urls = {
  issuer: env["ISSUER_PUBLIC_URL"] || `http://localhost:${ports.issuer}`,
  verifier: env["VERIFIER_PUBLIC_URL"] || `http://localhost:${ports.verifier}`,
  wallet: env["WALLET_PUBLIC_URL"] || `http://localhost:${ports.wallet}`,
};
const localHosts = Object.values(urls).map((url) => new URL(url).host);
const shared: Record<string, string | undefined> = {
  ...env,
  AVALA_DATA_DIR: resolve(env["AVALA_DATA_DIR"] || "./data"),
  ISSUER_PORT: String(ports.issuer),
  VERIFIER_PORT: String(ports.verifier),
  WALLET_PORT: String(ports.wallet),
  ISSUER_PUBLIC_URL: urls.issuer,
  VERIFIER_PUBLIC_URL: urls.verifier,
  WALLET_PUBLIC_URL: urls.wallet,
  AVALA_FETCH_ALLOW_HOSTS: env["AVALA_FETCH_ALLOW_HOSTS"] || localHosts.join(","),
};

const stops: Array<() => Promise<void>> = [];
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error("[avala] error while stopping:", error);
    }
  }
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.log(`\n[avala] ${signal}: stopping…`);
    void stopAll(0);
  });
}

try {
  // The demo always seeds (AVALA_SEED_DEMO only concerns the issuer's own entry, off there).
  const issuer = await startIssuer(readIssuerConfig(shared), { seed: true });
  stops.push(() => issuer.close());
  const registry = {
    AVALA_TRUST_REGISTRY: env["AVALA_TRUST_REGISTRY"] || `${issuer.url}/trust-registry.json`,
    AVALA_TRUST_REGISTRY_OPERATOR:
      env["AVALA_TRUST_REGISTRY_OPERATOR"] || issuer.registryOperator || undefined,
  };
  if (!registry.AVALA_TRUST_REGISTRY_OPERATOR) {
    delete (registry as Record<string, unknown>)["AVALA_TRUST_REGISTRY"];
    console.warn("[avala] the issuer has no platform organisation: trust is not checked");
  }

  const verifier = await startVerifier(loadVerifierConfig({ ...shared, ...registry }));
  stops.push(() => verifier.close());

  const wallet = await startWallet(loadWalletConfig({ ...shared, ...registry }));
  stops.push(() => wallet.close());

  // The demo learner of the issuer's seed; the password is derived from the wallet's master
  // key, so it is the same at every start and printed each time.
  const demoLogin = {
    name: "Ana López García",
    email: "ana.lopez@example.mx",
    password: `demo-${createHmac("sha256", wallet.context.config.masterKey)
      .update("avala demo wallet password")
      .digest("base64url")
      .slice(0, 12)}`,
  };
  const created = await seedDemoAccount(wallet.context, demoLogin);

  const demo = issuer.demo;
  const lines = [
    "",
    "Avala is running:",
    `  issuer    ${issuer.url}   (API docs: ${issuer.url}/docs)`,
    `  verifier  ${urls.verifier}`,
    `  wallet    ${wallet.url}`,
    "",
  ];
  if (demo) {
    lines.push(
      `Demo issuer organisation: ${demo.organisation} (${demo.organisationDid})`,
      `Demo issuer API token:    ${demo.token}${demo.tokenActive ? "" : "  (revoked)"}`,
      `Trust registry:           ${registry.AVALA_TRUST_REGISTRY ?? "—"}`,
      `  signed by               ${registry.AVALA_TRUST_REGISTRY_OPERATOR ?? "—"}`,
    );
    const open = demo.credentials.filter((c) => c.claimUrl);
    if (open.length > 0) {
      lines.push("", "Demo claim links (open in the wallet):");
      for (const credential of open) {
        lines.push(
          `  ${credential.achievementCode.padEnd(16)} ${wallet.url}/claim?offer=${encodeURIComponent(credential.claimUrl!)}`,
        );
      }
    }
  }
  if (created || env["AVALA_SHOW_DEMO_LOGIN"] !== "0") {
    lines.push(
      "",
      `Demo wallet login: ${demoLogin.email} / ${demoLogin.password}${created ? "  (just created)" : ""}`,
    );
  }
  lines.push("", "See docs/demo.md for the walk-through. Ctrl+C stops everything.", "");
  console.log(lines.join("\n"));
} catch (error) {
  console.error("[avala] could not start:", error);
  await stopAll(1);
}
