import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { extractFromPdf, isPdf } from "@avala/verifier";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  openTestWallet,
  qualificationAchievement,
  type TestWallet,
  testIssuer,
  testRegistry,
} from "./helpers.js";

let accredited: Awaited<ReturnType<typeof testIssuer>>;
let registry: Awaited<ReturnType<typeof testRegistry>>;

beforeAll(async () => {
  accredited = await testIssuer("Centro Evaluador Acreditado");
  registry = await testRegistry([accredited.did]);
});

describe.each(testDatabases())("the PDF certificate on $name", ({ open }) => {
  let database: Database<WalletTables>;
  let wallet: TestWallet;
  let ana: Browser;

  beforeEach(async () => {
    database = await open<WalletTables>();
    wallet = await openTestWallet(database, { registry });
    ana = new Browser(wallet.app);
    await ana.signUp("ana@example.mx");
    await ana.get("/add");
  });
  afterEach(async () => {
    await wallet.ctx.destroy();
    await database.destroy();
  });

  it("is offered on the credential's page and downloads a PDF holding the stored credential", async () => {
    const credential = await accredited.issue(qualificationAchievement);
    await ana.post("/import/paste", { json: JSON.stringify(credential) });
    const [row] = await database.db.selectFrom("wallet_credential").selectAll().execute();
    const id = row!.public_id;

    await ana.get(`/credentials/${id}`);
    expect(ana.lastBody).toContain(`href="/credentials/${id}/certificate.pdf"`);
    expect(ana.lastBody).toContain("Descargar el certificado en PDF");

    const download = await ana.get(`/credentials/${id}/certificate.pdf`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.pdf"$/);
    const pdf = new Uint8Array(await download.arrayBuffer());
    expect(isPdf(pdf)).toBe(true);
    const extracted = extractFromPdf(pdf);
    expect(extracted.ok).toBe(true);
    if (!extracted.ok) return;
    const download2 = await ana.get(`/credentials/${id}/download`);
    const held = new Uint8Array(await download2.arrayBuffer());
    // The attachment is the stored credential, byte for byte, as the plain download gives it.
    expect(Buffer.from(extracted.bytes).equals(Buffer.from(held))).toBe(true);
    expect(JSON.parse(new TextDecoder().decode(extracted.bytes))).toEqual(credential);
  });

  it("is not given for someone else's credential", async () => {
    const credential = await accredited.issue(qualificationAchievement);
    await ana.post("/import/paste", { json: JSON.stringify(credential) });
    const [row] = await database.db.selectFrom("wallet_credential").selectAll().execute();
    const bruno = new Browser(wallet.app);
    await bruno.signUp("bruno@example.mx");
    const response = await bruno.get(`/credentials/${row!.public_id}/certificate.pdf`);
    expect(response.status).toBe(404);
  });
});
