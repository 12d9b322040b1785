import type { Credential, JsonObject } from "@avala/credentials";
import { buildAchievementCredential, signCredential } from "@avala/credentials";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { didKeyOfJwk } from "@avala/vc-jwt";
import type { PresentationVerification } from "@avala/verifier";
import { verify } from "@avala/verifier";
import type { CryptoKey } from "jose";
import { CompactSign, exportJWK, generateKeyPair } from "jose";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  documentLoader,
  openTestWallet,
  qualificationAchievement,
  type TestWallet,
  testIssuer,
  testRegistry,
  unitAchievement,
} from "./helpers.js";

/**
 * A learner holds credentials secured as JWTs (OB 3.0 VC-JWT, VC-JOSE-COSE) and hands them on:
 * a share link's presentation, a signed presentation and a file carry the JWT itself (in an
 * `EnvelopedVerifiableCredential`, or as the compact JWT), so that the recipient's verifier
 * checks its signature. Also: an Open Badges 3.0 credential on VC 1.1 (`issuanceDate`,
 * `expirationDate`) pasted into the wallet is kept and shown with its dates.
 */

const NOW = new Date("2026-06-01T12:00:00Z");

let privateKey: CryptoKey;
let did: string;
let dataIntegrity: Awaited<ReturnType<typeof testIssuer>>;
let registry: Awaited<ReturnType<typeof testRegistry>>;

beforeAll(async () => {
  const pair = await generateKeyPair("EdDSA", { extractable: true });
  privateKey = pair.privateKey;
  did = didKeyOfJwk(await exportJWK(pair.publicKey))!;
  dataIntegrity = await testIssuer("Centro de Integridad");
  registry = await testRegistry([did, dataIntegrity.did]);
});

function credential(achievement = qualificationAchievement, subjectDid?: string): JsonObject {
  return buildAchievementCredential({
    id: `urn:uuid:${crypto.randomUUID()}`,
    issuer: { id: did, name: { es: "Centro JWT Acreditado", en: "Accredited JWT Centre" } },
    achievement,
    subject: subjectDid
      ? { did: subjectDid }
      : { identifiers: [{ kind: "email", value: "ana@example.mx" }] },
    validFrom: "2026-01-15T00:00:00Z",
    validUntil: "2031-01-15T00:00:00Z",
  }) as unknown as JsonObject;
}

const sign = (header: JsonObject, payload: JsonObject) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "EdDSA", kid: `${did}#${did.slice(8)}`, ...header })
    .sign(privateKey);
const vcPlusJwt = (c: JsonObject) => sign({ typ: "vc+jwt", cty: "vc" }, c);
const vcJwt = (c: JsonObject) =>
  sign(
    { typ: "JWT" },
    { iss: did, jti: c.id, nbf: Date.parse(c.validFrom as string) / 1000, vc: c },
  );

/** The recipient's verifier: the verifier library, with the same registry, on its own. */
const recipient = (input: unknown, extra: { challenge?: string; domain?: string } = {}) =>
  verify(input, { documentLoader, trustRegistry: registry, now: NOW, ...extra });

describe.each(testDatabases())("handing on JWT credentials on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;
  let tokens: string[];
  let ids: string[];

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database, { registry });
    ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
    tokens = [await vcPlusJwt(credential()), await vcJwt(credential(unitAchievement("U0586")))];
    const signed = await dataIntegrity.issue(unitAchievement("U0587"), { email: "ana@example.mx" });
    for (const text of [...tokens, JSON.stringify(signed)]) {
      await ana.get("/add");
      const response = await ana.post("/import/paste", { json: text });
      expect(response.status).toBe(200);
      expect(ana.lastBody).toContain("Verificada y guardada en tu cartera.");
    }
    const rows = await database.db
      .selectFrom("wallet_credential")
      .select(["public_id", "document"])
      .orderBy("id")
      .execute();
    expect(rows.slice(0, 2).map((r) => JSON.parse(r.document))).toEqual(tokens);
    ids = rows.map((r) => r.public_id);
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  it("a share link's presentation carries each JWT in an envelope, and verifies", async () => {
    await ana.get(`/shares/new?${ids.map((c) => `c=${c}`).join("&")}`);
    const created = await ana.post("/shares", { c: ids, days: "30", label: "Vacante" });
    expect(created.status).toBe(303);
    await ana.get(created.headers.get("location")!);
    const token = /id="share-link" readonly="" value="[^"]+\/s\/([\w-]+)"/.exec(ana.lastBody)![1]!;

    const response = await wallet.app.request(`/s/${token}/presentation.json`);
    expect(response.status).toBe(200);
    const bundle = (await response.json()) as JsonObject;
    const result = (await recipient(bundle)) as PresentationVerification;
    expect(result.kind).toBe("presentation");
    expect(result.credentials.map((c) => c.verdict)).toEqual(["valid", "valid", "valid"]);
    expect(result.credentials[0]?.checks.map((c) => c.code)).toContain("proof.jwt-valid");
    expect(result.credentials[0]?.trust?.status).toBe("accredited");
    expect(result.verdict).toBe("valid");

    const entries = bundle.verifiableCredential as JsonObject[];
    expect(entries.slice(0, 2)).toEqual(
      tokens.map((jwt) => ({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        id: `data:application/vc+jwt,${jwt}`,
        type: "EnvelopedVerifiableCredential",
      })),
    );
    expect(entries[2]?.proof).toBeDefined();

    // Another wallet that imports the link keeps each JWT as it was signed.
    const beto = new Browser(wallet.app, "203.0.113.8");
    await beto.signUp("beto@example.mx", "otra frase bastante larga", "Beto");
    await beto.get("/add");
    const imported = await beto.post("/import/paste", { json: JSON.stringify(bundle) });
    expect(imported.status).toBe(200);
    const betoRows = await database.db
      .selectFrom("wallet_credential")
      .innerJoin("wallet_account", "wallet_account.id", "wallet_credential.account_id")
      .where("wallet_account.email", "=", "beto@example.mx")
      .select(["wallet_credential.document", "wallet_credential.verdict"])
      .orderBy("wallet_credential.id")
      .execute();
    expect(betoRows.slice(0, 2).map((r) => JSON.parse(r.document))).toEqual(tokens);
    expect(betoRows.map((r) => r.verdict)).toEqual(["valid", "valid", "valid"]);
  });

  it("a signed presentation carries the JWTs, and the recipient verifies it", async () => {
    const challenge = "9f1c2d3e4b5a6978";
    const domain = "empleos.example";
    await ana.get(`/present?c=${ids[0]}`);
    const response = await ana.post("/present", { c: [ids[0]!, ids[2]!], challenge, domain });
    expect(response.status).toBe(200);
    const presentation = (await response.json()) as JsonObject;
    const result = (await recipient(presentation, {
      challenge,
      domain,
    })) as PresentationVerification;
    expect(result.credentials.map((c) => c.verdict)).toEqual(["valid", "valid"]);
    expect(result.checks.map((c) => c.code)).toEqual(
      expect.arrayContaining(["presentation.proof-valid", "presentation.credentials-valid"]),
    );
    expect(result.verified).toBe(true);
    const entries = presentation.verifiableCredential as JsonObject[];
    expect(entries[0]).toMatchObject({
      type: "EnvelopedVerifiableCredential",
      id: `data:application/vc+jwt,${tokens[0]}`,
    });
  });

  it("the download of a JWT credential is the compact JWT, application/vc+jwt", async () => {
    const response = await ana.get(`/credentials/${ids[0]}/download`);
    expect(response.status).toBe(200);
    const body = await response.text();
    const result = await recipient(body);
    expect(result).toMatchObject({ kind: "credential", verdict: "valid" });
    expect(result.checks.map((c) => c.code)).toContain("proof.jwt-valid");
    expect(body).toBe(tokens[0]);
    expect(response.headers.get("content-type")).toBe("application/vc+jwt");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="EC0217.01.jwt"',
    );

    // A Data Integrity credential is still its JSON.
    const json = await ana.get(`/credentials/${ids[2]}/download`);
    expect(json.headers.get("content-type")).toBe("application/ld+json; charset=utf-8");
    expect(json.headers.get("content-disposition")).toBe('attachment; filename="U0587.json"');
    expect((await recipient(await json.text())).verdict).toBe("valid");
  });
});

describe.each(testDatabases())("an Open Badges 3.0 credential on VC 1.1 on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database, { registry });
    ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  /** The VC 1.1 shape of the OB 3.0 specification's examples, signed by the issuer's key. */
  async function vc11Badge(dates: { issuanceDate: string; expirationDate?: string }) {
    return signCredential(
      {
        "@context": [
          "https://www.w3.org/2018/credentials/v1",
          "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        ],
        id: `urn:uuid:${crypto.randomUUID()}`,
        type: ["VerifiableCredential", "OpenBadgeCredential"],
        issuer: { id: dataIntegrity.did, type: "Profile", name: "Centro de Integridad" },
        ...dates,
        name: "Trabajo en equipo",
        credentialSubject: {
          id: "did:example:ebfeb1f712ebc6f1c276e12ec21",
          type: "AchievementSubject",
          achievement: {
            id: "https://integridad.example/logros/trabajo-en-equipo",
            type: "Achievement",
            name: "Trabajo en equipo",
            description: "Colabora con su equipo para lograr un objetivo común.",
            criteria: { narrative: "Nominado por sus compañeros." },
          },
        },
      } as unknown as Credential,
      { key: dataIntegrity.key, documentLoader },
    );
  }

  it("pasted, it is kept and shown with its issuance and expiration dates", async () => {
    const badge = await vc11Badge({
      issuanceDate: "2026-02-03T00:00:00Z",
      expirationDate: "2030-11-20T00:00:00Z",
    });
    await ana.get("/add");
    const response = await ana.post("/import/paste", { json: JSON.stringify(badge) });
    expect(response.status).toBe(200);
    expect(ana.lastBody).toContain("Verificada y guardada en tu cartera.");
    const rows = await database.db.selectFrom("wallet_credential").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ verdict: "valid", issuer_id: dataIntegrity.did });
    expect(rows[0]!.issued_at).toBe("2026-02-03T00:00:00.000Z");

    wallet.ctx.verificationCache.delete(String(rows[0]!.id));
    await ana.get(`/credentials/${rows[0]!.public_id}`);
    expect(ana.lastBody).toContain("Trabajo en equipo");
    expect(ana.lastBody).toContain("3 de febrero de 2026");
    expect(ana.lastBody).toContain("20 de noviembre de 2030");
    expect(ana.lastBody).toContain("Auténtica y vigente");
    await ana.get("/credentials", {
      cookie: `${[...ana.cookies].map(([k, v]) => `${k}=${v}`).join("; ")}; avala_lang=en`,
    });
    expect(ana.lastBody).toContain("3 February 2026");
  });

  it("one past its expirationDate is kept, shown as expired", async () => {
    const badge = await vc11Badge({
      issuanceDate: "2024-02-03T00:00:00Z",
      expirationDate: "2026-03-01T00:00:00Z",
    });
    await ana.get("/add");
    await ana.post("/import/paste", { json: JSON.stringify(badge) });
    const rows = await database.db.selectFrom("wallet_credential").selectAll().execute();
    expect(rows).toHaveLength(1);
    await ana.get(`/credentials/${rows[0]!.public_id}`);
    expect(ana.lastBody).toContain("1 de marzo de 2026");
    expect(ana.lastBody).toContain("validity.expired");
  });
});
