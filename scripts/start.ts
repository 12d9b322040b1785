/**
 * `pnpm start`: the whole of Avala in one process, with demo data.
 *
 *   issuer   ISSUER_PORT   (default 4100)  organisations, catalogue, issuance, claim offers
 *   verifier VERIFIER_PORT (default 4200)  the public verify page and API
 *   wallet   WALLET_PORT   (default 4300)  the learner's wallet
 *   mail     MAIL_CATCHER_PORT (default 4400, on 127.0.0.1)  the inbox of the local mail
 *            catcher: every e-mail the issuer sends (claim links, invitations) and the wallet
 *            sends (password reset links) lands there, unless SMTP_URL names a real mail
 *            server (both services read SMTP_URL; `startAvala` gives them the catcher's)
 *
 * Data lives under AVALA_DATA_DIR (default ./data): one SQLite file per service, or PostgreSQL
 * with DATABASE_URL (tables are prefixed per service). The issuer seeds itself on an empty
 * database; the wallet gets a demo account when it has none. The verifier and the wallet trust
 * the issuer's `/trust-registry.json`, signed by the platform organisation's DID, and may reach
 * the three local services over http (AVALA_FETCH_ALLOW_HOSTS).
 */
import { createHmac } from "node:crypto";
import { resolve } from "node:path";
import { seedDemoAccount } from "@avala/wallet-web";
import { type AvalaSystem, startAvala } from "./avala-system.js";

const env = process.env;
let system: AvalaSystem | undefined;
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  try {
    await system?.close();
  } catch (error) {
    console.error("[avala] error while stopping:", error);
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
  system = await startAvala({
    env: {
      ...env,
      AVALA_DATA_DIR: resolve(env["AVALA_DATA_DIR"] || "./data"),
      MAIL_CATCHER_PORT: env["MAIL_CATCHER_PORT"] || "4400",
    },
  });
  const { issuer, verifier, wallet, registry, mail } = system;

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
    `  verifier  ${verifier.url}`,
    `  wallet    ${wallet.url}`,
    mail
      ? `  mail      ${mail.inboxUrl}   (test inbox: the e-mail the issuer and the wallet send; nothing leaves this computer)`
      : `  mail      sent through ${env["SMTP_URL"] ? "SMTP_URL" : "—"}`,
    "",
  ];
  if (demo) {
    lines.push(
      `Demo issuer organisation: ${demo.organisation} (${demo.organisationDid})`,
      `Demo issuer API token:    ${demo.token}${demo.tokenActive ? "" : "  (revoked)"}`,
      `Staff console:            ${issuer.url}/console`,
      `  demo login              ${demo.consoleLogin.email} / ${demo.consoleLogin.password}${demo.consoleLogin.created ? "  (just created)" : ""}`,
      `Trust registry:           ${registry?.url ?? "— (trust is not checked)"}`,
      `  signed by               ${registry?.operator ?? "—"}`,
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
