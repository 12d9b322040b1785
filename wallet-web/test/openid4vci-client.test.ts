import "../../test/support/loopback-only.js";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findOffer } from "../../issuer/src/db/repositories/claims.js";
import { offerIdOfToken } from "../../issuer/src/services/claims.js";
import { txCodeOf } from "../../issuer/src/services/openid4vci.js";
import { createHarness, type Harness, issue } from "../../issuer/test/harness.js";
import { refusedHosts } from "../../test/support/loopback-only.js";
import { createWalletApp } from "../src/app.js";
import { createWalletContext, type WalletContext } from "../src/context.js";
import type { WalletTables } from "../src/db/tables.js";
import { offerLinkOf, wellKnownOf } from "../src/services/openid4vci-client.js";
import { foreignIssuer, listen } from "./foreign-openid4vci-issuer.js";
import { Browser, quietLog, testConfig } from "./helpers.js";

// Avala's wallet takes OpenID4VCI offers over real loopback HTTP: from Avala's own issuer (with
// and without a PIN) and from a foreign issuer built with the OpenWallet Foundation's
// @openid4vc/openid4vci and @openid4vc/oauth2 (./foreign-openid4vci-issuer.ts, did:key signer). Then the
// refusals: a wrong PIN, a used or expired code, oversized metadata, a credential that does not
// verify, an offer for a format the wallet does not keep. Nothing is stored when refused.

describe("reading offer links", () => {
  it("takes the offer by value or by reference, from the scheme or an https link", () => {
    const uri = "https://issuer.example/offers/1";
    expect(
      offerLinkOf(`openid-credential-offer://?credential_offer_uri=${encodeURIComponent(uri)}`),
    ).toEqual({ by: "reference", uri });
    expect(
      offerLinkOf(
        `https://wallet.example/openid4vci?credential_offer_uri=${encodeURIComponent(uri)}`,
      ),
    ).toEqual({ by: "reference", uri });
    expect(
      offerLinkOf(`openid-credential-offer://?credential_offer=${encodeURIComponent('{"a":1}')}`),
    ).toEqual({ by: "value", offer: { a: 1 } });
    // Both, neither, another scheme, a reference that is not http(s), a link far too long.
    expect(
      offerLinkOf(
        `openid-credential-offer://?credential_offer=%7B%7D&credential_offer_uri=${encodeURIComponent(uri)}`,
      ),
    ).toBeUndefined();
    expect(offerLinkOf("openid-credential-offer://?x=1")).toBeUndefined();
    expect(
      offerLinkOf(`javascript:alert(1)//?credential_offer_uri=${encodeURIComponent(uri)}`),
    ).toBeUndefined();
    expect(
      offerLinkOf("openid-credential-offer://?credential_offer_uri=file%3A%2F%2F%2Fetc%2Fpasswd"),
    ).toBeUndefined();
    expect(
      offerLinkOf(`openid-credential-offer://?credential_offer=${"%20".repeat(20_000)}`),
    ).toBeUndefined();
  });

  it("finds the metadata under /.well-known, before the issuer's path", () => {
    expect(wellKnownOf("https://issuer.example", "openid-credential-issuer")).toBe(
      "https://issuer.example/.well-known/openid-credential-issuer",
    );
    expect(wellKnownOf("https://issuer.example/tenant/", "oauth-authorization-server")).toBe(
      "https://issuer.example/.well-known/oauth-authorization-server/tenant",
    );
  });
});

let foreign: Awaited<ReturnType<typeof foreignIssuer>>;
beforeAll(async () => {
  foreign = await foreignIssuer();
});
afterAll(() => foreign.close());

describe.each(testDatabases())("the wallet's OpenID4VCI client on $name", (engine) => {
  let database: Database<WalletTables>;
  let ctx: WalletContext;
  let ana: Browser;
  let h: Harness;
  let avala: Awaited<ReturnType<typeof listen>>;
  let admin: string;

  beforeEach(async () => {
    // Avala's issuer, over loopback HTTP as the issuer's own OpenID4VCI test runs it.
    let handle: (request: Request) => Response | Promise<Response> = () =>
      new Response("starting", { status: 503 });
    avala = await listen((request) => handle(request));
    h = await createHarness(engine, { publicUrl: avala.origin });
    handle = (request) => h.app.fetch(request);
    admin = (
      await h.createOrg("ece-c", {
        name: { es: "Centro Evaluador Norte", en: "North Assessment Centre" },
      })
    ).token;
    expect((await h.addAchievement("ece-c", admin)).status).toBe(201);

    database = await engine.open<WalletTables>();
    ctx = await createWalletContext(testConfig({ fetchAllowHosts: [avala.host, foreign.host] }), {
      database,
      log: quietLog,
    });
    ana = new Browser(createWalletApp(ctx));
    await ana.signUp("ana@example.mx");
  });
  afterEach(async () => {
    await ctx.destroy();
    await database.destroy();
    await avala.close();
    await h.close();
  });

  async function held() {
    return ctx.db.selectFrom("wallet_credential").selectAll().execute();
  }

  async function avalaOffer(pin: boolean) {
    const settings = await h.call("/orgs/ece-c/openid4vci/settings", {
      method: "PATCH",
      token: admin,
      json: { txCode: pin },
    });
    expect(settings.status, settings.text).toBe(200);
    const issued = await issue(h, "ece-c", admin);
    expect(issued.status, issued.text).toBe(201);
    const token = String(issued.body.claimUrl).split("/claims/")[1] ?? "";
    const row = await findOffer(h.ctx.db, offerIdOfToken(h.ctx, token) ?? "");
    if (!row) throw new Error("no offer");
    const links = await h.call(`/orgs/ece-c/openid4vci/offers/${token}/links`);
    expect(links.status, links.text).toBe(200);
    return {
      byReference: links.body.byReference as string,
      byValue: links.body.byValue as string,
      pin: txCodeOf(h.ctx, row),
      id: issued.body.verifiableCredential.id as string,
    };
  }

  async function openOffer(link: string, lang: "es" | "en" = "es") {
    await ana.get(`/lang/${lang}`);
    const page = await ana.get(`/openid4vci?offer=${encodeURIComponent(link)}`);
    return { status: page.status, html: await page.text() };
  }

  async function accept(link: string, pin = "") {
    const response = await ana.post("/openid4vci", { offer: link, pin });
    return {
      status: response.status,
      location: response.headers.get("location"),
      html: ana.lastBody,
    };
  }

  it("claims from Avala's issuer by reference, without a PIN, verified and filed", async () => {
    const offer = await avalaOffer(false);
    expect(wellKnownOf(`${avala.origin}/orgs/ece-c`, "openid-credential-issuer")).toBe(
      `${avala.origin}/.well-known/openid-credential-issuer/orgs/ece-c`,
    );
    // Pasted on /add ("Desde un enlace"): the offer page, in plain words.
    await ana.get("/add");
    const pasted = await ana.post("/import/url", { url: offer.byReference });
    expect(pasted.status).toBe(303);
    expect(pasted.headers.get("location")).toBe(
      `/openid4vci?offer=${encodeURIComponent(offer.byReference)}`,
    );
    const page = await openOffer(offer.byReference);
    expect(page.status, page.html).toBe(200);
    expect(page.html).toContain("Centro Evaluador Norte te ofrece un certificado");
    expect(page.html).not.toContain('name="pin"');
    expect(page.html).not.toMatch(/ldp_vc|pre-authorized|did:key|JSON-LD/);
    // Scanned by the camera, or given to the claim page, or opened as a link carrying the offer.
    const page$ = `/openid4vci?offer=${encodeURIComponent(offer.byReference)}`;
    const scanned = await ana.post("/add/scan", { text: offer.byReference });
    expect(scanned.headers.get("location")).toBe(page$);
    const claim = await ana.get(`/claim?offer=${encodeURIComponent(offer.byReference)}`);
    expect(claim.headers.get("location")).toBe(page$);
    const uri = new URL(offer.byReference).searchParams.get("credential_offer_uri") ?? "";
    const opened = await ana.get(`/openid4vci?credential_offer_uri=${encodeURIComponent(uri)}`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("Centro Evaluador Norte te ofrece un certificado");
    const done = await accept(offer.byReference);
    expect(done.status, done.html).toBe(303);
    expect(done.location).toMatch(/^\/credentials\/[0-9a-f-]{36}\?m=claimed$/);
    const rows = await held();
    expect(rows).toHaveLength(1);
    const account = await ctx.db.selectFrom("wallet_account").selectAll().executeTakeFirstOrThrow();
    const document = JSON.parse(rows[0]!.document);
    expect(document.id).toBe(offer.id);
    expect(document.credentialSubject.id).toBe(account.holder_did);
    expect(rows[0]!.source).toBe("claim");
    expect(rows[0]!.source_url).toBe(`${avala.origin}/orgs/ece-c`);
    const detail = await ana.get(done.location!);
    expect(await detail.text()).toContain("Auténtica");
    // The offer is one claim: opened again, it is used up.
    const again = await openOffer(offer.byReference);
    expect(again.status).toBe(410);
    expect(again.html).toContain("Esta oferta ya se usó o venció");
  });

  it("claims from Avala's issuer by value with the PIN (English page); a wrong PIN first", async () => {
    const offer = await avalaOffer(true);
    const page = await openOffer(offer.byValue, "en");
    expect(page.status).toBe(200);
    expect(page.html).toContain("North Assessment Centre is offering you a certificate");
    expect(page.html).toContain('name="pin"');
    const wrong = offer.pin === "000000" ? "111111" : "000000";
    const refused = await accept(offer.byValue, wrong);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain("The issuer did not accept the PIN");
    expect(await held()).toHaveLength(0);
    // A program gets problem+json with a stable code, in its language.
    const api = await ana.post(
      "/openid4vci",
      { offer: offer.byValue, pin: "12" },
      { headers: { accept: "application/json", "accept-language": "es" } },
    );
    expect(api.status).toBe(422);
    expect(api.headers.get("content-type")).toContain("application/problem+json");
    const problem = await api.json();
    expect(problem.code).toBe("wallet.oid4vci.problem.pin-refused");
    expect(await held()).toHaveLength(0);
    const done = await accept(offer.byValue, offer.pin);
    expect(done.status, done.html).toBe(303);
    expect(await held()).toHaveLength(1);
    // The same code again: used (with a PIN the issuer says no more than "invalid grant").
    const again = await accept(offer.byValue, offer.pin);
    expect(again.status).toBe(422);
    expect(again.html).toContain("if the offer was already used or has expired");
    expect(await held()).toHaveLength(1);
  });

  it("refuses an expired pre-authorized code, and oversized metadata, storing nothing", async () => {
    const offer = await avalaOffer(false);
    h.clock.advance(11 * 60_000);
    const expired = await accept(offer.byValue);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain("Esta oferta ya se usó o venció");
    const huge = await accept(await foreign.offer({ issuer: `http://${foreign.host}/huge` }));
    expect(huge.status).toBe(409);
    expect(huge.html).toContain("demasiado grande");
    expect(await held()).toHaveLength(0);
  });

  it("claims from a foreign @openid4vc issuer, with a PIN", async () => {
    const link = await foreign.offer({ pin: "4321" });
    const page = await openOffer(link);
    expect(page.status, page.html).toBe(200);
    expect(page.html).toContain("Instituto Extranjero de Pruebas te ofrece un certificado");
    expect(page.html).toContain("Insignia de prueba");
    const done = await accept(link, "4321");
    expect(done.status, done.html).toBe(303);
    const rows = await held();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.source_url).toBe(foreign.issuerId);
    const detail = await ana.get(done.location!);
    expect(await detail.text()).toContain("Impartición de cursos");
    // A program (same session and form) gets JSON: the credential's id in the wallet.
    await ana.get("/add");
    const api = await ana.post(
      "/openid4vci",
      { offer: await foreign.offer() },
      { headers: { accept: "application/json" } },
    );
    expect(api.status).toBe(201);
    const body = await api.json();
    expect(body).toMatchObject({ status: "added", credential: { id: expect.any(String) } });
    expect(await held()).toHaveLength(2);
  });

  it("refuses a credential that fails verification and an unsupported format", async () => {
    foreign.behaviour.tamper = true;
    try {
      const tampered = await accept(await foreign.offer());
      expect(tampered.status).toBe(422);
      expect(tampered.html).toContain("No se guardó: la credencial no pasó la verificación");
    } finally {
      foreign.behaviour.tamper = false;
    }
    foreign.behaviour.misbind = true;
    try {
      const misbound = await accept(await foreign.offer());
      expect(misbound.status).toBe(422);
      expect(misbound.html).toContain("no está a tu nombre en esta cartera");
    } finally {
      foreign.behaviour.misbind = false;
    }
    expect(await held()).toHaveLength(0);
    const mdoc = await foreign.offer({ configuration: "DrivingLicence_mdoc" });
    const page = await openOffer(mdoc);
    expect(page.status).toBe(422);
    expect(page.html).toContain("todavía no sabe guardar");
    const api = await ana.get(`/openid4vci?offer=${encodeURIComponent(mdoc)}`, {
      accept: "application/json",
    });
    expect(api.status).toBe(422);
    expect((await api.json()).code).toBe("wallet.oid4vci.problem.unsupported");
    // An offer that points at a private address: refused before any connection is tried.
    const refusedBefore = refusedHosts.length;
    const inside = `openid-credential-offer://?credential_offer_uri=${encodeURIComponent("https://10.1.2.3/offer")}`;
    const guarded = await openOffer(inside);
    expect(guarded.status).toBe(400);
    expect(guarded.html).toContain("Por seguridad, la cartera no se conecta a esa dirección.");
    expect(refusedHosts.length).toBe(refusedBefore);
    const garbage = await ana.get(
      "/openid4vci?offer=openid-credential-offer%3A%2F%2F%3Fcredential_offer%3D%7B",
      {
        accept: "application/json",
      },
    );
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).code).toBe("wallet.oid4vci.problem.bad-offer");
    expect(await held()).toHaveLength(0);
  });
});
