import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { createWalletApp } from "./app.js";
import type { WalletConfig } from "./config.js";
import { createWalletContext, type WalletContext, type WalletContextOptions } from "./context.js";
import { countAccounts } from "./db/repositories.js";
import { describeMasterKeySource } from "./security/master-key.js";
import { signUp } from "./services/accounts.js";
import { assertMasterKeyOpensStoredKeys } from "./services/master-key.js";

export { createWalletApp } from "./app.js";
export type { WalletConfig, WalletEnvVars } from "./config.js";
export { loadWalletConfig, masterKeySettings } from "./config.js";
export type {
  ResolvedWalletConfig,
  VerifyInput,
  WalletContext,
  WalletContextOptions,
  WalletLogger,
} from "./context.js";
export { consoleLogger, createWalletContext } from "./context.js";
export { walletMigrations } from "./db/migrations.js";
export type { WalletTables } from "./db/tables.js";
export type {
  LoadedMasterKey,
  MasterKeySettings,
  MasterKeySource,
} from "./security/master-key.js";
export {
  describeMasterKeySource,
  loadMasterKey,
  MasterKeyError,
} from "./security/master-key.js";
export { offerUrlOf } from "./services/claims.js";
export type {
  MasterKeyCheck,
  MasterKeyRotation,
  RotateMasterKeyOptions,
  StoredSecretFailure,
} from "./services/master-key.js";
export {
  checkMasterKey,
  MasterKeyRotationError,
  rotateMasterKey,
} from "./services/master-key.js";
export { decodeQrPng, qrPng, qrSvg } from "./services/qr.js";
export type { StackableCredential, StackProgress } from "./services/stacking.js";
export { stackingProgress } from "./services/stacking.js";

export interface RunningWallet {
  /** The wallet's public URL (`WALLET_PUBLIC_URL`, or `http://localhost:<port>`). */
  url: string;
  /** The port it listens on (useful with port 0). */
  port: number;
  context: WalletContext;
  /** Stops accepting connections, ends open ones, closes the database. */
  close(): Promise<void>;
}

/**
 * Starts the wallet: binds the port, opens the database and applies migrations, serves the app.
 * With `port: 0` a free port is chosen and, unless `publicUrl` is set, the URL follows it.
 */
export async function startWallet(
  config: WalletConfig,
  options: WalletContextOptions = {},
): Promise<RunningWallet> {
  let fetchHandler: ((request: Request, env: unknown) => Response | Promise<Response>) | undefined;
  const server = createAdaptorServer({
    fetch: (request: Request, env: unknown) =>
      fetchHandler
        ? fetchHandler(request, env)
        : new Response("Starting", { status: 503, headers: { "retry-after": "1" } }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
  let context: WalletContext;
  try {
    context = await createWalletContext(
      { ...config, publicUrl: config.publicUrl ?? `http://localhost:${port}` },
      options,
    );
  } catch (error) {
    await closeServer();
    throw error;
  }
  // One line: where the master key is (never the key); then what the operator must fix. And
  // the key must open what is stored: a lost key file is not silently replaced by a new key.
  const origin = config.masterKeyOrigin;
  if (origin) {
    context.log.info(describeMasterKeySource(origin.source));
    for (const warning of origin.warnings) context.log.error(`WARNING: ${warning}`);
  }
  // Where the wallet's e-mail (password resets) goes, never the SMTP password.
  context.log.info(context.mail.describe());
  try {
    await assertMasterKeyOpensStoredKeys(context.db, context.keys, origin?.source);
  } catch (error) {
    await closeServer();
    await context.destroy();
    throw error;
  }
  const app = createWalletApp(context);
  fetchHandler = (request, env) => app.fetch(request, env);
  return {
    url: context.config.publicUrl,
    port,
    context,
    close: async () => {
      await closeServer();
      await context.destroy();
    },
  };
}

/**
 * Creates a demo account when the wallet has none yet (for `pnpm start`). Returns whether it
 * created one.
 */
export async function seedDemoAccount(
  context: WalletContext,
  account: { name: string; email: string; password: string },
): Promise<boolean> {
  if ((await countAccounts(context.db)) > 0) return false;
  const result = await signUp(context, account);
  if (!result.ok)
    throw new Error(`The demo account could not be created: ${JSON.stringify(result.errors)}`);
  return true;
}
