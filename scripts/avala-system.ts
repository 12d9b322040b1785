/**
 * The whole of Avala in one process: the issuer (seeded with demo data), the verifier and the
 * wallet, wired together: both trust the issuer's signed `/trust-registry.json`, and all three
 * may reach each other over http (AVALA_FETCH_ALLOW_HOSTS). Unless SMTP_URL names a mail server,
 * a local SMTP catcher on 127.0.0.1 receives the issuer's e-mail and shows it on an inbox page.
 * `pnpm start`, the end-to-end browser test and the page-weight measurement all start the
 * system through `startAvala`.
 */

import { type RunningIssuer, readIssuerConfig, startIssuer } from "@avala/issuer";
import { type MailCatcher, startMailCatcher } from "@avala/mail/catcher";
import {
  loadConfig as loadVerifierConfig,
  type RunningVerifier,
  startVerifier,
} from "@avala/verifier";
import {
  loadWalletConfig,
  type RunningWallet,
  startWallet,
  type WalletContextOptions,
} from "@avala/wallet-web";

type Env = Record<string, string | undefined>;

export interface AvalaSystemOptions {
  /**
   * Configuration as environment variables (ISSUER_PORT, VERIFIER_PORT, WALLET_PORT, their
   * *_PUBLIC_URL, AVALA_DATA_DIR, DATABASE_URL, …); ports default to 4100, 4200 and 4300.
   */
  env: Env;
  /** The address all three listen on (default: every interface). */
  hostname?: string;
  log?: {
    info(message: string, context?: Record<string, unknown>): void;
    error(message: string, context?: Record<string, unknown>): void;
  };
  /** Extra options for the wallet (e.g. no verification caching in tests). */
  wallet?: WalletContextOptions;
  /**
   * Run the local mail catcher when SMTP_URL is not set (default true). Its inbox page listens
   * on 127.0.0.1:MAIL_CATCHER_PORT (default: a free port), its SMTP server on
   * 127.0.0.1:MAIL_CATCHER_SMTP_PORT (default: a free port).
   */
  mailCatcher?: boolean;
}

export interface AvalaSystem {
  issuer: RunningIssuer;
  verifier: RunningVerifier;
  wallet: RunningWallet;
  /** The trust registry the verifier and the wallet use, when the issuer publishes one. */
  registry: { url: string; operator: string } | undefined;
  /** The local mail catcher (its inbox page and what it received), when it runs. */
  mail: MailCatcher | undefined;
  close(): Promise<void>;
}

function port(env: Env, name: string, fallback: number): number {
  const value = Number(env[name] || fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new TypeError(`${name} must be a port number`);
  }
  return value;
}

export async function startAvala(options: AvalaSystemOptions): Promise<AvalaSystem> {
  const { env } = options;
  const ports = {
    issuer: port(env, "ISSUER_PORT", 4100),
    verifier: port(env, "VERIFIER_PORT", 4200),
    wallet: port(env, "WALLET_PORT", 4300),
  };
  const host = options.hostname ?? "localhost";
  const urls = {
    issuer: env["ISSUER_PUBLIC_URL"] || `http://${host}:${ports.issuer}`,
    verifier: env["VERIFIER_PUBLIC_URL"] || `http://${host}:${ports.verifier}`,
    wallet: env["WALLET_PUBLIC_URL"] || `http://${host}:${ports.wallet}`,
  };
  const shared: Env = {
    ...env,
    ISSUER_PORT: String(ports.issuer),
    VERIFIER_PORT: String(ports.verifier),
    WALLET_PORT: String(ports.wallet),
    ISSUER_PUBLIC_URL: urls.issuer,
    VERIFIER_PUBLIC_URL: urls.verifier,
    WALLET_PUBLIC_URL: urls.wallet,
    AVALA_FETCH_ALLOW_HOSTS:
      env["AVALA_FETCH_ALLOW_HOSTS"] ||
      Object.values(urls)
        .map((url) => new URL(url).host)
        .join(","),
    ...(options.hostname ? { VERIFIER_HOST: options.hostname, WALLET_HOST: options.hostname } : {}),
  };
  const stops: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    stops.length = 0;
  };
  try {
    let mail: MailCatcher | undefined;
    if (options.mailCatcher !== false && !env["SMTP_URL"]) {
      const catcher = await startMailCatcher({
        host: "127.0.0.1",
        port: port(env, "MAIL_CATCHER_SMTP_PORT", 0),
        inboxPort: port(env, "MAIL_CATCHER_PORT", 0),
      });
      mail = catcher;
      stops.push(() => catcher.close());
      shared["SMTP_URL"] = catcher.smtpUrl;
    }
    // The demo always seeds (AVALA_SEED_DEMO only concerns the issuer's own entry, off there).
    const issuer = await startIssuer(readIssuerConfig(shared), {
      seed: true,
      ...(options.hostname ? { hostname: options.hostname } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    stops.push(() => issuer.close());
    const operator = env["AVALA_TRUST_REGISTRY_OPERATOR"] || issuer.registryOperator;
    const registry = operator
      ? { url: env["AVALA_TRUST_REGISTRY"] || `${issuer.url}/trust-registry.json`, operator }
      : undefined;
    const trust: Env = registry
      ? { AVALA_TRUST_REGISTRY: registry.url, AVALA_TRUST_REGISTRY_OPERATOR: registry.operator }
      : {};
    const verifier = await startVerifier(loadVerifierConfig({ ...shared, ...trust }));
    stops.push(() => verifier.close());
    const wallet = await startWallet(loadWalletConfig({ ...shared, ...trust }), {
      ...(options.log ? { log: options.log } : {}),
      ...options.wallet,
    });
    stops.push(() => wallet.close());
    return { issuer, verifier, wallet, registry, mail, close };
  } catch (error) {
    await close();
    throw error;
  }
}
