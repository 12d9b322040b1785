import { randomBytes } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  checkMasterKeyWith,
  describeMasterKeySource,
  isInside,
  loadMasterKey,
  type MasterKeyProfile,
  MasterKeyRotationError,
  masterKeyMismatchError,
  parseMasterKey,
  readKeyFile,
  rotateKeyFile,
  writeKeyFile,
} from "../src/index.js";

const decode = (text: string, where: string) => {
  const key = parseMasterKey(text, "base64");
  if (!key) throw new Error(`bad key in ${where}`);
  return key;
};

const profile: MasterKeyProfile = {
  tag: "[avala/test]",
  packageName: "@avala/test",
  serviceName: "test service",
  keyFileVariable: "TEST_MASTER_KEY_FILE",
  legacyFileName: "old.key",
  protects: "test secret",
  decode,
};

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "avala-master-key-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const settingsIn = (dir: string) => ({
  dataDir: join(dir, "data"),
  defaultMasterKeyFile: join(dir, "config", "avala", "test.key"),
});

describe("parseMasterKey", () => {
  const key = randomBytes(32);
  it("reads base64 in both modes and hex only when asked", () => {
    expect(parseMasterKey(key.toString("base64"), "base64")?.equals(key)).toBe(true);
    expect(parseMasterKey(key.toString("base64"), "hex-or-base64")?.equals(key)).toBe(true);
    expect(parseMasterKey(key.toString("hex"), "hex-or-base64")?.equals(key)).toBe(true);
    // 64 hex characters read as base64 are 48 bytes: not a key.
    expect(parseMasterKey(key.toString("hex"), "base64")).toBeUndefined();
    expect(parseMasterKey(randomBytes(31).toString("base64"), "hex-or-base64")).toBeUndefined();
    expect(parseMasterKey("", "base64")).toBeUndefined();
  });
});

describe("key files", () => {
  it("are created 0600 in a 0700 directory, exclusively", () => {
    const file = join(root, "new-dir", "k.key");
    const key = randomBytes(32);
    writeKeyFile(file, key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, "new-dir")).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, "utf8")).toBe(`${key.toString("base64")}\n`);
    expect(() => writeKeyFile(file, randomBytes(32))).toThrow(
      expect.objectContaining({ code: "EEXIST" }),
    );
    expect(readKeyFile(file, decode).equals(key)).toBe(true);
  });

  it("warn when others may read them", () => {
    const file = join(root, "k.key");
    writeKeyFile(file, randomBytes(32));
    chmodSync(file, 0o644);
    const warnings: string[] = [];
    readKeyFile(file, decode, warnings);
    expect(warnings).toEqual([expect.stringMatching(/can be read by other users/)]);
  });

  it("are refused inside the data directory, symbolic links resolved", () => {
    const dataDir = join(root, "data");
    mkdirSync(dataDir);
    symlinkSync(dataDir, join(root, "alias"));
    expect(isInside(join(root, "alias", "k.key"), dataDir)).toBe(true);
    expect(isInside(join(root, "data-keys", "k.key"), dataDir)).toBe(false);
    expect(() =>
      loadMasterKey(profile, { ...settingsIn(root), masterKeyFile: join(root, "alias", "k.key") }),
    ).toThrow(/\[avala\/test\] .*inside AVALA_DATA_DIR.*every test secret.*TEST_MASTER_KEY_FILE/s);
  });
});

describe("loadMasterKey", () => {
  it("prefers the environment, then creates the default file once", () => {
    const key = randomBytes(32);
    const env = loadMasterKey(profile, { ...settingsIn(root), masterKey: key.toString("base64") });
    expect(env.key.equals(key)).toBe(true);
    expect(describeMasterKeySource(env.source)).toBe("master key: from AVALA_MASTER_KEY");
    const first = loadMasterKey(profile, settingsIn(root));
    expect(first.source).toEqual({
      kind: "file",
      path: settingsIn(root).defaultMasterKeyFile,
      created: true,
    });
    const again = loadMasterKey(profile, settingsIn(root));
    expect(again.source).toMatchObject({ created: false });
    expect(again.key.equals(first.key)).toBe(true);
  });

  it("reads a legacy key in the data directory with a warning, and stops on <file>.new", () => {
    const settings = settingsIn(root);
    const legacyKey = randomBytes(32);
    mkdirSync(settings.dataDir);
    writeFileSync(join(settings.dataDir, "old.key"), `${legacyKey.toString("base64")}\n`, {
      mode: 0o600,
    });
    const loaded = loadMasterKey(profile, settings);
    expect(loaded.key.equals(legacyKey)).toBe(true);
    expect(loaded.source.kind).toBe("legacy-file");
    expect(loaded.warnings.join()).toMatch(/pnpm --filter @avala\/test master-key:rotate/);
    writeKeyFile(`${settings.defaultMasterKeyFile}.new`, randomBytes(32));
    expect(() => loadMasterKey(profile, settings)).toThrow(/before starting the test service/);
    expect(() => loadMasterKey(profile, { ...settings, masterKey: "" })).toThrow(
      /AVALA_MASTER_KEY/,
    );
  });
});

describe("rotateKeyFile", () => {
  /** A "database": one secret, sealed as the key that opens it. */
  const store = (key: Buffer) => ({ sealedUnder: key });
  const checkOf = (db: { sealedUnder: Buffer }) => async (key: Buffer) => ({
    failures: db.sealedUnder.equals(key) ? [] : ["the secret"],
  });

  it("installs the new key after the re-sealing, and discards it when that fails", async () => {
    const settings = settingsIn(root);
    const old = loadMasterKey(profile, settings).key;
    const db = store(old);
    await expect(
      rotateKeyFile({
        profile,
        settings,
        check: checkOf(db),
        reseal: async () => {
          throw new Error("simulated crash");
        },
      }),
    ).rejects.toThrow(/simulated crash/);
    expect(readKeyFile(settings.defaultMasterKeyFile, decode).equals(old)).toBe(true);
    expect(existsSync(`${settings.defaultMasterKeyFile}.new`)).toBe(false);

    const outcome = await rotateKeyFile({
      profile,
      settings,
      check: checkOf(db),
      reseal: async (from, to) => {
        expect(existsSync(`${settings.defaultMasterKeyFile}.new`)).toBe(true);
        expect(from.equals(old)).toBe(true);
        db.sealedUnder = to;
        return "resealed";
      },
    });
    expect(outcome).toMatchObject({ resumed: false, result: "resealed" });
    expect(readKeyFile(settings.defaultMasterKeyFile, decode).equals(db.sealedUnder)).toBe(true);
    expect(existsSync(`${settings.defaultMasterKeyFile}.new`)).toBe(false);
    const report = await checkMasterKeyWith(profile, settings, checkOf(db));
    expect(report).toMatchObject({ ok: true, pendingRotation: undefined, failures: [] });
  });

  it("finishes a rotation whose transaction committed, refuses when no key opens", async () => {
    const settings = settingsIn(root);
    loadMasterKey(profile, settings);
    const next = randomBytes(32);
    writeKeyFile(`${settings.defaultMasterKeyFile}.new`, next);
    const db = store(next);
    const before = await checkMasterKeyWith(profile, settings, checkOf(db));
    expect(before.ok).toBe(false);
    expect(before.pendingRotation).toBe(`${settings.defaultMasterKeyFile}.new`);
    const reseal = async () => "never";
    const outcome = await rotateKeyFile({ profile, settings, check: checkOf(db), reseal });
    expect(outcome).toMatchObject({ resumed: true, check: { failures: [] } });
    expect(readKeyFile(settings.defaultMasterKeyFile, decode).equals(next)).toBe(true);

    writeKeyFile(`${settings.defaultMasterKeyFile}.new`, randomBytes(32));
    db.sealedUnder = randomBytes(32);
    const refused = rotateKeyFile({ profile, settings, check: checkOf(db), reseal });
    await expect(refused).rejects.toBeInstanceOf(MasterKeyRotationError);
    await expect(refused).rejects.toMatchObject({ failures: ["the secret"] });
  });

  it("hands an environment key's replacement over before changing anything", async () => {
    const settings = { ...settingsIn(root), masterKey: randomBytes(32).toString("base64") };
    const check = async () => ({ failures: [] });
    await expect(
      rotateKeyFile({ profile, settings, check, reseal: async () => 0 }),
    ).rejects.toThrow(/give the new key/);
    let announced: string | undefined;
    const outcome = await rotateKeyFile({
      profile,
      settings,
      check,
      announceNewKey: (base64) => {
        announced = base64;
      },
      reseal: async (_from, to) => {
        expect(announced).toBe(to.toString("base64"));
        return 1;
      },
    });
    expect(outcome).toMatchObject({ resumed: false, keyFile: undefined });
    expect(masterKeyMismatchError(profile, undefined).message).toMatch(
      /\(AVALA_MASTER_KEY\) does not open the stored test secrets.*TEST_MASTER_KEY_FILE/,
    );
  });
});
