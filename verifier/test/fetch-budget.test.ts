import http, { type IncomingMessage } from "node:http";
import net, { type AddressInfo } from "node:net";
import type { Credential } from "@avala/credentials";
import { buildPresentation } from "@avala/credentials";
import { createFetchBudget, GUARDED_FETCH_USER_AGENT } from "@avala/guarded-fetch";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningVerifier, VerifierConfig } from "../src/index.js";
import {
  createTrustRegistrySource,
  loadConfig,
  startVerifier,
  unwrapOwnLink,
  verify,
} from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

// One incoming request may cause at most `VERIFIER_FETCH_BUDGET` (16) outgoing requests, and the
// verifier never fetches its own pages. Everything here is real HTTP on 127.0.0.1: the verifier
// as `startVerifier` runs it (its own fetchers, with DNS stubbed), the fixture world's server,
// and a redirecting server. Two tripwires: every request any server here receives is recorded
// (so outgoing fetches are counted where they arrive), and a socket may connect to 127.0.0.1
// only, so a broken guard fails a test instead of sending traffic anywhere else.

interface Received {
  port: number;
  path: string;
  fromFetcher: boolean;
}

let received: Received[] = [];
const realEmit = http.Server.prototype.emit;
const realConnect = net.Socket.prototype.connect;

function recordRequests(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
  if (event === "request") {
    const req = args[0] as IncomingMessage;
    received.push({
      port: (this.address() as AddressInfo).port,
      path: req.url ?? "",
      fromFetcher: req.headers["user-agent"] === GUARDED_FETCH_USER_AGENT,
    });
  }
  return Reflect.apply(realEmit, this, [event, ...args]) as boolean;
}

type LookupCallback = Parameters<net.LookupFunction>[2];

function loopbackOnly(this: net.Socket, ...args: Parameters<net.Socket["connect"]>): net.Socket {
  // net.createConnection passes its normalized [options, callback] pair as the first argument.
  const first: unknown = args[0];
  const options = (Array.isArray(first) ? first[0] : first) as net.TcpNetConnectOpts;
  const host = options.host ?? "localhost";
  if (net.isIP(host) !== 0 && host !== "127.0.0.1") {
    throw new Error(`test tripwire: blocked a connection to ${host}`);
  }
  const lookup = options.lookup;
  if (net.isIP(host) === 0) {
    // A name: only through the fetcher's pinned lookup, and only to 127.0.0.1.
    if (lookup === undefined) throw new Error(`test tripwire: unpinned lookup of ${host}`);
    options.lookup = (hostname, lookupOptions, callback) =>
      lookup(hostname, lookupOptions, ((error, address, family) => {
        const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
        if (addresses.some((a) => a !== "127.0.0.1")) {
          callback(new Error(`test tripwire: blocked a connection to ${addresses.join(", ")}`), "");
        } else callback(error, address, family);
      }) as LookupCallback);
  }
  return realConnect.apply(this, args);
}

/** DNS for the verifier's fetchers: `localhost` is 127.0.0.1, every other name fails. */
const loopbackDns = async (hostname: string) => {
  if (hostname === "localhost") return [{ address: "127.0.0.1", family: 4 }];
  throw new Error(`DNS is off in tests (${hostname})`);
};

/** Requests the verifier's guarded fetchers sent, by where they arrived. */
function fetches(port?: number): Received[] {
  return received.filter((r) => r.fromFetcher && (port === undefined || r.port === port));
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let world: FixtureWorld;
let valid: Credential;
let credentialUrl: string;
let redirector: http.Server;
let redirectorHost: string;
let redirectTarget = "";
const running: RunningVerifier[] = [];

async function configFor(env: Record<string, string> = {}): Promise<VerifierConfig> {
  const port = await freePort();
  return loadConfig({
    VERIFIER_PORT: String(port),
    VERIFIER_HOST: "127.0.0.1",
    VERIFIER_PUBLIC_URL: `http://127.0.0.1:${port}`,
    AVALA_TRUST_REGISTRY: world.registryUrl,
    AVALA_TRUST_REGISTRY_OPERATOR: world.operator.controller,
    // As in the local demo, the verifier's own host is allow-listed (and another name for it).
    AVALA_FETCH_ALLOW_HOSTS: [
      world.server.host,
      redirectorHost,
      `127.0.0.1:${port}`,
      `localhost:${port}`,
    ].join(","),
    VERIFIER_RATE_LIMIT: "1000",
    ...env,
  });
}

/** The verifier as it runs in production, on 127.0.0.1, with its own fetchers. */
async function startTestVerifier(env: Record<string, string> = {}) {
  const verifier = await startVerifier(await configFor(env), {
    now: () => world.now,
    lookup: loopbackDns,
    logger: { error: () => {} },
  });
  running.push(verifier);
  return { verifier, port: Number(new URL(verifier.url).port) };
}

/** `levels` times the verifier's own page around `inner`, as a 4 KB hostile link would be. */
function nest(origin: string, inner: string, levels: number): string {
  let url = inner;
  for (let i = 0; i < levels; i++) url = `${origin}/?url=${url}`;
  return url;
}

const postJson = (url: string, body: unknown) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": "en" },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  world = await createFixtureWorld();
  const endorsement = await world.endorse(world.sep, world.entidad);
  ({ credential: valid } = await world.issue({
    issuer: world.entidad,
    endorsements: [endorsement],
  }));
  credentialUrl = world.server.serve("/shared/credential.json", valid);
  redirector = http.createServer((_req, res) => {
    res.writeHead(302, { location: redirectTarget }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  redirectorHost = `127.0.0.1:${(redirector.address() as AddressInfo).port}`;
});

afterAll(async () => {
  redirector?.closeAllConnections();
  await new Promise<void>((resolve) =>
    redirector ? redirector.close(() => resolve()) : resolve(),
  );
  await world?.server.close();
});

beforeEach(() => {
  received = [];
  vi.spyOn(http.Server.prototype, "emit").mockImplementation(recordRequests as never);
  vi.spyOn(net.Socket.prototype, "connect").mockImplementation(loopbackOnly);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(running.splice(0).map((v) => v.close()));
});

describe("the verifier never fetches its own pages", () => {
  it("refuses a link nesting its own address 144 times, without a single fetch", async () => {
    const { verifier, port } = await startTestVerifier();
    const hostile = nest(verifier.url, credentialUrl, 144);
    expect(hostile.length).toBeLessThanOrEqual(4096);

    const page = await fetch(`${verifier.url}/?url=${encodeURIComponent(hostile)}&lang=en`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("The link leads back to this verifier");

    const api = await postJson(`${verifier.url}/api/verify`, { url: hostile });
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({
      code: "verifier.problem.own-link",
      detail: expect.stringContaining("never opens its own pages"),
    });
    // Nested twice, percent-encoded as a browser would: refused too.
    const twice = `${verifier.url}/?url=${encodeURIComponent(
      `${verifier.url}/?url=${encodeURIComponent(credentialUrl)}`,
    )}`;
    expect((await postJson(`${verifier.url}/api/verify`, { url: twice })).status).toBe(400);

    expect(fetches(port)).toEqual([]);
    expect(fetches()).toEqual([]);
  });

  it("unwraps a link to its own page once and verifies what it carries", async () => {
    const { verifier, port } = await startTestVerifier();
    const share = `${verifier.url}/?url=${encodeURIComponent(credentialUrl)}`;
    const res = await fetch(`${verifier.url}/?url=${encodeURIComponent(share)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-verdict="valid"');
    expect(fetches(port)).toEqual([]);
    expect(fetches().map((r) => r.path)).toContain("/shared/credential.json");
    expect(fetches().length).toBeLessThanOrEqual(16);
  });

  it("refuses any other page of its own origin, and never fetches one a credential names", async () => {
    const { verifier, port } = await startTestVerifier();
    for (const own of [`${verifier.url}/healthz`, `${verifier.url}/?lang=en`]) {
      const res = await postJson(`${verifier.url}/api/verify`, { url: own });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe("verifier.problem.own-link");
    }
    // A status list "hosted" on the verifier's own page: could not check, never fetched.
    const { credential } = await world.issue({
      issuer: world.ece,
      statusListUrl: `${verifier.url}/?url=${encodeURIComponent(credentialUrl)}`,
    });
    const res = await postJson(`${verifier.url}/credentials/verify`, {
      verifiableCredential: credential,
    });
    const body = await res.json();
    const status = body.results.checks.find((c: { check: string }) => c.check === "status");
    expect(status).toMatchObject({
      outcome: "could-not-check",
      code: "status.unavailable",
      params: { reason: "origin-refused" },
    });
    // A link that redirects to the verifier's page: the redirect hop is refused.
    redirectTarget = `${verifier.url}/?url=${encodeURIComponent(credentialUrl)}`;
    const redirected = await postJson(`${verifier.url}/api/verify`, {
      url: `http://${redirectorHost}/share`,
    });
    const result = (await redirected.json()).result;
    expect(result.checks[0]).toMatchObject({
      code: "input.fetch-failed",
      params: { reason: "origin-refused" },
    });
    expect(fetches(port)).toEqual([]);
  });

  it("a chain through another name for it stops at the first link", async () => {
    const { verifier, port } = await startTestVerifier();
    // `localhost` is not the public origin (127.0.0.1), but it is allow-listed: the verifier
    // fetches that first link, and the page it reaches, seeing a guarded fetcher, opens nothing.
    const alias = `http://localhost:${port}`;
    const hostile = nest(alias, credentialUrl, 140);
    expect(hostile.length).toBeLessThanOrEqual(4096);
    const res = await postJson(`${verifier.url}/api/verify`, { url: hostile });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.verified).toBe(false);
    expect(body.result.checks[0]).toMatchObject({
      code: "input.fetch-failed",
      params: { reason: "http-status 400" },
    });
    expect(fetches(port)).toHaveLength(1);
    expect(fetches()).toHaveLength(1);

    const asFetcher = await fetch(`${verifier.url}/?url=${encodeURIComponent(credentialUrl)}`, {
      headers: { "user-agent": GUARDED_FETCH_USER_AGENT, "accept-language": "en" },
    });
    expect(asFetcher.status).toBe(400);
    expect(await asFetcher.text()).toContain("does not open links when another Avala service");
    // Only the pretended fetcher's own request arrived: the credential was not fetched.
    expect(fetches()).toHaveLength(2);
    expect(fetches(Number(new URL(world.server.origin).port))).toEqual([]);
  });
});

describe("the fetch budget", () => {
  let presentationUrl: string;
  let presentation: ReturnType<typeof buildPresentation>;

  beforeAll(async () => {
    // Twelve issuers nobody has seen: each costs its DID document and its status list, so the
    // whole bundle needs 1 (link) + 1 (registry) + 12 + 12 = 26 requests.
    const credentials: Credential[] = [];
    for (let i = 0; i < 12; i++) {
      const org = await world.organisation(`budget-${i}`, {
        es: `Centro ${i}`,
        en: `Centre ${i}`,
      });
      credentials.push((await world.issue({ issuer: org })).credential);
    }
    presentation = buildPresentation({ holder: "did:example:holder", credentials });
    presentationUrl = world.server.serve("/shares/padded.json", presentation);
  });

  it("one request sends at most 16, and a result that says it was stopped", async () => {
    const { verifier, port } = await startTestVerifier();
    const res = await postJson(`${verifier.url}/api/verify`, { url: presentationUrl });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(fetches(port)).toEqual([]);
    expect(fetches()).toHaveLength(16);
    expect(body).toMatchObject({ verified: false, verdict: "invalid" });
    expect(body.result.checks).toContainEqual({
      check: "input",
      outcome: "could-not-check",
      code: "verifier.fetch-budget-exhausted",
      params: { max: 16 },
      message: {
        es: expect.stringContaining("más de 16 consultas a la red"),
        en: expect.stringContaining("more than 16 network look-ups"),
      },
    });

    // The page says so too, in the reader's language (a fresh verifier: no DID cached yet).
    received = [];
    const fresh = (await startTestVerifier()).verifier;
    const page = await fetch(`${fresh.url}/?url=${encodeURIComponent(presentationUrl)}`, {
      headers: { "accept-language": "en" },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("more than 16 network look-ups");
    expect(fetches()).toHaveLength(16);
  });

  it("the same bundle within a larger budget is verified in full", async () => {
    const { verifier } = await startTestVerifier({ VERIFIER_FETCH_BUDGET: "40" });
    const res = await postJson(`${verifier.url}/api/verify`, { url: presentationUrl });
    const body = await res.json();
    expect(fetches()).toHaveLength(26);
    expect(body.verdict).toBe("valid-with-warnings"); // unknown issuers, nothing else
    expect(JSON.stringify(body.result)).not.toContain("verifier.fetch-budget-exhausted");
  });

  it("verify() has a budget of its own by default", async () => {
    const before = world.server.requests.length;
    const result = await verify(presentation, world.verifyOptions());
    expect(world.server.requests.length - before).toBeLessThanOrEqual(16);
    expect(result.verified).toBe(false);
    expect(result.checks.map((c) => c.code)).toContain("verifier.fetch-budget-exhausted");
  });

  it("a registry load its budget cut short is not kept for the next verification", async () => {
    const source = createTrustRegistrySource({
      location: world.registryUrl,
      operator: world.operator.controller,
      documentLoader: world.documentLoader,
      guardedFetch: world.guardedFetch(),
      now: () => world.now,
    });
    const spent = createFetchBudget(1);
    spent.charge("http://127.0.0.1/already-spent");
    const cut = await source({ budget: spent });
    expect(cut).toMatchObject({ ok: false, reason: "registry not readable: budget-exhausted" });
    expect(await source({ budget: createFetchBudget(1) })).toMatchObject({ ok: true });
  });
});

describe("configuration and links", () => {
  it("VERIFIER_FETCH_BUDGET: 16 by default, 1 to 64", () => {
    expect(loadConfig({}).fetch.budget).toBe(16);
    expect(loadConfig({ VERIFIER_FETCH_BUDGET: "24" }).fetch.budget).toBe(24);
    for (const bad of ["0", "65", "abc", "2.5"]) {
      expect(() => loadConfig({ VERIFIER_FETCH_BUDGET: bad })).toThrow(/VERIFIER_FETCH_BUDGET/);
    }
  });

  it("unwrapOwnLink unwraps one level and refuses whatever still points at the verifier", () => {
    const own = "https://verify.example";
    const inner = "https://wallet.example/s/abc";
    expect(unwrapOwnLink(inner, own)).toBe(inner);
    expect(unwrapOwnLink(`${own}/?url=${encodeURIComponent(inner)}`, own)).toBe(inner);
    expect(unwrapOwnLink(`HTTPS://VERIFY.example:443/?url=${inner}`, own)).toBe(inner);
    expect(unwrapOwnLink(`${own}/?url=${own}/?url=${inner}`, own)).toBeUndefined();
    expect(unwrapOwnLink(`${own}/?url=${own}/healthz`, own)).toBeUndefined();
    expect(unwrapOwnLink(`${own}/healthz`, own)).toBeUndefined();
    expect(unwrapOwnLink(`${own}/?lang=en`, own)).toBeUndefined();
    expect(unwrapOwnLink(`${own}/assets/verify.js?url=${inner}`, own)).toBeUndefined();
    // Another origin (http, another port) is not this verifier: the fetcher's rules apply.
    expect(unwrapOwnLink(`http://verify.example/?url=${inner}`, own)).toBe(
      `http://verify.example/?url=${inner}`,
    );
  });
});
