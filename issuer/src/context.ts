import { createDatabase, type Database, type DatabaseDialect, runMigrations } from "@avala/db";
import { createDidResolver, DidResolutionError, isDidKey } from "@avala/did";
import type { DocumentLoader } from "@avala/document-loader";
import { createDocumentLoader } from "@avala/document-loader";
import type { RateLimitStore } from "@avala/http-middleware";
import type { Kysely } from "kysely";
import type { IssuerConfig } from "./config.js";
import { loadMasterKey, type MasterKeySource } from "./crypto/master-key.js";
import { deriveIssuerSecrets, type IssuerSecrets } from "./crypto/secret-box.js";
import { issuerMigrations } from "./db/migrations.js";
import { findOrganisationByDid } from "./db/repositories/organisations.js";
import type { IssuerTables } from "./db/schema.js";
import { createQueuedBatchRunner } from "./services/batch-queue.js";
import { type BatchRunner, createBatchRunner } from "./services/batch-runner.js";
import { createKeyStore, type KeyStore } from "./services/keys.js";
import { createIssuerMail, type IssuerMail } from "./services/mail-service.js";
import { didDocumentOf } from "./services/organisations.js";
import { createDatabaseRateLimitStore } from "./services/rate-limit-store.js";
import { createSigningPool, type SigningPool } from "./services/signing-pool.js";
import { createStatusListCache, type StatusListCache } from "./services/status.js";

/** Where the issuer reports what operators should know. Never given secrets or personal data. */
export interface IssuerLogger {
  info(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export const consoleLogger: IssuerLogger = {
  info: (message, context) => console.log(`[avala/issuer] ${message}`, context ?? ""),
  error: (message, context) => console.error(`[avala/issuer] ${message}`, context ?? ""),
};

/** The one application context (composition root): everything a request handler may use. */
export interface IssuerContext {
  readonly config: IssuerConfig;
  readonly db: Kysely<IssuerTables>;
  readonly dialect: DatabaseDialect;
  readonly secrets: IssuerSecrets;
  /** Where the master key came from and what the operator must know (never the key). */
  readonly masterKey: { source: MasterKeySource; warnings: string[] };
  readonly keys: KeyStore;
  /**
   * Offline JSON-LD loader: pinned contexts, did:key, and this issuer's own did:web
   * organisations read from the database (nothing is fetched from the network).
   */
  readonly documentLoader: DocumentLoader;
  /**
   * The loader for signing: pinned contexts and did:key only, no database access, so it is safe
   * inside a transaction (SQLite has one connection).
   */
  readonly signingLoader: DocumentLoader;
  readonly now: () => Date;
  readonly statusLists: StatusListCache;
  /**
   * Cohort batches in the background: in this process on SQLite, as jobs of a queue in the
   * database shared by every issuer process on PostgreSQL.
   */
  readonly batches: BatchRunner;
  /**
   * Where a rate limiter counts (`scope` names it): the database on PostgreSQL, so every issuer
   * process counts the same requests; undefined on SQLite (one process: in memory).
   */
  rateLimitStore(scope: string): RateLimitStore | undefined;
  /**
   * The threads that sign batch credentials (`batches.signingThreads`), started at the first
   * batch; undefined when there are none (batches sign on the main thread).
   */
  signingPool(): SigningPool | undefined;
  /** E-mail: the outbox worker (started by `startIssuer`) and its SMTP sender. */
  readonly mail: IssuerMail;
  readonly log: IssuerLogger;
  /** Stops background work and closes the database (when the context opened it). */
  destroy(): Promise<void>;
}

export interface IssuerContextOptions {
  /** An open database (tests pass one from `testDatabases()`); default: from the config. */
  database?: Database<IssuerTables>;
  /** The clock. Default: the system clock. */
  now?: () => Date;
  log?: IssuerLogger;
}

export function createIssuerContext(
  config: IssuerConfig,
  options: IssuerContextOptions = {},
): IssuerContext {
  // Before the database opens: a key that cannot be loaded leaves nothing open.
  const masterKey = loadMasterKey(config);
  const database =
    options.database ??
    createDatabase<IssuerTables>({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      fileName: "issuer.sqlite",
    });
  const ownsDatabase = options.database === undefined;
  const now = options.now ?? (() => new Date());
  const secrets = deriveIssuerSecrets(masterKey.key);
  const keys = createKeyStore({ box: secrets.signingKeys, now });
  const db = database.db;

  let context: IssuerContext;
  let pool: SigningPool | undefined;
  let poolFailed = false;
  const offlineResolver = createDidResolver();
  const documentLoader = createDocumentLoader({
    resolveDid: async (did) => {
      if (isDidKey(did)) return offlineResolver(did);
      const org = await findOrganisationByDid(db, did);
      if (org?.did_method !== "web") {
        throw new DidResolutionError(did, "not an organisation of this issuer");
      }
      return didDocumentOf(context, db, org);
    },
  });

  const batches =
    database.dialect === "postgres"
      ? createQueuedBatchRunner(() => context)
      : createBatchRunner(() => context);
  const mail = createIssuerMail(() => context, config, masterKey.key);
  context = {
    config,
    db,
    dialect: database.dialect,
    secrets,
    masterKey: { source: masterKey.source, warnings: masterKey.warnings },
    keys,
    documentLoader,
    signingLoader: createDocumentLoader(),
    now,
    statusLists: createStatusListCache(),
    batches,
    rateLimitStore: (scope) =>
      database.dialect === "postgres" ? createDatabaseRateLimitStore(db, scope) : undefined,
    signingPool() {
      const threads = config.batches.signingThreads;
      if (threads > 0 && pool === undefined && !poolFailed) {
        try {
          pool = createSigningPool(threads);
        } catch (error) {
          // Signing threads cannot start here: batches sign on the main thread.
          poolFailed = true;
          context.log.error("signing threads not started; signing on the main thread", {
            reason: String((error as Error)?.message ?? error).slice(0, 300),
          });
        }
      }
      return pool;
    },
    mail,
    log: options.log ?? consoleLogger,
    async destroy() {
      await batches.stop();
      await pool?.close();
      await mail.close();
      if (ownsDatabase) await database.destroy();
    },
  };
  return context;
}

/** Applies the issuer's pending migrations (table `issuer_migration`). */
export async function migrateIssuerDatabase(ctx: IssuerContext): Promise<string[]> {
  return runMigrations(ctx.db, issuerMigrations, { tableName: "issuer_migration" });
}
