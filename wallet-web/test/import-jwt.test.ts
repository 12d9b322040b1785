import type { JsonObject } from "@avala/credentials";
import { buildAchievementCredential } from "@avala/credentials";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { didKeyOfJwk } from "@avala/vc-jwt";
import { bakePng, bakeSvg } from "@avala/verifier";
import type { CryptoKey } from "jose";
import { base64url, CompactSign, exportJWK, generateKeyPair } from "jose";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  openTestWallet,
  qualificationAchievement,
  type TestWallet,
  testRegistry,
  unitAchievement,
} from "./helpers.js";

/**
 * A learner brings credentials secured as JWTs (OB 3.0 VC-JWT and VC-JOSE-COSE), signed here
 * with jose by an issuer whose did:key the registry accredits. The wallet verifies them, keeps
 * the compact JWT as received, and shows the credential decoded from it.
 */

let privateKey: CryptoKey;
let did: string;
let registry: Awaited<ReturnType<typeof testRegistry>>;

beforeAll(async () => {
  const pair = await generateKeyPair("EdDSA", { extractable: true });
  privateKey = pair.privateKey;
  did = didKeyOfJwk(await exportJWK(pair.publicKey))!;
  registry = await testRegistry([did]);
});

function credential(achievement = qualificationAchievement, email = "ana@example.mx"): JsonObject {
  return buildAchievementCredential({
    id: `urn:uuid:${crypto.randomUUID()}`,
    issuer: { id: did, name: { es: "Centro JWT Acreditado", en: "Accredited JWT Centre" } },
    achievement,
    subject: { identifiers: [{ kind: "email", value: email }] },
    validFrom: "2026-01-15T00:00:00Z",
    validUntil: "2031-01-15T00:00:00Z",
  }) as unknown as JsonObject;
}

async function sign(header: JsonObject, payload: JsonObject) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "EdDSA", kid: `${did}#${did.slice(8)}`, ...header })
    .sign(privateKey);
}

/** OB 3.0 VC-JWT (`vc` claim). */
const vcJwt = (c: JsonObject) =>
  sign(
    { typ: "JWT" },
    { iss: did, jti: c.id, nbf: Date.parse(c.validFrom as string) / 1000, vc: c },
  );
/** VC-JOSE-COSE (`application/vc+jwt`). */
const vcPlusJwt = (c: JsonObject) => sign({ typ: "vc+jwt", cty: "vc" }, c);

describe.each(testDatabases())("importing VC-JWT credentials on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database, { registry });
    ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
    await ana.get("/add");
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  const stored = () =>
    database.db.selectFrom("wallet_credential").selectAll().orderBy("id").execute();

  it("imports a pasted VC-JWT, keeps the JWT as received, and shows it in words", async () => {
    const c = credential();
    const jwt = await vcJwt(c);
    const response = await ana.post("/import/paste", { json: jwt });
    expect(response.status).toBe(200);
    expect(ana.lastBody).toContain("Verificada y guardada en tu cartera.");
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      credential_key: c.id,
      issuer_id: did,
      source: "paste",
      verdict: "valid",
      trust: "accredited",
    });
    // The signature covers the token's bytes: those are kept, not a re-serialised credential.
    expect(JSON.parse(rows[0]!.document)).toBe(jwt);

    // Shown from the decoded credential, and verified again from the JWT (nothing cached).
    wallet.ctx.verificationCache.delete(String(rows[0]!.id));
    const detail = await ana.get(`/credentials/${rows[0]!.public_id}`);
    expect(detail.status).toBe(200);
    expect(ana.lastBody).toContain("Impartición de cursos");
    expect(ana.lastBody).toContain("Unidades de competencia (3)");
    expect(ana.lastBody).toContain("Centro JWT Acreditado");
    expect(ana.lastBody).toContain("Acreditado por CONOCER");
    expect(ana.lastBody).toContain("Auténtica y vigente");
    expect(ana.lastBody).toContain("15 de enero de 2026");
    expect(ana.lastBody).toContain("coincide con tu correo");

    // The same credential again is recognised, not kept twice.
    await ana.get("/add");
    await ana.post("/import/paste", { json: jwt });
    expect(await stored()).toHaveLength(1);
  });

  it("imports JWT files: a .jwt (application/vc+jwt) and badges baked with a VC-JWT", async () => {
    const plain = credential(unitAchievement("U0586"));
    const png = credential(unitAchievement("U0587"));
    const svg = credential(unitAchievement("U0588"));
    const pixel = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    const tokens = [await vcPlusJwt(plain), await vcJwt(png), await vcPlusJwt(svg)];
    const files: Array<[string, BlobPart, string]> = [
      ["badge.jwt", `${tokens[0]}\n`, "application/vc+jwt"],
      ["badge.png", new Uint8Array(bakePng(new Uint8Array(pixel), tokens[1])), "image/png"],
      [
        "badge.svg",
        bakeSvg('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>', tokens[2]),
        "image/svg+xml",
      ],
    ];
    for (const [name, body, type] of files) {
      const form = new FormData();
      form.set("file", new File([body], name, { type }));
      await ana.get("/add");
      const response = await ana.post("/import/file", form);
      expect(response.status, name).toBe(200);
      expect(ana.lastBody, name).toContain("Verificada y guardada");
    }
    const rows = await stored();
    expect(rows.map((r) => r.credential_key)).toEqual([plain.id, png.id, svg.id]);
    expect(rows.map((r) => JSON.parse(r.document))).toEqual(tokens);
    expect(rows.every((r) => r.verdict === "valid" && r.source === "file")).toBe(true);
    // The list shows each one from its decoded credential.
    for (const row of rows) wallet.ctx.verificationCache.delete(String(row.id));
    await ana.get("/credentials");
    for (const code of ["U0586", "U0587", "U0588"]) expect(ana.lastBody).toContain(code);
  });

  it("refuses a tampered VC-JWT and shows why", async () => {
    const [header, payload, signature] = (await vcJwt(credential())).split(".");
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!)));
    claims.vc.credentialSubject.achievement.name = "Doctorado en Física";
    const forged = `${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`;
    const response = await ana.post("/import/paste", { json: forged });
    expect(response.status).toBe(422);
    expect(ana.lastBody).toContain("No se guardó: la credencial no pasó la verificación.");
    expect(ana.lastBody).toContain("proof.invalid");
    expect(await stored()).toHaveLength(0);
  });
});
