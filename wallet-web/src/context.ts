import { shareShapeCache } from "@avala/credentials";
import { createDatabase, type Database, type DatabaseDialect, runMigrations } from "@avala/db";
import { createDidResolver } from "@avala/did";
import type { DocumentLoader } from "@avala/document-loader";
import { createDocumentLoader } from "@avala/document-loader";
import {
  budgetedFetch,
  createFetchBudget,
  createGuardedFetch,
  type GuardedFetch,
} from "@avala/guarded-fetch";
import {
  createTrustRegistrySource,
  DEFAULT_FETCH_BUDGET,
  type TrustRegistryOption,
  type Verification,
  type VerifyOptions,
  verify,
} from "@avala/verifier";
import { type AttemptLimiter, createAttemptLimiter } from "@avala/web-auth";
import type { WalletConfig } from "./config.js";
import { walletMigrations } from "./db/migrations.js";
import type { WalletDb } from "./db/repositories.js";
import type { WalletTables } from "./db/tables.js";
import { deriveWalletKeys, type WalletKeys } from "./security/keys.js";
import { createGuardedPost, type GuardedPost } from "./services/guarded-post.js";
import { createWalletMail, type WalletMail } from "./services/mail.js";
import { createStandardCatalogue, type StandardCatalogue } from "./services/standards.js";

/** Where the wallet reports what operators should know. Never given secrets or personal data. */
export interface WalletLogger {
  info(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export const consoleLogger: WalletLogger = {
  info: (message, context) => console.log(`[avala/wallet] ${message}`, context ?? ""),
  error: (message, context) => console.error(`[avala/wallet] ${message}`, context ?? ""),
};

/** The configuration once the public URL is known (after the port is bound). */
export type ResolvedWalletConfig = WalletConfig & { publicUrl: string };

/** Verifies whatever a holder brings: an object, JSON text, file bytes, or `{ url }`. */
export type VerifyInput = (input: unknown) => Promise<Verification>;

/** The one application context (composition root): everything a request handler may use. */
export interface WalletContext {
  readonly config: ResolvedWalletConfig;
  readonly db: WalletDb;
  readonly dialect: DatabaseDialect;
  readonly keys: WalletKeys;
  /** Offline loader (pinned contexts, did:key): enough to sign presentations. */
  readonly documentLoader: DocumentLoader;
  /** GETs offers and credential links (no cache: an offer's challenge is fresh each time). */
  readonly fetch: GuardedFetch;
  /** POSTs claims with the same rules. */
  readonly post: GuardedPost;
  readonly verify: VerifyInput;
  readonly now: () => Date;
  /**
   * Failed sign-ins per account and client address (5 per 15 min), per account from every
   * address (20 per 15 min: many addresses do not multiply the guesses), and per client address
   * (50 per 15 min). "Account" is the e-mail typed, whether or not such an account exists.
   */
  readonly signInFailures: AttemptLimiter;
  readonly signInFailuresByAccount: AttemptLimiter;
  readonly signInFailuresByAddress: AttemptLimiter;
  /**
   * Password reset requests per e-mail typed (3 an hour, whether or not it has an account) and
   * per client address (10 an hour): nobody can flood a mailbox or probe many addresses.
   */
  readonly resetRequestsByEmail: AttemptLimiter;
  readonly resetRequestsByAddress: AttemptLimiter;
  /** E-mail (password resets), and work done after a page is answered. */
  readonly mail: WalletMail;
  /** Verification results by stored credential, kept briefly so pages stay fast. */
  readonly verificationCache: VerificationCache;
  /** What a competence standard requires, from the issuer's public catalogue (cached). */
  readonly standards: StandardCatalogue;
  readonly log: WalletLogger;
  /** Closes the database (when the context opened it). */
  destroy(): Promise<void>;
}

export interface WalletContextOptions {
  /** An open database (tests pass one from `testDatabases()`); default: from the config. */
  database?: Database<WalletTables>;
  now?: () => Date;
  log?: WalletLogger;
  /** Replace verification (tests); default: `@avala/verifier` with this deployment's options. */
  verify?: VerifyInput;
  /** Extra verify options (e.g. a loaded trust registry in tests). */
  verifyOptions?: Partial<VerifyOptions>;
  /** How long a verification result is reused. Default 30 s. */
  verificationTtlMs?: number;
  /** How long fetched status lists, DID documents and the registry are reused. Default 20 s. */
  fetchCacheTtlMs?: number;
}

export interface VerificationCache {
  get(key: string): Verification | undefined;
  set(key: string, value: Verification): void;
  delete(key: string): void;
}

function createVerificationCache(ttlMs: number, now: () => number, max = 2000) {
  const entries = new Map<string, { value: Verification; until: number }>();
  const cache: VerificationCache = {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.until <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value) {
      entries.delete(key);
      while (entries.size >= max) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      entries.set(key, { value, until: now() + ttlMs });
    },
    delete(key) {
      entries.delete(key);
    },
  };
  return cache;
}

/** Opens the database, applies the wallet's migrations, and builds the context. */
export async function createWalletContext(
  config: ResolvedWalletConfig,
  options: WalletContextOptions = {},
): Promise<WalletContext> {
  const database =
    options.database ??
    createDatabase<WalletTables>({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      fileName: "wallet.sqlite",
    });
  const ownsDatabase = options.database === undefined;
  try {
    await runMigrations(database.db, walletMigrations, { tableName: "wallet_migration" });
  } catch (error) {
    if (ownsDatabase) await database.destroy();
    throw error;
  }
  const now = options.now ?? (() => new Date());
  const allowHosts = config.fetchAllowHosts;
  // The wallet never fetches its own pages (a credential's status list or a link pointing back
  // at it would only amplify a request).
  const refuseOrigins = config.publicUrl ? [config.publicUrl] : [];
  const documentLoader = createDocumentLoader();
  const fetch = createGuardedFetch({
    allowHosts,
    refuseOrigins,
    timeoutMs: 10_000,
    maxBytes: 2 * 1024 * 1024,
  });
  // Verification fetches status lists, did:web documents and the trust registry: cache them
  // briefly (a revocation shows within half a minute).
  const verifyFetch = createGuardedFetch({
    allowHosts,
    refuseOrigins,
    timeoutMs: 8_000,
    maxBytes: 2 * 1024 * 1024,
    cacheTtlMs: options.fetchCacheTtlMs ?? 20_000,
  });
  // did:web documents of allow-listed hosts (this deployment's own issuer) are fetched over
  // http when the host is allow-listed: the demo and tests run without TLS.
  const allowListedHosts = new Set(allowHosts.map((h) => h.toLowerCase()));
  const webScheme = (host: string): "http" | "https" => {
    const name = host.toLowerCase();
    const bare = name.replace(/:\d+$/, "");
    return allowListedHosts.has(name) || allowListedHosts.has(bare) ? "http" : "https";
  };
  // Verifying needs issuers' did:web documents: fetched through the guarded fetcher given.
  const didLoader = (fetcher: GuardedFetch) =>
    createDocumentLoader({
      resolveDid: createDidResolver({
        fetchJson: (url) =>
          fetcher.fetchJson(url, {
            accept: "application/did+json, application/did+ld+json, application/json;q=0.9",
          }),
        webScheme,
      }),
    });
  const verifyLoader = didLoader(verifyFetch);
  let trustRegistry: TrustRegistryOption | undefined;
  if (config.trustRegistry && config.trustRegistryOperator) {
    trustRegistry = createTrustRegistrySource({
      location: config.trustRegistry,
      operator: config.trustRegistryOperator,
      documentLoader: verifyLoader,
      guardedFetch: verifyFetch,
      ttlMs: 5 * 60_000,
    });
  }
  const verifyOptions: VerifyOptions = {
    documentLoader: verifyLoader,
    guardedFetch: verifyFetch,
    webScheme,
    now,
    ...(trustRegistry ? { trustRegistry } : {}),
    ...options.verifyOptions,
  };
  const sweepNow = () => now().getTime();
  const log = options.log ?? consoleLogger;
  const mail = createWalletMail(config, log);
  return {
    config,
    db: database.db,
    dialect: database.dialect,
    keys: deriveWalletKeys(config.masterKey),
    documentLoader,
    fetch,
    post: createGuardedPost({ allowHosts, timeoutMs: 15_000, maxBytes: 2 * 1024 * 1024 }),
    // Each verification has its own fetch budget (the verifier's default), charged for every
    // request made for it: the link, did:web documents, status lists, the registry.
    verify:
      options.verify ??
      ((input) => {
        const fetchBudget = createFetchBudget(DEFAULT_FETCH_BUDGET);
        return verify(input, {
          ...verifyOptions,
          fetchBudget,
          // It answers contexts as `verifyLoader` does: the same compiled shapes serve both.
          documentLoader:
            options.verifyOptions?.documentLoader ??
            shareShapeCache(didLoader(budgetedFetch(verifyFetch, fetchBudget)), verifyLoader),
        });
      }),
    now,
    signInFailures: createAttemptLimiter({ max: 5, windowMs: 15 * 60_000, now: sweepNow }),
    signInFailuresByAccount: createAttemptLimiter({
      max: 20,
      windowMs: 15 * 60_000,
      now: sweepNow,
    }),
    signInFailuresByAddress: createAttemptLimiter({
      max: 50,
      windowMs: 15 * 60_000,
      now: sweepNow,
    }),
    resetRequestsByEmail: createAttemptLimiter({ max: 3, windowMs: 3600_000, now: sweepNow }),
    resetRequestsByAddress: createAttemptLimiter({ max: 10, windowMs: 3600_000, now: sweepNow }),
    mail,
    verificationCache: createVerificationCache(options.verificationTtlMs ?? 30_000, sweepNow),
    standards: createStandardCatalogue({ allowHosts, now: sweepNow }),
    log,
    destroy: async () => {
      // Work still running after its page was answered (an e-mail being sent) ends first.
      await mail.close();
      if (ownsDatabase) await database.destroy();
    },
  };
}
