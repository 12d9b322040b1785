import { randomBytes, randomUUID } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, type Database } from "@avala/db";
import { type TestDatabase, testDatabases } from "@avala/db/testing";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type IssuerConfig, issuerConfig, readIssuerConfig } from "../src/config.js";
import { createIssuerContext } from "../src/context.js";
import { isInside, loadMasterKey } from "../src/crypto/master-key.js";
import { deriveIssuerSecrets } from "../src/crypto/secret-box.js";
import type { IssuerTables } from "../src/db/schema.js";
import { sealCurpAad } from "../src/services/batches.js";
import {
  checkMasterKey,
  checkStoredSecrets,
  MasterKeyRotationError,
  rotateMasterKey,
} from "../src/services/master-key.js";
import { startIssuer } from "../src/start.js";
import { createHarness, issue, PLATFORM_TOKEN } from "./harness.js";

const quiet = { info: () => {}, error: () => {} };
const keyOf = (file: string) => Buffer.from(readFileSync(file, "utf8").trim(), "base64");
const mode = (path: string) => statSync(path).mode & 0o777;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "issuer-master-key-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("where the master key lives", () => {
  it("defaults to $XDG_CONFIG_HOME/avala/issuer-master.key, else ~/.config/avala/…", () => {
    expect(readIssuerConfig({ XDG_CONFIG_HOME: "/srv/cfg" }).defaultMasterKeyFile).toBe(
      "/srv/cfg/avala/issuer-master.key",
    );
    expect(readIssuerConfig({ HOME: "/home/ana" }).defaultMasterKeyFile).toBe(
      "/home/ana/.config/avala/issuer-master.key",
    );
    // A relative XDG_CONFIG_HOME is ignored (XDG base directory specification).
    expect(
      readIssuerConfig({ HOME: "/home/ana", XDG_CONFIG_HOME: "cfg" }).defaultMasterKeyFile,
    ).toBe("/home/ana/.config/avala/issuer-master.key");
    const chosen = readIssuerConfig({ ISSUER_MASTER_KEY_FILE: "/etc/avala/issuer.key" });
    expect(chosen.masterKeyFile).toBe("/etc/avala/issuer.key");
  });

  it("refuses a key file inside the data directory, even through a symbolic link", () => {
    const dataDir = join(root, "data");
    mkdirSync(dataDir);
    const inside = { AVALA_DATA_DIR: dataDir, HOME: root };
    expect(() =>
      readIssuerConfig({ ...inside, ISSUER_MASTER_KEY_FILE: join(dataDir, "keys", "k.key") }),
    ).toThrow(/inside AVALA_DATA_DIR.*ISSUER_MASTER_KEY_FILE/s);
    // The default location too, when the data directory holds it.
    expect(() => readIssuerConfig({ ...inside, XDG_CONFIG_HOME: join(dataDir, "cfg") })).toThrow(
      /inside AVALA_DATA_DIR/,
    );
    symlinkSync(dataDir, join(root, "alias"));
    expect(isInside(join(root, "alias", "k.key"), dataDir)).toBe(true);
    expect(() =>
      readIssuerConfig({ ...inside, ISSUER_MASTER_KEY_FILE: join(root, "alias", "k.key") }),
    ).toThrow(/inside AVALA_DATA_DIR/);
    // Beside the data directory is fine, and so is any path when the key comes from the env.
    expect(isInside(join(root, "data-keys", "k.key"), dataDir)).toBe(false);
    expect(() =>
      readIssuerConfig({ ...inside, ISSUER_MASTER_KEY_FILE: join(root, "data-keys", "k.key") }),
    ).not.toThrow();
    expect(() =>
      readIssuerConfig({
        ...inside,
        ISSUER_MASTER_KEY_FILE: join(dataDir, "k.key"),
        AVALA_MASTER_KEY: randomBytes(32).toString("base64"),
      }),
    ).not.toThrow();
  });

  it("keeps reading an older version's $AVALA_DATA_DIR/master.key, with a warning", () => {
    const dataDir = join(root, "data");
    mkdirSync(dataDir);
    const legacyKey = randomBytes(32);
    writeFileSync(join(dataDir, "master.key"), `${legacyKey.toString("base64")}\n`, {
      mode: 0o600,
    });
    const defaultMasterKeyFile = join(root, "cfg", "avala", "issuer-master.key");
    const loaded = loadMasterKey({ dataDir, defaultMasterKeyFile });
    expect(loaded.key.equals(legacyKey)).toBe(true);
    expect(loaded.source).toEqual({
      kind: "legacy-file",
      path: join(dataDir, "master.key"),
      target: defaultMasterKeyFile,
    });
    expect(loaded.warnings.join("\n")).toMatch(/master-key:rotate/);
    expect(existsSync(defaultMasterKeyFile)).toBe(false);
    // A chosen key file that does not exist yet is not created beside a legacy key: move it.
    const chosen = join(root, "keys", "issuer.key");
    expect(() => loadMasterKey({ dataDir, defaultMasterKeyFile, masterKeyFile: chosen })).toThrow(
      /move that file/,
    );
    expect(existsSync(chosen)).toBe(false);
    // Once moved (copied), the chosen file is used and the old one is to be deleted.
    mkdirSync(join(root, "keys"), { mode: 0o700 });
    writeFileSync(chosen, `${legacyKey.toString("base64")}\n`, { mode: 0o600 });
    const moved = loadMasterKey({ dataDir, defaultMasterKeyFile, masterKeyFile: chosen });
    expect(moved.source).toEqual({ kind: "file", path: chosen, created: false });
    expect(moved.warnings.join("\n")).toMatch(/Delete it/);
  });

  it("will not start while a rotation is unfinished, and warns about a readable key file", () => {
    const settings = { dataDir: join(root, "data"), masterKeyFile: join(root, "k", "i.key") };
    const config = { ...settings, defaultMasterKeyFile: join(root, "unused.key") };
    loadMasterKey(config);
    writeFileSync(`${settings.masterKeyFile}.new`, randomBytes(32).toString("base64"));
    expect(() => loadMasterKey(config)).toThrow(/did not finish.*master-key:rotate/s);
    rmSync(`${settings.masterKeyFile}.new`);
    chmodSync(settings.masterKeyFile, 0o644);
    expect(loadMasterKey(config).warnings.join("\n")).toMatch(/chmod 600/);
    // A key file that cannot be created says which variable to set.
    const blocked = { ...config, masterKeyFile: join(settings.masterKeyFile, "sub", "i.key") };
    expect(() => loadMasterKey(blocked)).toThrow(
      /cannot create the master key file .* set ISSUER_MASTER_KEY_FILE/,
    );
  });
});

/** The same open database for several harnesses in a row (it outlives each of them). */
function sharing(database: Database<IssuerTables>): TestDatabase {
  return {
    name: database.dialect,
    open: async <DB>() => ({ ...(database as unknown as Database<DB>), destroy: async () => {} }),
  };
}

async function allSigningKeys(db: Database<IssuerTables>["db"]) {
  return db.selectFrom("issuer_signing_key").selectAll().orderBy("id").execute();
}

/** A pending batch row whose CURP is sealed under the context's key (as an upload leaves it). */
async function pendingBatchRow(config: IssuerConfig, database: Database<IssuerTables>) {
  const ctx = createIssuerContext(config, { database, log: quiet });
  const org = await database.db
    .selectFrom("issuer_organisation")
    .select("id")
    .executeTakeFirstOrThrow();
  const batch = await database.db
    .insertInto("issuer_batch")
    .values({
      public_id: randomUUID(),
      organisation_id: org.id,
      source: "csv",
      total: 1,
      state: "processing",
      status_purpose: "revocation",
      cryptosuite: "eddsa-rdfc-2022",
      created_by: "test",
      created_at: new Date().toISOString(),
      completed_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const curp = "LOGA040315MDFPRNA3";
  await database.db
    .insertInto("issuer_batch_row")
    .values({
      batch_id: batch.id,
      line: 2,
      external_id: "pending-1",
      achievement_code: "EC0217.01",
      learner_email: null,
      learner_name: null,
      learner_curp_sealed: ctx.secrets.pendingRows.sealText(curp, sealCurpAad(batch.id, 2)),
      learner_did: null,
      valid_from: null,
      valid_until: null,
      state: "pending",
      credential_id: null,
      errors: null,
      updated_at: new Date().toISOString(),
    })
    .execute();
  await ctx.destroy();
  return { batchId: batch.id, curp };
}

describe.each(testDatabases())("the master key on $name", (engine) => {
  let database: Database<IssuerTables>;
  let keyFile: string;
  let overrides: Partial<IssuerConfig>;
  beforeEach(async () => {
    database = await engine.open<IssuerTables>();
    keyFile = join(root, "keys", "issuer-master.key");
    overrides = { masterKey: undefined, masterKeyFile: keyFile, dataDir: join(root, "data") };
  });
  afterEach(async () => {
    await database.destroy();
  });

  /** Two organisations (one with a retired key), a credential, a pending batch row. */
  async function populate() {
    const h = await createHarness(sharing(database), overrides);
    const uno = await h.createOrg("cfp-uno");
    await h.createOrg("cfp-dos", { didMethod: "key" });
    expect((await h.call("/orgs/cfp-uno/keys/rotate", { token: uno.token, json: {} })).status).toBe(
      201,
    );
    expect((await h.addAchievement("cfp-uno", uno.token)).status).toBe(201);
    const issued = await issue(h, "cfp-uno", uno.token);
    expect(issued.status, issued.text).toBe(201);
    await h.close();
    const pending = await pendingBatchRow(h.ctx.config, database);
    return { token: uno.token, credential: issued.body.verifiableCredential, ...pending };
  }

  it("is generated outside the data directory: a copy of the data directory decrypts nothing", async () => {
    const dataDir = join(root, "data");
    const configHome = join(root, "config");
    const env = {
      ISSUER_PORT: "0",
      AVALA_DATA_DIR: dataDir,
      XDG_CONFIG_HOME: configHome,
      AVALA_PLATFORM_ADMIN_TOKEN: PLATFORM_TOKEN,
    };
    mkdirSync(dataDir);
    const info: string[] = [];
    const log = { info: (m: string) => info.push(m), error: (m: string) => info.push(m) };
    // SQLite: the database file in the data directory, as a deployment has it.
    const own = engine.name === "sqlite";
    const issuer = await startIssuer(readIssuerConfig(env), {
      ...(own ? {} : { database }),
      log,
      seed: false,
    });
    const expected = join(configHome, "avala", "issuer-master.key");
    let key: Buffer;
    try {
      const created = await issuer.app.request("/orgs", {
        method: "POST",
        headers: { authorization: `Bearer ${PLATFORM_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ slug: "cfp-uno", kind: "assessment-centre", name: { es: "Uno" } }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      key = keyOf(expected);
      expect(mode(expected)).toBe(0o600);
      expect(mode(join(configHome, "avala"))).toBe(0o700);
      expect(isInside(expected, dataDir)).toBe(false);
      // One start-up line names the file, and nothing logged holds the key.
      expect(info.filter((m) => m.includes(expected))).toEqual([
        `master key: ${expected} (created, mode 0600: back it up, apart from the data)`,
      ]);
      expect(info.join("\n")).not.toContain(key.toString("base64"));
    } finally {
      await issuer.close();
    }
    expect(readdirSync(dataDir)).not.toContain("master.key");

    // Everything in a copy of the data directory, tried as a master key, opens no stored key.
    const copy = join(root, "copy");
    cpSync(dataDir, copy, { recursive: true });
    const copied = own
      ? createDatabase<IssuerTables>({ dataDir: copy, fileName: "issuer.sqlite" })
      : database;
    try {
      const rows = await allSigningKeys(copied.db);
      expect(rows.length).toBeGreaterThan(0);
      const candidates = readdirSync(copy, { recursive: true, encoding: "utf8" })
        .map((name) => join(copy, name))
        .filter((path) => statSync(path).isFile())
        .flatMap(
          (path) =>
            readFileSync(path)
              .toString("latin1")
              .match(/[\w+/-]{43}=?/g) ?? [],
        )
        .map((text) => Buffer.from(text, "base64"))
        .filter((bytes) => bytes.length === 32);
      for (const candidate of [...candidates, key]) {
        const check = await checkStoredSecrets(copied.db, deriveIssuerSecrets(candidate));
        expect(check.failures.length === 0).toBe(candidate === key);
      }
      // An issuer started on the copy without the key file refuses to run with a new key.
      await expect(
        startIssuer(
          readIssuerConfig({ ...env, AVALA_DATA_DIR: copy, XDG_CONFIG_HOME: join(root, "other") }),
          { ...(own ? {} : { database }), log: quiet, seed: false },
        ),
      ).rejects.toThrow(/does not open the stored signing keys/);
    } finally {
      if (own) await copied.destroy();
    }
  });

  it("rotates: every stored secret re-encrypted, the old key opens nothing, signing goes on", async () => {
    const before = await populate();
    const oldKey = keyOf(keyFile);
    const rowsBefore = await allSigningKeys(database.db);
    expect(rowsBefore).toHaveLength(3);

    const config = issuerConfig(overrides);
    const rotation = await rotateMasterKey({ config, db: database.db });
    expect(rotation).toMatchObject({
      resumed: false,
      signingKeys: 3,
      batchRows: 1,
      keyFile,
      removedLegacyFile: undefined,
      openClaimOffers: 1,
    });
    const newKey = keyOf(keyFile);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(mode(keyFile)).toBe(0o600);
    expect(existsSync(`${keyFile}.new`)).toBe(false);

    const rowsAfter = await allSigningKeys(database.db);
    for (const [i, row] of rowsAfter.entries()) {
      expect(row.secret_ciphertext).not.toBe(rowsBefore[i]!.secret_ciphertext);
      expect(row.public_key_multibase).toBe(rowsBefore[i]!.public_key_multibase);
    }
    const underOld = await checkStoredSecrets(database.db, deriveIssuerSecrets(oldKey));
    expect(underOld.failures).toHaveLength(4);
    expect((await checkStoredSecrets(database.db, deriveIssuerSecrets(newKey))).failures).toEqual(
      [],
    );
    const row = await database.db
      .selectFrom("issuer_batch_row")
      .select("learner_curp_sealed")
      .executeTakeFirstOrThrow();
    expect(
      deriveIssuerSecrets(newKey).pendingRows.openText(
        row.learner_curp_sealed!,
        sealCurpAad(before.batchId, 2),
      ),
    ).toBe(before.curp);
    expect(await checkMasterKey({ config, db: database.db })).toMatchObject({
      ok: true,
      signingKeys: 3,
      batchRows: 1,
      failures: [],
    });

    // Signing after the rotation: a new credential verifies, and so does the one from before.
    const after = await createHarness(sharing(database), overrides);
    try {
      const issued = await issue(after, "cfp-uno", before.token);
      expect(issued.status, issued.text).toBe(201);
      expect((await after.verify(issued.body.verifiableCredential)).verified).toBe(true);
      expect((await after.verify(before.credential)).verified).toBe(true);
    } finally {
      await after.close();
    }
  });

  it("check names a stored key that does not open; rotate then changes nothing", async () => {
    await populate();
    const oldKey = keyOf(keyFile);
    const rows = await allSigningKeys(database.db);
    const last = rows.at(-1)!;
    const bytes = Buffer.from(last.secret_ciphertext, "base64");
    bytes[3]! ^= 0x01;
    await database.db
      .updateTable("issuer_signing_key")
      .set({ secret_ciphertext: bytes.toString("base64") })
      .where("id", "=", last.id)
      .execute();
    const org = await database.db
      .selectFrom("issuer_organisation")
      .select("slug")
      .where("id", "=", last.organisation_id)
      .executeTakeFirstOrThrow();
    const config = issuerConfig(overrides);
    const check = await checkMasterKey({ config, db: database.db });
    expect(check.ok).toBe(false);
    expect(check.failures).toEqual([{ kind: "signing-key", id: last.key_id, owner: org.slug }]);

    // The broken key is the last one: the others were already re-encrypted inside the
    // transaction when it failed, and all of that rolled back.
    const failed = await rotateMasterKey({ config, db: database.db }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(MasterKeyRotationError);
    expect((failed as MasterKeyRotationError).failures).toEqual(check.failures);
    expect(await allSigningKeys(database.db)).toEqual(
      rows.map((r) =>
        r.id === last.id ? { ...r, secret_ciphertext: bytes.toString("base64") } : r,
      ),
    );
    expect(keyOf(keyFile).equals(oldKey)).toBe(true);
    expect(existsSync(`${keyFile}.new`)).toBe(false);
  });

  it("survives a crash at any point of a rotation", async () => {
    await populate();
    const config = issuerConfig(overrides);
    const oldKey = keyOf(keyFile);
    const rows = await allSigningKeys(database.db);
    const last = rows.at(-1)!.id;

    // The database fails in the middle of the transaction (after two keys were rewritten).
    if (engine.name === "sqlite") {
      await sql
        .raw(`create trigger crash before update on issuer_signing_key when old.id = ${last}
              begin select raise(abort, 'simulated crash'); end`)
        .execute(database.db);
    } else {
      await sql
        .raw(`create function crash() returns trigger language plpgsql as
              $$ begin raise exception 'simulated crash'; end $$;
              create trigger crash before update on issuer_signing_key for each row
              when (old.id = ${last}) execute function crash()`)
        .execute(database.db);
    }
    await expect(rotateMasterKey({ config, db: database.db })).rejects.toThrow(/simulated crash/);
    expect(await allSigningKeys(database.db)).toEqual(rows);
    expect(keyOf(keyFile).equals(oldKey)).toBe(true);
    expect(existsSync(`${keyFile}.new`)).toBe(false);
    expect((await checkMasterKey({ config, db: database.db })).ok).toBe(true);
    await sql
      .raw("drop trigger crash" + (engine.name === "sqlite" ? "" : " on issuer_signing_key"))
      .execute(database.db);

    // A crash before the commit leaves the new key in `<file>.new`: a rerun discards it.
    writeFileSync(`${keyFile}.new`, randomBytes(32).toString("base64"), { mode: 0o600 });
    expect(() => createIssuerContext(config, { database, log: quiet })).toThrow(/did not finish/);
    expect((await checkMasterKey({ config, db: database.db })).ok).toBe(false);
    const rotation = await rotateMasterKey({ config, db: database.db });
    expect(rotation.resumed).toBe(false);
    const newKey = keyOf(keyFile);
    expect(newKey.equals(oldKey)).toBe(false);

    // A crash after the commit, before the new key replaced the old file: a rerun installs it.
    renameSync(keyFile, `${keyFile}.new`);
    writeFileSync(keyFile, `${oldKey.toString("base64")}\n`, { mode: 0o600 });
    const check = await checkMasterKey({ config, db: database.db });
    expect(check).toMatchObject({ ok: false, pendingRotation: `${keyFile}.new` });
    expect(check.failures.length).toBeGreaterThan(0);
    expect(() => createIssuerContext(config, { database, log: quiet })).toThrow(/did not finish/);
    const resumed = await rotateMasterKey({ config, db: database.db });
    expect(resumed).toMatchObject({ resumed: true, signingKeys: 3, batchRows: 1 });
    expect(keyOf(keyFile).equals(newKey)).toBe(true);
    expect(existsSync(`${keyFile}.new`)).toBe(false);
    expect(await checkMasterKey({ config, db: database.db })).toMatchObject({ ok: true });
  });

  it("moves an older version's key out of the data directory", async () => {
    const dataDir = join(root, "data");
    const legacy = join(dataDir, "master.key");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(legacy, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });
    const target = join(root, "cfg", "avala", "issuer-master.key");
    overrides = { masterKey: undefined, dataDir, defaultMasterKeyFile: target };
    await populate();
    const legacyKey = keyOf(legacy);
    expect(existsSync(target)).toBe(false);

    const config = issuerConfig(overrides);
    const rotation = await rotateMasterKey({ config, db: database.db });
    expect(rotation).toMatchObject({ keyFile: target, removedLegacyFile: legacy });
    expect(existsSync(legacy)).toBe(false);
    expect(mode(target)).toBe(0o600);
    expect(keyOf(target).equals(legacyKey)).toBe(false);
    expect(await checkMasterKey({ config, db: database.db })).toMatchObject({
      ok: true,
      source: { kind: "file", path: target },
      warnings: [],
    });
  });

  it("hands a key from AVALA_MASTER_KEY's replacement to the operator before changing anything", async () => {
    const oldKey = randomBytes(32);
    overrides = { masterKey: oldKey.toString("base64"), dataDir: join(root, "data") };
    await populate();
    const config = issuerConfig(overrides);
    // The new key is handed over before anything changes: when that fails, nothing does.
    const rows = await allSigningKeys(database.db);
    await expect(
      rotateMasterKey({
        config,
        db: database.db,
        announceNewKey: () => {
          throw new Error("the terminal is gone");
        },
      }),
    ).rejects.toThrow(/terminal is gone/);
    expect(await allSigningKeys(database.db)).toEqual(rows);

    const announced: string[] = [];
    const rotation = await rotateMasterKey({
      config,
      db: database.db,
      announceNewKey: (key) => announced.push(key),
    });
    expect(rotation.keyFile).toBeUndefined();
    expect(announced).toHaveLength(1);
    const newKey = Buffer.from(announced[0]!, "base64");
    expect(newKey.equals(oldKey)).toBe(false);
    expect((await checkStoredSecrets(database.db, deriveIssuerSecrets(newKey))).failures).toEqual(
      [],
    );
    const restarted = issuerConfig({ ...overrides, masterKey: announced[0]! });
    expect(await checkMasterKey({ config: restarted, db: database.db })).toMatchObject({
      ok: true,
    });
    expect(readdirSync(root)).not.toContain("keys");
    // Without a way to hand it over, no new key is made.
    await expect(rotateMasterKey({ config: restarted, db: database.db })).rejects.toThrow(
      /give the new key/,
    );
  });
});
