import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issuerConfig, readIssuerConfig } from "../src/config.js";
import { loadMasterKey } from "../src/crypto/master-key.js";
import { SecretBox } from "../src/crypto/secret-box.js";
import { createHarness, expectProblem, type Harness, issue } from "./harness.js";

describe("configuration", () => {
  it("reads the environment with defaults", () => {
    const config = readIssuerConfig({});
    expect(config).toMatchObject({
      port: 4100,
      publicUrl: "http://localhost:4100",
      walletPublicUrl: "http://localhost:4300",
      dataDir: "./data",
      databaseUrl: undefined,
    });
    const custom = readIssuerConfig({
      ISSUER_PORT: "5000",
      ISSUER_PUBLIC_URL: "https://emisor.example.mx/",
      AVALA_MASTER_KEY: randomBytes(32).toString("base64"),
      DATABASE_URL: "",
    });
    expect(custom.publicUrl).toBe("https://emisor.example.mx");
    expect(custom.databaseUrl).toBeUndefined();
  });

  it("seeds no demo data unless AVALA_SEED_DEMO asks for it", () => {
    expect(readIssuerConfig({}).seedDemo).toBe(false);
    expect(readIssuerConfig({ AVALA_SEED_DEMO: "" }).seedDemo).toBe(false);
    for (const yes of ["true", "1", "yes", "ON"]) {
      expect(readIssuerConfig({ AVALA_SEED_DEMO: yes }).seedDemo, yes).toBe(true);
    }
    for (const no of ["false", "0", "no", "off"]) {
      expect(readIssuerConfig({ AVALA_SEED_DEMO: no }).seedDemo, no).toBe(false);
    }
    expect(() => readIssuerConfig({ AVALA_SEED_DEMO: "maybe" })).toThrow(/AVALA_SEED_DEMO/);
    // Programmatic configurations leave it to startIssuer (its `seed` option).
    expect(issuerConfig({}).seedDemo).toBeUndefined();
  });

  it("refuses bad values at start-up", () => {
    expect(() => readIssuerConfig({ ISSUER_PORT: "x" })).toThrow(/ISSUER_PORT/);
    expect(() => readIssuerConfig({ ISSUER_PUBLIC_URL: "ftp://x" })).toThrow(/http/);
    expect(() => readIssuerConfig({ ISSUER_PUBLIC_URL: "https://x.mx/path" })).toThrow(/origin/);
    expect(() => readIssuerConfig({ AVALA_MASTER_KEY: "c2hvcnQ=" })).toThrow(/32 bytes/);
    expect(() => readIssuerConfig({ AVALA_DEMO_TOKEN: "short" })).toThrow(/16/);
    expect(() => issuerConfig({ limits: { statusListLength: 1000 } as never })).toThrow(/131,072/);
  });
});

describe("master key and sealing", () => {
  it("creates the key file outside the data directory once, mode 0600 (directory 0700)", () => {
    const root = mkdtempSync(join(tmpdir(), "issuer-key-"));
    const settings = {
      dataDir: join(root, "data"),
      defaultMasterKeyFile: join(root, "config", "avala", "issuer-master.key"),
    };
    const first = loadMasterKey(settings);
    const file = settings.defaultMasterKeyFile;
    expect(first.source).toEqual({ kind: "file", path: file, created: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, "config", "avala")).mode & 0o777).toBe(0o700);
    expect(first.key.length).toBe(32);
    const again = loadMasterKey(settings);
    expect(again.key.equals(first.key)).toBe(true);
    expect(again.source).toEqual({ kind: "file", path: file, created: false });
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64").equals(first.key)).toBe(true);
    const fromEnv = randomBytes(32);
    const env = loadMasterKey({ ...settings, masterKey: fromEnv.toString("base64") });
    expect(env.key.equals(fromEnv)).toBe(true);
    expect(env.source).toEqual({ kind: "environment" });
  });

  it("seals with AES-256-GCM: random IVs, bound to its associated data, tamper-evident", () => {
    const box = new SecretBox(randomBytes(32));
    const a = box.seal("z3u2secret", "org:1:key:a");
    const b = box.seal("z3u2secret", "org:1:key:a");
    expect(a.iv).not.toBe(b.iv);
    expect(Buffer.from(a.iv, "base64").length).toBe(12);
    expect(box.open(a, "org:1:key:a")).toBe("z3u2secret");
    expect(() => box.open(a, "org:2:key:a")).toThrow();
    const tampered = Buffer.from(a.ciphertext, "base64");
    tampered[0]! ^= 1;
    expect(() =>
      box.open({ ...a, ciphertext: tampered.toString("base64") }, "org:1:key:a"),
    ).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(a, "org:1:key:a")).toThrow();
  });
});

describe.each(testDatabases())("signing keys on $name", (engine) => {
  let h: Harness;
  let admin: string;
  let did: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    ({ token: admin, did } = await h.createOrg("ece-k"));
    expect((await h.addAchievement("ece-k", admin)).status).toBe(201);
  });
  afterEach(() => h.close());

  it("keeps secrets sealed in the database, never in clear", async () => {
    const rows = await h.ctx.db.selectFrom("issuer_signing_key").selectAll().execute();
    const row = rows.find((r) => r.verification_method.startsWith(did))!;
    const key = await h.ctx.keys.signingKey(h.ctx.db, row.organisation_id);
    expect(JSON.stringify(rows)).not.toContain(key.secretKeyMultibase);
    expect(key.id).toBe(`${did}#key-1`);
    // Moving a sealed secret to another row does not decrypt.
    expect(() =>
      h.ctx.secrets.signingKeys.open(
        { ciphertext: row.secret_ciphertext, iv: row.secret_iv },
        `issuer_signing_key:${row.organisation_id + 1}:${row.key_id}`,
      ),
    ).toThrow();
    const listed = await h.call("/orgs/ece-k/keys", { token: admin });
    expect(listed.body.keys).toHaveLength(1);
    expect(listed.body.keys[0]).toMatchObject({
      current: true,
      verificationMethod: `${did}#key-1`,
    });
  });

  it("rotates: the new key signs, the old one stays published and old credentials still verify", async () => {
    const before = (await issue(h, "ece-k", admin)).body.verifiableCredential;
    expect(before.proof.verificationMethod).toBe(`${did}#key-1`);
    const rotated = await h.call("/orgs/ece-k/keys/rotate", { token: admin, method: "POST" });
    expect(rotated.status, rotated.text).toBe(201);
    expect(rotated.body.key.verificationMethod).toBe(`${did}#key-2`);
    const didDoc = (await h.call("/orgs/ece-k/did.json")).body;
    expect(didDoc.verificationMethod.map((m: { id: string }) => m.id)).toEqual([
      `${did}#key-1`,
      `${did}#key-2`,
    ]);
    expect(didDoc.assertionMethod).toEqual([`${did}#key-1`, `${did}#key-2`]);
    const after = (await issue(h, "ece-k", admin)).body.verifiableCredential;
    expect(after.proof.verificationMethod).toBe(`${did}#key-2`);
    expect((await h.verify(before)).verdict).toBe("valid");
    expect((await h.verify(after)).verdict).toBe("valid");
    // The status list is now signed with the new key too, and still verifies.
    const list = (await h.call("/orgs/ece-k/status/revocation/1")).body;
    expect(list.proof.verificationMethod).toBe(`${did}#key-2`);
    const keys = await h.call("/orgs/ece-k/keys", { token: admin });
    expect(keys.body.keys.map((k: { current: boolean }) => k.current)).toEqual([false, true]);
  });

  it("does not rotate a did:key organisation (its DID is its key)", async () => {
    const { token, did: didKey } = await h.createOrg("key-org", { didMethod: "key" });
    expect(didKey).toMatch(/^did:key:z6Mk/);
    expectProblem(await h.call("/orgs/key-org/keys/rotate", { token, method: "POST" }), 409);
    expectProblem(await h.call("/orgs/key-org/did.json"), 404);
    expect((await h.addAchievement("key-org", token)).status).toBe(201);
    const vc = (await issue(h, "key-org", token)).body.verifiableCredential;
    expect(vc.issuer.id).toBe(didKey);
    expect((await h.verify(vc)).verdict).toBe("valid");
  });
});
