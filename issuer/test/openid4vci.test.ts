import "../../test/support/loopback-only.js";
import { createHash, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import {
  buildPresentation,
  generateSigningKey,
  type JsonObject,
  signPresentation,
  verifyCredential,
} from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { escapeHtml } from "@avala/mail";
import { createStatusChecker } from "@avala/status-list";
import { didKeyOfJwk } from "@avala/vc-jwt";
import { verify } from "@avala/verifier";
import { serve } from "@hono/node-server";
import {
  clientAuthenticationAnonymous,
  HashAlgorithm,
  type SignJwtCallback,
} from "@openid4vc/oauth2";
import { Openid4vciClient } from "@openid4vc/openid4vci";
import { setGlobalConfig } from "@openid4vc/utils";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findOffer } from "../src/db/repositories/claims.js";
import { offerIdOfToken } from "../src/services/claims.js";
import { prepareMail } from "../src/services/mail-delivery.js";
import { txCodeOf } from "../src/services/openid4vci.js";
import { createHarness, type Harness, issue, type Reply } from "./harness.js";

// A foreign wallet (the OpenWallet Foundation's @openid4vc/openid4vci client) claims an Avala
// credential over loopback HTTP: offer by reference, metadata, token with the pre-authorized code
// and PIN, nonce, a did:key proof JWT, the credential; then Avala's verifier checks it. The
// refusals are driven by hand, each message as a wallet (or an attacker) would send it.

setGlobalConfig({ allowInsecureUrls: true });

interface Holder {
  did: string;
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newHolder(): Promise<Holder> {
  const { publicKey, privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const publicJwk = await exportJWK(publicKey);
  const did = didKeyOfJwk(publicJwk);
  if (!did) throw new Error("no did:key");
  return { did, kid: `${did}#${did.slice("did:key:".length)}`, privateKey, publicJwk };
}

async function proofJwt(
  holder: Holder,
  claims: { aud: string; nonce?: string; iat?: number },
  options: { signWith?: CryptoKey; typ?: string } = {},
) {
  return new SignJWT({ ...claims, iat: claims.iat ?? Math.floor(Date.now() / 1000) })
    .setProtectedHeader({
      alg: "EdDSA",
      typ: options.typ ?? "openid4vci-proof+jwt",
      kid: holder.kid,
    })
    .sign(options.signWith ?? holder.privateKey);
}

describe.each(testDatabases())("OpenID4VCI issuer on $name", (engine) => {
  let h: Harness;
  let admin: string;
  let base: string;
  let issuerId: string;
  let server: ReturnType<typeof serve>;

  beforeEach(async () => {
    let handle: (request: Request) => Response | Promise<Response> = () =>
      new Response("starting", { status: 503 });
    server = serve({ fetch: (request) => handle(request), port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await createHarness(engine, { publicUrl: base });
    handle = (request) => h.app.fetch(request);
    admin = (await h.createOrg("ece-c")).token;
    expect((await h.addAchievement("ece-c", admin)).status).toBe(201);
    issuerId = `${base}/orgs/ece-c`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  const oid = (rest: string) => `/orgs/ece-c/openid4vci${rest}`;

  async function askForPin(on: boolean) {
    const reply = await h.call(oid("/settings"), {
      method: "PATCH",
      token: admin,
      json: { txCode: on },
    });
    expect(reply.status, reply.text).toBe(200);
  }

  async function offered() {
    const issued = await issue(h, "ece-c", admin);
    expect(issued.status, issued.text).toBe(201);
    const token = String(issued.body.claimUrl).split("/claims/")[1] ?? "";
    const row = await findOffer(h.ctx.db, offerIdOfToken(h.ctx, token) ?? "");
    if (!row) throw new Error("no offer");
    return { issued, token, pin: txCodeOf(h.ctx, row) };
  }

  async function preAuthorizedCode(token: string): Promise<string> {
    const reply = await h.call(oid(`/offers/${token}`));
    expect(reply.status, reply.text).toBe(200);
    return reply.body.grants["urn:ietf:params:oauth:grant-type:pre-authorized_code"][
      "pre-authorized_code"
    ];
  }

  function tokenRequest(
    fields: Record<string, string>,
    contentType = "application/x-www-form-urlencoded",
  ) {
    return h.call(oid("/token"), {
      body: new URLSearchParams({
        grant_type: "urn:ietf:params:oauth:grant-type:pre-authorized_code",
        ...fields,
      }).toString(),
      headers: { "content-type": contentType },
    });
  }

  async function accessToken(token: string, pin?: string): Promise<string> {
    const code = await preAuthorizedCode(token);
    const reply = await tokenRequest({
      "pre-authorized_code": code,
      ...(pin ? { tx_code: pin } : {}),
    });
    expect(reply.status, reply.text).toBe(200);
    return reply.body.access_token;
  }

  async function nonce(): Promise<string> {
    const reply = await h.call(oid("/nonce"), { method: "POST" });
    expect(reply.status, reply.text).toBe(200);
    return reply.body.c_nonce;
  }

  function credentialRequest(bearer: string, jwt: string, extra: Record<string, unknown> = {}) {
    return h.call(oid("/credential"), {
      token: bearer,
      json: {
        credential_configuration_id: "OpenBadgeCredential_ldp_vc",
        proofs: { jwt: [jwt] },
        ...extra,
      },
    });
  }

  function expectOauthError(reply: Reply, status: number, error: string) {
    expect(reply.status, reply.text).toBe(status);
    expect(reply.headers.get("content-type")).toContain("application/json");
    expect(reply.body.error).toBe(error);
    expect(reply.body.error_description).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/);
  }

  it("only the organisation's admin turns the PIN on or off", async () => {
    const anonymous = await h.call(oid("/settings"), { method: "PATCH", json: { txCode: true } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    const wrong = await h.call(oid("/settings"), {
      method: "PATCH",
      token: "avl_not-a-real-token",
      json: { txCode: true },
    });
    expect(wrong.status).toBe(401);
    // Nothing changed: the organisation's offers still ask for no PIN.
    const { token } = await offered();
    const links = await h.call(oid(`/offers/${token}/links`));
    expect(links.status, links.text).toBe(200);
    expect(links.body.txCodeRequired).toBe(false);
  });

  it("a foreign wallet claims the credential, bound to its did:key, with a PIN", async () => {
    await askForPin(true);
    const { issued, token, pin } = await offered();
    const links = await h.call(oid(`/offers/${token}/links`));
    expect(links.status, links.text).toBe(200);
    expect(links.body.txCodeRequired).toBe(true);
    expect(links.body.byReference).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
    expect(links.text).not.toContain(pin);
    const byValue = decodeURIComponent(
      String(links.body.byValue).split("credential_offer=")[1] ?? "",
    );
    expect(JSON.parse(byValue)).toMatchObject({ credential_issuer: issuerId });
    const qr = await h.call(oid(`/offers/${token}/qr.svg?by=value`));
    expect(qr.status).toBe(200);
    expect(qr.headers.get("content-type")).toBe("image/svg+xml");

    const holder = await newHolder();
    const signJwt: SignJwtCallback = async (signer, jwt) => {
      expect(signer).toMatchObject({ method: "did", didUrl: holder.kid });
      const signed = await new SignJWT(jwt.payload)
        .setProtectedHeader(jwt.header as { alg: string })
        .sign(holder.privateKey);
      return { jwt: signed, signerJwk: holder.publicJwk as never };
    };
    const wallet = new Openid4vciClient({
      callbacks: {
        fetch,
        hash: (data, alg) =>
          createHash(
            alg === HashAlgorithm.Sha384
              ? "sha384"
              : alg === HashAlgorithm.Sha512
                ? "sha512"
                : "sha256",
          )
            .update(data)
            .digest(),
        generateRandom: (bytes) => randomBytes(bytes),
        signJwt,
        clientAuthentication: clientAuthenticationAnonymous(),
      },
    });

    const offer = await wallet.resolveCredentialOffer(links.body.byReference);
    expect(offer.credential_issuer).toBe(issuerId);
    const grant = offer.grants?.["urn:ietf:params:oauth:grant-type:pre-authorized_code"];
    expect(grant?.tx_code).toMatchObject({ input_mode: "numeric", length: 6 });
    expect(JSON.stringify(offer)).not.toContain(pin);

    const metadata = await wallet.resolveIssuerMetadata(offer.credential_issuer);
    const configuration =
      metadata.credentialIssuer.credential_configurations_supported["OpenBadgeCredential_ldp_vc"];
    expect(configuration).toMatchObject({
      format: "ldp_vc",
      cryptographic_binding_methods_supported: ["did:key", "did:jwk"],
    });
    expect(metadata.credentialIssuer.display?.map((d) => d.locale)).toEqual(["es", "en"]);
    expect(metadata.authorizationServers[0]).toMatchObject({
      issuer: issuerId,
      "pre-authorized_grant_anonymous_access_supported": true,
    });

    const { accessTokenResponse } = await wallet.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer: offer,
      issuerMetadata: metadata,
      txCode: pin,
    });
    const { c_nonce } = await wallet.requestNonce({ issuerMetadata: metadata });
    const { jwt } = await wallet.createCredentialRequestJwtProof({
      issuerMetadata: metadata,
      credentialConfigurationId: "OpenBadgeCredential_ldp_vc",
      nonce: c_nonce,
      signer: { method: "did", didUrl: holder.kid, alg: "EdDSA" },
    });
    const response = await wallet.retrieveCredentials({
      issuerMetadata: metadata,
      accessToken: accessTokenResponse.access_token,
      credentialConfigurationId: "OpenBadgeCredential_ldp_vc",
      proofs: { jwt: [jwt] },
    });
    const entry = response.credentialResponse.credentials?.[0] as { credential: JsonObject };
    const credential = entry.credential;
    expect(credential).toBeDefined();

    // Avala's verifier library, as a wallet or employer runs it (over this loopback issuer).
    const verification = await verify(credential, {
      documentLoader: h.loader,
      checkStatus: createStatusChecker({
        fetchCredential: async (url) => (await fetch(url)).json(),
        verifyListCredential: (list) => verifyCredential(list, { documentLoader: h.loader }),
      }),
      fetchLinks: false,
    });
    expect(verification.kind).toBe("credential");
    expect(verification.verified, JSON.stringify(verification)).toBe(true);
    if (verification.kind !== "credential") throw new Error("not a credential");
    // Valid; the one warning is that this test deployment has no trust registry naming the issuer.
    const warnings = verification.checks.filter((c) => c.outcome !== "pass");
    expect(warnings.map((c) => c.code)).toEqual(["trust.not-checked"]);
    expect(verification.verdict).toBe("valid-with-warnings");
    expect((credential["credentialSubject"] as JsonObject)["id"]).toBe(holder.did);
    expect(credential["id"]).toBe(issued.body.verifiableCredential.id);

    // The offer is one claim: Avala's own protocol now gets a plain "already claimed".
    const again = await h.call(`/claims/${token}`, { headers: { accept: "application/json" } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("issuer.claim.claimed");
    expectOauthError(await h.call(oid(`/offers/${token}`)), 409, "invalid_request");
  });

  it("every claim offer carries the OpenID4VCI offer: page, claim API, e-mail (with the PIN)", async () => {
    await askForPin(true);
    const { token, pin } = await offered();
    const page = await h.call(`/claims/${token}?lang=es`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.text).toContain("Usar otra cartera");
    expect(page.text).toContain("openid-credential-offer://?credential_offer_uri=");
    expect(page.text).not.toContain(pin);
    const api = await h.call(`/claims/${token}`, { headers: { accept: "application/json" } });
    expect(api.body.openid4vci).toMatchObject({
      credentialOffer: expect.stringMatching(
        /^openid-credential-offer:\/\/\?credential_offer_uri=/,
      ),
      credentialOfferUri: `${issuerId}/openid4vci/offers/${token}`,
      txCodeRequired: true,
    });
    const rows = await h.ctx.db
      .selectFrom("issuer_mail_outbox")
      .selectAll()
      .where("kind", "=", "claim-offer")
      .execute();
    expect(rows).toHaveLength(1);
    const prepared = await prepareMail(h.ctx, rows[0]!);
    if (prepared.kind !== "send") throw new Error(prepared.reason);
    expect(prepared.mail.text).toContain("Usar otra cartera");
    expect(prepared.mail.text).toContain("Use another wallet");
    expect(prepared.mail.text).toContain(pin);
    expect(prepared.mail.html).toContain(
      escapeHtml(
        `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${issuerId}/openid4vci/offers/${token}`)}`,
      ),
    );
  });

  it("takes a did:jwk holder with an ES256 proof", async () => {
    const { token } = await offered();
    const bearer = await accessToken(token);
    const { publicKey, privateKey } = await generateKeyPair("ES256");
    const jwk = await exportJWK(publicKey);
    const did = `did:jwk:${Buffer.from(JSON.stringify(jwk)).toString("base64url")}`;
    const jwt = await new SignJWT({
      aud: issuerId,
      nonce: await nonce(),
      iat: Math.floor(h.clock.now.getTime() / 1000),
    })
      .setProtectedHeader({ alg: "ES256", typ: "openid4vci-proof+jwt", kid: `${did}#0` })
      .sign(privateKey);
    const reply = await credentialRequest(bearer, jwt);
    expect(reply.status, reply.text).toBe(200);
    const credential = reply.body.credentials[0].credential;
    expect(credential.credentialSubject.id).toBe(did);
    const result = await h.verify(credential);
    expect(result.verdict, JSON.stringify(result.checks)).toBe("valid");
  });

  it("serves the metadata at the well-known addresses of the organisation's identifier", async () => {
    const issuerMeta = await h.call("/.well-known/openid-credential-issuer/orgs/ece-c");
    expect(issuerMeta.status).toBe(200);
    expect(issuerMeta.body).toMatchObject({
      credential_issuer: issuerId,
      credential_endpoint: `${issuerId}/openid4vci/credential`,
      nonce_endpoint: `${issuerId}/openid4vci/nonce`,
    });
    const as = await h.call("/.well-known/oauth-authorization-server/orgs/ece-c");
    expect(as.body).toMatchObject({
      issuer: issuerId,
      token_endpoint: `${issuerId}/openid4vci/token`,
    });
    expectOauthError(
      await h.call("/.well-known/openid-credential-issuer/orgs/nobody"),
      404,
      "invalid_request",
    );
  });

  it("refuses a wrong PIN, then every PIN after too many", async () => {
    await askForPin(true);
    const { token, pin } = await offered();
    const code = await preAuthorizedCode(token);
    const wrong = pin === "000000" ? "111111" : "000000";
    expectOauthError(await tokenRequest({ "pre-authorized_code": code }), 400, "invalid_request");
    for (let i = 0; i < 5; i++) {
      expectOauthError(
        await tokenRequest({ "pre-authorized_code": code, tx_code: wrong }),
        400,
        "invalid_grant",
      );
    }
    const fresh = await preAuthorizedCode(token);
    const locked = await tokenRequest({ "pre-authorized_code": fresh, tx_code: pin });
    expectOauthError(locked, 400, "invalid_grant");
    expect(locked.body.error_description).toContain("Too many");
  });

  it("compares no more than five PINs even when the guesses arrive all at once", async () => {
    await askForPin(true);
    const { token, pin } = await offered();
    const codes = await Promise.all(Array.from({ length: 4 }, () => preAuthorizedCode(token)));
    const guesses = Array.from({ length: 24 }, (_, i) => String(i).padStart(6, "0")).filter(
      (guess) => guess !== pin,
    );
    const answers = await Promise.all(
      guesses.map((guess, i) =>
        tokenRequest({ "pre-authorized_code": codes[i % codes.length] ?? "", tx_code: guess }),
      ),
    );
    for (const answer of answers) expectOauthError(answer, 400, "invalid_grant");
    const compared = answers.filter((a) => String(a.body.error_description).includes("is wrong"));
    expect(compared.length).toBeLessThanOrEqual(5);
    expect(answers.length - compared.length).toBeGreaterThanOrEqual(guesses.length - 5);
    const locked = await tokenRequest({ "pre-authorized_code": codes[0] ?? "", tx_code: pin });
    expect(locked.body.error_description).toContain("Too many");
  });

  it("a right PIN after wrong ones is not counted against the offer", async () => {
    await askForPin(true);
    const { token, pin } = await offered();
    const wrong = pin === "000000" ? "111111" : "000000";
    const code = await preAuthorizedCode(token);
    for (let i = 0; i < 4; i++) {
      await tokenRequest({ "pre-authorized_code": code, tx_code: wrong });
    }
    expect((await tokenRequest({ "pre-authorized_code": code, tx_code: pin })).status).toBe(200);
  });

  it("refuses expired and reused codes", async () => {
    const { token } = await offered();
    const code = await preAuthorizedCode(token);
    expect((await tokenRequest({ "pre-authorized_code": code })).status).toBe(200);
    expectOauthError(await tokenRequest({ "pre-authorized_code": code }), 400, "invalid_grant");
    const late = await preAuthorizedCode(token);
    h.clock.advance(11 * 60_000);
    expectOauthError(await tokenRequest({ "pre-authorized_code": late }), 400, "invalid_grant");
    expectOauthError(
      await tokenRequest({ "pre-authorized_code": "x".repeat(43) }),
      400,
      "invalid_grant",
    );
    expectOauthError(
      await h.call(oid("/token"), {
        body: "grant_type=authorization_code&code=abc",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      400,
      "unsupported_grant_type",
    );
  });

  it("refuses bad proofs: signature, audience, stale and replayed nonces", async () => {
    const holder = await newHolder();
    const other = await newHolder();
    const first = await offered();
    const bearer = await accessToken(first.token);

    const forged = await proofJwt(
      holder,
      { aud: issuerId, nonce: await nonce() },
      { signWith: other.privateKey },
    );
    expectOauthError(await credentialRequest(bearer, forged), 400, "invalid_proof");
    const wrongAud = await proofJwt(holder, { aud: `${base}/orgs/other`, nonce: await nonce() });
    expectOauthError(await credentialRequest(bearer, wrongAud), 400, "invalid_proof");
    const wrongTyp = await proofJwt(
      holder,
      { aud: issuerId, nonce: await nonce() },
      { typ: "JWT" },
    );
    expectOauthError(await credentialRequest(bearer, wrongTyp), 400, "invalid_proof");
    const noNonce = await proofJwt(holder, { aud: issuerId });
    expectOauthError(await credentialRequest(bearer, noNonce), 400, "invalid_nonce");
    const unknown = await proofJwt(holder, { aud: issuerId, nonce: "never-issued" });
    expectOauthError(await credentialRequest(bearer, unknown), 400, "invalid_nonce");

    const stale = await nonce();
    h.clock.advance(4 * 60_000);
    const bearerNow = await accessToken(first.token);
    h.clock.advance(2 * 60_000);
    const staleProof = await proofJwt(holder, {
      aud: issuerId,
      nonce: stale,
      iat: Math.floor(h.clock.now.getTime() / 1000),
    });
    expectOauthError(await credentialRequest(bearerNow, staleProof), 400, "invalid_nonce");

    // A proof that worked once does not work again, not even for another credential.
    const good = await nonce();
    const iat = Math.floor(h.clock.now.getTime() / 1000);
    const proof = await proofJwt(holder, { aud: issuerId, nonce: good, iat });
    const claimed = await credentialRequest(bearerNow, proof);
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.body.credentials[0].credential.credentialSubject.id).toBe(holder.did);
    const second = await offered();
    const secondBearer = await accessToken(second.token);
    expectOauthError(await credentialRequest(secondBearer, proof), 400, "invalid_nonce");
    expectOauthError(await credentialRequest(bearerNow, proof), 401, "invalid_token");
  });

  it("refuses malformed requests with the protocol's errors, never a 500", async () => {
    const { token } = await offered();
    const bearer = await accessToken(token);
    const holder = await newHolder();
    const jwt = await proofJwt(holder, { aud: issuerId, nonce: await nonce() });
    expectOauthError(
      await h.call(oid("/credential"), {
        token: bearer,
        body: JSON.stringify({
          credential_configuration_id: "OpenBadgeCredential_ldp_vc",
          proofs: { jwt: [jwt] },
        }),
        headers: { "content-type": "text/plain" },
      }),
      400,
      "invalid_request",
    );
    expectOauthError(
      await tokenRequest({ "pre-authorized_code": "abc" }, "application/json"),
      400,
      "invalid_request",
    );
    expectOauthError(
      await credentialRequest(bearer, jwt, { padding: "x".repeat(20_000) }),
      413,
      "invalid_request",
    );
    expectOauthError(
      await h.call(oid("/credential"), {
        token: bearer,
        body: "{not json",
        headers: { "content-type": "application/json" },
      }),
      400,
      "invalid_credential_request",
    );
    expectOauthError(
      await credentialRequest(bearer, jwt, { credential_configuration_id: "Diploma" }),
      400,
      "unknown_credential_configuration",
    );
    expectOauthError(await credentialRequest(bearer, "not-a-jwt"), 400, "invalid_proof");
    const noBearer = await h.call(oid("/credential"), { json: { proofs: { jwt: [jwt] } } });
    expectOauthError(noBearer, 401, "invalid_token");
    expect(noBearer.headers.get("www-authenticate")).toContain("invalid_token");
    expectOauthError(await credentialRequest("wrong-token", jwt), 401, "invalid_token");
  });

  it("an offer claimed through Avala's protocol is already claimed for OpenID4VCI", async () => {
    const { token } = await offered();
    const code = await preAuthorizedCode(token);
    const bearer = await accessToken(token);
    const key = await generateSigningKey();
    const got = await h.call(`/claims/${token}`, { headers: { accept: "application/json" } });
    const vp = await signPresentation(
      buildPresentation({ holder: key.controller, credentials: [] }),
      {
        key,
        documentLoader: h.loader,
        challenge: got.body.challenge,
        domain: got.body.domain,
      },
    );
    expect((await h.call(`/claims/${token}`, { json: { presentation: vp } })).status).toBe(201);
    const refused = await tokenRequest({ "pre-authorized_code": code });
    expectOauthError(refused, 400, "invalid_grant");
    expect(refused.body.error_description).toContain("already claimed");
    const holder = await newHolder();
    const late = await credentialRequest(
      bearer,
      await proofJwt(holder, {
        aud: issuerId,
        nonce: await nonce(),
        iat: Math.floor(h.clock.now.getTime() / 1000),
      }),
    );
    expectOauthError(late, 400, "invalid_credential_request");
    expect(late.body.error_description).toContain("already claimed");
  });
});
