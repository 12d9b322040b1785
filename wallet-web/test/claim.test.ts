import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { verifyPresentation } from "@avala/credentials";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  documentLoader,
  openTestWallet,
  qualificationAchievement,
  type TestWallet,
  testIssuer,
} from "./helpers.js";

/**
 * A stand-in for the issuer's claim endpoint, over real HTTP, following the protocol the
 * wallet implements: GET the offer (JSON with a challenge), POST a DID-authentication
 * presentation, receive the credential bound to the holder, once.
 */
async function fakeIssuer() {
  const issuer = await testIssuer("Centro Evaluador Demostración");
  const offers = new Map<
    string,
    {
      claimed: boolean;
      expiresAt: string;
      challenges: Set<string>;
      misbind?: boolean;
      takenOnPost?: boolean;
    }
  >();
  const app = new Hono();
  let origin = "";
  // Like the Avala issuer: `detail` in one language, `localizedDetail` in both (409 only here).
  const problem = (status: 404 | 409 | 410 | 422, title: string) =>
    new Response(
      JSON.stringify({
        type: "about:blank",
        title,
        status,
        detail: title,
        ...(status === 409
          ? {
              localizedDetail: {
                es: "La oferta ya se reclamó.",
                en: "The offer was already claimed.",
              },
            }
          : {}),
      }),
      { status, headers: { "content-type": "application/problem+json" } },
    );
  const refusal = (token: string) => {
    const offer = offers.get(token);
    if (!offer) return problem(404, "Not Found");
    if (offer.claimed) return problem(409, "Conflict");
    if (offer.expiresAt <= new Date().toISOString()) return problem(410, "Gone");
    return undefined;
  };
  app.get("/claims/:token", (c) => {
    const token = c.req.param("token");
    const refused = refusal(token);
    if (refused) return refused;
    const challenge = randomBytes(16).toString("base64url");
    offers.get(token)!.challenges.add(challenge);
    return c.json({
      offer: {
        issuer: { id: issuer.did, name: "Centro Evaluador Demostración" },
        achievement: { name: "Impartición de cursos", code: "EC0217.01" },
        expiresAt: offers.get(token)!.expiresAt,
      },
      challenge,
      domain: origin,
    });
  });
  app.post("/claims/:token", async (c) => {
    const token = c.req.param("token");
    const refused = refusal(token);
    if (refused) return refused;
    if (offers.get(token)!.takenOnPost) return problem(409, "Conflict");
    const { presentation } = await c.req.json();
    const challenge = presentation?.proof?.challenge;
    if (!offers.get(token)!.challenges.has(challenge)) return problem(422, "Unprocessable Content");
    const result = await verifyPresentation(presentation, {
      documentLoader,
      challenge,
      domain: origin,
    });
    if (!result.checks.some((check) => check.code === "presentation.proof-valid")) {
      return problem(422, "Unprocessable Content");
    }
    offers.get(token)!.claimed = true;
    // A misbehaving issuer (for one test) binds the credential to someone else.
    const subjectDid = offers.get(token)!.misbind ? issuer.did : presentation.holder;
    const credential = await issuer.issue(qualificationAchievement, { subjectDid });
    return c.json({ verifiableCredential: credential }, 201);
  });
  // A credential published at a URL (for import by link).
  const published = await issuer.issue(qualificationAchievement, { email: "ana@example.mx" });
  app.get("/published/cert.json", (c) => c.json(published));
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    host: `127.0.0.1:${port}`,
    published,
    origin,
    offer(options: { expired?: boolean; misbind?: boolean; takenOnPost?: boolean } = {}) {
      const token = randomBytes(16).toString("base64url");
      const expiresAt = new Date(
        Date.now() + (options.expired ? -1 : 1) * 86_400_000,
      ).toISOString();
      offers.set(token, {
        claimed: false,
        expiresAt,
        challenges: new Set(),
        misbind: options.misbind === true,
        takenOnPost: options.takenOnPost === true,
      });
      return `${origin}/claims/${token}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let issuer: Awaited<ReturnType<typeof fakeIssuer>>;
beforeAll(async () => {
  issuer = await fakeIssuer();
});
afterAll(() => issuer.close());

describe.each(testDatabases())("claiming an issuer's offer on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database, {
      config: { fetchAllowHosts: [issuer.host] },
      // Real time: the fake issuer signs with the system clock.
    });
    ana = new Browser(wallet.app);
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  const claimLink = (offer: string) => `/claim?offer=${encodeURIComponent(offer)}`;

  it("signs in first, shows the offer, and keeps the credential bound to the holder's DID", async () => {
    const offer = issuer.offer();
    const first = await ana.get(claimLink(offer));
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(
      `/signin?next=${encodeURIComponent(claimLink(offer))}`,
    );
    // A new learner signs up from there and comes back to the offer.
    await ana.get(`/signup?next=${encodeURIComponent(claimLink(offer))}`);
    const signedUp = await ana.post("/signup", {
      name: "Ana",
      email: "ana@example.mx",
      password: "una frase bastante larga",
      next: claimLink(offer),
    });
    expect(signedUp.headers.get("location")).toBe(claimLink(offer));

    const confirm = await ana.get(claimLink(offer));
    expect(confirm.status).toBe(200);
    expect(ana.lastBody).toContain("Centro Evaluador Demostración te ofrece este certificado.");
    expect(ana.lastBody).toContain("Impartición de cursos");
    expect(ana.lastBody).toContain("(EC0217.01)");

    const accepted = await ana.post("/claim", { offer });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toMatch(/^\/credentials\/[0-9a-f-]{36}\?m=claimed$/);
    await ana.get(accepted.headers.get("location")!);
    expect(ana.lastBody).toContain("El certificado ya está en tu cartera.");
    expect(ana.lastBody).toContain("Ti: está ligada a la llave de esta cartera.");

    const account = await database.db
      .selectFrom("wallet_account")
      .selectAll()
      .executeTakeFirstOrThrow();
    const row = await database.db
      .selectFrom("wallet_credential")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.source).toBe("claim");
    expect(row.source_url).toBe(offer);
    expect(JSON.parse(row.document).credentialSubject.id).toBe(account.holder_did);
  });

  it("explains in plain words an offer already claimed, expired or unknown", async () => {
    await ana.signUp("ana@example.mx");
    const offer = issuer.offer();
    await ana.get(claimLink(offer));
    expect((await ana.post("/claim", { offer })).status).toBe(303);

    await ana.get(claimLink(offer));
    expect(ana.lastBody).toContain("Esta oferta ya se aceptó antes");

    await ana.get(claimLink(issuer.offer({ expired: true })));
    expect(ana.lastBody).toContain("La oferta venció.");

    await ana.get(claimLink(`http://${issuer.host}/claims/${"x".repeat(22)}`));
    expect(ana.lastBody).toContain("El emisor no reconoce esta oferta.");

    // A credential that comes back bound to someone else is not kept.
    const misbound = issuer.offer({ misbind: true });
    await ana.get(claimLink(misbound));
    expect((await ana.post("/claim", { offer: misbound })).status).toBe(409);
    expect(ana.lastBody).toContain("El emisor respondió algo que no es una oferta válida.");

    // A claim posted for an offer someone else took meanwhile: the issuer's 409, in words.
    const raced = issuer.offer();
    await ana.get(claimLink(raced));
    const other = new Browser(wallet.app, "192.0.2.3");
    await other.signUp("beto@example.mx");
    await other.get(claimLink(raced));
    expect((await other.post("/claim", { offer: raced })).status).toBe(303);
    const late = await ana.post("/claim", { offer: raced });
    expect(late.status).toBe(409);
    expect(ana.lastBody).toContain("Esta oferta ya se aceptó antes");

    // Taken between reading the offer and posting the claim: the issuer's POST answers 409.
    // Its own explanation is shown only in the page's language, never its bare `detail`.
    const taken = issuer.offer({ takenOnPost: true });
    await ana.get(claimLink(taken));
    expect((await ana.post("/claim", { offer: taken })).status).toBe(409);
    expect(ana.lastBody).toContain("Esta oferta ya se aceptó antes");
    expect(ana.lastBody).toContain("La oferta ya se reclamó.");
    expect(ana.lastBody).not.toContain("Conflict");
    await ana.get("/lang/en?next=/add");
    await ana.get(claimLink(taken));
    expect((await ana.post("/claim", { offer: taken })).status).toBe(409);
    expect(ana.lastBody).toContain("This offer was already accepted");
    expect(ana.lastBody).toContain("The offer was already claimed.");
    expect(ana.lastBody).not.toContain("Conflict");
  });

  it("imports a credential from a link, through the guarded fetcher", async () => {
    await ana.signUp("ana@example.mx");
    await ana.get("/add");
    const response = await ana.post("/import/url", { url: `${issuer.origin}/published/cert.json` });
    expect(response.status).toBe(200);
    expect(ana.lastBody).toContain("Verificada y guardada en tu cartera.");
    const row = await database.db
      .selectFrom("wallet_credential")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: "url", credential_key: issuer.published.id });
    // A private address that is not allow-listed is never fetched.
    await ana.get("/add");
    const refused = await ana.post("/import/url", {
      url: "http://169.254.169.254/latest/meta-data",
    });
    expect(refused.status).toBe(422);
    expect(ana.lastBody).toContain("input.fetch-failed");
    // A pasted offer link goes to the claim flow.
    await ana.get("/add");
    const offer = issuer.offer();
    const toClaim = await ana.post("/import/url", { url: offer });
    expect(toClaim.headers.get("location")).toBe(claimLink(offer));
  });

  it("never fetches its own pages, even when its host is allow-listed", async () => {
    // A wallet whose public address is the (allow-listed) host the link points at.
    const ownDatabase = await open<WalletTables>();
    const own = await openTestWallet(ownDatabase, {
      config: { fetchAllowHosts: [issuer.host], publicUrl: issuer.origin },
    });
    try {
      const bea = new Browser(own.app);
      await bea.signUp("bea@example.mx");
      await bea.get("/add");
      const refused = await bea.post("/import/url", {
        url: `${issuer.origin}/published/cert.json`,
      });
      expect(refused.status).toBe(422);
      expect(bea.lastBody).toContain("input.fetch-failed");
    } finally {
      await own.ctx.destroy();
      await ownDatabase.destroy();
    }
  });

  it("does not contact hosts that are not allowed, nor take links that are not offers", async () => {
    await ana.signUp("ana@example.mx");
    await ana.get(claimLink("http://10.0.0.1/claims/AAAAAAAAAAAAAAAAAAAAAA"));
    expect(ana.lastBody).toContain("Por seguridad, la cartera no se conecta a esa dirección.");
    await ana.get(claimLink("https://127.0.0.1:1/claims/AAAAAAAAAAAAAAAAAAAAAA"));
    expect(ana.lastBody).toContain("Por seguridad, la cartera no se conecta a esa dirección.");
    await ana.get(claimLink("https://issuer.example/not-a-claim"));
    expect(ana.lastBody).toContain("Ese enlace no es una oferta de certificado.");
    // A wallet claim link pasted whole is understood too.
    const offer = issuer.offer();
    const nested = `http://wallet.test/claim?offer=${encodeURIComponent(offer)}`;
    await ana.get(claimLink(nested));
    expect(ana.lastBody).toContain("te ofrece este certificado");
  });
});
