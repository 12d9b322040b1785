import { type Presentation, verifyPresentation } from "@avala/credentials";
import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import { decodeQrPng } from "../src/services/qr.js";
import {
  Browser,
  documentLoader,
  openTestWallet,
  qualificationAchievement,
  type TestWallet,
  testIssuer,
  unitAchievement,
} from "./helpers.js";

let issuer: Awaited<ReturnType<typeof testIssuer>>;
beforeAll(async () => {
  issuer = await testIssuer();
});

describe.each(testDatabases())("sharing on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;
  let ids: string[];

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database);
    ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
    for (const achievement of [qualificationAchievement, unitAchievement("U0586")]) {
      await ana.get("/add");
      await ana.post("/import/paste", { json: JSON.stringify(await issuer.issue(achievement)) });
    }
    const rows = await database.db
      .selectFrom("wallet_credential")
      .select(["public_id", "credential_key"])
      .orderBy("id")
      .execute();
    ids = rows.map((r) => r.public_id);
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  async function createShare(credentials: string[], days = "30", label = "Vacante") {
    await ana.get(`/shares/new?${credentials.map((c) => `c=${c}`).join("&")}`);
    const response = await ana.post("/shares", { c: credentials, days, label });
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/^\/shares\/[0-9a-f-]{36}\?m=created$/);
    await ana.get(location);
    const link = /id="share-link" readonly="" value="([^"]+)"/.exec(ana.lastBody)![1]!;
    return { page: location.split("?")[0]!, link, token: link.split("/s/")[1]! };
  }

  const visit = (path: string, accept = "text/html", headers: Record<string, string> = {}) =>
    wallet.app.request(path, { headers: { accept, ...headers } });

  it("shares several credentials with a link that counts views and leads to the verify page", async () => {
    const { page, link, token } = await createShare(ids);
    expect(link).toMatch(/^http:\/\/wallet\.test\/s\/[\w-]{43}$/);
    expect(ana.lastBody).toContain("Enlace creado.");

    const first = await visit(`/s/${token}`);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(
      `http://verifier.test/?url=${encodeURIComponent(`http://wallet.test/s/${token}/presentation.json`)}`,
    );
    // A program asking for JSON (a verifier given the link) goes straight to the presentation.
    const machine = await visit(`/s/${token}`, "application/json");
    expect(machine.headers.get("location")).toBe(`http://wallet.test/s/${token}/presentation.json`);

    const bundle = await visit(`/s/${token}/presentation.json`, "application/json");
    expect(bundle.status).toBe(200);
    const presentation = (await bundle.json()) as Presentation;
    expect(presentation["@context"]).toEqual(["https://www.w3.org/ns/credentials/v2"]);
    expect(presentation.type).toEqual(["VerifiablePresentation"]);
    expect(presentation.verifiableCredential).toHaveLength(2);
    expect(presentation.proof).toBeUndefined();
    // The credentials are exactly as issued: their proofs still verify.
    const { verify } = await import("@avala/verifier");
    const result = await verify(presentation, { documentLoader });
    expect(result.kind).toBe("presentation");
    expect(result.verified).toBe(true);

    await ana.get(page);
    expect(ana.lastBody).toContain('<strong id="view-count">2</strong>');
    expect(ana.lastBody).toContain("Qué muestra");
    expect(ana.lastBody).toContain("Unidad U0586");
  });

  it("shows a QR code that reads back as the share link, and a printable page", async () => {
    const { page, link } = await createShare([ids[0]!]);
    const png = await ana.get(`${page}/qr.png`);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(decodeQrPng(new Uint8Array(await png.arrayBuffer()))).toBe(link);
    const svg = await ana.get(`${page}/qr.svg`);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(await svg.text()).toContain("<svg");
    await ana.get(`${page}/print`);
    expect(ana.lastBody).toContain('class="bare"');
    expect(ana.lastBody).toContain(link);
    expect(ana.lastBody).toContain("Escanea el código para verificar estos certificados:");
  });

  it("stops working when the holder withdraws it", async () => {
    const { page, token } = await createShare([ids[0]!]);
    const revoked = await ana.post(`${page}/revoke`, {});
    expect(revoked.status).toBe(303);
    const gone = await visit(`/s/${token}`, "application/json");
    expect(gone.status).toBe(410);
    expect(gone.headers.get("content-type")).toBe("application/problem+json");
    // In the visitor's language (Spanish by default), from the catalogue, with both languages.
    expect(await gone.json()).toMatchObject({
      status: 410,
      code: "wallet.problem.share-revoked",
      detail: "Quien comparte estos certificados retiró este enlace.",
      localizedDetail: {
        es: "Quien comparte estos certificados retiró este enlace.",
        en: "The holder has withdrawn this share link.",
      },
    });
    const english = await visit(`/s/${token}`, "application/json", { "accept-language": "en" });
    expect(english.headers.get("content-language")).toBe("en");
    expect(await english.json()).toMatchObject({
      detail: "The holder has withdrawn this share link.",
    });
    // An employer's browser gets a page in its language, with a title for 410.
    const page410 = await visit(`/s/${token}`, "text/html", { "accept-language": "es-MX" });
    expect(page410.status).toBe(410);
    const html = await page410.text();
    expect(html).toContain("<h1>Ya no está disponible</h1>");
    expect(html).toContain("Quien comparte estos certificados retiró este enlace.");
    expect(html).not.toContain("withdrawn");
    expect((await visit(`/s/${token}/presentation.json`, "application/json")).status).toBe(410);
    await ana.get(page);
    expect(ana.lastBody).toContain("Retiraste este enlace");
    expect(ana.lastBody).not.toContain('id="share-link"');
  });

  it("tells an employer, in their language, that an expired link has expired", async () => {
    const { token } = await createShare([ids[0]!], "7");
    wallet.clock.advance(7 * 86_400_000 + 1000);
    const spanish = await visit(`/s/${token}`, "text/html,application/xhtml+xml;q=0.9", {
      "accept-language": "es-MX,es;q=0.9,en;q=0.5",
    });
    expect(spanish.status).toBe(410);
    expect(spanish.headers.get("content-type")).toContain("text/html");
    expect(spanish.headers.get("content-language")).toBe("es");
    const es = await spanish.text();
    expect(es).toContain('<html lang="es-MX">');
    expect(es).toContain("<title>Ya no está disponible · Avala · Cartera</title>");
    expect(es).toContain("Este enlace compartido venció. Pide uno nuevo a quien te lo envió.");
    expect(es).toContain("Código 410");
    expect(es).not.toContain("This share link has expired");
    expect(es).not.toContain("Solicitud no válida"); // 410 has its own title

    const english = await visit(`/s/${token}`, "text/html", {
      "accept-language": "en-US,en;q=0.9",
    });
    expect(english.status).toBe(410);
    const en = await english.text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("<h1>No longer available</h1>");
    expect(en).toContain("This share link has expired. Ask whoever sent it for a new one.");
    expect(en).toContain("Code 410");
    expect(en).not.toContain("venció");

    // A visitor who chose a language in the wallet keeps it on the public pages too.
    const chosen = await visit(`/s/${token}`, "text/html", {
      "accept-language": "es-MX",
      cookie: "avala_lang=en",
    });
    expect(await chosen.text()).toContain("This share link has expired.");
    // The presentation itself, asked for by a program: a problem in the same words.
    const json = await visit(`/s/${token}/presentation.json`, "application/json", {
      "accept-language": "en",
    });
    expect(await json.json()).toMatchObject({
      status: 410,
      code: "wallet.problem.share-expired",
      detail: "This share link has expired. Ask whoever sent it for a new one.",
    });
    // Unknown links too.
    const unknown = await visit(`/s/${"A".repeat(43)}`, "text/html", { "accept-language": "en" });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("There is no share link at this address.");
  });

  it("stops working when it expires, and unknown tokens are 404", async () => {
    const { token } = await createShare([ids[0]!], "7");
    expect((await visit(`/s/${token}/presentation.json`)).status).toBe(200);
    wallet.clock.advance(7 * 86_400_000 + 1000);
    expect((await visit(`/s/${token}`)).status).toBe(410);
    expect((await visit(`/s/${token}/presentation.json`)).status).toBe(410);
    const unknown = await visit(`/s/${"A".repeat(43)}/presentation.json`, "application/json");
    expect(unknown.status).toBe(404);
    expect((await visit("/s/short")).status).toBe(404);
  });

  it("stores share tokens only hashed and sealed", async () => {
    const { token } = await createShare([ids[0]!]);
    const [share] = await database.db.selectFrom("wallet_share").selectAll().execute();
    expect(JSON.stringify(share)).not.toContain(token);
  });

  it("sends LinkedIn the credential's permanent page from a share, never the share's link", async () => {
    const { page, link } = await createShare([ids[0]!], "7");
    await ana.get(page);
    // The share page's button posts to the credential's LinkedIn action (test/public-page.test.ts).
    expect(ana.lastBody).toContain(`action="/credentials/${ids[0]}/linkedin"`);
    expect(ana.lastBody).not.toContain("linkedin.com");
    const response = await ana.post(`/credentials/${ids[0]}/linkedin`, {});
    expect(response.status).toBe(303);
    const url = new URL(response.headers.get("location")!);
    expect(url.origin).toBe("https://www.linkedin.com");
    expect(url.searchParams.get("certUrl")).toMatch(/^http:\/\/wallet\.test\/p\/[\w-]{22}$/);
    expect(url.searchParams.get("certUrl")).not.toBe(link);
    // No share is made for LinkedIn.
    const shares = await database.db.selectFrom("wallet_share").select("id").execute();
    expect(shares).toHaveLength(1);
  });

  it("signs a presentation for a verifier's challenge and domain", async () => {
    const holder = await database.db
      .selectFrom("wallet_account")
      .select("holder_did")
      .executeTakeFirstOrThrow();
    await ana.get(`/present?c=${ids[0]}`);
    expect(ana.lastBody).toContain(`value="${ids[0]}" checked=""`);
    const response = await ana.post("/present", {
      c: [ids[0]!, ids[1]!],
      challenge: "reto-123",
      domain: "https://empleador.example",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="presentation/,
    );
    const presentation = await response.json();
    expect(presentation.holder).toBe(holder.holder_did);
    const result = await verifyPresentation(presentation, {
      documentLoader,
      challenge: "reto-123",
      domain: "https://empleador.example",
      now: wallet.clock.now(),
    });
    expect(result.checks.map((c) => c.code)).toContain("presentation.proof-valid");
    expect(result.credentials).toHaveLength(2);
    const replay = await verifyPresentation(presentation, {
      documentLoader,
      challenge: "otro-reto",
      now: wallet.clock.now(),
    });
    expect(replay.verified).toBe(false);
    // Without a challenge there is nothing to sign.
    await ana.get("/present");
    expect((await ana.post("/present", { c: ids[0]!, challenge: "" })).status).toBe(422);
  });
});
