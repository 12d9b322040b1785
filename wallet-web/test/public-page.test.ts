import { buildAchievementCredential, type Credential, signCredential } from "@avala/credentials";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { didKeyOfJwk } from "@avala/vc-jwt";
import { verify } from "@avala/verifier";
import { CompactSign, exportJWK, generateKeyPair } from "jose";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  documentLoader,
  openTestWallet,
  publicIdsIn,
  qualificationAchievement,
  type TestWallet,
  testIssuer,
  testRegistry,
} from "./helpers.js";

let issuer: Awaited<ReturnType<typeof testIssuer>>;
let registry: Awaited<ReturnType<typeof testRegistry>>;
let named: Credential;

beforeAll(async () => {
  issuer = await testIssuer("Centro Evaluador Acreditado");
  registry = await testRegistry([issuer.did]);
  // A credential that names its learner (as Avala issuers write it: credentialSubject.name).
  named = await signCredential(
    buildAchievementCredential({
      id: "urn:uuid:7f1c8e0a-3b7d-4b8e-9a57-2f0d1c6e9a11",
      issuer: { id: issuer.did, name: { es: "Centro Evaluador Acreditado" } },
      achievement: qualificationAchievement,
      subject: {
        name: "Ana López Núñez",
        identifiers: [{ kind: "email", value: "ana@example.mx" }],
      },
      validFrom: "2026-03-12T00:00:00Z",
      validUntil: "2029-03-12T00:00:00Z",
    }),
    { key: issuer.key, documentLoader },
  );
});

const PAGE = /^http:\/\/wallet\.test\/p\/([\w-]{22})$/;

describe.each(testDatabases())("the permanent public page on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;
  let beto: Browser;
  let id: string;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database, { registry });
    ana = new Browser(wallet.app);
    beto = new Browser(wallet.app, "192.0.2.80");
    await ana.signUp("ana@example.mx");
    await beto.signUp("beto@example.mx", "otra frase bastante larga", "Beto");
    await ana.get("/add");
    await ana.post("/import/paste", { json: JSON.stringify(named) });
    await ana.get("/credentials");
    id = publicIdsIn(ana.lastBody)[0]!;
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  /** A visitor without a session (an employer). */
  const visit = (path: string, headers: Record<string, string> = {}) =>
    wallet.app.request(path, { headers: { accept: "text/html", ...headers } });

  async function publish(): Promise<{ url: string; path: string }> {
    await ana.get(`/credentials/${id}`);
    const response = await ana.post(`/credentials/${id}/public-page`, {});
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(
      `/credentials/${id}?m=page-published#public-page`,
    );
    await ana.get(`/credentials/${id}?m=page-published`);
    const url = /id="public-page-link" readonly="" value="([^"]+)"/.exec(ana.lastBody)![1]!;
    expect(url).toMatch(PAGE);
    return { url, path: new URL(url).pathname };
  }

  it("is published from the credential's page and shows the facts to anyone, verified as it opens", async () => {
    await ana.get(`/credentials/${id}`);
    expect(ana.lastBody).toContain("Publicar una página permanente");
    expect(ana.lastBody).toContain(`action="/credentials/${id}/public-page"`);
    const { url, path } = await publish();
    expect(ana.lastBody).toContain("Página publicada.");

    const page = await visit(path, { "accept-language": "en" });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("x-robots-tag")).toBe("noindex");
    const html = await page.text();
    for (const fact of [
      "Genuine and current",
      "Ana López Núñez",
      "Delivering courses", // the achievement in the reader's language
      "Level 3",
      "Centro Evaluador Acreditado",
      "CONOCER", // who accredits the issuer, from the verified trust result
      "12 March 2026",
      "12 March 2029",
      "Verify it yourself",
    ]) {
      expect(html).toContain(fact);
    }
    const credentialUrl = `${url}/credential.json`;
    expect(html).toContain(
      `href="http://verifier.test/?url=${encodeURIComponent(credentialUrl)}"`.replaceAll(
        "&",
        "&amp;",
      ),
    );
    // Spanish for a Spanish reader.
    const es = await (await visit(path, { "accept-language": "es-MX" })).text();
    expect(es).toContain("Auténtico y vigente");
    expect(es).toContain("Verifícalo tú");

    // The signed credential, exactly as held (as the wallet's own download gives it).
    const json = await visit(`${path}/credential.json`, { accept: "application/json" });
    expect(json.status).toBe(200);
    expect(json.headers.get("access-control-allow-origin")).toBe("*");
    const held = await ana.get(`/credentials/${id}/download`);
    expect(await json.text()).toBe(await held.text());
    // A program asking the page for JSON goes to the credential.
    const machine = await visit(path, { accept: "application/json" });
    expect(machine.status).toBe(302);
    expect(machine.headers.get("location")).toBe(credentialUrl);
  });

  it("says what the verifier says now: an expired credential reads as expired", async () => {
    const { path } = await publish();
    wallet.clock.advance(4 * 365 * 86_400_000);
    const html = await (await visit(path, { "accept-language": "en" })).text();
    expect(html).toContain("Genuine, but expired");
    expect(html).not.toContain("Genuine and current");
  });

  it("is one page per credential: publishing again and LinkedIn reuse the same address", async () => {
    const first = await publish();
    const second = await publish();
    expect(second.url).toBe(first.url);
    for (let i = 0; i < 2; i++) {
      await ana.get(`/credentials/${id}`);
      const linkedIn = await ana.post(`/credentials/${id}/linkedin`, {});
      expect(new URL(linkedIn.headers.get("location")!).searchParams.get("certUrl")).toBe(
        first.url,
      );
    }
    const pages = await database.db.selectFrom("wallet_public_page").selectAll().execute();
    expect(pages).toHaveLength(1);
    expect(await database.db.selectFrom("wallet_share").selectAll().execute()).toEqual([]);
  });

  it("sends LinkedIn's add-to-profile form the certificate's fields (only the Location)", async () => {
    await ana.get(`/credentials/${id}`);
    expect(ana.lastBody).toContain(`action="/credentials/${id}/linkedin"`);
    // Without the form's token nothing is published.
    const forged = await ana.post(`/credentials/${id}/linkedin`, {}, { csrf: null });
    expect(forged.status).toBe(403);
    expect(await database.db.selectFrom("wallet_public_page").selectAll().execute()).toEqual([]);

    // LinkedIn is never contacted: the answer is a redirect, and only its Location is read.
    const response = await ana.post(`/credentials/${id}/linkedin`, {});
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe("https://www.linkedin.com/profile/add");
    const [row] = await database.db.selectFrom("wallet_public_page").selectAll().execute();
    expect(Object.fromEntries(location.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "Impartición de cursos",
      organizationName: "Centro Evaluador Acreditado",
      issueYear: "2026",
      issueMonth: "3",
      expirationYear: "2029",
      expirationMonth: "3",
      certUrl: `http://wallet.test/p/${row!.slug}`,
      certId: "urn:uuid:7f1c8e0a-3b7d-4b8e-9a57-2f0d1c6e9a11",
    });
    // Published by the click: the page is up.
    expect((await visit(`/p/${row!.slug}`)).status).toBe(200);
    // In English, the achievement's English name.
    await ana.get("/lang/en?next=/credentials");
    await ana.get(`/credentials/${id}`);
    const english = new URL(
      (await ana.post(`/credentials/${id}/linkedin`, {})).headers.get("location")!,
    );
    expect(english.searchParams.get("name")).toBe("Delivering courses");
  });

  it("once withdrawn answers 410 with a plain page; publishing again brings the same address back", async () => {
    const { url, path } = await publish();
    await ana.get(`/credentials/${id}`);
    const withdrawn = await ana.post(`/credentials/${id}/public-page/withdraw`, {});
    expect(withdrawn.status).toBe(303);
    await ana.get(`/credentials/${id}`);
    expect(ana.lastBody).toContain("Retiraste esta página");

    const gone = await visit(path, { "accept-language": "es" });
    expect(gone.status).toBe(410);
    const html = await gone.text();
    expect(html).toContain("Ya no está disponible");
    expect(html).toContain("Quien tiene este certificado retiró su página pública.");
    expect(html).not.toContain("Ana López Núñez");
    const json = await visit(`${path}/credential.json`, { accept: "application/json" });
    expect(json.status).toBe(410);
    expect(json.headers.get("content-type")).toContain("application/problem+json");
    expect(((await json.json()) as { code: string }).code).toBe(
      "wallet.problem.public-page-withdrawn",
    );

    const again = await publish();
    expect(again.url).toBe(url);
    expect((await visit(path)).status).toBe(200);
  });

  it("another account can neither publish, withdraw nor see it; unknown addresses are 404", async () => {
    const { path } = await publish();
    await beto.get("/credentials");
    for (const action of ["public-page", "public-page/withdraw", "linkedin"]) {
      const response = await beto.post(`/credentials/${id}/${action}`, {});
      expect(response.status).toBe(404);
    }
    // Still up: Beto's withdrawal did nothing.
    expect((await visit(path)).status).toBe(200);
    // Ana's credential page (and the page's address on it) is hers alone.
    expect((await beto.get(`/credentials/${id}`)).status).toBe(404);
    expect(beto.lastBody).not.toContain(path);
    // Withdrawn, it is gone for everybody, Beto included.
    await ana.get(`/credentials/${id}`);
    await ana.post(`/credentials/${id}/public-page/withdraw`, {});
    expect((await beto.get(path)).status).toBe(410);
    // Beto's own credential has no page until he publishes one, and it is another address.
    await beto.get("/add");
    await beto.post("/import/paste", {
      json: JSON.stringify(await issuer.issue(qualificationAchievement)),
    });
    await beto.get("/credentials");
    const betoId = publicIdsIn(beto.lastBody)[0]!;
    await beto.get(`/credentials/${betoId}`);
    expect(beto.lastBody).not.toContain('id="public-page-link"');
    expect(beto.lastBody).not.toContain(path);

    expect((await visit(`/p/${"A".repeat(22)}`)).status).toBe(404);
    expect((await visit("/p/short")).status).toBe(404);
    expect((await visit(`/p/${"A".repeat(22)}/credential.json`)).status).toBe(404);
  });

  it("serves a credential held as a JWT as that JWT, in an envelope the verifier reads", async () => {
    const pair = await generateKeyPair("EdDSA", { extractable: true });
    const did = didKeyOfJwk(await exportJWK(pair.publicKey))!;
    const unsigned = buildAchievementCredential({
      id: "urn:uuid:0b7e9a52-8c1d-4f3e-9d2a-6b5c4e3f2a10",
      issuer: { id: did, name: { es: "Centro JWT" } },
      achievement: qualificationAchievement,
      subject: { name: "Ana López Núñez", identifiers: [{ kind: "email", value: "a@b.mx" }] },
      validFrom: "2026-01-15T00:00:00Z",
    });
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(unsigned)))
      .setProtectedHeader({ alg: "EdDSA", kid: `${did}#${did.slice(8)}`, typ: "vc+jwt" })
      .sign(pair.privateKey);
    await ana.get("/add");
    await ana.post("/import/paste", { json: jwt });
    await ana.get("/credentials");
    const jwtId = publicIdsIn(ana.lastBody).find((x) => x !== id)!;
    await ana.get(`/credentials/${jwtId}`);
    await ana.post(`/credentials/${jwtId}/public-page`, {});
    const [page] = await database.db
      .selectFrom("wallet_public_page")
      .innerJoin("wallet_credential", "wallet_credential.id", "wallet_public_page.credential_id")
      .select("slug")
      .where("wallet_credential.public_id", "=", jwtId)
      .execute();
    const served = await visit(`/p/${page!.slug}/credential.json`, { accept: "application/json" });
    const envelope = (await served.json()) as { type: string; id: string };
    expect(envelope.type).toBe("EnvelopedVerifiableCredential");
    expect(envelope.id).toBe(`data:application/vc+jwt,${jwt}`);
    const result = await verify(envelope, { documentLoader, now: wallet.clock.now() });
    expect(
      result.kind === "credential" && result.checks.some((c) => c.code === "proof.jwt-valid"),
    ).toBe(true);
    expect(result.verified).toBe(true);
  });

  it("goes with the credential: removing it from the wallet takes the page down", async () => {
    const { path } = await publish();
    await ana.get(`/credentials/${id}`);
    await ana.post(`/credentials/${id}/delete`, {});
    expect(await database.db.selectFrom("wallet_public_page").selectAll().execute()).toEqual([]);
    expect((await visit(path)).status).toBe(404);
  });
});
