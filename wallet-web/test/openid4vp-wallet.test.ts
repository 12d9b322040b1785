// Loopback only: every other connection is refused before it starts (Socket#connect).
import "../../test/support/loopback-only.js";
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { didKeyOfJwk } from "@avala/vc-jwt";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { serve } from "@hono/node-server";
import { Openid4vpVerifier } from "@openid4vc/openid4vp";
import { setGlobalConfig } from "@openid4vc/utils";
import { Hono } from "hono";
import { CompactSign, exportJWK, generateKeyPair } from "jose";
import type { Browser as Chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchChromium, resultsDir } from "../../test/support/browser.js";
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
 * A FOREIGN verifier asks Avala's wallet for a credential with OpenID4VP 1.0: the request is made
 * and the response parsed and validated by @openid4vc/openid4vp 0.4.6 (not Avala code), running
 * over real HTTP on loopback, and the presentations are verified with stock @digitalbazaar/vc
 * (DataIntegrityProof, eddsa-rdfc-2022) with the request's nonce as challenge and its client_id
 * as domain. The wallet runs in-process (app.request) and reaches the verifier through its
 * guarded fetcher and guarded POST (the verifier's host is allow-listed, as in other tests).
 */

// The foreign library refuses http URLs unless told: the verifier runs on loopback over http.
setGlobalConfig({ allowInsecureUrls: true });

const OB_TYPE = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential";
const unitOf = (standard: string) => ({
  credentials: [
    {
      id: "certificate",
      format: "ldp_vc",
      meta: { type_values: [[OB_TYPE]] },
      claims: [
        {
          id: "kind",
          path: ["credentialSubject", "achievement", "achievementType"],
          values: ["Competency"],
        },
        {
          id: "standard",
          path: ["credentialSubject", "achievement", "alignment", null, "targetCode"],
          values: [standard],
        },
      ],
    },
  ],
});
const microcredential = {
  credentials: [
    {
      id: "micro",
      format: "ldp_vc",
      meta: { type_values: [[OB_TYPE]] },
      claims: [
        {
          path: ["credentialSubject", "achievement", "achievementType"],
          values: ["MicroCredential"],
        },
      ],
    },
  ],
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

interface Received {
  form: Record<string, string>;
  verified?: boolean;
  challenge?: string;
  domain?: string;
  credentialIds?: string[];
  error?: string;
}

/** The foreign verifier: @openid4vc/openid4vp for the protocol, @digitalbazaar/vc to verify. */
async function foreignVerifier() {
  const own = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const stranger = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const did = didKeyOfJwk(await exportJWK(own.publicKey))!;
  let signingKey = own.privateKey;
  const verifier = new Openid4vpVerifier({
    callbacks: {
      // redirect_uri: requests are unsigned (1.0, 5.9.3): a request object with alg "none";
      // decentralized_identifier: ones are signed with the verifier's did:key (jose).
      signJwt: async (
        signer: { alg: string },
        { header, payload }: { header: object; payload: object },
      ) => ({
        jwt:
          signer.alg === "none"
            ? `${b64({ ...header, alg: "none" })}.${b64(payload)}.`
            : await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
                .setProtectedHeader({ ...header, alg: signer.alg })
                .sign(signingKey),
        signerJwk: undefined,
      }),
    } as never,
  });
  const sessions = new Map<
    string,
    { payload: Record<string, unknown>; jwt?: string; received: Received[] }
  >();
  const app = new Hono();
  let origin = "";
  app.get("/request/:state", (c) => {
    const session = sessions.get(c.req.param("state"));
    if (!session?.jwt) return c.json({ error: "invalid_request" }, 404);
    return c.body(session.jwt, 200, { "content-type": "application/oauth-authz-req+jwt" });
  });
  app.post("/response", async (c) => {
    const form = Object.fromEntries(
      Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]),
    );
    const session = sessions.get(form["state"] ?? "");
    if (!session) return c.json({ error: "invalid_request" }, 400);
    const received: Received = { form };
    session.received.push(received);
    if (form["error"]) {
      received.error = form["error"];
      return c.json({});
    }
    const parsed = await verifier.parseOpenid4vpAuthorizationResponse({
      authorizationResponse: { ...form, vp_token: JSON.parse(form["vp_token"] ?? "null") },
      authorizationRequestPayload: session.payload as never,
      callbacks: {} as never,
    });
    if (parsed.type !== "dcql") return c.json({ error: "invalid_request" }, 400);
    const presentations = Object.values(parsed.dcql.presentations).flat() as Array<
      Record<string, unknown>
    >;
    received.verified = true;
    received.credentialIds = [];
    for (const presentation of presentations) {
      const result = await vc.verify({
        presentation,
        challenge: parsed.expectedNonce,
        domain: session.payload["client_id"] as string,
        suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
        documentLoader,
      });
      received.verified &&= result.verified === true;
      const proof = presentation["proof"] as Record<string, string>;
      received.challenge = proof["challenge"];
      received.domain = proof["domain"];
      const credentials = presentation["verifiableCredential"] as Array<{ id: string }>;
      received.credentialIds.push(...credentials.map((credential) => credential.id));
    }
    return c.json({ redirect_uri: `${origin}/done/${form["state"]}` });
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    did,
    host: new URL(origin).host,
    sessions,
    /**
     * A new request: its `openid4vp://` link, by value or by reference; `signed`: with the
     * client id `decentralized_identifier:<its did:key>`, signed with that key (or, with
     * `signed: "stranger"`, with another key while naming that DID's).
     */
    async ask(query: object, options: { byReference?: boolean; signed?: true | "stranger" } = {}) {
      const state = randomBytes(16).toString("base64url");
      const responseUri = `${origin}/response`;
      signingKey = options.signed === "stranger" ? stranger.privateKey : own.privateKey;
      const created = await verifier.createOpenId4vpAuthorizationRequest({
        authorizationRequestPayload: {
          response_type: "vp_token",
          response_mode: "direct_post",
          client_id: options.signed
            ? `decentralized_identifier:${did}`
            : `redirect_uri:${responseUri}`,
          response_uri: responseUri,
          nonce: randomBytes(16).toString("base64url"),
          state,
          dcql_query: query,
        },
        ...(options.byReference || options.signed
          ? {
              jar: {
                requestUri: `${origin}/request/${state}`,
                jwtSigner: (options.signed
                  ? {
                      method: "did",
                      alg: "EdDSA",
                      didUrl: `${did}#${did.slice("did:key:".length)}`,
                    }
                  : { method: "custom", alg: "none" }) as never,
                expiresInSeconds: 600,
              },
            }
          : {}),
      });
      sessions.set(state, {
        payload: created.authorizationRequestPayload as Record<string, unknown>,
        ...(created.jar ? { jwt: created.jar.authorizationRequestJwt } : {}),
        received: [],
      });
      return { link: created.authorizationRequest, state, session: sessions.get(state)! };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type ForeignVerifier = Awaited<ReturnType<typeof foreignVerifier>>;

let foreign: ForeignVerifier;
beforeAll(async () => {
  foreign = await foreignVerifier();
});
afterAll(() => foreign.close());

/** Signs up Ana and gives her credentials bound to her wallet's DID (pasted, as issued to her). */
async function anaWithCredentials(wallet: TestWallet) {
  const ana = new Browser(wallet.app);
  await ana.signUp("ana@example.mx");
  const account = await wallet.ctx.db
    .selectFrom("wallet_account")
    .select("holder_did")
    .executeTakeFirstOrThrow();
  const issuer = await testIssuer("Centro Evaluador Demostración");
  const credentials = [
    await issuer.issue(unitAchievement("U0586"), { subjectDid: account.holder_did }),
    await issuer.issue(unitAchievement("U0587"), { subjectDid: account.holder_did }),
    await issuer.issue(qualificationAchievement, { subjectDid: account.holder_did }),
  ];
  for (const credential of credentials) {
    await ana.get("/add");
    const added = await ana.post("/import/paste", { json: JSON.stringify(credential) });
    expect(added.status).toBe(200);
  }
  const rows = await wallet.ctx.db
    .selectFrom("wallet_credential")
    .select(["public_id", "document"])
    .execute();
  const idOf = (credential: { id?: unknown }) =>
    rows.find((row) => JSON.parse(row.document).id === credential.id)!.public_id;
  return { ana, credentials, idOf };
}

/** Opens a request link the way /add does with a pasted link; returns the consent page path. */
async function open(ana: Browser, link: string) {
  await ana.get("/add");
  const pasted = await ana.post("/import/url", { url: link });
  expect(pasted.status).toBe(303);
  const landing = pasted.headers.get("location")!;
  expect(landing.startsWith("/openid4vp?")).toBe(true);
  return ana.get(landing);
}

describe.each(testDatabases())(
  "a foreign OpenID4VP verifier asks Avala's wallet, on $name",
  ({ open: openDatabase }) => {
    let database: Database<WalletTables>;
    let wallet: TestWallet;

    beforeEach(async () => {
      database = await openDatabase<WalletTables>();
      wallet = await openTestWallet(database, { config: { fetchAllowHosts: [foreign.host] } });
    });
    afterEach(async () => {
      await wallet.ctx.destroy();
      await database.destroy();
    });

    for (const byReference of [false, true]) {
      it(`answers with only the credential the holder picked, bound to nonce and client id (${byReference ? "request_uri" : "by value"})`, async () => {
        const { ana, credentials, idOf } = await anaWithCredentials(wallet);
        const { link, session } = await foreign.ask(unitOf("EC0217.01"), { byReference });
        const opened = await open(ana, link);
        expect(opened.status).toBe(303);
        const page = await ana.get(opened.headers.get("location")!);
        expect(page.status).toBe(200);
        const html = ana.lastBody;
        // Who asks (the response URI's site), what, and which credentials match, in plain words.
        expect(html).toContain(`${foreign.host} te pide:`);
        expect(html).toContain("Una unidad de competencia del estándar EC0217.01");
        expect(html).toContain("Unidad U0586");
        expect(html).toContain("Unidad U0587");
        expect(html).not.toContain('value="' + idOf(credentials[2]!) + '"'); // the standard itself: not a unit
        expect(html).not.toMatch(/did:key|dcql|vp_token|nonce/i);
        const action = /action="(\/openid4vp\/requests\/[^"]+\/answer)"/.exec(html)![1]!;
        // The holder picks the second unit.
        const sent = await ana.post(action, { "q.certificate": idOf(credentials[1]!) });
        expect(sent.status).toBe(200);
        expect(ana.lastBody).toContain("Listo: compartiste tu certificado");
        expect(ana.lastBody).toContain(`href="${foreign.origin}/done/`);
        expect(session.received).toHaveLength(1);
        const received = session.received[0]!;
        expect(received.verified).toBe(true);
        expect(received.challenge).toBe(session.payload["nonce"]);
        expect(received.domain).toBe(session.payload["client_id"]);
        expect(received.form["state"]).toBe(session.payload["state"]);
        expect(received.credentialIds).toEqual([credentials[1]!.id]);
      });
    }

    it("reads a request signed by the verifier's DID (decentralized_identifier:), refuses one signed by another key", async () => {
      const { ana, credentials, idOf } = await anaWithCredentials(wallet);
      const forged = await foreign.ask(unitOf("EC0217.01"), { signed: "stranger" });
      expect((await open(ana, forged.link)).status).toBe(400);
      expect(ana.lastBody).toContain("No podemos confirmar quién hace la solicitud");
      const { link, session } = await foreign.ask(unitOf("EC0217.01"), { signed: true });
      expect(link).toContain("request_uri=");
      const opened = await open(ana, link);
      expect(opened.status).toBe(303);
      await ana.get(opened.headers.get("location")!);
      expect(ana.lastBody).toContain(`${foreign.host} te pide:`);
      const action = /action="(\/openid4vp\/requests\/[^"]+\/answer)"/.exec(ana.lastBody)![1]!;
      expect((await ana.post(action, { "q.certificate": idOf(credentials[0]!) })).status).toBe(200);
      const received = session.received[0]!;
      expect(received.verified).toBe(true);
      expect(received.domain).toBe(`decentralized_identifier:${foreign.did}`);
      expect(received.challenge).toBe(session.payload["nonce"]);
      expect(forged.session.received).toEqual([]);
    });

    it("takes the request from the camera scan and from the claim field on /add too", async () => {
      const { ana } = await anaWithCredentials(wallet);
      const { link } = await foreign.ask(unitOf("EC0217.01"));
      await ana.get("/add");
      const scanned = await ana.post("/add/scan", { text: link });
      expect(scanned.status).toBe(303);
      expect(scanned.headers.get("location")).toBe(`/openid4vp?${link.split("?")[1]}`);
      const typed = await ana.get(`/claim?offer=${encodeURIComponent(link)}`);
      expect(typed.status).toBe(303);
      expect(typed.headers.get("location")).toBe(`/openid4vp?${link.split("?")[1]}`);
      const consent = await ana.get(scanned.headers.get("location")!);
      expect(consent.status).toBe(303);
      expect((await ana.get(consent.headers.get("location")!)).status).toBe(200);
    });

    it("tells the verifier access_denied when the holder declines, and sends nothing else", async () => {
      const { ana } = await anaWithCredentials(wallet);
      const { link, session } = await foreign.ask(unitOf("EC0217.01"));
      const consent = await ana.get((await open(ana, link)).headers.get("location")!);
      expect(consent.status).toBe(200);
      const action = /action="(\/openid4vp\/requests\/[^"]+\/decline)"/.exec(ana.lastBody)![1]!;
      const declined = await ana.post(action, {});
      expect(declined.status).toBe(200);
      expect(ana.lastBody).toContain("No compartiste nada");
      expect(session.received.map((r) => r.form)).toEqual([
        { error: "access_denied", state: session.payload["state"] },
      ]);
    });

    it("says so when nothing matches, offers only to decline", async () => {
      const { ana } = await anaWithCredentials(wallet);
      const { link, session } = await foreign.ask(microcredential);
      await ana.get((await open(ana, link)).headers.get("location")!);
      expect(ana.lastBody).toContain("No tienes en tu cartera un certificado como el que piden");
      expect(ana.lastBody).toContain("Una microcredencial");
      expect(ana.lastBody).not.toMatch(/\/answer"/);
      // A forged answer is refused without sending anything.
      const id = /\/openid4vp\/requests\/([^/"]+)\/decline/.exec(ana.lastBody)![1]!;
      const forged = await ana.post(`/openid4vp/requests/${id}/answer`, { "q.micro": "x" });
      expect(forged.status).toBe(422);
      expect(session.received).toHaveLength(0);
    });

    it("never answers the same request twice (replayed link, second click)", async () => {
      const { ana, credentials, idOf } = await anaWithCredentials(wallet);
      const { link, session } = await foreign.ask(unitOf("EC0217.01"));
      await ana.get((await open(ana, link)).headers.get("location")!);
      const action = /action="(\/openid4vp\/requests\/[^"]+\/answer)"/.exec(ana.lastBody)![1]!;
      const csrf = ana.csrf;
      expect((await ana.post(action, { "q.certificate": idOf(credentials[0]!) })).status).toBe(200);
      const again = await ana.post(action, { "q.certificate": idOf(credentials[0]!) }, { csrf });
      expect(again.status).toBe(409);
      expect(ana.lastBody).toContain("Ya respondiste a esta solicitud");
      const replay = await open(ana, link);
      expect(replay.status).toBe(409);
      expect(ana.lastBody).toContain("Ya respondiste a esta solicitud");
      expect(session.received).toHaveLength(1);
    });

    it("refuses malformed, oversized and unsupported requests in plain words, sending nothing", async () => {
      const { ana } = await anaWithCredentials(wallet);
      const response = `${foreign.origin}/response`;
      const base = {
        client_id: `redirect_uri:${response}`,
        response_type: "vp_token",
        response_mode: "direct_post",
        response_uri: response,
        nonce: "n-0S6_WzA2Mj",
        state: "s1",
        dcql_query: JSON.stringify(unitOf("EC0217.01")),
      };
      const link = (params: Record<string, string | undefined>) =>
        `openid4vp://?${new URLSearchParams(
          Object.entries({ ...base, ...params }).filter(
            (entry): entry is [string, string] => entry[1] !== undefined,
          ),
        )}`;
      const unsigned = (payload: object) => `${b64({ alg: "none" })}.${b64(payload)}.`;
      const cases: Array<[string, string, string]> = [
        [link({ nonce: undefined }), "malformed", "le falta algo"],
        [link({ dcql_query: "{not json" }), "malformed", "le falta algo"],
        [link({ dcql_query: JSON.stringify({ credentials: [] }) }), "malformed", "le falta algo"],
        [link({ response_type: "code" }), "malformed", "le falta algo"],
        [link({ response_mode: "direct_post.jwt" }), "response-mode", "de una forma"],
        [link({ response_mode: undefined }), "response-mode", "de una forma"],
        [link({ client_id: "redirect_uri:https://otro.example/response" }), "mismatch", "a otro"],
        [link({ client_id: `x509_san_dns:${foreign.host}` }), "client", "quién hace"],
        [
          link({ client_id: "redirect_uri:http://10.0.0.1/r", response_uri: "http://10.0.0.1/r" }),
          "insecure",
          "sin conexión segura",
        ],
        [
          link({
            dcql_query: JSON.stringify({ credentials: [{ id: "m", format: "mso_mdoc" }] }),
          }),
          "format",
          "no guarda",
        ],
        [link({ presentation_definition: "{}" }), "format", "no guarda"],
        [link({ state: "x".repeat(20_000) }), "too-large", "demasiado grande"],
        [
          `openid4vp://?client_id=${encodeURIComponent(base.client_id)}&request=${unsigned({ ...base, client_id: "redirect_uri:https://a.example/r" })}`,
          "mismatch",
          "a otro",
        ],
        [
          `openid4vp://?client_id=${encodeURIComponent(base.client_id)}&request=${b64({ alg: "ES256" })}.${b64(base)}.c2ln`,
          "signed",
          "quién hace",
        ],
        [
          `openid4vp://?client_id=${encodeURIComponent(base.client_id)}&request_uri=${encodeURIComponent(`${foreign.origin}/request/unknown`)}`,
          "request_uri fails",
          "No pudimos leer la solicitud",
        ],
      ];
      for (const [text, name, words] of cases) {
        const page = await ana.get(`/openid4vp?${text.slice(text.indexOf("?") + 1)}`);
        expect([400, 413], name).toContain(page.status);
        expect(ana.lastBody, name).toContain(words);
        expect(ana.lastBody, name).toContain("No se envió nada de tu cartera");
      }
      // Pasted on /add, a malformed request link lands on the same refusal, never a 500.
      const pasted = await ana.post("/import/url", { url: link({ nonce: undefined }) });
      expect(pasted.status).toBe(303);
      expect((await ana.get(pasted.headers.get("location")!)).status).toBe(400);
      const stored = await wallet.ctx.db
        .selectFrom("wallet_presentation_request")
        .select("id")
        .execute();
      expect(stored).toEqual([]);
      for (const session of foreign.sessions.values()) {
        expect(session.received.length).toBeLessThanOrEqual(1);
      }
    });
  },
);

// The consent page in Chromium at a phone's and a laptop's size, in Spanish and English: nothing
// wider than the screen. One database: this is about layout. Screenshots in test-results/.
const [sqlite] = testDatabases();

describe("the consent page in Chromium", () => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let server: ReturnType<typeof serve>;
  let origin: string;
  let chromium: Chromium;
  let ana: Browser;

  beforeAll(async () => {
    database = await sqlite!.open<WalletTables>();
    wallet = await openTestWallet(database, { config: { fetchAllowHosts: [foreign.host] } });
    ({ ana } = await anaWithCredentials(wallet));
    server = serve({ fetch: wallet.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    chromium = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await new Promise((resolve) => server?.close(resolve));
    await wallet?.ctx.destroy();
    await database?.destroy();
  });

  for (const locale of ["es-MX", "en-US"]) {
    for (const [width, height] of [
      [390, 844],
      [1366, 768],
    ] as const) {
      it(`fits ${width}x${height} in ${locale}, and the holder can share from it`, async () => {
        const { link, session } = await foreign.ask(unitOf("EC0217.01"));
        const context = await chromium.newContext({
          viewport: { width, height },
          isMobile: width < 500,
          hasTouch: width < 500,
          locale,
        });
        await context.addCookies(
          [...ana.cookies].map(([name, value]) => ({ name, value, url: origin })),
        );
        const page = await context.newPage();
        try {
          await page.goto(`${origin}/openid4vp?${link.slice(link.indexOf("?") + 1)}`);
          expect(new URL(page.url()).pathname).toMatch(/^\/openid4vp\/requests\//);
          const words = locale === "es-MX" ? "te pide:" : "asks you for:";
          expect(await page.textContent("main")).toContain(words);
          const measured = await page.evaluate((screen) => {
            const wide = [...document.querySelectorAll("body *")]
              .filter((e) => e.getBoundingClientRect().right > screen + 0.5)
              .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
            return { scroll: document.documentElement.scrollWidth, wide };
          }, width);
          expect(measured.wide).toEqual([]);
          expect(measured.scroll).toBeLessThanOrEqual(width);
          await mkdir(resultsDir, { recursive: true });
          await page.screenshot({
            path: new URL(`openid4vp-consent-${width}x${height}-${locale}.png`, resultsDir)
              .pathname,
            fullPage: true,
          });
          await page.click("#consent button[type=submit]");
          await page.waitForSelector("h1");
          expect(await page.textContent("h1")).toBe(
            locale === "es-MX"
              ? "Listo: compartiste tu certificado"
              : "Done: you shared your certificate",
          );
          expect(session.received[0]?.verified).toBe(true);
        } finally {
          await context.close();
        }
      });
    }
  }
});
