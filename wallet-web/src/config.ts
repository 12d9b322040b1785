import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

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
  /** Directory of the SQLite file and of the generated master key file. */
  dataDir: string;
  /** `postgres://…` to use PostgreSQL (tables prefixed `wallet_`); empty for SQLite. A secret. */
  databaseUrl?: string;
  /** 32 bytes that protect holder keys, share tokens and CSRF tokens. A secret. */
  masterKey: Uint8Array;
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
  /** How long a share link lasts when the holder does not choose. Default 30 days. */
  defaultShareDays: number;
  /** Trust `X-Forwarded-For`'s rightmost value for rate limits (only behind your own proxy). */
  trustedProxyHeader?: string;
}

export type WalletEnvVars = Record<string, string | undefined>;

const MASTER_KEY_FILE = "wallet-master.key";

/** Reads the configuration from the environment (default `process.env`). */
export function loadWalletConfig(env: WalletEnvVars = process.env): WalletConfig {
  const dataDir = resolve(env["AVALA_DATA_DIR"] || "./data");
  const port = parsePort(env["WALLET_PORT"], 4300);
  const config: WalletConfig = {
    port,
    verifierPublicUrl: origin(
      env["VERIFIER_PUBLIC_URL"] || "http://localhost:4200",
      "VERIFIER_PUBLIC_URL",
    ),
    dataDir,
    masterKey: loadMasterKey(env["AVALA_MASTER_KEY"], dataDir),
    fetchAllowHosts: splitList(env["AVALA_FETCH_ALLOW_HOSTS"]),
    sessionTtlMs:
      positive(env["WALLET_SESSION_TTL_HOURS"], 12, "WALLET_SESSION_TTL_HOURS") * 3600e3,
    defaultShareDays: positive(env["WALLET_SHARE_DAYS"], 30, "WALLET_SHARE_DAYS"),
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
  return config;
}

/**
 * The master key: `AVALA_MASTER_KEY` (64 hex characters or base64 of 32 bytes), or the key file
 * in the data directory, created (mode 0600) with 32 random bytes the first time.
 */
export function loadMasterKey(value: string | undefined, dataDir: string): Uint8Array {
  if (value) return decodeMasterKey(value, "AVALA_MASTER_KEY");
  const file = join(dataDir, MASTER_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return decodeMasterKey(readFileSync(file, "utf8").trim(), file);
}

function decodeMasterKey(text: string, source: string): Uint8Array {
  const bytes = /^[0-9a-f]{64}$/i.test(text)
    ? Buffer.from(text, "hex")
    : Buffer.from(text, "base64");
  if (bytes.length !== 32) {
    // Never echo the value: it is a secret.
    throw new TypeError(`${source}: the master key must be 32 bytes (64 hex or base64)`);
  }
  return new Uint8Array(bytes);
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
