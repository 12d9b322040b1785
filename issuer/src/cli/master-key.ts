/**
 * The operator's master key commands, configured like the issuer itself (AVALA_DATA_DIR,
 * DATABASE_URL, AVALA_MASTER_KEY, ISSUER_MASTER_KEY_FILE):
 *
 *   pnpm --filter @avala/issuer master-key:check    every stored key opens (exit 1 otherwise)
 *   pnpm --filter @avala/issuer master-key:rotate   re-encrypt everything under a new key
 *
 * Relative paths are read from the directory pnpm was started in (INIT_CWD), as `pnpm start`
 * does. Stop the issuer before rotating. With AVALA_MASTER_KEY, a rotation prints the new key
 * (or takes it from AVALA_NEW_MASTER_KEY) for the operator to set.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createDatabase, runMigrations } from "@avala/db";
import { readIssuerConfig } from "../config.js";
import { decodeMasterKey, describeMasterKeySource, MasterKeyError } from "../crypto/master-key.js";
import { issuerMigrations } from "../db/migrations.js";
import type { IssuerTables } from "../db/schema.js";
import {
  checkMasterKey,
  MasterKeyRotationError,
  rotateMasterKey,
  type StoredSecretFailure,
} from "../services/master-key.js";

const out = (line: string) => console.log(`[avala/issuer] ${line}`);
const describeFailure = (f: StoredSecretFailure) =>
  f.kind === "signing-key"
    ? `signing key ${f.id} (organisation ${f.owner}) does not open`
    : `pending batch row ${f.id} (its sealed CURP) does not open`;

async function main(command: string | undefined): Promise<number> {
  if (command !== "check" && command !== "rotate") {
    console.error("usage: master-key check | rotate");
    return 2;
  }
  if (process.env["INIT_CWD"]) process.chdir(process.env["INIT_CWD"]);
  const config = readIssuerConfig();
  if (!config.databaseUrl && !existsSync(join(config.dataDir, "issuer.sqlite"))) {
    console.error(`[avala/issuer] no issuer database in ${config.dataDir} (AVALA_DATA_DIR)`);
    return 2;
  }
  const database = createDatabase<IssuerTables>({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    fileName: "issuer.sqlite",
  });
  try {
    await runMigrations(database.db, issuerMigrations, { tableName: "issuer_migration" });
    if (command === "check") {
      const check = await checkMasterKey({ config, db: database.db });
      out(describeMasterKeySource(check.source));
      for (const warning of check.warnings) console.error(`[avala/issuer] WARNING: ${warning}`);
      for (const failure of check.failures)
        console.error(`[avala/issuer] ${describeFailure(failure)}`);
      if (check.pendingRotation) {
        console.error(
          `[avala/issuer] a rotation did not finish (${check.pendingRotation}): run master-key:rotate`,
        );
      }
      out(
        `${check.signingKeys} signing key(s), ${check.batchRows} pending batch row(s): ` +
          (check.failures.length === 0 ? "all open" : `${check.failures.length} do not open`),
      );
      return check.ok ? 0 : 1;
    }
    const given = process.env["AVALA_NEW_MASTER_KEY"]?.trim();
    const rotation = await rotateMasterKey({
      config,
      db: database.db,
      ...(given ? { newKey: decodeMasterKey(given, "AVALA_NEW_MASTER_KEY") } : {}),
      announceNewKey: (key) => {
        out("the new master key (set AVALA_MASTER_KEY to it, in place of the old one, once");
        out(`this command reports success; until then the old one stays valid): ${key}`);
      },
    });
    out(
      `${rotation.resumed ? "finished an interrupted rotation: " : "re-encrypted "}` +
        `${rotation.signingKeys} signing key(s) and ${rotation.batchRows} pending batch row(s)`,
    );
    out(
      rotation.keyFile
        ? `the new master key is in ${rotation.keyFile} (mode 0600): back it up now, apart from the data`
        : given
          ? "set AVALA_MASTER_KEY to the value of AVALA_NEW_MASTER_KEY before starting the issuer"
          : "set AVALA_MASTER_KEY to the key printed above before starting the issuer",
    );
    if (rotation.removedLegacyFile) {
      out(`deleted the old key file in the data directory (${rotation.removedLegacyFile})`);
    }
    if (rotation.openClaimOffers > 0) {
      out(
        `${rotation.openClaimOffers} open claim link(s) changed: links sent before no longer ` +
          "work; GET /orgs/{slug}/credentials/{id} shows the new claimUrl",
      );
    }
    if (rotation.demoTokenRevoked) {
      out("revoked the demo admin token derived from the old key (a new one is seeded)");
    }
    return 0;
  } catch (error) {
    if (error instanceof MasterKeyRotationError) {
      for (const failure of error.failures) {
        console.error(`[avala/issuer] ${describeFailure(failure)}`);
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
