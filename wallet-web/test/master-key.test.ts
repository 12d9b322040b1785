import { randomBytes } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyPresentation } from "@avala/credentials";
import { createDatabase, type Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { sql } from "kysely";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadWalletConfig, masterKeySettings } from "../src/config.js";
import { createWalletContext } from "../src/context.js";
import type { WalletTables } from "../src/db/tables.js";
import { seedDemoAccount, startWallet } from "../src/index.js";
import { deriveWalletKeys } from "../src/security/keys.js";
import { decodeMasterKey, isInside, type MasterKeySettings } from "../src/security/master-key.js";
import {
  checkMasterKey,
  checkStoredSecrets,
  MasterKeyRotationError,
  rotateMasterKey,
} from "../src/services/master-key.js";
import {
  Browser,
  documentLoader,
  openTestWallet,
  quietLog,
  testConfig,
  testIssuer,
  unitAchievement,
} from "./helpers.js";

const keyOf = (file: string) => decodeMasterKey(readFileSync(file, "utf8").trim(), file);
const mode = (path: string) => statSync(path).mode & 0o777;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "wallet-master-key-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("where the wallet's master key lives", () => {
  it("defaults to $XDG_CONFIG_HOME/avala/wallet-master.key, else ~/.config/avala/…", () => {
    expect(masterKeySettings({ XDG_CONFIG_HOME: "/srv/cfg" }).defaultMasterKeyFile).toBe(
      "/srv/cfg/avala/wallet-master.key",
    );
    expect(masterKeySettings({ HOME: "/home/ana" }).defaultMasterKeyFile).toBe(
      "/home/ana/.config/avala/wallet-master.key",
    );
    expect(
      masterKeySettings({ HOME: "/home/ana", XDG_CONFIG_HOME: "rel" }).defaultMasterKeyFile,
    ).toBe("/home/ana/.config/avala/wallet-master.key");
  });

  it("creates it outside the data directory, 0600 in a 0700 directory, and refuses one inside", () => {
    const env = { AVALA_DATA_DIR: join(root, "data"), XDG_CONFIG_HOME: join(root, "cfg") };
    const config = loadWalletConfig(env);
    const file = join(root, "cfg", "avala", "wallet-master.key");
    expect(config.masterKeyOrigin?.source).toEqual({ kind: "file", path: file, created: true });
    expect(mode(file)).toBe(0o600);
    expect(mode(join(root, "cfg", "avala"))).toBe(0o700);
    expect(Buffer.from(config.masterKey).equals(keyOf(file))).toBe(true);
    expect(isInside(file, env.AVALA_DATA_DIR)).toBe(false);
    expect(existsSync(join(env.AVALA_DATA_DIR, "wallet-master.key"))).toBe(false);
    expect(Buffer.from(loadWalletConfig(env).masterKey).equals(keyOf(file))).toBe(true);
    expect(() =>
      loadWalletConfig({ ...env, WALLET_MASTER_KEY_FILE: join(root, "data", "k", "w.key") }),
    ).toThrow(/inside AVALA_DATA_DIR.*WALLET_MASTER_KEY_FILE/s);
    expect(() => loadWalletConfig({ ...env, XDG_CONFIG_HOME: join(root, "data") })).toThrow(
      /inside AVALA_DATA_DIR/,
    );
    expect(() =>
      loadWalletConfig({ ...env, WALLET_MASTER_KEY_FILE: join(file, "sub", "w.key") }),
    ).toThrow(/cannot create the master key file .* set WALLET_MASTER_KEY_FILE/);
  });

  it("keeps reading an older version's $AVALA_DATA_DIR/wallet-master.key, with a warning", () => {
    const dataDir = join(root, "data");
    mkdirSync(dataDir);
    const legacyKey = randomBytes(32);
    writeFileSync(join(dataDir, "wallet-master.key"), legacyKey.toString("hex"), { mode: 0o600 });
    const config = loadWalletConfig({ AVALA_DATA_DIR: dataDir, XDG_CONFIG_HOME: join(root, "c") });
    expect(Buffer.from(config.masterKey).equals(legacyKey)).toBe(true);
    expect(config.masterKeyOrigin?.source.kind).toBe("legacy-file");
    expect(config.masterKeyOrigin?.warnings.join("\n")).toMatch(/master-key:rotate/);
    expect(existsSync(join(root, "c"))).toBe(false);
  });

  it("refuses out-of-range WALLET_SHARE_DAYS", () => {
    const env = { AVALA_DATA_DIR: join(root, "data"), XDG_CONFIG_HOME: join(root, "cfg") };
    expect(loadWalletConfig({ ...env, WALLET_SHARE_DAYS: "90" }).defaultShareDays).toBe(90);
    for (const days of ["1000", "0.5", "-1", "abc"]) {
      expect(() => loadWalletConfig({ ...env, WALLET_SHARE_DAYS: days }), days).toThrow(
        /WALLET_SHARE_DAYS/,
      );
    }
  });
});

let issuer: Awaited<ReturnType<typeof testIssuer>>;
beforeAll(async () => {
  issuer = await testIssuer();
});

describe.each(testDatabases())("the wallet's master key on $name", (engine) => {
  let database: Database<WalletTables>;
  let settings: MasterKeySettings;
  beforeEach(async () => {
    database = await engine.open<WalletTables>();
    settings = masterKeySettings({
      AVALA_DATA_DIR: join(root, "data"),
      WALLET_MASTER_KEY_FILE: join(root, "keys", "wallet-master.key"),
    });
  });
  afterEach(async () => {
    await database.destroy();
  });

  /** A wallet on the shared database with the key the settings name. */
  async function wallet() {
    const key = loadWalletConfig({
      AVALA_DATA_DIR: settings.dataDir,
      ...(settings.masterKeyFile ? { WALLET_MASTER_KEY_FILE: settings.masterKeyFile } : {}),
      ...(settings.masterKey ? { AVALA_MASTER_KEY: settings.masterKey } : {}),
      XDG_CONFIG_HOME: join(root, "default-config"),
    }).masterKey;
    return openTestWallet(database, { config: { masterKey: key } });
  }

  /** Two holders, each with a credential and a share link. */
  async function populate() {
    const w = await wallet();
    const holders: Array<{ browser: Browser; share: string; token: string }> = [];
    for (const email of ["ana@example.mx", "beto@example.mx"]) {
      const browser = new Browser(w.app);
      await browser.signUp(email);
      await browser.get("/add");
      const credential = await issuer.issue(unitAchievement("U0586"));
      await browser.post("/import/paste", { json: JSON.stringify(credential) });
      const [row] = await database.db
        .selectFrom("wallet_credential")
        .select("public_id")
        .orderBy("id", "desc")
        .execute();
      await browser.get(`/shares/new?c=${row!.public_id}`);
      const created = await browser.post("/shares", { c: row!.public_id, days: "30", label: "x" });
      expect(created.status).toBe(303);
      const page = created.headers.get("location")!.split("?")[0]!;
      await browser.get(page);
      const link = /id="share-link" readonly="" value="([^"]+)"/.exec(browser.lastBody)![1]!;
      holders.push({ browser, share: page, token: link.split("/s/")[1]! });
    }
    await w.ctx.destroy();
    return holders;
  }

  const sealedRows = async () => ({
    accounts: await database.db
      .selectFrom("wallet_account")
      .select(["id", "holder_secret_sealed"])
      .orderBy("id")
      .execute(),
    shares: await database.db
      .selectFrom("wallet_share")
      .select(["id", "token_sealed"])
      .orderBy("id")
      .execute(),
  });

  it("is generated outside the data directory: a copy of the data directory decrypts nothing", async () => {
    const dataDir = join(root, "data");
    mkdirSync(dataDir);
    const env = {
      AVALA_DATA_DIR: dataDir,
      XDG_CONFIG_HOME: join(root, "config"),
      WALLET_PORT: "0",
      WALLET_HOST: "127.0.0.1",
    };
    const own = engine.name === "sqlite";
    const info: string[] = [];
    const log = { info: (m: string) => info.push(m), error: (m: string) => info.push(m) };
    const running = await startWallet(loadWalletConfig(env), {
      ...(own ? {} : { database }),
      log,
    });
    const file = join(root, "config", "avala", "wallet-master.key");
    try {
      await seedDemoAccount(running.context, {
        name: "Ana",
        email: "ana@example.mx",
        password: "una frase bastante larga",
      });
      // One start-up line names the file; nothing logged holds the key.
      expect(info.filter((m) => m.includes("master key"))).toEqual([
        `master key: ${file} (created, mode 0600: back it up, apart from the data)`,
      ]);
      expect(info.join("\n")).not.toContain(keyOf(file).toString("base64"));
    } finally {
      await running.close();
    }
    const key = keyOf(file);
    expect(mode(file)).toBe(0o600);
    expect(readdirSync(dataDir)).not.toContain("wallet-master.key");

    const copy = join(root, "copy");
    cpSync(dataDir, copy, { recursive: true });
    const copied = own
      ? createDatabase<WalletTables>({ dataDir: copy, fileName: "wallet.sqlite" })
      : database;
    try {
      const candidates = readdirSync(copy, { recursive: true, encoding: "utf8" })
        .map((name) => join(copy, name))
        .filter((path) => statSync(path).isFile())
        .flatMap((path) => {
          const text = readFileSync(path).toString("latin1");
          return [
            ...(text.match(/[\w+/-]{43}=?/g) ?? []).map((t) => Buffer.from(t, "base64")),
            ...(text.match(/[0-9a-f]{64}/gi) ?? []).map((t) => Buffer.from(t, "hex")),
          ];
        })
        .filter((bytes) => bytes.length === 32);
      for (const candidate of [...candidates, key]) {
        const check = await checkStoredSecrets(copied.db, deriveWalletKeys(candidate));
        expect(check.holderKeys).toBe(1);
        expect(check.failures.length === 0).toBe(candidate.equals(key));
      }
      // A wallet started on the copy without the key file refuses to run with a new key.
      await expect(
        startWallet(
          loadWalletConfig({ ...env, AVALA_DATA_DIR: copy, XDG_CONFIG_HOME: join(root, "x") }),
          { ...(own ? {} : { database }), log: quietLog },
        ),
      ).rejects.toThrow(/does not open the stored holder keys/);
    } finally {
      if (own) await copied.destroy();
    }
  });

  it("rotates: holder keys and share tokens re-sealed, links unchanged, holders still sign", async () => {
    const holders = await populate();
    const keyFile = settings.masterKeyFile!;
    const oldKey = keyOf(keyFile);
    const before = await sealedRows();

    const rotation = await rotateMasterKey({ settings, db: database.db });
    expect(rotation).toEqual({
      resumed: false,
      holderKeys: 2,
      shareTokens: 2,
      keyFile,
      removedLegacyFile: undefined,
    });
    const newKey = keyOf(keyFile);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(mode(keyFile)).toBe(0o600);
    expect(existsSync(`${keyFile}.new`)).toBe(false);
    const after = await sealedRows();
    for (const [i, row] of after.accounts.entries()) {
      expect(row.holder_secret_sealed).not.toBe(before.accounts[i]!.holder_secret_sealed);
    }
    expect((await checkStoredSecrets(database.db, deriveWalletKeys(oldKey))).failures).toHaveLength(
      4,
    );
    expect(await checkMasterKey({ settings, db: database.db })).toMatchObject({
      ok: true,
      holderKeys: 2,
      shareTokens: 2,
    });

    // With the new key: the links are the same, and the holder signs a presentation.
    const w = await wallet();
    try {
      const ana = holders[0]!;
      const browser = new Browser(w.app);
      browser.cookies = ana.browser.cookies;
      await browser.get(ana.share);
      expect(browser.lastBody).toContain(`/s/${ana.token}"`);
      const visit = await w.app.request(`/s/${ana.token}`, { headers: { accept: "text/html" } });
      expect(visit.status).toBe(302);
      const [row] = await database.db
        .selectFrom("wallet_credential")
        .select("public_id")
        .orderBy("id")
        .execute();
      await browser.get(`/present?c=${row!.public_id}`);
      const response = await browser.post("/present", {
        c: row!.public_id,
        challenge: "reto-tras-rotar",
      });
      expect(response.status).toBe(200);
      const result = await verifyPresentation(await response.json(), {
        documentLoader,
        challenge: "reto-tras-rotar",
        now: w.clock.now(),
      });
      expect(result.checks.map((c) => c.code)).toContain("presentation.proof-valid");
    } finally {
      await w.ctx.destroy();
    }
  });

  it("check names a holder key that does not open; rotate then changes nothing", async () => {
    await populate();
    const keyFile = settings.masterKeyFile!;
    const oldKey = keyOf(keyFile);
    const rows = await sealedRows();
    const last = await database.db
      .selectFrom("wallet_account")
      .select(["id", "public_id", "holder_secret_sealed"])
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const raw = Buffer.from(last.holder_secret_sealed.slice(3), "base64url");
    raw[raw.length - 1]! ^= 0x01;
    const corrupt = `v1.${raw.toString("base64url")}`;
    await database.db
      .updateTable("wallet_account")
      .set({ holder_secret_sealed: corrupt })
      .where("id", "=", last.id)
      .execute();
    const check = await checkMasterKey({ settings, db: database.db });
    expect(check.ok).toBe(false);
    expect(check.failures).toEqual([{ kind: "holder-key", id: last.public_id }]);

    const failed = await rotateMasterKey({ settings, db: database.db }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(MasterKeyRotationError);
    expect((failed as MasterKeyRotationError).failures).toEqual(check.failures);
    expect(await sealedRows()).toEqual({
      ...rows,
      accounts: rows.accounts.map((r) =>
        r.id === last.id ? { ...r, holder_secret_sealed: corrupt } : r,
      ),
    });
    expect(keyOf(keyFile).equals(oldKey)).toBe(true);
    expect(existsSync(`${keyFile}.new`)).toBe(false);
  });

  it("survives a crash at any point of a rotation", async () => {
    await populate();
    const keyFile = settings.masterKeyFile!;
    const oldKey = keyOf(keyFile);
    const rows = await sealedRows();
    const lastShare = rows.shares.at(-1)!.id;
    // The database fails in the middle of the transaction (after every holder key and one share).
    if (engine.name === "sqlite") {
      await sql
        .raw(`create trigger crash before update on wallet_share when old.id = ${lastShare}
              begin select raise(abort, 'simulated crash'); end`)
        .execute(database.db);
    } else {
      await sql
        .raw(`create function crash() returns trigger language plpgsql as
              $$ begin raise exception 'simulated crash'; end $$;
              create trigger crash before update on wallet_share for each row
              when (old.id = ${lastShare}) execute function crash()`)
        .execute(database.db);
    }
    await expect(rotateMasterKey({ settings, db: database.db })).rejects.toThrow(/simulated crash/);
    expect(await sealedRows()).toEqual(rows);
    expect(keyOf(keyFile).equals(oldKey)).toBe(true);
    expect(existsSync(`${keyFile}.new`)).toBe(false);
    await sql
      .raw(engine.name === "sqlite" ? "drop trigger crash" : "drop trigger crash on wallet_share")
      .execute(database.db);

    // Crash after the commit, before the new key replaced the old file: start-up refuses, a
    // rerun installs the new key.
    await rotateMasterKey({ settings, db: database.db });
    const newKey = keyOf(keyFile);
    renameSync(keyFile, `${keyFile}.new`);
    writeFileSync(keyFile, `${oldKey.toString("base64")}\n`, { mode: 0o600 });
    expect(() =>
      loadWalletConfig({
        AVALA_DATA_DIR: settings.dataDir,
        WALLET_MASTER_KEY_FILE: keyFile,
      }),
    ).toThrow(/did not finish/);
    expect(await checkMasterKey({ settings, db: database.db })).toMatchObject({
      ok: false,
      pendingRotation: `${keyFile}.new`,
    });
    expect(await rotateMasterKey({ settings, db: database.db })).toMatchObject({ resumed: true });
    expect(keyOf(keyFile).equals(newKey)).toBe(true);
    // Crash before the commit: the new key file is discarded by a rerun.
    writeFileSync(`${keyFile}.new`, randomBytes(32).toString("base64"), { mode: 0o600 });
    expect(await rotateMasterKey({ settings, db: database.db })).toMatchObject({ resumed: false });
    expect(await checkMasterKey({ settings, db: database.db })).toMatchObject({ ok: true });
  });

  it("moves an older version's key out of the data directory", async () => {
    const dataDir = join(root, "data");
    mkdirSync(dataDir, { recursive: true });
    const legacy = join(dataDir, "wallet-master.key");
    writeFileSync(legacy, randomBytes(32).toString("base64"), { mode: 0o600 });
    settings = masterKeySettings({ AVALA_DATA_DIR: dataDir, XDG_CONFIG_HOME: join(root, "cfg") });
    const w = await openTestWallet(database, {
      config: { masterKey: keyOf(legacy), dataDir },
    });
    await new Browser(w.app).signUp("ana@example.mx");
    await w.ctx.destroy();
    const target = join(root, "cfg", "avala", "wallet-master.key");
    const rotation = await rotateMasterKey({ settings, db: database.db });
    expect(rotation).toMatchObject({ keyFile: target, removedLegacyFile: legacy, holderKeys: 1 });
    expect(existsSync(legacy)).toBe(false);
    expect(mode(target)).toBe(0o600);
    expect(await checkMasterKey({ settings, db: database.db })).toMatchObject({
      ok: true,
      source: { kind: "file", path: target },
      warnings: [],
    });
  });

  it("hands the replacement of AVALA_MASTER_KEY to the operator before changing anything", async () => {
    const oldKey = randomBytes(32);
    settings = masterKeySettings({
      AVALA_DATA_DIR: join(root, "data"),
      AVALA_MASTER_KEY: oldKey.toString("hex"),
    });
    const ctx = await createWalletContext(testConfig({ masterKey: oldKey }), {
      database,
      log: quietLog,
    });
    await seedDemoAccount(ctx, {
      name: "Ana",
      email: "ana@example.mx",
      password: "una frase bastante larga",
    });
    await ctx.destroy();
    const rows = await sealedRows();
    await expect(
      rotateMasterKey({
        settings,
        db: database.db,
        announceNewKey: () => {
          throw new Error("the terminal is gone");
        },
      }),
    ).rejects.toThrow(/terminal is gone/);
    expect(await sealedRows()).toEqual(rows);
    const announced: string[] = [];
    const rotation = await rotateMasterKey({
      settings,
      db: database.db,
      announceNewKey: (key) => announced.push(key),
    });
    expect(rotation.keyFile).toBeUndefined();
    expect(announced).toHaveLength(1);
    expect(
      await checkMasterKey({
        settings: { ...settings, masterKey: announced[0]! },
        db: database.db,
      }),
    ).toMatchObject({ ok: true, holderKeys: 1 });
    expect(readdirSync(root)).toEqual([]);
  });
});
