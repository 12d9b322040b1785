/**
 * The operator's master key commands, configured like the wallet itself (AVALA_DATA_DIR,
 * DATABASE_URL, AVALA_MASTER_KEY, WALLET_MASTER_KEY_FILE):
 *
 *   pnpm --filter @avala/wallet-web master-key:check    every stored key opens (exit 1 otherwise)
 *   pnpm --filter @avala/wallet-web master-key:rotate   re-seal everything under a new key
 *
 * Relative paths are read from the directory pnpm was started in (INIT_CWD), as `pnpm start`
 * does. Stop the wallet before rotating. With AVALA_MASTER_KEY, a rotation prints the new key
 * (or takes it from AVALA_NEW_MASTER_KEY) for the operator to set.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createDatabase, runMigrations } from "@avala/db";
import { maintenanceConfig } from "../config.js";
import { walletMigrations } from "../db/migrations.js";
import type { WalletTables } from "../db/tables.js";
import {
  decodeMasterKey,
  describeMasterKeySource,
  MasterKeyError,
} from "../security/master-key.js";
import {
  checkMasterKey,
  MasterKeyRotationError,
  rotateMasterKey,
  type StoredSecretFailure,
} from "../services/master-key.js";

const out = (line: string) => console.log(`[avala/wallet] ${line}`);
const describeFailure = (f: StoredSecretFailure) =>
  f.kind === "holder-key"
    ? `the holder key of account ${f.id} does not open`
    : `the token of share ${f.id} does not open`;

async function main(command: string | undefined): Promise<number> {
  if (command !== "check" && command !== "rotate") {
    console.error("usage: master-key check | rotate");
    return 2;
  }
  if (process.env["INIT_CWD"]) process.chdir(process.env["INIT_CWD"]);
  const config = maintenanceConfig();
  if (!config.databaseUrl && !existsSync(join(config.dataDir, "wallet.sqlite"))) {
    console.error(`[avala/wallet] no wallet database in ${config.dataDir} (AVALA_DATA_DIR)`);
    return 2;
  }
  const database = createDatabase<WalletTables>({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    fileName: "wallet.sqlite",
  });
  try {
    await runMigrations(database.db, walletMigrations, { tableName: "wallet_migration" });
    if (command === "check") {
      const check = await checkMasterKey({ settings: config.keys, db: database.db });
      out(describeMasterKeySource(check.source));
      for (const warning of check.warnings) console.error(`[avala/wallet] WARNING: ${warning}`);
      for (const failure of check.failures) {
        console.error(`[avala/wallet] ${describeFailure(failure)}`);
      }
      if (check.pendingRotation) {
        console.error(
          `[avala/wallet] a rotation did not finish (${check.pendingRotation}): run master-key:rotate`,
        );
      }
      out(
        `${check.holderKeys} holder key(s), ${check.shareTokens} share token(s): ` +
          (check.failures.length === 0 ? "all open" : `${check.failures.length} do not open`),
      );
      return check.ok ? 0 : 1;
    }
    const given = process.env["AVALA_NEW_MASTER_KEY"]?.trim();
    const rotation = await rotateMasterKey({
      settings: config.keys,
      db: database.db,
      ...(given ? { newKey: decodeMasterKey(given, "AVALA_NEW_MASTER_KEY") } : {}),
      announceNewKey: (key) => {
        out("the new master key (set AVALA_MASTER_KEY to it, in place of the old one, once");
        out(`this command reports success; until then the old one stays valid): ${key}`);
      },
    });
    out(
      `${rotation.resumed ? "finished an interrupted rotation: " : "re-sealed "}` +
        `${rotation.holderKeys} holder key(s) and ${rotation.shareTokens} share token(s)`,
    );
    out(
      rotation.keyFile
        ? `the new master key is in ${rotation.keyFile} (mode 0600): back it up now, apart from the data`
        : given
          ? "set AVALA_MASTER_KEY to the value of AVALA_NEW_MASTER_KEY before starting the wallet"
          : "set AVALA_MASTER_KEY to the key printed above before starting the wallet",
    );
    if (rotation.removedLegacyFile) {
      out(`deleted the old key file in the data directory (${rotation.removedLegacyFile})`);
    }
    return 0;
  } catch (error) {
    if (error instanceof MasterKeyRotationError) {
      for (const failure of error.failures) {
        console.error(`[avala/wallet] ${describeFailure(failure)}`);
      }
    }
    if (error instanceof MasterKeyError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await database.destroy();
  }
}

process.exitCode = await main(process.argv[2]);
