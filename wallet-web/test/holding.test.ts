import type { Database } from "@avala/db";
import { testDatabases } from "@avala/db/testing";
import { bakePng, bakeSvg } from "@avala/verifier";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WalletTables } from "../src/db/tables.js";
import {
  Browser,
  openTestWallet,
  publicIdsIn,
  qualificationAchievement,
  type TestWallet,
  testIssuer,
  testRegistry,
  unitAchievement,
} from "./helpers.js";

let accredited: Awaited<ReturnType<typeof testIssuer>>;
let foreign: Awaited<ReturnType<typeof testIssuer>>;
let registry: Awaited<ReturnType<typeof testRegistry>>;

beforeAll(async () => {
  accredited = await testIssuer("Centro Evaluador Acreditado");
  foreign = await testIssuer("Universidad de Ultramar");
  registry = await testRegistry([accredited.did]);
});

describe.each(testDatabases())("receiving and holding on $name", ({ open }) => {
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

  const stored = () => database.db.selectFrom("wallet_credential").selectAll().execute();

  it("imports pasted JSON after verifying it, and shows it in words", async () => {
    const credential = await accredited.issue(qualificationAchievement, {
      email: "ana@example.mx",
    });
    const response = await ana.post("/import/paste", { json: JSON.stringify(credential) });
    expect(response.status).toBe(200);
    expect(ana.lastBody).toContain("Verificada y guardada en tu cartera.");
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      credential_key: credential.id,
      source: "paste",
      verdict: "valid",
      trust: "accredited",
    });

    const detail = await ana.get(`/credentials/${rows[0]!.public_id}`);
    expect(detail.status).toBe(200);
    const html = ana.lastBody;
    expect(html).toContain("Impartición de cursos");
    expect(html).toContain("Nivel 3");
    expect(html).toContain("Unidades de competencia (3)");
    expect(html).toContain("U0587");
    expect(html).toContain("Centro Evaluador Acreditado");
    expect(html).toContain("Acreditado por CONOCER");
    expect(html).toContain("Auténtica y vigente");
    expect(html).toContain("15 de enero de 2026");
    expect(html).toContain("<dt>Criterios</dt><dd>Las tres unidades.</dd>");
    // Bound by its hashed e-mail, which matches the account's.
    expect(html).toContain("coincide con tu correo");
    // The same page in English.
    await ana.get("/lang/en");
    await ana.get(`/credentials/${rows[0]!.public_id}`);
    expect(ana.lastBody).toContain("Delivering courses");
    // Description and criteria from the credential's English edition (OB 3.0 `related`).
    expect(ana.lastBody).toContain("<dt>Criteria</dt><dd>The three units.</dd>");
    expect(ana.lastBody).toContain("Accredited by CONOCER");
  });

  it("imports files: JSON, and Open Badges PNG and SVG with the credential baked in", async () => {
    const json = await accredited.issue(unitAchievement("U0586"));
    const png = await accredited.issue(unitAchievement("U0587"));
    const svg = await accredited.issue(unitAchievement("U0588"));
    const pixel = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    const files: Array<[string, BlobPart, string]> = [
      ["cert.json", JSON.stringify(json), "application/json"],
      [
        "badge.png",
        new Uint8Array(bakePng(new Uint8Array(pixel), JSON.stringify(png))),
        "image/png",
      ],
      [
        "badge.svg",
        bakeSvg(
          '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>',
          JSON.stringify(svg),
        ),
        "image/svg+xml",
      ],
    ];
    for (const [name, body, type] of files) {
      const form = new FormData();
      form.set("file", new File([body], name, { type }));
      await ana.get("/add");
      const response = await ana.post("/import/file", form);
      expect(response.status, name).toBe(200);
      expect(ana.lastBody, name).toContain("Verificada y guardada");
    }
    expect((await stored()).map((r) => r.credential_key).sort()).toEqual(
      [json.id, png.id, svg.id].sort(),
    );
  });

  it("refuses a tampered credential and shows why", async () => {
    const credential = await accredited.issue(qualificationAchievement);
    const tampered = structuredClone(credential);
    (tampered.credentialSubject as { achievement: { name: string } }).achievement.name =
      "Doctorado en Física";
    const response = await ana.post("/import/paste", { json: JSON.stringify(tampered) });
    expect(response.status).toBe(422);
    expect(ana.lastBody).toContain("No se guardó: la credencial no pasó la verificación.");
    expect(ana.lastBody).toContain("proof.invalid");
    const unsigned = structuredClone(credential);
    delete unsigned.proof;
    await ana.get("/add");
    expect((await ana.post("/import/paste", { json: JSON.stringify(unsigned) })).status).toBe(422);
    expect(ana.lastBody).toContain("proof.missing");
    await ana.get("/add");
    expect((await ana.post("/import/paste", { json: "{ not json" })).status).toBe(422);
    expect(ana.lastBody).toContain("input.malformed-json");
    expect(await stored()).toHaveLength(0);
  });

  it("recognises a credential it already holds and does not keep it twice", async () => {
    const credential = await accredited.issue(unitAchievement("U0586"));
    await ana.post("/import/paste", { json: JSON.stringify(credential) });
    await ana.get("/add");
    const again = await ana.post("/import/paste", { json: JSON.stringify(credential, null, 2) });
    expect(again.status).toBe(200);
    expect(ana.lastBody).toContain("Ya estaba en tu cartera; no se guardó otra vez.");
    expect(await stored()).toHaveLength(1);
  });

  it("accepts a credential from a foreign or unknown issuer and labels it", async () => {
    const credential = await foreign.issue(qualificationAchievement);
    const response = await ana.post("/import/paste", { json: JSON.stringify(credential) });
    expect(response.status).toBe(200);
    expect(ana.lastBody).toContain("Nadie en el registro de confianza respalda a este emisor");
    const [row] = await stored();
    expect(row).toMatchObject({ trust: "unknown", verdict: "valid-with-warnings" });
    await ana.get("/credentials");
    expect(ana.lastBody).toContain("Emisor extranjero o desconocido");
    expect(ana.lastBody).toContain("Emisor no reconocido");
  });

  it("shows progress toward a standard from the units held", async () => {
    for (const unit of ["U0586", "U0587"]) {
      const credential = await accredited.issue(unitAchievement(unit));
      await ana.get("/add");
      await ana.post("/import/paste", { json: JSON.stringify(credential) });
    }
    await ana.get("/credentials");
    // No qualification held and no catalogue to ask: the total is unknown.
    expect(ana.lastBody).toContain("2 unidades de EC0217.01");
    // A qualification of the standard tells which units it needs.
    const qualification = await accredited.issue(qualificationAchievement);
    await ana.get("/add");
    await ana.post("/import/paste", { json: JSON.stringify(qualification) });
    await ana.get("/credentials");
    expect(ana.lastBody).toContain("Estándar EC0217.01 completo");
    expect(publicIdsIn(ana.lastBody)).toHaveLength(3);
  });

  it("re-verifies on view, so a credential that expired shows as expired", async () => {
    const credential = await accredited.issue(unitAchievement("U0586"));
    await ana.post("/import/paste", { json: JSON.stringify(credential) });
    const [row] = await stored();
    wallet.clock.advance(6 * 365 * 86_400_000);
    await ana.signIn("ana@example.mx"); // the session expired too
    await ana.get(`/credentials/${row!.public_id}`);
    expect(ana.lastBody).toContain("No es válida en este momento");
    expect(ana.lastBody).toContain("Venció el 2031-01-15T00:00:00Z.");
    const [after] = await stored();
    expect(after!.verdict).toBe("invalid");
  });

  it("downloads a credential as JSON, exactly as issued, and removes it on request", async () => {
    const credential = await accredited.issue(qualificationAchievement);
    await ana.post("/import/paste", { json: JSON.stringify(credential) });
    const [row] = await stored();
    const download = await ana.get(`/credentials/${row!.public_id}/download`);
    expect(download.headers.get("content-disposition")).toBe(
      'attachment; filename="EC0217.01.json"',
    );
    expect(await download.json()).toEqual(credential);
    await ana.get(`/credentials/${row!.public_id}`);
    const removed = await ana.post(`/credentials/${row!.public_id}/delete`, {});
    expect(removed.status).toBe(303);
    expect(await stored()).toHaveLength(0);
    expect((await ana.get(`/credentials/${row!.public_id}`)).status).toBe(404);
  });

  it("reads a QR code image of an offer and continues to the claim", async () => {
    const { qrPng } = await import("../src/services/qr.js");
    const png = await qrPng(
      "https://issuer.example/claims/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB",
    );
    const form = new FormData();
    form.set("qr", new File([new Uint8Array(png)], "qr.png", { type: "image/png" }));
    const response = await ana.post("/claim/qr", form);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(
      `/claim?offer=${encodeURIComponent("https://issuer.example/claims/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB")}`,
    );
    await ana.get("/add");
    const blank = new FormData();
    blank.set("qr", new File([new Uint8Array([1, 2, 3])], "x.png", { type: "image/png" }));
    const nothing = await ana.post("/claim/qr", blank);
    expect(nothing.headers.get("location")).toBe("/add?m=no-qr");
  });
});
