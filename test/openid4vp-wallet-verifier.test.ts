// Loopback only: every other connection is refused before it starts (Socket#connect).
import "./support/loopback-only.js";
import { createServer } from "node:net";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import type { RunningVerifier } from "@avala/verifier";
import { loadConfig, startVerifier } from "@avala/verifier";
import type { FixtureWorld } from "@avala/verifier/testing";
import { createFixtureWorld } from "@avala/verifier/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWalletApp } from "../wallet-web/src/app.js";
import { createWalletContext, type WalletContext } from "../wallet-web/src/context.js";
import type { WalletTables } from "../wallet-web/src/db/tables.js";
import { Browser, quietLog, testConfig } from "../wallet-web/test/helpers.js";

// End to end, Avala on both sides of OpenID4VP 1.0: the employer asks on the verifier's /ask page,
// the candidate opens the request in Avala's web wallet (the https link the page gives for it),
// picks the certificate and shares it; the verifier checks the presentation and shows the verdict.
// Verifier over real HTTP on 127.0.0.1; the wallet in-process, reaching the verifier (and the
// fixture issuers' did:web documents and status lists) through its guarded fetcher.

let world: FixtureWorld;
let verifier: RunningVerifier;
const WALLET_URL = "http://wallet.test";

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

beforeAll(async () => {
  world = await createFixtureWorld();
  const port = await freePort();
  verifier = await startVerifier(
    loadConfig({
      VERIFIER_PORT: String(port),
      VERIFIER_HOST: "127.0.0.1",
      VERIFIER_PUBLIC_URL: `http://127.0.0.1:${port}`,
      AVALA_TRUST_REGISTRY: world.registryUrl,
      AVALA_TRUST_REGISTRY_OPERATOR: world.operator.controller,
      AVALA_FETCH_ALLOW_HOSTS: world.server.host,
      AVALA_WALLET_URL: WALLET_URL,
      VERIFIER_RATE_LIMIT: "1000",
    }),
    { guardedFetch: world.guardedFetch(), now: () => world.now, logger: { error: () => {} } },
  );
}, 60_000);

afterAll(async () => {
  await verifier?.close();
  await world?.server.close();
});

const unescapeAmp = (html: string) => html.replaceAll("&amp;", "&");

describe.each(testDatabases())("Avala's wallet answers Avala's verifier, on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let ctx: WalletContext;
  let ana: Browser;

  beforeEach(async () => {
    database = await open<WalletTables>();
    ctx = await createWalletContext(
      testConfig({
        publicUrl: WALLET_URL,
        fetchAllowHosts: [world.server.host, new URL(verifier.url).host],
      }),
      { database, now: () => world.now, log: quietLog },
    );
    ana = new Browser(createWalletApp(ctx));
    await ana.signUp("ana@example.mx");
  });
  afterEach(async () => {
    await ctx.destroy();
    await database.destroy();
  });

  it("asks for a unit of EC0217.01, the holder shares it, the verifier says valid", async () => {
    const { holder_did } = await ctx.db
      .selectFrom("wallet_account")
      .select("holder_did")
      .executeTakeFirstOrThrow();
    const { credential } = await world.issue({
      issuer: world.ece,
      kind: "unit",
      holderDid: holder_did,
    });
    await ana.get("/add");
    expect((await ana.post("/import/paste", { json: JSON.stringify(credential) })).status).toBe(
      200,
    );

    // The employer asks.
    const asked = await fetch(`${verifier.url}/ask`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ kind: "unit", code: "EC0217.01", lang: "es" }).toString(),
      redirect: "manual",
    });
    expect(asked.status).toBe(303);
    const askPage = new URL(asked.headers.get("location")!, verifier.url).href;
    const page = unescapeAmp(await (await fetch(askPage)).text());
    const webWallet = /id="web-wallet"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*id="web-wallet"/.exec(
      page,
    )!;
    const link = webWallet[1] ?? webWallet[2]!;
    expect(link.startsWith(`${WALLET_URL}/openid4vp?`)).toBe(true);

    // The candidate opens it in the wallet, sees who asks and what, and shares.
    const opened = await ana.get(link.slice(WALLET_URL.length));
    expect(opened.status).toBe(303);
    await ana.get(opened.headers.get("location")!);
    expect(ana.lastBody).toContain(`${new URL(verifier.url).host} te pide:`);
    expect(ana.lastBody).toContain("Conducir la sesión de formación");
    const action = /action="(\/openid4vp\/requests\/[^"]+\/answer)"/.exec(ana.lastBody)![1]!;
    const choice = /name="q\.certificate" value="([^"]+)"/.exec(ana.lastBody)![1]!;
    const shared = await ana.post(action, { "q.certificate": choice });
    expect(shared.status).toBe(200);
    expect(ana.lastBody).toContain("Listo: compartiste tu certificado");
    const back = /href="(http:\/\/127\.0\.0\.1:\d+\/ask\/[^"]+)"/.exec(ana.lastBody)![1]!;

    // The employer's page shows the verdict.
    const id = new URL(askPage).pathname.split("/")[2]!;
    const status = await (await fetch(`${verifier.url}/ask/${id}/status`)).json();
    expect(status).toEqual({ status: "answered" });
    const result = await (await fetch(back)).text();
    expect(result).toMatch(/data-verdict="valid"/);
  });
});
