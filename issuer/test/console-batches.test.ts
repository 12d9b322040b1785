import { testDatabases } from "@avala/db/testing";
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withCurpCheckDigit } from "../src/index.js";
import { prefersCsv, safeCell } from "../src/services/batch-reports.js";
import { type ConsoleBrowser, staffBrowser, visibleText } from "./console-support.js";
import { createHarness, type Harness } from "./harness.js";

const header = "externalId,achievementCode,email,curp,name,validFrom,validUntil";

function curpFor(i: number): string {
  return withCurpCheckDigit(`GOML${String(i).padStart(6, "0")}HDFRPR0`);
}

function cohort(rows: number): string[] {
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    lines.push(`g-${i},EC0217.01,persona${i}@example.mx,${curpFor(i)},Persona ${i},2026-01-15,`);
  }
  return lines;
}

function file(lines: string[]): Blob {
  return new Blob([`${lines.join("\n")}\n`], { type: "text/csv" });
}

describe.each(testDatabases())("console: cohorts on $name", (engine) => {
  let h: Harness;
  let clerk: ConsoleBrowser;
  let token: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    token = (await h.createOrg("ece-a")).token;
    expect((await h.addAchievement("ece-a", token)).status).toBe(201);
    clerk = await staffBrowser(h, "ece-a", "clara@ece-a.mx", "operator");
  });
  afterEach(() => h.close());

  it("validates an upload before signing, shows errors by line and column, then issues", async () => {
    const lines = cohort(12);
    lines[3] = `g-2,EC0217.01,persona2@example.mx,NO-ES-CURP,Persona 2,2026-01-15,`; // line 4
    lines[8] = `g-7,EC9999.99,persona7@example.mx,${curpFor(7)},Persona 7,2026-01-15,`; // line 9
    await clerk.get("/console/batches/new");
    const uploaded = await clerk.post("/console/batches", {
      file: file(lines),
      statusPurpose: "revocation",
    });
    expect(uploaded.status, visibleText(uploaded.text).slice(0, 300)).toBe(303);
    const batchId = /^\/console\/batches\/([0-9a-f-]{36})$/.exec(uploaded.location ?? "")?.[1];
    expect(batchId).toBeDefined();
    // A draft: nothing signed, nothing queued.
    await h.ctx.batches.idle();
    expect(await h.ctx.db.selectFrom("issuer_credential").selectAll().execute()).toHaveLength(0);
    const preview = await clerk.get(uploaded.location!);
    const text = visibleText(preview.text);
    expect(text).toContain("Revisión antes de emitir");
    expect(text).toContain("10 listas para emitir");
    expect(text).toContain("De 12 filas, 10 están bien y 2 tienen errores.");
    const rows = [...preview.text.matchAll(/<tr data-error-line="(\d+)">([\s\S]*?)<\/tr>/g)].map(
      (m) => [Number(m[1]), visibleText(m[2]!)],
    );
    expect(rows).toEqual([
      [4, "4 curp no es una CURP válida"],
      [9, "9 achievementCode EC9999.99 no está en el catálogo"],
    ]);
    // The same in English for an English-speaking reader.
    const reader = await staffBrowser(h, "ece-a", "rita@ece-a.mx", "viewer", "en");
    expect(visibleText((await reader.get(uploaded.location!)).text)).toContain("not a valid CURP");
    // A viewer cannot confirm it.
    expect((await reader.post(`/console/batches/${batchId}/confirm`)).status).toBe(403);

    await clerk.get(uploaded.location!);
    const confirmed = await clerk.post(`/console/batches/${batchId}/confirm`);
    expect(confirmed.status).toBe(303);
    await h.ctx.batches.idle();
    const progress = await clerk.get(`/console/batches/${batchId}/progress.json`, {
      accept: "application/json",
    });
    expect(JSON.parse(progress.text)).toMatchObject({
      state: "completed",
      total: 12,
      issued: 10,
      failed: 2,
      percent: 100,
    });
    const report = visibleText((await clerk.get(`/console/batches/${batchId}`)).text);
    expect(report).toContain("Informe del grupo");
    expect(report).toContain(
      "100 %: 12 de 12 filas (10 emitidas, 0 ya emitidas antes, 2 con errores).",
    );
    // Confirming twice does nothing.
    expect((await clerk.post(`/console/batches/${batchId}/confirm`)).status).toBe(404);

    const results = parse((await clerk.get(`/console/batches/${batchId}/results.csv`)).text, {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(results).toHaveLength(12);
    expect(results[2]).toMatchObject({
      line: "4",
      state: "failed",
      errors: "curp: no es una CURP válida",
    });
    expect(results[0]!.claimUrl).toMatch(/^http:\/\/issuer\.test\/claims\//);
    const claims = await clerk.get(`/console/batches/${batchId}/claims.csv`);
    expect(claims.headers.get("content-type")).toContain("text/csv");
    expect(parse(claims.text, { columns: true })).toHaveLength(10);
    // The API answers Accept: text/csv with CSV too (JSON otherwise).
    const csv = await h.call(`/orgs/ece-a/batches/${batchId}/credentials`, {
      token,
      headers: { accept: "text/csv" },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const apiRows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    expect(apiRows.map((r) => r["externalId"])).toEqual(
      results.filter((r) => r.state === "issued").map((r) => r.externalId),
    );
    expect(apiRows[0]!.claimUrl).toBe(results[0]!.claimUrl);
    const json = await h.call(`/orgs/ece-a/batches/${batchId}/credentials`, { token });
    expect(json.body.credentials).toHaveLength(10);
    // Found by batch in the search.
    const found = await clerk.get(`/console/credentials?batch=${batchId}`);
    expect([...found.text.matchAll(/href="\/console\/credentials\/[0-9a-f-]{36}"/g)]).toHaveLength(
      10,
    );
  });

  it("refuses files that are not UTF-8 CSV with the header, in the clerk's language", async () => {
    await clerk.get("/console/batches/new");
    const latin1 = new Blob([
      Buffer.from(`${header}\ng-1,EC0217.01,a@b.mx,,Jos\xe9,,\n`, "latin1"),
    ]);
    const notUtf8 = await clerk.post("/console/batches", { file: latin1 });
    expect(notUtf8.status).toBe(422);
    expect(visibleText(notUtf8.text)).toContain("no está en UTF-8: guarda el archivo como UTF-8");
    const headerless = await clerk.post("/console/batches", {
      file: file(["correo,nombre", "a@b.mx,Ana"]),
    });
    expect(headerless.status).toBe(422);
    expect(visibleText(headerless.text)).toContain("columna desconocida");
    expect(visibleText(headerless.text)).toContain("falta esta columna obligatoria");
    expect((await clerk.post("/console/batches", { file: file([header]) })).status).toBe(422);
    expect(await h.ctx.db.selectFrom("issuer_batch").selectAll().execute()).toHaveLength(0);
  });

  it("offers a template whose example row uploads as it is; a discarded draft leaves nothing", async () => {
    const template = await clerk.get("/console/batches/template.csv");
    expect(template.headers.get("content-type")).toContain("text/csv");
    const [row] = parse(template.text, { columns: true }) as Array<Record<string, string>>;
    expect(row).toMatchObject({
      externalId: "2026-0001",
      achievementCode: "EC0217.01",
      curp: "LOGA040315MDFPRNA3",
    });
    const page = visibleText((await clerk.get("/console/batches/new")).text);
    for (const column of [
      "externalId",
      "achievementCode",
      "email",
      "curp",
      "name",
      "validFrom",
      "validUntil",
      "did",
    ]) {
      expect(page).toContain(column);
    }
    const uploaded = await clerk.post("/console/batches", { file: new Blob([template.text]) });
    expect(uploaded.status).toBe(303);
    expect(visibleText((await clerk.get(uploaded.location!)).text)).toContain(
      "1 listas para emitir",
    );
    const id = uploaded.location!.split("/").at(-1)!;
    expect((await clerk.post(`/console/batches/${id}/discard`)).status).toBe(303);
    expect(await h.ctx.db.selectFrom("issuer_batch_row").selectAll().execute()).toHaveLength(0);
    expect((await clerk.get(`/console/batches/${id}`)).status).toBe(404);
  });
});

describe("CSV answers", () => {
  it("neutralises cells a spreadsheet would run", () => {
    expect(safeCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(safeCell("+1")).toBe("'+1");
    expect(safeCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeCell("Ana")).toBe("Ana");
    expect(safeCell(null)).toBe("");
  });

  it("gives CSV only to clients that prefer it", () => {
    expect(prefersCsv("text/csv")).toBe(true);
    expect(prefersCsv("text/csv, application/json;q=0.5")).toBe(true);
    expect(prefersCsv("application/json, text/csv;q=0.5")).toBe(false);
    expect(prefersCsv("*/*")).toBe(false);
    expect(prefersCsv(undefined)).toBe(false);
  });
});
