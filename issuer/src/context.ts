import { createDatabase, type Database, type DatabaseDialect, runMigrations } from "@avala/db";
import { createDidResolver, DidResolutionError, isDidKey } from "@avala/did";
import type { DocumentLoader } from "@avala/document-loader";
import { createDocumentLoader } from "@avala/document-loader";
import type { Kysely } from "kysely";
import type { IssuerConfig } from "./config.js";
import { loadMasterKey, type MasterKeySource } from "./crypto/master-key.js";
import { deriveIssuerSecrets, type IssuerSecrets } from "./crypto/secret-box.js";
import { issuerMigrations } from "./db/migrations.js";
import { findOrganisationByDid } from "./db/repositories/organisations.js";
import type { IssuerTables } from "./db/schema.js";
import { type BatchRunner, createBatchRunner } from "./services/batches.js";
import { createKeyStore, type KeyStore } from "./services/keys.js";
import { createIssuerMail, type IssuerMail } from "./services/mail-service.js";
import { didDocumentOf } from "./services/organisations.js";
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
  readonly batches: BatchRunner;
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

  const batches = createBatchRunner(() => context);
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
    mail,
    log: options.log ?? consoleLogger,
    async destroy() {
      await batches.stop();
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
