import type { AddressInfo } from "node:net";
import type { Database } from "@avala/db";
import { serve } from "@hono/node-server";
import { createIssuerApp, type IssuerApp } from "./app.js";
import { type IssuerConfig, type IssuerConfigOverrides, issuerConfig } from "./config.js";
import {
  createIssuerContext,
  type IssuerContext,
  type IssuerLogger,
  migrateIssuerDatabase,
} from "./context.js";
import { describeMasterKeySource } from "./crypto/master-key.js";
import { findOrganisationBySlug } from "./db/repositories/organisations.js";
import type { IssuerTables } from "./db/schema.js";
import { type DemoInfo, seedDemo, shouldSeedDemo } from "./seed.js";
import { PLATFORM_SLUG } from "./services/endorsements.js";
import { assertMasterKeyOpensStoredKeys } from "./services/master-key.js";

export interface StartIssuerOptions {
  /** An open database instead of the configured one (tests). */
  database?: Database<IssuerTables>;
  now?: () => Date;
  log?: IssuerLogger;
  /**
   * Seed the demo data when the database is empty. It overrides `config.seedDemo`; when neither
   * is given, the demo is seeded (true). `readIssuerConfig` always sets `seedDemo` (from
   * AVALA_SEED_DEMO, default false), so `src/main.ts` seeds only when asked to.
   */
  seed?: boolean;
  /** Interface to listen on (default: all). */
  hostname?: string;
}

export interface RunningIssuer {
  /** Where it listens, e.g. `http://localhost:4100` (the public URL). */
  url: string;
  /** The port it actually listens on (useful with port 0). */
  port: number;
  /** The demo data, when seeded (or seeded before). */
  demo: DemoInfo | undefined;
  /** The trust registry operator's DID (the `platform` organisation), when there is one. */
  registryOperator: string | undefined;
  config: IssuerConfig;
  context: IssuerContext;
  app: IssuerApp;
  /**
   * Stops listening, lets the current batch row and e-mail finish, hands the outbox worker's
   * other messages back to the queue, closes the database.
   */
  close(): Promise<void>;
}

/**
 * Starts the issuer: configuration → context → migrations → demo seed (when asked, into an
 * empty database) →
 * HTTP server → resumes unfinished batches. With `port: 0` a free port is chosen and, unless a
 * public URL was given, the public URL follows it.
 */
export async function startIssuer(
  config: IssuerConfigOverrides = {},
  options: StartIssuerOptions = {},
): Promise<RunningIssuer> {
  let handler: ((request: Request) => Response | Promise<Response>) | undefined;
  const server = serve({
    fetch: (request, env) =>
      handler
        ? (handler as (r: Request, e: unknown) => Response | Promise<Response>)(request, env)
        : new Response("starting", { status: 503 }),
    port: config.port ?? 4100,
    ...(options.hostname ? { hostname: options.hostname } : {}),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      if (server.listening) resolve();
      server.once("listening", () => resolve());
      server.once("error", reject);
    });
  } catch (error) {
    server.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const resolved = issuerConfig({
    ...config,
    port,
    publicUrl: config.publicUrl ?? `http://localhost:${port}`,
    seedDemo: options.seed ?? config.seedDemo ?? true,
  });
  let context: IssuerContext | undefined;
  try {
    context = createIssuerContext(resolved, options);
    const log = context.log;
    // One line: where the master key is (never the key); then what the operator must fix.
    log.info(describeMasterKeySource(context.masterKey.source));
    for (const warning of context.masterKey.warnings) log.error(`WARNING: ${warning}`);
    await migrateIssuerDatabase(context);
    await assertMasterKeyOpensStoredKeys(context.db, context.secrets, context.masterKey.source);
    const demo =
      resolved.seedDemo && (await shouldSeedDemo(context)) ? await seedDemo(context) : undefined;
    const platform = await findOrganisationBySlug(context.db, PLATFORM_SLUG);
    const app = createIssuerApp(context);
    handler = app.fetch as (request: Request) => Response | Promise<Response>;
    await context.batches.resumeUnfinished();
    log.info(context.mail.describe());
    context.mail.worker.start();
    const ctx = context;
    return {
      url: resolved.publicUrl,
      port,
      demo,
      registryOperator: platform?.did,
      config: resolved,
      context: ctx,
      app,
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await ctx.destroy();
      },
    };
  } catch (error) {
    server.close();
    await context?.destroy();
    throw error;
  }
}
