import type { AddressInfo } from "node:net";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import { Browser, openTestWallet, type TestWallet } from "./helpers.js";

/**
 * An issuer's claim endpoint over real HTTP on 127.0.0.1, answering the offer as the Avala
 * issuer does: with whom the offer is for (`offer.recipient`), or without it (other issuers).
 */
async function offerServer() {
  const recipients = new Map<string, unknown>();
  const posts: string[] = [];
  const app = new Hono();
  // Claiming: counted, then refused as already claimed (what matters is whether it was sent).
  app.post("/claims/:token", (c) => {
    posts.push(c.req.param("token"));
    return c.json({ title: "Conflict" }, 409);
  });
  app.get("/claims/:token", (c) => {
    const token = c.req.param("token");
    if (!recipients.has(token)) return c.json({ title: "Not Found" }, 404);
    const recipient = recipients.get(token);
    return c.json({
      offer: {
        issuer: { id: "did:web:issuer.example", name: "Centro Evaluador Demostración" },
        achievement: { name: "Impartición de cursos", code: "EC0217.01" },
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        ...(recipient === undefined ? {} : { recipient }),
      },
      challenge: "un-reto",
      domain: "http://issuer.example",
    });
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  let next = 0;
  return {
    host,
    posts,
    offer(recipient?: unknown) {
      const token = `oferta-${String(next++).padStart(4, "0")}`;
      recipients.set(token, recipient);
      return `http://${host}/claims/${token}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let issuer: Awaited<ReturnType<typeof offerServer>>;
beforeAll(async () => {
  issuer = await offerServer();
});
afterAll(() => issuer.close());

describe.each(testDatabases())("whom an offer is for, on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database, { config: { fetchAllowHosts: [issuer.host] } });
    ana = new Browser(wallet.app);
    await ana.signUp("Ana.Lopez@example.mx");
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  const confirmPage = async (offer: string) => {
    const response = await ana.get(`/claim?offer=${encodeURIComponent(offer)}`);
    expect(response.status).toBe(200);
    return ana.lastBody;
  };

  it("shows the recipient and no warning when the offer is for the signed-in account", async () => {
    const html = await confirmPage(
      issuer.offer({ name: "Ana López", email: " ana.lopez@EXAMPLE.mx " }),
    );
    expect(html).toContain("<dt>Para</dt>");
    expect(html).toMatch(/id="recipient"><strong>Ana López<\/strong> · ana\.lopez@EXAMPLE\.mx</);
    expect(html).not.toContain('id="recipient-mismatch"');
  });

  it("warns when the offer is for another e-mail", async () => {
    const html = await confirmPage(
      issuer.offer({ name: "Bruno Díaz", email: "bruno.diaz@example.mx" }),
    );
    expect(html).toContain("<strong>Bruno Díaz</strong> · bruno.diaz@example.mx");
    expect(html).toContain('id="recipient-mismatch"');
    expect(html).toContain(
      "Esta oferta se hizo para Bruno Díaz (bruno.diaz@example.mx), pero iniciaste sesión como Ana López (ana.lopez@example.mx). Acéptala solo si el certificado es tuyo.",
    );
    // Accepting needs an explicit confirmation: a required box, checked again by the server.
    expect(html).toMatch(/<input type="checkbox" id="confirm-recipient"[^>]*required/);
    // In English too.
    await ana.get(`/claim?offer=${encodeURIComponent(issuer.offer({ email: "b@example.mx" }))}`, {
      "accept-language": "en",
    });
    expect(ana.lastBody).toContain(
      "This offer was made for b@example.mx, but you are signed in as Ana López (ana.lopez@example.mx).",
    );
  });

  it("claims an offer made for someone else only after the holder confirms it is theirs", async () => {
    const offer = issuer.offer({ name: "Bruno Díaz", email: "bruno.diaz@example.mx" });
    const token = new URL(offer).pathname.split("/").pop()!;
    await confirmPage(offer);
    // Without the box ticked: the page again, with the warning and the reason; nothing sent.
    const refused = await ana.post("/claim", { offer });
    expect(refused.status).toBe(422);
    expect(ana.lastBody).toContain('id="recipient-mismatch"');
    expect(ana.lastBody).toContain(
      "Marca la casilla para confirmar que el certificado es tuyo antes de aceptarlo.",
    );
    expect(ana.lastBody).toMatch(/id="confirm-recipient"[^>]*aria-invalid="true"/);
    expect(issuer.posts).not.toContain(token);
    // Ticked: the wallet claims it (this issuer answers that it was already claimed).
    const sent = await ana.post("/claim", { offer, "confirm-recipient": "yes" });
    expect(sent.status).toBe(409);
    expect(issuer.posts.filter((t) => t === token)).toHaveLength(1);
  });

  it("does not ask for a confirmation when the offer is the account's own", async () => {
    const offer = issuer.offer({ name: "Otra Persona", email: "ANA.LOPEZ@example.mx" });
    const token = new URL(offer).pathname.split("/").pop()!;
    const html = await confirmPage(offer);
    expect(html).not.toContain('id="confirm-recipient"');
    await ana.post("/claim", { offer });
    expect(issuer.posts).toContain(token);
  });

  it("compares names when the issuer gives no e-mail", async () => {
    // The same person, written another way or shorter: no warning.
    for (const name of ["ANA LOPEZ", "Ana  López García", " ana lópez "]) {
      const html = await confirmPage(issuer.offer({ name }));
      expect(html, name).toContain('id="recipient"');
      expect(html, name).not.toContain('id="recipient-mismatch"');
    }
    // Someone else.
    const html = await confirmPage(issuer.offer({ name: "Bruno Díaz" }));
    expect(html).toContain(
      "Esta oferta se hizo para Bruno Díaz, pero iniciaste sesión como Ana López (ana.lopez@example.mx).",
    );
    expect(html).toContain('id="confirm-recipient"');
  });

  it("says nothing about the recipient when the issuer does not name one", async () => {
    for (const recipient of [undefined, null, "bruno@example.mx", { name: 7, email: [] }]) {
      const html = await confirmPage(issuer.offer(recipient));
      expect(html).not.toContain('id="recipient"');
      expect(html).not.toContain('id="recipient-mismatch"');
      expect(html).toContain("Impartición de cursos");
    }
  });
});
