// Loopback only: every other connection is refused before it starts (Socket#connect).
import "../../test/support/loopback-only.js";
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import {
  type AchievementInput,
  buildAchievementCredential,
  type Credential,
  signCredential,
} from "@avala/credentials";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { didKeyOfJwk } from "@avala/vc-jwt";
import { serve } from "@hono/node-server";
import { Ajv2019 } from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { CompactSign, exportJWK, generateKeyPair } from "jose";
import * as oauth from "oauth4webapi";
import type { Browser as Chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchChromium, resultsDir, withScreenshot } from "../../test/support/browser.js";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  documentLoader,
  openTestWallet,
  qualificationAchievement,
  type TestWallet,
  testIssuer,
  unitAchievement,
} from "./helpers.js";

/**
 * The Open Badges 3.0 API (1EdTech) with the wallet as the host, driven over real HTTP by an
 * independent OAuth 2.0 client (oauth4webapi): discovery, dynamic client registration, the
 * learner's consent, the authorization code with PKCE, getCredentials (paged, since),
 * upsertCredential, getProfile, putProfile, refresh and revocation; every response checked
 * against 1EdTech's JSON Schemas; and the refusals.
 */

// 1EdTech's JSON Schemas as kept in contexts/schemas (byte-identical to the published files in
// ../shared/standards/ob3-schemas/, which is outside the repository and not in a fresh clone).
const SCHEMAS = new URL("../../contexts/schemas/", import.meta.url);
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats.default(ajv);
const schema = (name: string) =>
  ajv.compile(JSON.parse(readFileSync(new URL(`ob_v3p0_${name}_schema.json`, SCHEMAS), "utf8")));
const validCredentialsResponse = schema("getopenbadgecredentialsresponse");
const validStatusInfo = schema("imsx_statusinfo");
const validProfile = schema("profile");
const validCredential = schema("achievementcredential");

function expectValid(validate: ReturnType<typeof schema>, value: unknown) {
  const ok = validate(value);
  expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
}

const SCOPE = "https://purl.imsglobal.org/spec/ob/v3p0/scope/";
const ALL_SCOPES = [
  "credential.readonly",
  "credential.upsert",
  "profile.readonly",
  "profile.update",
]
  .map((s) => SCOPE + s)
  .join(" ");
const insecure = { [oauth.allowInsecureRequests]: true } as const;

let issuer: Awaited<ReturnType<typeof testIssuer>>;
const credentialsOf: Record<string, Credential[]> = {};

async function issueAt(
  achievement: AchievementInput,
  email: string,
  validFrom: string,
): Promise<Credential> {
  return signCredential(
    buildAchievementCredential({
      id: `urn:uuid:${crypto.randomUUID()}`,
      issuer: { id: issuer.did, name: { es: "Centro Evaluador de Prueba" } },
      achievement,
      subject: { identifiers: [{ kind: "email", value: email }] },
      validFrom,
      validUntil: "2031-01-15T00:00:00Z",
    }),
    { key: issuer.key, documentLoader },
  );
}

beforeAll(async () => {
  issuer = await testIssuer();
  credentialsOf["ana"] = [
    await issueAt(unitAchievement("U0586"), "ana@example.mx", "2026-01-10T00:00:00Z"),
    await issueAt(unitAchievement("U0587"), "ana@example.mx", "2026-02-10T00:00:00Z"),
    await issueAt(qualificationAchievement, "ana@example.mx", "2026-03-10T00:00:00Z"),
  ];
  credentialsOf["beto"] = [
    await issueAt(unitAchievement("U0588"), "beto@example.mx", "2026-01-20T00:00:00Z"),
  ];
});

describe.each(testDatabases())("the Open Badges 3.0 API on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let server: ReturnType<typeof serve>;
  let base: string;
  let as: oauth.AuthorizationServer;
  let ana: Browser;
  let beto: Browser;
  const redirectUri = "http://127.0.0.1:9/callback";

  beforeEach(async () => {
    database = await open<WalletTables>();
    let app: TestWallet["app"] | undefined;
    server = serve({
      fetch: (request, env) =>
        app ? app.fetch(request, env) : new Response(null, { status: 503 }),
      port: 0,
      hostname: "127.0.0.1",
    });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    wallet = await openTestWallet(database, { config: { publicUrl: base } });
    app = wallet.app;
    ana = new Browser(wallet.app);
    beto = new Browser(wallet.app, "192.0.2.80");
    for (const [browser, who] of [
      [ana, "ana"],
      [beto, "beto"],
    ] as const) {
      await browser.signUp(`${who}@example.mx`, "una frase bastante larga", who);
      for (const credential of credentialsOf[who]!) {
        await browser.get("/add");
        const imported = await browser.post("/import/paste", { json: JSON.stringify(credential) });
        expect(imported.status).toBe(200);
      }
    }
    as = await oauth.processDiscoveryResponse(
      new URL(base),
      await oauth.discoveryRequest(new URL(base), { ...insecure, algorithm: "oauth2" }),
    );
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await wallet.ctx.destroy();
    await database.destroy();
  });

  async function register(extra: Record<string, unknown> = {}) {
    const response = await oauth.dynamicClientRegistrationRequest(
      as,
      {
        client_name: "Portafolio Abierto",
        client_uri: "https://portafolio.example/",
        logo_uri: "https://portafolio.example/logo.png",
        tos_uri: "https://portafolio.example/terms",
        policy_uri: "https://portafolio.example/privacy",
        software_id: "portafolio-abierto",
        software_version: "1.0.0",
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: "client_secret_basic",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        scope: ALL_SCOPES,
        ...extra,
      },
      insecure,
    );
    const client = await oauth.processDynamicClientRegistrationResponse(response);
    return { client, auth: oauth.ClientSecretBasic(client.client_secret as string) };
  }

  /** The authorization request URL (PKCE S256) for a client. */
  async function authorizationUrl(clientId: string, scope = ALL_SCOPES) {
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint!);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("client_id", clientId);
    url.searchParams.set("redirect_uri", redirectUri);
    url.searchParams.set("scope", scope);
    url.searchParams.set("state", state);
    url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set("code_challenge_method", "S256");
    return { url, verifier, state };
  }

  /** The learner reads the consent page and answers; the redirect back to the client. */
  async function consent(browser: Browser, url: URL, decision: "allow" | "deny" = "allow") {
    const page = await browser.get(`${url.pathname}${url.search}`);
    expect(page.status).toBe(200);
    const fields: Record<string, string> = { decision };
    for (const m of browser.lastBody.matchAll(
      /<input type="hidden" name="(\w+)" value="([^"]*)"/g,
    )) {
      if (m[1] !== "_csrf") fields[m[1]!] = m[2]!.replace(/&amp;/g, "&");
    }
    const answer = await browser.post("/ims/ob/v3p0/oauth/authorize", fields);
    expect(answer.status).toBe(303);
    return new URL(answer.headers.get("location")!);
  }

  async function connect(browser: Browser = ana, scope = ALL_SCOPES) {
    const { client, auth } = await register();
    const { url, verifier, state } = await authorizationUrl(client.client_id, scope);
    const back = await consent(browser, url);
    const params = oauth.validateAuthResponse(as, client, back, state);
    return { client, auth, tokens: await redeem(client, auth, params, verifier) };
  }

  /** The authorization code in `params` exchanged for tokens (with its PKCE verifier). */
  async function redeem(
    client: oauth.Client,
    auth: oauth.ClientAuth,
    params: URLSearchParams,
    verifier: string,
  ) {
    return oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        auth,
        params,
        redirectUri,
        verifier,
        insecure,
      ),
    );
  }

  /**
   * An API call with oauth4webapi; a refusal with a Bearer challenge (401, 403), which it
   * raises as an error, is returned as the response it carries.
   */
  const call = (token: string, method: string, path: string, body?: string, type?: string) =>
    oauth
      .protectedResourceRequest(
        token,
        method,
        new URL(`${base}/ims/ob/v3p0${path}`),
        new Headers({ accept: "application/json", ...(type ? { "content-type": type } : {}) }),
        body ?? null,
        insecure,
      )
      .catch((error: unknown) => {
        if (error instanceof oauth.WWWAuthenticateChallengeError) return error.response;
        throw error;
      });

  it("serves the service description, registers a client, and lets it read with consent", async () => {
    // Discovery: the Service Description Document names the same endpoints as RFC 8414's.
    const sdd = await (await fetch(`${base}/ims/ob/v3p0/discovery`)).json();
    const scheme = sdd.components.securitySchemes.OAuth2ACG;
    expect(scheme.type).toBe("oauth2");
    expect(scheme["x-imssf-registrationUrl"]).toBe(as.registration_endpoint);
    expect(scheme.flows.authorizationCode.authorizationUrl).toBe(as.authorization_endpoint);
    expect(scheme.flows.authorizationCode.tokenUrl).toBe(as.token_endpoint);
    expect(Object.keys(scheme.flows.authorizationCode.scopes).join(" ")).toBe(ALL_SCOPES);
    expect(as.code_challenge_methods_supported).toEqual(["S256"]);

    const { client, auth } = await register();
    expect(client.client_id).toMatch(/^[0-9a-f-]{36}$/);
    // The learner, signed in, sees who asks and what for, in plain words.
    const { url, verifier, state } = await authorizationUrl(client.client_id);
    await ana.get(`${url.pathname}${url.search}`);
    expect(ana.lastBody).toContain("¿Conectar Portafolio Abierto con tu cartera?");
    expect(ana.lastBody).toContain("Ver tus certificados y copiarlos");
    expect(ana.lastBody).toContain("portafolio.example");
    const back = await consent(ana, url);
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get("iss")).toBe(base);
    const params = oauth.validateAuthResponse(as, client, back, state);
    const tokens = await redeem(client, auth, params, verifier);
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope).toBe(ALL_SCOPES);

    // getCredentials, two at a time, oldest first, with X-Total-Count and Link.
    const first = await call(tokens.access_token, "GET", "/credentials?limit=2");
    expect(first.status).toBe(200);
    expect(first.headers.get("x-total-count")).toBe("3");
    const link = first.headers.get("link")!;
    expect(link).toContain(`<${base}/ims/ob/v3p0/credentials?limit=2&offset=2>; rel="next"`);
    expect(link).toContain('rel="first"');
    expect(link).toContain(`<${base}/ims/ob/v3p0/credentials?limit=2&offset=2>; rel="last"`);
    const page1 = await first.json();
    expectValid(validCredentialsResponse, page1);
    expect(page1.credential.map((c: Credential) => c.id)).toEqual(
      credentialsOf["ana"]!.slice(0, 2).map((c) => c.id),
    );
    const second = await call(tokens.access_token, "GET", "/credentials?limit=2&offset=2");
    const page2 = await second.json();
    expectValid(validCredentialsResponse, page2);
    expect(page2.credential.map((c: Credential) => c.id)).toEqual([credentialsOf["ana"]![2]!.id]);
    expect(second.headers.get("link")).not.toContain('rel="next"');
    expect(second.headers.get("link")).toContain('rel="prev"');
    // since: only those issued after it.
    const since = await call(tokens.access_token, "GET", "/credentials?since=2026-02-01T00:00:00Z");
    expect(since.headers.get("x-total-count")).toBe("2");
    const sincePage = await since.json();
    expectValid(validCredentialsResponse, sincePage);
    expect(sincePage.credential.map((c: Credential) => c.id)).toEqual(
      credentialsOf["ana"]!.slice(1).map((c) => c.id),
    );
    // Only Ana's: nothing of Beto's.
    expect(JSON.stringify([page1, page2])).not.toContain(credentialsOf["beto"]![0]!.id);

    // getProfile, then putProfile (kept as hosts read it; the id stays the wallet's DID).
    const profile = await (await call(tokens.access_token, "GET", "/profile")).json();
    expectValid(validProfile, profile);
    expect(profile.name).toBe("ana");
    expect(profile.id).toMatch(/^did:key:/);
    const put = await call(
      tokens.access_token,
      "PUT",
      "/profile",
      JSON.stringify({ ...profile, name: "Ana López Núñez", phone: "555-000-1111" }),
      "application/json",
    );
    expect(put.status).toBe(200);
    expectValid(validProfile, await put.json());
    const again = await (await call(tokens.access_token, "GET", "/profile")).json();
    expect(again).toMatchObject({ name: "Ana López Núñez", phone: "555-000-1111", id: profile.id });

    // upsertCredential: verified and kept (201), the same again replaces (200).
    const added = await issueAt(unitAchievement("U0590"), "ana@example.mx", "2026-04-01T00:00:00Z");
    const created = await call(
      tokens.access_token,
      "POST",
      "/credentials",
      JSON.stringify(added),
      "application/json",
    );
    expect(created.status).toBe(201);
    const echoed = await created.json();
    expectValid(validCredential, echoed);
    expect(echoed.id).toBe(added.id);
    const replaced = await call(
      tokens.access_token,
      "POST",
      "/credentials",
      JSON.stringify(added),
      "application/json",
    );
    expect(replaced.status).toBe(200);
    const all = await call(tokens.access_token, "GET", "/credentials");
    expect(all.headers.get("x-total-count")).toBe("4");
    await ana.get("/credentials");
    expect(ana.lastBody).toContain("Unidad U0590");

    // Refresh: new tokens (the refresh token used is spent: see the reuse test below).
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refresh_token!, insecure),
    );
    expect((await call(refreshed.access_token, "GET", "/profile")).status).toBe(200);

    // Revocation (RFC 7009): the access token stops working, answered as Imsx_StatusInfo.
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, auth, refreshed.access_token, insecure),
    );
    const revoked = await call(refreshed.access_token, "GET", "/credentials");
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const info = await revoked.json();
    expectValid(validStatusInfo, info);
    expect(info.imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe(
      "unauthorizedrequest",
    );
  });

  it("ends the whole grant when a refresh token already used comes back (RFC 9700)", async () => {
    const { client, auth, tokens } = await connect();
    const refresh = (token: string) =>
      oauth
        .refreshTokenGrantRequest(as, client, auth, token, insecure)
        .then((r) => oauth.processRefreshTokenResponse(as, client, r));
    const rotated = await refresh(tokens.refresh_token!);
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect((await call(rotated.access_token, "GET", "/profile")).status).toBe(200);
    // The old refresh token again (a thief's copy, or the client's): invalid_grant …
    await expect(refresh(tokens.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    // … and the grant's tokens in force, old and new, no longer work either.
    for (const token of [rotated.access_token, tokens.access_token]) {
      const refused = await call(token, "GET", "/profile");
      expect(refused.status).toBe(401);
      expectValid(validStatusInfo, await refused.json());
    }
    await expect(refresh(rotated.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    // The app has to ask the learner again; then it gets tokens that work.
    const { url, verifier, state } = await authorizationUrl(client.client_id);
    const params = oauth.validateAuthResponse(as, client, await consent(ana, url), state);
    const again = await redeem(client, auth, params, verifier);
    expect((await call(again.access_token, "GET", "/profile")).status).toBe(200);
  });

  it("refuses a wrong PKCE verifier, a reused code and another redirect URI", async () => {
    const { client, auth } = await register();
    const { url, verifier, state } = await authorizationUrl(client.client_id);
    const params = oauth.validateAuthResponse(as, client, await consent(ana, url), state);
    const exchange = (uri: string, pkce: string) =>
      oauth
        .authorizationCodeGrantRequest(as, client, auth, params, uri, pkce, insecure)
        .then((r) => oauth.processAuthorizationCodeResponse(as, client, r));
    // A wrong verifier uses the code up too (single use, whatever the outcome).
    await expect(exchange(redirectUri, oauth.generateRandomCodeVerifier())).rejects.toMatchObject({
      error: "invalid_grant",
      error_description: "La comprobación PKCE no coincide.",
    });
    await expect(exchange(redirectUri, verifier)).rejects.toMatchObject({ error: "invalid_grant" });

    const second = await authorizationUrl(client.client_id);
    const params2 = oauth.validateAuthResponse(
      as,
      client,
      await consent(ana, second.url),
      second.state,
    );
    await expect(
      oauth
        .authorizationCodeGrantRequest(
          as,
          client,
          auth,
          params2,
          "http://127.0.0.1:9/other",
          second.verifier,
          insecure,
        )
        .then((r) => oauth.processAuthorizationCodeResponse(as, client, r)),
    ).rejects.toMatchObject({ error: "invalid_grant" });

    // An unregistered redirect URI at the authorization endpoint: a page, never a redirect.
    const third = await authorizationUrl(client.client_id);
    third.url.searchParams.set("redirect_uri", "https://attacker.example/cb");
    const page = await ana.get(`${third.url.pathname}${third.url.search}`);
    expect(page.status).toBe(400);
    expect(page.headers.get("location")).toBeNull();
    expect(ana.lastBody).toContain("pidió volver a una dirección que no registró");
    // No PKCE: back to the client with invalid_request.
    const plain = await authorizationUrl(client.client_id);
    plain.url.searchParams.delete("code_challenge_method");
    const refused = await ana.get(`${plain.url.pathname}${plain.url.search}`);
    expect(refused.status).toBe(303);
    const location = new URL(refused.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("state")).toBe(plain.state);
    // A code a minute old, and an access token an hour old, no longer work.
    const late = await authorizationUrl(client.client_id);
    const lateParams = oauth.validateAuthResponse(
      as,
      client,
      await consent(ana, late.url),
      late.state,
    );
    wallet.clock.advance(61_000);
    await expect(
      oauth
        .authorizationCodeGrantRequest(
          as,
          client,
          auth,
          lateParams,
          redirectUri,
          late.verifier,
          insecure,
        )
        .then((r) => oauth.processAuthorizationCodeResponse(as, client, r)),
    ).rejects.toMatchObject({ error: "invalid_grant" });
    const fresh = await connect();
    expect((await call(fresh.tokens.access_token, "GET", "/profile")).status).toBe(200);
    wallet.clock.advance(3600_000);
    const expired = await call(fresh.tokens.access_token, "GET", "/profile");
    expect(expired.status).toBe(401);
    expectValid(validStatusInfo, await expired.json());
    // The OAuth endpoints answer other methods in OAuth's format.
    const get = await fetch(as.token_endpoint!);
    expect(get.status).toBe(405);
    expect((await get.json()).error).toBe("invalid_request");
    // A wrong client secret.
    const wrong = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic("not-the-secret"),
      params2,
      redirectUri,
      second.verifier,
      insecure,
    );
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe("invalid_client");
  });

  it("ends every token when the learner takes access away in Connected apps", async () => {
    const { client, auth, tokens } = await connect();
    await ana.get("/account");
    expect(ana.lastBody).toContain('href="/account/connected-apps"');
    await ana.get("/account/connected-apps");
    expect(ana.lastBody).toContain("Portafolio Abierto");
    expect(ana.lastBody).toContain("Guardar certificados nuevos en tu cartera");
    const action = /action="(\/account\/connected-apps\/[\w-]+\/revoke)"/.exec(ana.lastBody)![1]!;
    // Beto cannot revoke Ana's grant.
    await beto.get("/account/connected-apps");
    expect((await beto.post(action, {})).status).toBe(404);
    expect((await call(tokens.access_token, "GET", "/credentials")).status).toBe(200);
    const revoked = await ana.post(action, {});
    expect(revoked.status).toBe(303);
    await ana.get("/account/connected-apps?m=revoked");
    expect(ana.lastBody).toContain("Ninguna app tiene acceso a tu cartera.");
    const refused = await call(tokens.access_token, "GET", "/credentials");
    expect(refused.status).toBe(401);
    expectValid(validStatusInfo, await refused.json());
    await expect(
      oauth.processRefreshTokenResponse(
        as,
        client,
        await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refresh_token!, insecure),
      ),
    ).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("shows a client only its grant's learner, within the scopes given", async () => {
    const forAna = await connect(ana, `${SCOPE}credential.readonly`);
    const forBeto = await connect(beto);
    const betos = await (await call(forBeto.tokens.access_token, "GET", "/credentials")).json();
    expect(betos.credential.map((c: Credential) => c.id)).toEqual([credentialsOf["beto"]![0]!.id]);
    const anas = await (await call(forAna.tokens.access_token, "GET", "/credentials")).json();
    expect(anas.credential).toHaveLength(3);
    // A scope not given: 403 as Imsx_StatusInfo.
    const profile = await call(forAna.tokens.access_token, "GET", "/profile", undefined, undefined);
    expect(profile.status).toBe(403);
    const info = await profile.json();
    expectValid(validStatusInfo, info);
    expect(info.imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe("forbidden");
    // Bad paging and a method the API does not have.
    for (const query of ["limit=0", "offset=-1", "since=yesterday", "limit=abc"]) {
      const bad = await call(forAna.tokens.access_token, "GET", `/credentials?${query}`);
      expect(bad.status, query).toBe(400);
      expectValid(validStatusInfo, await bad.json());
    }
    const del = await call(forAna.tokens.access_token, "DELETE", "/credentials");
    expect(del.status).toBe(405);
    expectValid(validStatusInfo, await del.json());
  });

  it("takes a compact JWS by upsertCredential and lists it in compactJwsString", async () => {
    const pair = await generateKeyPair("EdDSA", { extractable: true });
    const did = didKeyOfJwk(await exportJWK(pair.publicKey))!;
    const vc = buildAchievementCredential({
      id: `urn:uuid:${crypto.randomUUID()}`,
      issuer: { id: did, name: { es: "Centro JWT" } },
      achievement: unitAchievement("U0591"),
      subject: { identifiers: [{ kind: "email", value: "ana@example.mx" }] },
      validFrom: "2026-05-01T00:00:00Z",
      validUntil: "2031-01-15T00:00:00Z",
    });
    const jws = await new CompactSign(
      new TextEncoder().encode(
        JSON.stringify({ iss: did, jti: vc.id, nbf: Date.parse(vc.validFrom) / 1000, vc }),
      ),
    )
      .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: `${did}#${did.slice(8)}` })
      .sign(pair.privateKey);
    const { tokens } = await connect();
    const created = await call(tokens.access_token, "POST", "/credentials", jws, "text/plain");
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await created.text()).toBe(jws);
    const listed = await call(
      tokens.access_token,
      "GET",
      "/credentials?since=2026-04-01T00:00:00Z",
    );
    const body = await listed.json();
    expectValid(validCredentialsResponse, body);
    expect(body).toEqual({ credential: [], compactJwsString: [jws] });
    // Sending it again replaces it: 200, still one.
    expect(
      (await call(tokens.access_token, "POST", "/credentials", jws, "text/plain")).status,
    ).toBe(200);
    expect(
      (await call(tokens.access_token, "GET", "/credentials")).headers.get("x-total-count"),
    ).toBe("4");
  });

  it("refuses oversized, unsigned or tampered upserts and bad registrations, never with a 500", async () => {
    const { tokens } = await connect();
    const token = tokens.access_token;
    const huge = JSON.stringify({ padding: "x".repeat(2 * 1024 * 1024 + 10) });
    const tooLarge = await call(token, "POST", "/credentials", huge, "application/json");
    expect(tooLarge.status).toBe(413);
    expectValid(validStatusInfo, await tooLarge.json());
    const tampered = { ...credentialsOf["ana"]![0]!, validUntil: "2099-01-01T00:00:00Z" };
    const refused = await call(
      token,
      "POST",
      "/credentials",
      JSON.stringify(tampered),
      "application/json",
    );
    expect(refused.status).toBe(400);
    const info = await refused.json();
    expectValid(validStatusInfo, info);
    expect(info.imsx_description).toMatch(/^El certificado no se guardó/);
    for (const [body, type] of [
      ["{not json", "application/json"],
      ["[]", "application/json"],
      ["not a jws", "text/plain"],
      ["<xml/>", "application/xml"],
    ] as const) {
      const bad = await call(token, "POST", "/credentials", body, type);
      expect([400, 415], body).toContain(bad.status);
      expectValid(validStatusInfo, await bad.json());
    }
    // A presentation bundling a credential is not one credential: refused whole, nothing kept.
    const bundled = await issueAt(
      unitAchievement("U0599"),
      "ana@example.mx",
      "2026-04-02T00:00:00Z",
    );
    const bundle = await call(
      token,
      "POST",
      "/credentials",
      JSON.stringify({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        type: ["VerifiablePresentation"],
        verifiableCredential: [bundled],
      }),
      "application/json",
    );
    expect(bundle.status).toBe(400);
    expectValid(validStatusInfo, await bundle.json());
    expect((await call(token, "GET", "/credentials")).headers.get("x-total-count")).toBe("3");

    const registration = (body: unknown) =>
      fetch(as.registration_endpoint!, {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": "en" },
        body: JSON.stringify(body),
      });
    const good = {
      client_name: "X",
      client_uri: "https://x.example/",
      logo_uri: "https://x.example/l.png",
      tos_uri: "https://x.example/t",
      policy_uri: "https://x.example/p",
      software_id: "x",
      software_version: "1",
      redirect_uris: ["https://x.example/cb"],
    };
    const cases: Array<[unknown, string]> = [
      [{ ...good, redirect_uris: ["http://x.example/cb"] }, "invalid_redirect_uri"],
      [{ ...good, redirect_uris: ["https://x.example/cb#frag"] }, "invalid_redirect_uri"],
      [{ ...good, client_name: undefined }, "invalid_client_metadata"],
      [{ ...good, scope: "openid" }, "invalid_client_metadata"],
      [{ ...good, grant_types: ["implicit"] }, "invalid_client_metadata"],
      [{ ...good, client_name: "x".repeat(17 * 1024) }, "invalid_request"],
      [[1, 2], "invalid_client_metadata"],
    ];
    for (const [body, error] of cases) {
      const response = await registration(body);
      expect(response.status).toBe(400);
      const answer = await response.json();
      expect(answer.error).toBe(error);
      expect(typeof answer.error_description).toBe("string");
    }
    expect((await registration(good)).status).toBe(201);
  });
});

describe.each(testDatabases())("sending to another Open Badges host on $name", ({ open }) => {
  /**
   * A wallet served over loopback, its public URL its real address, and the requests it got.
   * Its authorization server metadata as it is, or without
   * `authorization_response_iss_parameter_supported` (a host that does not say it sends `iss`),
   * or none at all (404).
   */
  async function servedWallet(
    fetchAllowHosts: string[] = [],
    metadata: "as-is" | "no-iss" | "none" = "as-is",
  ) {
    const database = await open<WalletTables>();
    let app: TestWallet["app"] | undefined;
    const requests: string[] = [];
    const server = serve({
      fetch: async (request, env) => {
        const path = new URL(request.url).pathname;
        requests.push(`${request.method} ${path}`);
        if (!app) return new Response(null, { status: 503 });
        if (path !== "/.well-known/oauth-authorization-server" || metadata === "as-is") {
          return app.fetch(request, env);
        }
        if (metadata === "none") return new Response(null, { status: 404 });
        const { authorization_response_iss_parameter_supported: _, ...rest } = await (
          await app.fetch(request, env)
        ).json();
        return Response.json(rest);
      },
      port: 0,
      hostname: "127.0.0.1",
    });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const port = (server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}`;
    const wallet = await openTestWallet(database, { config: { publicUrl: url, fetchAllowHosts } });
    app = wallet.app;
    return {
      wallet,
      url,
      host: `127.0.0.1:${port}`,
      requests,
      close: async () => {
        await new Promise((resolve) => server.close(resolve));
        await wallet.ctx.destroy();
        await database.destroy();
      },
    };
  }

  it("registers with the other host, asks the learner there, and upserts the credential", async () => {
    // Avala's wallet B is the other host; wallet A may reach it over loopback (allow-listed).
    const other = await servedWallet();
    const mine = await servedWallet([other.host]);
    try {
      const ana = new Browser(mine.wallet.app);
      await ana.signUp("ana@example.mx", "una frase bastante larga", "Ana");
      await ana.get("/add");
      await ana.post("/import/paste", { json: JSON.stringify(credentialsOf["ana"]![2]) });
      await ana.get("/credentials");
      const id = /href="\/credentials\/([0-9a-f-]{36})"/.exec(ana.lastBody)![1]!;
      await ana.get(`/credentials/${id}`);
      expect(ana.lastBody).toContain(`href="/credentials/${id}/send-ob3"`);
      expect(ana.lastBody).toContain("Enviar a otra plataforma de insignias");
      // Ana's account on the other host.
      const there = new Browser(other.wallet.app, "192.0.2.90");
      await there.signUp("ana.lopez@example.mx", "otra frase bastante larga", "Ana en B");

      // A host that is not an Open Badges host (or not reachable): said, nothing sent.
      await ana.get(`/credentials/${id}/send-ob3`);
      const wrong = await ana.post(`/credentials/${id}/send-ob3`, { host: "http://10.0.0.1/" });
      expect(wrong.status).toBe(422);
      expect(ana.lastBody).toContain("no responde como una plataforma de Open Badges");

      await ana.get(`/credentials/${id}/send-ob3`);
      const started = await ana.post(`/credentials/${id}/send-ob3`, { host: other.url });
      expect(started.status).toBe(200);
      const go = /id="send-go" href="([^"]+)"/.exec(ana.lastBody)![1]!.replace(/&amp;/g, "&");
      const authorize = new URL(go);
      expect(authorize.origin).toBe(other.url);
      expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
      expect(authorize.searchParams.get("scope")).toBe(`${SCOPE}credential.upsert`);
      // On the other host Ana sees who asks (Avala's wallet) and approves.
      await there.get(`${authorize.pathname}${authorize.search}`);
      expect(there.lastBody).toContain("Guardar certificados nuevos en tu cartera");
      const fields: Record<string, string> = { decision: "allow" };
      for (const m of there.lastBody.matchAll(
        /<input type="hidden" name="(\w+)" value="([^"]*)"/g,
      )) {
        if (m[1] !== "_csrf") fields[m[1]!] = m[2]!.replace(/&amp;/g, "&");
      }
      const approved = await there.post("/ims/ob/v3p0/oauth/authorize", fields);
      const back = new URL(approved.headers.get("location")!);
      expect(back.origin + back.pathname).toBe(`${mine.url}/ob3/send/callback`);
      // Back in her wallet: the token, then upsertCredential on the other host.
      const done = await ana.get(`${back.pathname}${back.search}`);
      expect(done.status).toBe(303);
      expect(done.headers.get("location")).toBe(`/credentials/${id}/send-ob3?m=sent`);
      await ana.get(done.headers.get("location")!);
      expect(ana.lastBody).toContain("Listo: tu certificado ya está en la otra plataforma.");
      await there.get("/credentials");
      expect(there.lastBody).toContain("Impartición de cursos");
      // The callback works once: the sealed state is gone.
      await ana.get(`${back.pathname}${back.search}`);
      expect(ana.lastBody).toContain("Este envío ya no es válido o venció.");
    } finally {
      await mine.close();
      await other.close();
    }
  });

  type Served = Awaited<ReturnType<typeof servedWallet>>;

  /** Ana with a credential in `mine`, and her account on `other`. */
  async function learner(mine: Served, other: Served) {
    const ana = new Browser(mine.wallet.app);
    await ana.signUp("ana@example.mx", "una frase bastante larga", "Ana");
    await ana.get("/add");
    await ana.post("/import/paste", { json: JSON.stringify(credentialsOf["ana"]![2]) });
    await ana.get("/credentials");
    const id = /href="\/credentials\/([0-9a-f-]{36})"/.exec(ana.lastBody)![1]!;
    const there = new Browser(other.wallet.app, "192.0.2.90");
    await there.signUp("ana.lopez@example.mx", "otra frase bastante larga", "Ana en B");
    return { ana, there, id };
  }

  /**
   * Ana sends her credential to `other` and approves there, then comes back to her wallet
   * (reading it in `language`) with `iss` as `other` set it, or as `iss` says (a value, or
   * removed): the answer, and what `other` was asked from then on.
   */
  async function sendAndComeBack(
    { ana, there, id }: Awaited<ReturnType<typeof learner>>,
    other: Served,
    iss?: string | null,
    language = "es",
  ) {
    await ana.get(`/credentials/${id}/send-ob3`);
    expect((await ana.post(`/credentials/${id}/send-ob3`, { host: other.url })).status).toBe(200);
    const go = new URL(
      /id="send-go" href="([^"]+)"/.exec(ana.lastBody)![1]!.replace(/&amp;/g, "&"),
    );
    await there.get(`${go.pathname}${go.search}`);
    const fields: Record<string, string> = { decision: "allow" };
    for (const m of there.lastBody.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)) {
      if (m[1] !== "_csrf") fields[m[1]!] = m[2]!.replace(/&amp;/g, "&");
    }
    const back = new URL(
      (await there.post("/ims/ob/v3p0/oauth/authorize", fields)).headers.get("location")!,
    );
    expect(back.searchParams.get("code")).toMatch(/^[\w-]{43}$/);
    expect(back.searchParams.get("iss")).toBe(other.url);
    if (iss === null) back.searchParams.delete("iss");
    else if (iss !== undefined) back.searchParams.set("iss", iss);
    const from = other.requests.length;
    const done = await ana.get(`${back.pathname}${back.search}`, { "accept-language": language });
    return { done, got: other.requests.slice(from) };
  }

  const TOKEN = "POST /ims/ob/v3p0/oauth/token";

  it("refuses an answer whose iss is not the host's, without redeeming the code (RFC 9207)", async () => {
    const other = await servedWallet();
    const mine = await servedWallet([other.host]);
    try {
      const who = await learner(mine, other);
      // Another server's iss (a mix-up): refused, in Spanish and English; nothing asked of the
      // host (no token request: the code and the PKCE verifier go nowhere).
      const wrong = await sendAndComeBack(who, other, "https://insignias.example");
      expect(wrong.done.status).toBe(422);
      expect(who.ana.lastBody).toContain("La respuesta no vino de la plataforma a la que fuiste");
      expect(wrong.got).toEqual([]);
      const english = await sendAndComeBack(who, other, "https://badges.example", "en");
      expect(english.done.status).toBe(422);
      expect(who.ana.lastBody).toContain("The answer did not come from the platform you went to");
      expect(english.got).toEqual([]);
      // The host says it always sends iss (its metadata): an answer without it is refused too.
      const missing = await sendAndComeBack(who, other, null);
      expect(missing.done.status).toBe(422);
      expect(missing.got).toEqual([]);
      await who.there.get("/credentials");
      expect(who.there.lastBody).not.toContain("Impartición de cursos");
      // With the host's own iss, it goes through.
      const right = await sendAndComeBack(who, other);
      expect(right.done.status).toBe(303);
      expect(right.got).toContain(TOKEN);
      await who.there.get("/credentials");
      expect(who.there.lastBody).toContain("Impartición de cursos");
    } finally {
      await mine.close();
      await other.close();
    }
  });

  it("checks iss when the host's metadata does not say it sends one, and without metadata", async () => {
    for (const metadata of ["no-iss", "none"] as const) {
      const other = await servedWallet([], metadata);
      const mine = await servedWallet([other.host]);
      try {
        const who = await learner(mine, other);
        // An iss is compared with the metadata's issuer even when the metadata does not say the
        // host sends one; with no metadata there is nothing to compare with: even the host's
        // own iss is refused.
        const present = await sendAndComeBack(
          who,
          other,
          metadata === "none" ? undefined : "https://insignias.example",
        );
        expect(present.done.status, metadata).toBe(422);
        expect(who.ana.lastBody).toContain("La respuesta no vino de la plataforma a la que fuiste");
        expect(present.got).toEqual([]);
        // An answer without iss goes through: the host did not say it sends one.
        const absent = await sendAndComeBack(who, other, null);
        expect(absent.done.status, metadata).toBe(303);
        expect(absent.got).toContain(TOKEN);
        if (metadata === "no-iss") {
          const own = await sendAndComeBack(who, other);
          expect(own.done.status).toBe(303);
        }
      } finally {
        await mine.close();
        await other.close();
      }
    }
  });
});

// The consent page in a real Chromium, in Spanish and English, on a phone and a laptop: it
// fits the screen, names the app and what it may do, and "Allow" takes the learner back to
// the app (the page's Content Security Policy lets the form's redirect go there).
describe("the consent page in Chromium", () => {
  const [sqlite] = testDatabases();
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let server: ReturnType<typeof serve>;
  let callback: ReturnType<typeof serve>;
  let base: string;
  let callbackUri: string;
  let chromium: Chromium;
  let ana: Browser;
  let clientId: string;
  let credentialId: string;

  beforeAll(async () => {
    if (!issuer) issuer = await testIssuer();
    database = await sqlite!.open<WalletTables>();
    let app: TestWallet["app"] | undefined;
    server = serve({
      fetch: (request, env) =>
        app ? app.fetch(request, env) : new Response(null, { status: 503 }),
      port: 0,
      hostname: "127.0.0.1",
    });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    callback = serve({
      fetch: () => new Response("back at the app", { headers: { "content-type": "text/plain" } }),
      port: 0,
      hostname: "127.0.0.1",
    });
    await new Promise<void>((resolve) => callback.once("listening", () => resolve()));
    callbackUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
    wallet = await openTestWallet(database, { config: { publicUrl: base } });
    app = wallet.app;
    ana = new Browser(wallet.app);
    await ana.signUp(
      "guadalupe.ramirez.hernandez@example.mx",
      "una frase bastante larga",
      "Guadalupe",
    );
    await ana.get("/add");
    await ana.post("/import/paste", {
      json: JSON.stringify(await issuer.issue(qualificationAchievement)),
    });
    await ana.get("/credentials");
    credentialId = /href="\/credentials\/([0-9a-f-]{36})"/.exec(ana.lastBody)![1]!;
    const registered = await fetch(`${base}/ims/ob/v3p0/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_name: "Bolsa de Trabajo del Estado de Jalisco",
        client_uri: "https://empleo.jalisco.example/",
        logo_uri: "https://empleo.jalisco.example/logo.png",
        tos_uri: "https://empleo.jalisco.example/terminos",
        policy_uri: "https://empleo.jalisco.example/privacidad",
        software_id: "bolsa-jalisco",
        software_version: "2.4",
        redirect_uris: [callbackUri],
      }),
    });
    clientId = (await registered.json()).client_id;
    chromium = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await new Promise((resolve) => server?.close(resolve));
    await new Promise((resolve) => callback?.close(resolve));
    await wallet?.ctx.destroy();
    await database?.destroy();
  });

  const cases = [
    [
      "es-MX",
      390,
      844,
      "¿Conectar Bolsa de Trabajo del Estado de Jalisco con tu cartera?",
      "Permitir",
    ],
    [
      "es-MX",
      1366,
      768,
      "¿Conectar Bolsa de Trabajo del Estado de Jalisco con tu cartera?",
      "Permitir",
    ],
    ["en-US", 390, 844, "Connect Bolsa de Trabajo del Estado de Jalisco to your wallet?", "Allow"],
    ["en-US", 1366, 768, "Connect Bolsa de Trabajo del Estado de Jalisco to your wallet?", "Allow"],
  ] as const;
  for (const [locale, width, height, title, allow] of cases) {
    it(`asks in ${locale} at ${width}x${height} and returns to the app`, async () => {
      const context = await chromium.newContext({ viewport: { width, height }, locale });
      await context.addCookies(
        [...ana.cookies].map(([name, value]) => ({ name, value, url: base })),
      );
      const page = await context.newPage();
      try {
        const url = new URL(`${base}/ims/ob/v3p0/oauth/authorize`);
        url.search = new URLSearchParams({
          response_type: "code",
          client_id: clientId,
          redirect_uri: callbackUri,
          scope: ALL_SCOPES,
          state: `state-${locale}-${width}`,
          code_challenge: await oauth.calculatePKCECodeChallenge(
            oauth.generateRandomCodeVerifier(),
          ),
          code_challenge_method: "S256",
        }).toString();
        await withScreenshot(page, `ob3-consent-${locale}-${width}`, async () => {
          expect((await page.goto(url.href))?.status()).toBe(200);
          expect((await page.locator("h1").textContent())?.trim()).toBe(title);
          const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(scroll).toBeLessThanOrEqual(width);
          // "Allow" is on the first screen.
          const box = await page.locator("#allow").boundingBox();
          expect(box!.y + box!.height).toBeLessThanOrEqual(height);
          await mkdir(resultsDir, { recursive: true });
          await page.screenshot({
            path: new URL(`ob3-consent-${locale}-${width}.png`, resultsDir).pathname,
            fullPage: true,
          });
          expect((await page.locator("#allow").textContent())?.trim()).toBe(allow);
          await Promise.all([page.waitForURL(/\/callback\?/), page.locator("#allow").click()]);
          const back = new URL(page.url());
          expect(back.origin + back.pathname).toBe(callbackUri);
          expect(back.searchParams.get("state")).toBe(`state-${locale}-${width}`);
          expect(back.searchParams.get("code")).toMatch(/^[\w-]{43}$/);
          // The learner's other pages of this feature fit too: Connected apps, and sending.
          for (const [name, path] of [
            ["apps", "/account/connected-apps"],
            ["send", `/credentials/${credentialId}/send-ob3`],
          ] as const) {
            expect((await page.goto(`${base}${path}`))?.status()).toBe(200);
            const wide = await page.evaluate(() => document.documentElement.scrollWidth);
            expect(wide, path).toBeLessThanOrEqual(width);
            await page.screenshot({
              path: new URL(`ob3-${name}-${locale}-${width}.png`, resultsDir).pathname,
              fullPage: true,
            });
          }
        });
      } finally {
        await context.close();
      }
    });
  }
});
