// Loopback only: every other connection is refused before it starts (Socket#connect).
import "../../test/support/loopback-only.js";
import { createServer } from "node:net";
import type { Credential } from "@avala/credentials";
import { Openid4vpClient } from "@openid4vc/openid4vp";
import { setGlobalConfig } from "@openid4vc/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StockKey } from "../../packages/credentials/test/fixtures/stock-signing.js";
import {
  stockKey,
  stockSignPresentation,
} from "../../packages/credentials/test/fixtures/stock-signing.js";
import type { RunningVerifier } from "../src/index.js";
import {
  createRequestStore,
  createVerifierApp,
  createVerifierContext,
  dcqlQueryFor,
  loadConfig,
  matchesCredentialQuery,
  startVerifier,
} from "../src/index.js";
import { selectPath } from "../src/openid4vp-query.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

// Avala's verifier asks for a certificate with OpenID4VP 1.0, and a FOREIGN wallet answers it:
// @openid4vc/openid4vp's client parses and resolves the request and builds and posts the
// response; the presentation is signed with stock @digitalbazaar/vc, as another wallet would.
// Everything runs over real HTTP on 127.0.0.1.

// The verifier listens on http://127.0.0.1 here; the library accepts only https unless told.
setGlobalConfig({ allowInsecureUrls: true });

let world: FixtureWorld;
let verifier: RunningVerifier;
let holder: StockKey;
let clock: Date;
let unit: Credential;
let microcredential: Credential;
let otherHolders: Credential;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const fail = (name: string) => () => {
  throw new Error(`the foreign wallet does not use ${name} here`);
};

/** A wallet of another maker: only the callbacks an unsigned, by-value request needs. */
const wallet = new Openid4vpClient({
  callbacks: {
    hash: async (data, alg) => {
      const { createHash } = await import("node:crypto");
      return new Uint8Array(createHash(alg.replace("-", "").toLowerCase()).update(data).digest());
    },
    fetch: (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith("http://127.0.0.1:")) throw new Error(`no network: ${url}`);
      return fetch(input, init);
    },
    signJwt: fail("signJwt"),
    verifyJwt: fail("verifyJwt"),
    encryptJwe: fail("encryptJwe"),
    decryptJwe: fail("decryptJwe"),
    getX509CertificateMetadata: fail("getX509CertificateMetadata"),
  } as ConstructorParameters<typeof Openid4vpClient>[0]["callbacks"],
});

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
  redirect: "manual" as const,
});

const unescapeHtml = (text: string) =>
  text
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

interface Asked {
  id: string;
  link: string;
  page: string;
}

/** The employer asks (the page's form) and reads the link the page shows. */
async function ask(fields: Record<string, string>): Promise<Asked> {
  const created = await fetch(`${verifier.url}/ask`, form({ lang: "en", ...fields }));
  expect(created.status).toBe(303);
  const location = created.headers.get("location")!;
  const id = /^\/ask\/([A-Za-z0-9_-]{22})\?lang=en$/.exec(location)![1]!;
  const page = await (await fetch(`${verifier.url}${location}`)).text();
  const href = /id="same-device" href="([^"]+)"/.exec(page)![1]!;
  return { id, link: unescapeHtml(href), page };
}

/** The foreign wallet reads the request. */
async function resolve(link: string) {
  const parsed = wallet.parseOpenid4vpAuthorizationRequest({ authorizationRequest: link });
  expect(parsed.type).toBe("openid4vp");
  return wallet.resolveOpenId4vpAuthorizationRequest({
    authorizationRequestPayload: parsed.params as never,
  });
}

type Resolved = Awaited<ReturnType<typeof resolve>>;

/** A presentation of `credential`, signed by the holder's did:key with stock @digitalbazaar/vc. */
async function present(
  credential: Credential,
  challenge: string,
  domain: string,
  key: StockKey = holder,
) {
  return stockSignPresentation(
    {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      holder: key.did,
      verifiableCredential: [credential],
    },
    key,
    challenge,
    domain,
  );
}

/** The foreign wallet builds its response for `vp` and posts it (direct_post). */
async function answer(resolved: Resolved, vp: Record<string, unknown>) {
  const { authorizationResponsePayload } = await wallet.createOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: resolved.authorizationRequestPayload,
    authorizationResponsePayload: { vp_token: { certificate: [vp] } as never },
  });
  const { response } = await wallet.submitOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: resolved.authorizationRequestPayload as never,
    authorizationResponsePayload,
  });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

async function statusOf(id: string): Promise<string> {
  return ((await (await fetch(`${verifier.url}/ask/${id}/status`)).json()) as { status: string })
    .status;
}

const payloadOf = (resolved: Resolved) =>
  resolved.authorizationRequestPayload as { nonce: string; client_id: string; state: string };

beforeAll(async () => {
  world = await createFixtureWorld();
  clock = world.now;
  holder = await stockKey();
  ({ credential: unit } = await world.issue({
    issuer: world.ece,
    kind: "unit",
    holderDid: holder.did,
  }));
  ({ credential: microcredential } = await world.issue({
    issuer: world.ece,
    kind: "microcredential",
    holderDid: holder.did,
  }));
  ({ credential: otherHolders } = await world.issue({
    issuer: world.ece,
    kind: "unit",
    holderDid: (await stockKey()).did,
  }));
  const port = await freePort();
  verifier = await startVerifier(
    loadConfig({
      VERIFIER_PORT: String(port),
      VERIFIER_HOST: "127.0.0.1",
      VERIFIER_PUBLIC_URL: `http://127.0.0.1:${port}`,
      AVALA_TRUST_REGISTRY: world.registryUrl,
      AVALA_TRUST_REGISTRY_OPERATOR: world.operator.controller,
      AVALA_FETCH_ALLOW_HOSTS: world.server.host,
      VERIFIER_RATE_LIMIT: "1000",
    }),
    { guardedFetch: world.guardedFetch(), now: () => clock, logger: { error: () => {} } },
  );
});

afterAll(async () => {
  await verifier?.close();
  await world?.server.close();
});

describe("the authorization request", () => {
  it("is OpenID4VP 1.0 by value: redirect_uri client id, direct_post, fresh nonce, DCQL for ldp_vc", async () => {
    const a = await ask({ kind: "unit", code: "EC0217.01" });
    expect(a.link.startsWith("openid4vp://?")).toBe(true);
    const resolved = await resolve(a.link);
    const payload = resolved.authorizationRequestPayload as Record<string, unknown>;
    const responseUri = `${verifier.url}/openid4vp/response`;
    expect(resolved.client).toMatchObject({ prefix: "redirect_uri", identifier: responseUri });
    expect(payload).toMatchObject({
      client_id: `redirect_uri:${responseUri}`,
      response_type: "vp_token",
      response_mode: "direct_post",
      response_uri: responseUri,
    });
    expect(resolved.version).toBe(100);
    expect(resolved.dcql?.query).toEqual({
      credentials: [
        {
          id: "certificate",
          format: "ldp_vc",
          meta: {
            type_values: [["https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential"]],
          },
          require_cryptographic_holder_binding: true,
          claims: [
            {
              id: "kind",
              path: ["credentialSubject", "achievement", "achievementType"],
              values: ["Competency"],
            },
            {
              id: "standard",
              path: ["credentialSubject", "achievement", "alignment", null, "targetCode"],
              values: ["EC0217.01"],
            },
          ],
        },
      ],
    });
    const again = await resolve((await ask({ kind: "unit", code: "EC0217.01" })).link);
    expect(payloadOf(again).nonce).not.toBe(payloadOf(resolved).nonce);
    expect(payloadOf(again).state).not.toBe(payloadOf(resolved).state);
    expect(payloadOf(resolved).nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // The page shows the same link as a QR code and waits for the answer.
    expect(a.page).toContain('id="request-qr" src="data:image/png;base64,');
    expect(a.page).toContain(`data-poll="/ask/${a.id}/status"`);
    expect(await statusOf(a.id)).toBe("pending");
  });

  it("offers the registry's organisations by name, and takes a typed identifier too", async () => {
    const page = await (await fetch(`${verifier.url}/ask?lang=en`)).text();
    expect(page).toContain(`<option value="${world.ece.did}">Capacita ECE</option>`);
    expect(page).toContain(`<option value="${world.conocer.did}">`);
    expect(page).not.toContain(world.stranger.did);
    const typed = await ask({ kind: "issuer", "issuer-other": world.stranger.did });
    const resolved = await resolve(typed.link);
    expect(resolved.dcql?.query).toMatchObject({
      credentials: [{ claims: [{ path: ["issuer", "id"], values: [world.stranger.did] }] }],
    });
  });

  it("refuses a bad ask on the page (400) and an unknown request (404)", async () => {
    const bad = await fetch(`${verifier.url}/ask`, form({ lang: "es", kind: "unit", code: "<x>" }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Escribe el código del estándar");
    const issuer = await fetch(`${verifier.url}/ask`, form({ kind: "issuer", issuer: "nope" }));
    expect(issuer.status).toBe(400);
    const typed = await fetch(
      `${verifier.url}/ask`,
      form({ kind: "issuer", issuer: world.ece.did, "issuer-other": "did:bad" }),
    );
    expect(typed.status).toBe(400);
    expect((await fetch(`${verifier.url}/ask/${"A".repeat(22)}`)).status).toBe(404);
    expect((await fetch(`${verifier.url}/ask/${"A".repeat(22)}/status`)).status).toBe(404);
  });
});

describe("a foreign wallet answers", () => {
  it("with the candidate's unit: accepted, and the employer's page shows it valid", async () => {
    const a = await ask({ kind: "unit", code: "EC0217.01" });
    const resolved = await resolve(a.link);
    const { nonce, client_id } = payloadOf(resolved);
    const vp = await present(unit, nonce, client_id);
    const { response, body } = await answer(resolved, vp);
    expect(response.status).toBe(200);
    expect(body).toEqual({ redirect_uri: `${verifier.url}/ask/${a.id}` });
    expect(await statusOf(a.id)).toBe("answered");
    const page = await (await fetch(`${verifier.url}/ask/${a.id}?lang=en`)).text();
    expect(page).toContain('data-verdict="valid"');
    expect(page).toContain("Deliver the training session");
    expect(page).toContain('data-code="openid4vp.matches"');
    expect(page).toContain('data-code="openid4vp.holder-bound"');
    expect(page).toContain("Capacita ECE");

    // Replayed: the same response again is refused, and the result stays.
    const replay = await answer(resolved, vp);
    expect(replay.response.status).toBe(400);
    expect(replay.body).toMatchObject({ error: "invalid_request" });
    expect(String(replay.body.error_description)).toMatch(/already been answered/);
    expect(await statusOf(a.id)).toBe("answered");

    // Replayed at another request: its nonce is not this one's.
    const b = await ask({ kind: "unit", code: "EC0217.01" });
    const other = await resolve(b.link);
    const moved = await answer(other, vp);
    expect(moved.response.status).toBe(400);
    expect(moved.body).toMatchObject({ error: "invalid_request" });
    const bPage = await (await fetch(`${verifier.url}/ask/${b.id}?lang=en`)).text();
    expect(bPage).toContain('data-verdict="invalid"');
  });

  it("any SEP microcredential and any certificate from an issuer", async () => {
    for (const [fields, credential] of [
      [{ kind: "microcredential" }, microcredential],
      [{ kind: "issuer", issuer: world.ece.did }, unit],
    ] as const) {
      const resolved = await resolve((await ask(fields)).link);
      const { nonce, client_id } = payloadOf(resolved);
      const { response } = await answer(resolved, await present(credential, nonce, client_id));
      expect(response.status).toBe(200);
    }
  });
});

describe("refusals", () => {
  async function refused(
    fields: Record<string, string>,
    build: (p: { nonce: string; client_id: string }) => Promise<Record<string, unknown>>,
    expectCode: string,
  ) {
    const a = await ask(fields);
    const resolved = await resolve(a.link);
    const { response, body } = await answer(resolved, await build(payloadOf(resolved)));
    expect(response.status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_request" });
    expect(await statusOf(a.id)).toBe("answered");
    const page = await (await fetch(`${verifier.url}/ask/${a.id}?lang=en`)).text();
    expect(page).toContain('data-verdict="invalid"');
    expect(page).toContain(`data-code="${expectCode}"`);
  }

  const unitAsk = { kind: "unit", code: "EC0217.01" };

  it("a presentation signed over another nonce", async () => {
    await refused(
      unitAsk,
      ({ client_id }) => present(unit, "not-the-nonce", client_id),
      "presentation.challenge-mismatch",
    );
  });

  it("a presentation signed for another verifier (domain / client_id)", async () => {
    await refused(
      unitAsk,
      ({ nonce }) => present(unit, nonce, "redirect_uri:https://elsewhere.example/response"),
      // The core names a wrong challenge and a wrong domain alike ("signed for another request").
      "presentation.challenge-mismatch",
    );
  });

  it("a credential that is not what was asked", async () => {
    await refused(
      { kind: "unit", code: "EC0999.01" },
      ({ nonce, client_id }) => present(unit, nonce, client_id),
      "openid4vp.no-match",
    );
    await refused(
      { kind: "microcredential" },
      ({ nonce, client_id }) => present(unit, nonce, client_id),
      "openid4vp.no-match",
    );
  });

  it("a tampered credential", async () => {
    const tampered = structuredClone(unit);
    const subject = tampered.credentialSubject as { achievement: { name: string } };
    subject.achievement.name = "Dirección general";
    await refused(
      unitAsk,
      ({ nonce, client_id }) => present(tampered, nonce, client_id),
      "proof.invalid",
    );
  });

  it("someone else's credential (no holder binding)", async () => {
    await refused(
      unitAsk,
      ({ nonce, client_id }) => present(otherHolders, nonce, client_id),
      "openid4vp.subject-not-holder",
    );
  });

  it("an expired request", async () => {
    const a = await ask(unitAsk);
    const resolved = await resolve(a.link);
    const { nonce, client_id } = payloadOf(resolved);
    const vp = await present(unit, nonce, client_id);
    const start = clock;
    clock = new Date(start.getTime() + 11 * 60_000);
    try {
      expect(await statusOf(a.id)).toBe("expired");
      const { response, body } = await answer(resolved, vp);
      expect(response.status).toBe(400);
      expect(body).toMatchObject({ error: "invalid_request" });
      expect(String(body.error_description)).toMatch(/expired/);
    } finally {
      clock = start;
    }
  });

  it("bad bodies: oversized (413), not a form (415), malformed (400, request not used up), unknown state", async () => {
    const a = await ask(unitAsk);
    const { state } = payloadOf(await resolve(a.link));
    const post = (body: string, type = "application/x-www-form-urlencoded") =>
      fetch(`${verifier.url}/openid4vp/response`, {
        method: "POST",
        headers: { "content-type": type },
        body,
      });
    const big = await post(`state=${state}&vp_token=${"a".repeat(3 * 1024 * 1024)}`);
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: "invalid_request" });
    const json = await post(JSON.stringify({ state }), "application/json");
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ error: "invalid_request" });
    for (const body of [
      `state=${state}&vp_token=not-json`,
      `state=${state}&vp_token=${encodeURIComponent('{"other":[{}]}')}`,
      `state=${state}&vp_token=${encodeURIComponent('{"certificate":{}}')}`,
      `state=${state}&vp_token=${encodeURIComponent('{"certificate":[{},{}]}')}`,
      `state=${state}&vp_token=${encodeURIComponent('{"certificate":["a.b.c"]}')}`,
      `state=${state}&vp_token=${encodeURIComponent("[".repeat(500))}`,
      `state=${state}&state=${state}&vp_token=${encodeURIComponent('{"certificate":[{}]}')}`,
      `vp_token=${encodeURIComponent('{"certificate":[{}]}')}`,
    ]) {
      const res = await post(body);
      expect(res.status, body.slice(0, 80)).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await res.json()).toMatchObject({ error: "invalid_request" });
    }
    expect(await statusOf(a.id)).toBe("pending");
    const unknown = await post(
      `state=unknown&vp_token=${encodeURIComponent('{"certificate":[{}]}')}`,
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: "invalid_request" });
  });

  it("a holder who declines: access_denied is recorded, once", async () => {
    const a = await ask(unitAsk);
    const { state } = payloadOf(await resolve(a.link));
    const res = await fetch(
      `${verifier.url}/openid4vp/response`,
      form({ error: "access_denied", state }),
    );
    expect(res.status).toBe(200);
    expect(await statusOf(a.id)).toBe("declined");
    const page = await (await fetch(`${verifier.url}/ask/${a.id}?lang=en`)).text();
    expect(page).toContain("chose not to share");
  });
});

describe("the library", () => {
  it("selects DCQL claims paths (null = every element) and matches credentials to the query", () => {
    const doc = { a: [{ b: 1 }, { b: 2 }, { c: 3 }], d: { e: "x" } };
    expect(selectPath(doc, ["a", null, "b"])).toEqual([1, 2]);
    expect(selectPath(doc, ["a", 1, "b"])).toEqual([2]);
    expect(selectPath(doc, ["d", "e"])).toEqual(["x"]);
    expect(selectPath(doc, ["d", null])).toEqual([]);
    const [unitQuery] = dcqlQueryFor({ kind: "unit", standard: "EC0217.01" }).credentials;
    const [microQuery] = dcqlQueryFor({ kind: "microcredential" }).credentials;
    const [standardQuery] = dcqlQueryFor({ kind: "standard", code: "EC0217.01" }).credentials;
    const [issuerQuery] = dcqlQueryFor({ kind: "issuer", issuer: world.ece.did }).credentials;
    expect(matchesCredentialQuery(unit, unitQuery!)).toBe(true);
    expect(matchesCredentialQuery(unit, microQuery!)).toBe(false);
    expect(matchesCredentialQuery(unit, standardQuery!)).toBe(false);
    expect(matchesCredentialQuery(unit, issuerQuery!)).toBe(true);
    expect(matchesCredentialQuery(microcredential, microQuery!)).toBe(true);
    // The type must be OB 3.0's, as its context defines it.
    const untyped = { ...unit, type: ["VerifiableCredential"] };
    expect(matchesCredentialQuery(untyped, unitQuery!)).toBe(false);
    const noObContext = { ...unit, "@context": ["https://www.w3.org/ns/credentials/v2"] };
    expect(matchesCredentialQuery(noObContext, unitQuery!)).toBe(false);
  });

  it("keeps at most maxRequests, expires them, and lets each be claimed once", () => {
    let now = 0;
    const store = createRequestStore({ now: () => now, maxRequests: 2, ttlMs: 1000, keepMs: 500 });
    const request = (n: number) => ({
      id: `id-${n}`,
      state: `state-${n}`,
      nonce: `nonce-${n}`,
      clientId: "redirect_uri:http://127.0.0.1/openid4vp/response",
      ask: { kind: "microcredential" as const },
      dcql: dcqlQueryFor({ kind: "microcredential" }),
    });
    expect(store.add(request(1))).toBe(true);
    expect(store.add(request(2))).toBe(true);
    expect(store.add(request(3))).toBe(false);
    const claimed = store.claim("state-1");
    expect("refused" in claimed).toBe(false);
    expect(store.claim("state-1")).toEqual({ refused: "answered" });
    expect(store.claim("state-9")).toEqual({ refused: "unknown" });
    now = 1000;
    expect(store.claim("state-2")).toEqual({ refused: "expired" });
    expect(store.byId("id-2")?.status).toBe("expired");
    now = 1500;
    expect(store.add(request(3))).toBe(true);
    expect(store.size()).toBe(1);
  });

  it("answers a rate-limited wallet in OAuth's form (429, Retry-After)", async () => {
    const config = loadConfig({
      VERIFIER_PUBLIC_URL: "http://127.0.0.1:9",
      VERIFIER_RATE_LIMIT: "1",
    });
    const app = createVerifierApp(
      createVerifierContext(config, {
        guardedFetch: world.guardedFetch(),
        logger: { error: () => {} },
      }),
    );
    const post = () =>
      app.request("/openid4vp/response", form({ state: "x", vp_token: '{"certificate":[{}]}' }));
    expect((await post()).status).toBe(400);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ error: "temporarily_unavailable" });
  });
});
