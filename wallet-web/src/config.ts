import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { parseSmtpUrl } from "@avala/mail";
import {
  loadMasterKey,
  MASTER_KEY_FILE_NAME,
  type MasterKeySettings,
  type MasterKeySource,
} from "./security/master-key.js";
import { isShareDays, shareDaysRange } from "./services/shares.js";

/** Everything the wallet reads from its environment, read in this one place. */
export interface WalletConfig {
  /** TCP port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to bind (WALLET_HOST); default: node's (all interfaces). */
  hostname?: string;
  /**
   * The wallet's public origin, used in share links, claim links and cookies (`Secure` when it is
   * https). When absent, `http://localhost:<port>` once the port is known.
   */
  publicUrl?: string;
  /** Where share links send employers: the public verify page. */
  verifierPublicUrl: string;
  /** Directory of the SQLite file. Never of the master key (see `masterKeySettings`). */
  dataDir: string;
  /** `postgres://…` to use PostgreSQL (tables prefixed `wallet_`); empty for SQLite. A secret. */
  databaseUrl?: string;
  /** 32 bytes that protect holder keys, share tokens and CSRF tokens. A secret. */
  masterKey: Uint8Array;
  /**
   * Where `masterKey` came from (start-up prints it) and what the operator must act on; absent
   * when the key was given directly (tests).
   */
  masterKeyOrigin?: { source: MasterKeySource; warnings: string[] };
  /** Hosts (`host:port`) the wallet may reach over http or on private addresses. */
  fetchAllowHosts: string[];
  /**
   * The signed trust registry (AVALA_TRUST_REGISTRY: a file path or an http(s) URL) and the DID
   * that must have signed it (AVALA_TRUST_REGISTRY_OPERATOR): who accredits which issuer.
   */
  trustRegistry?: string;
  trustRegistryOperator?: string;
  /** How long a session lasts after sign-in. Default 12 hours. */
  sessionTtlMs: number;
  /**
   * The share length the form preselects (WALLET_SHARE_DAYS), a whole number of days from 1 to
   * 365 (see `shareDaysRange`). Default 30.
   */
  defaultShareDays: number;
  /** Trust `X-Forwarded-For`'s rightmost value for rate limits (only behind your own proxy). */
  trustedProxyHeader?: string;
  /**
   * The SMTP server for the wallet's e-mail (password resets): SMTP_URL, `smtp://…` or
   * `smtps://…`, the same variable as the issuer's (a secret when it carries a password).
   * Absent: the wallet sends no e-mail and does not offer password resets.
   */
  smtpUrl?: string;
  /**
   * The sender (WALLET_MAIL_FROM): an address, or `Name <address>`. Default
   * `no-reply@<public host>`, shown as the wallet's name in the account's language.
   */
  mailFrom?: MailFrom;
}

/** The From of the wallet's e-mail; without a name, the wallet's own ("Avala · Cartera"). */
export interface MailFrom {
  name?: string;
  address: string;
}

export type WalletEnvVars = Record<string, string | undefined>;

/**
 * Where the master key is, from the environment: AVALA_MASTER_KEY, else the key file
 * WALLET_MASTER_KEY_FILE, else `$XDG_CONFIG_HOME/avala/wallet-master.key` (an absolute
 * XDG_CONFIG_HOME), else `$HOME/.config/avala/wallet-master.key`. Never inside AVALA_DATA_DIR.
 */
export function masterKeySettings(env: WalletEnvVars = process.env): MasterKeySettings {
  const xdg = env["XDG_CONFIG_HOME"]?.trim();
  const base = xdg && isAbsolute(xdg) ? xdg : join(env["HOME"]?.trim() || homedir(), ".config");
  return {
    dataDir: resolve(env["AVALA_DATA_DIR"] || "./data"),
    ...(env["AVALA_MASTER_KEY"] ? { masterKey: env["AVALA_MASTER_KEY"] } : {}),
    ...(env["WALLET_MASTER_KEY_FILE"]?.trim()
      ? { masterKeyFile: resolve(env["WALLET_MASTER_KEY_FILE"].trim()) }
      : {}),
    defaultMasterKeyFile: join(base, "avala", MASTER_KEY_FILE_NAME),
  };
}

/** What the master key commands need: the key's settings and the database (never a new key). */
export function maintenanceConfig(env: WalletEnvVars = process.env): {
  keys: MasterKeySettings;
  dataDir: string;
  databaseUrl: string | undefined;
} {
  const keys = masterKeySettings(env);
  return { keys, dataDir: keys.dataDir, databaseUrl: env["DATABASE_URL"] || undefined };
}

/**
 * Reads the configuration from the environment (default `process.env`). Loads the master key,
 * creating its file (outside the data directory) the first time.
 */
export function loadWalletConfig(env: WalletEnvVars = process.env): WalletConfig {
  const keySettings = masterKeySettings(env);
  const dataDir = keySettings.dataDir;
  const port = parsePort(env["WALLET_PORT"], 4300);
  const shareDays = positive(env["WALLET_SHARE_DAYS"], 30, "WALLET_SHARE_DAYS");
  if (!isShareDays(shareDays)) {
    throw new TypeError(
      `WALLET_SHARE_DAYS must be a whole number of days from ${shareDaysRange.min} to ${shareDaysRange.max}`,
    );
  }
  const masterKey = loadMasterKey(keySettings);
  const config: WalletConfig = {
    port,
    verifierPublicUrl: origin(
      env["VERIFIER_PUBLIC_URL"] || "http://localhost:4200",
      "VERIFIER_PUBLIC_URL",
    ),
    dataDir,
    masterKey: new Uint8Array(masterKey.key),
    masterKeyOrigin: { source: masterKey.source, warnings: masterKey.warnings },
    fetchAllowHosts: splitList(env["AVALA_FETCH_ALLOW_HOSTS"]),
    sessionTtlMs:
      positive(env["WALLET_SESSION_TTL_HOURS"], 12, "WALLET_SESSION_TTL_HOURS") * 3600e3,
    defaultShareDays: shareDays,
  };
  // With port 0 the URL is only known once the port is bound (startWallet fills it in).
  if (env["WALLET_PUBLIC_URL"])
    config.publicUrl = origin(env["WALLET_PUBLIC_URL"], "WALLET_PUBLIC_URL");
  else if (port !== 0) config.publicUrl = `http://localhost:${port}`;
  if (env["WALLET_HOST"]) config.hostname = env["WALLET_HOST"];
  if (env["DATABASE_URL"]) config.databaseUrl = env["DATABASE_URL"];
  if (env["AVALA_TRUST_REGISTRY"]) {
    if (!env["AVALA_TRUST_REGISTRY_OPERATOR"]?.startsWith("did:")) {
      throw new TypeError("AVALA_TRUST_REGISTRY needs AVALA_TRUST_REGISTRY_OPERATOR (a DID).");
    }
    config.trustRegistry = env["AVALA_TRUST_REGISTRY"];
    config.trustRegistryOperator = env["AVALA_TRUST_REGISTRY_OPERATOR"];
  }
  if (env["WALLET_TRUSTED_PROXY_HEADER"]) {
    config.trustedProxyHeader = env["WALLET_TRUSTED_PROXY_HEADER"];
  }
  const smtpUrl = env["SMTP_URL"]?.trim();
  if (smtpUrl) {
    parseSmtpUrl(smtpUrl); // a TypeError that does not repeat the URL (it may hold a password)
    config.smtpUrl = smtpUrl;
  }
  const mailFrom = env["WALLET_MAIL_FROM"]?.trim();
  if (mailFrom) config.mailFrom = parseMailFrom(mailFrom);
  return config;
}

/**
 * Reads WALLET_MAIL_FROM like the issuer reads MAIL_FROM: `address` or `Name <address>`; the
 * address one `local@domain` without spaces or angle brackets, the name without line breaks,
 * quotes or angle brackets.
 */
export function parseMailFrom(value: string): MailFrom {
  const match = /^(?:([^<>\r\n"]{1,100}?)\s*<([^\s<>@]+@[^\s<>@]+)>|([^\s<>@]+@[^\s<>@]+))$/.exec(
    value.trim(),
  );
  const address = match ? (match[2] ?? match[3]) : undefined;
  const name = match?.[1]?.trim();
  if (
    !address ||
    address.length > 254 ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
    (name !== undefined && /[\u0000-\u001f\u007f]/.test(name))
  ) {
    throw new TypeError("WALLET_MAIL_FROM must be an address or Name <address>");
  }
  return name ? { name, address } : { address };
}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`WALLET_PORT must be a port number, not ${JSON.stringify(value)}`);
  }
  return port;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new TypeError(`${name} must be a positive number`);
  return n;
}

/** A URL's origin (scheme, host, port), refusing anything but http(s). */
export function origin(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} must be an http(s) URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`${name} must be an http(s) URL`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
