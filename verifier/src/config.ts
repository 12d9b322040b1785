import { DEFAULT_FETCH_BUDGET } from "./verify.js";

/**
 * The verifier's configuration, read from the environment in this one place.
 *
 * | variable                        | meaning                                                        |
 * | ------------------------------- | -------------------------------------------------------------- |
 * | `VERIFIER_PORT`                 | port to listen on (default 4200)                               |
 * | `VERIFIER_HOST`                 | address to bind (default: all interfaces)                      |
 * | `VERIFIER_PUBLIC_URL`           | the URL people reach the verifier at (default localhost)       |
 * | `AVALA_TRUST_REGISTRY`          | the signed trust registry: a file path or an http(s) URL       |
 * | `AVALA_TRUST_REGISTRY_OPERATOR` | the DID that must have signed it (required with the registry)  |
 * | `AVALA_FETCH_ALLOW_HOSTS`       | comma-separated `host:port` reachable over http (local demo)   |
 * | `VERIFIER_RATE_LIMIT`           | verifications per client and minute (default 60)               |
 * | `VERIFIER_FETCH_BUDGET`         | requests one verification may send (default 16, at most 64)    |
 * | `VERIFIER_TRUSTED_PROXY_HEADER` | header your reverse proxy sets with the client address         |
 * | `AVALA_WALLET_URL`              | Avala's web wallet: the ask page links to `<it>/openid4vp?…`   |
 */
export interface VerifierConfig {
  port: number;
  /** Address to bind; undefined: all interfaces. */
  hostname?: string;
  publicUrl: string;
  /** File path or URL of the signed trust registry. */
  trustRegistry?: string;
  /** The DID that must have signed the registry. */
  trustRegistryOperator?: string;
  /** `host` or `host:port` entries the guarded fetcher may reach over http (and on loopback). */
  fetchAllowHosts: string[];
  limits: {
    /** Largest credential, presentation or file, in bytes. */
    maxBytes: number;
    maxDepth: number;
  };
  /**
   * Network time-out, how long DID documents are cached, and how many requests one incoming
   * request may cause in all (`budget`). Status lists and links are never cached: a revocation
   * or a withdrawn share link must show at once.
   */
  fetch: { timeoutMs: number; didCacheTtlMs: number; budget: number };
  rateLimit: { windowMs: number; max: number };
  trustedProxyHeader?: string;
  /** Avala's web wallet (an http(s) URL without a trailing slash), for same-device requests. */
  walletUrl?: string;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Reads the configuration; a bad value throws (it is a deployment mistake, caught at start). */
export function loadConfig(env: Env = process.env): VerifierConfig {
  const port = integer(env, "VERIFIER_PORT", 4200, 0, 65535);
  const publicUrl = (optional(env, "VERIFIER_PUBLIC_URL") ?? `http://localhost:${port}`).replace(
    /\/+$/,
    "",
  );
  let parsed: URL;
  try {
    parsed = new URL(publicUrl);
  } catch {
    throw new TypeError("VERIFIER_PUBLIC_URL must be a URL.");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new TypeError("VERIFIER_PUBLIC_URL must be an http(s) URL.");
  }
  const trustRegistry = optional(env, "AVALA_TRUST_REGISTRY");
  const trustRegistryOperator = optional(env, "AVALA_TRUST_REGISTRY_OPERATOR");
  if (trustRegistry && !trustRegistryOperator) {
    throw new TypeError(
      "AVALA_TRUST_REGISTRY needs AVALA_TRUST_REGISTRY_OPERATOR (the pinned DID).",
    );
  }
  if (trustRegistryOperator && !trustRegistryOperator.startsWith("did:")) {
    throw new TypeError("AVALA_TRUST_REGISTRY_OPERATOR must be a DID.");
  }
  const config: VerifierConfig = {
    port,
    publicUrl,
    fetchAllowHosts: (optional(env, "AVALA_FETCH_ALLOW_HOSTS") ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean),
    limits: { maxBytes: 2 * 1024 * 1024, maxDepth: 64 },
    fetch: {
      timeoutMs: 5000,
      didCacheTtlMs: 60_000,
      budget: integer(env, "VERIFIER_FETCH_BUDGET", DEFAULT_FETCH_BUDGET, 1, 64),
    },
    rateLimit: { windowMs: 60_000, max: integer(env, "VERIFIER_RATE_LIMIT", 60, 1, 1_000_000) },
  };
  const hostname = optional(env, "VERIFIER_HOST");
  if (hostname) config.hostname = hostname;
  if (trustRegistry) config.trustRegistry = trustRegistry;
  if (trustRegistryOperator) config.trustRegistryOperator = trustRegistryOperator;
  const walletUrl = optional(env, "AVALA_WALLET_URL")?.replace(/\/+$/, "");
  if (walletUrl) {
    if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/i.test(walletUrl)) {
      throw new TypeError("AVALA_WALLET_URL must be an http(s) URL.");
    }
    config.walletUrl = walletUrl;
  }
  const proxyHeader = optional(env, "VERIFIER_TRUSTED_PROXY_HEADER");
  if (proxyHeader) config.trustedProxyHeader = proxyHeader.toLowerCase();
  return config;
}
