import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findAchievementsByCodes } from "../src/db/repositories/achievements.js";
import { credentialIdsByExternalIds } from "../src/db/repositories/credentials.js";
import { findOrganisationBySlug } from "../src/db/repositories/organisations.js";
import { createIssuerContext, processBatch, withCurpCheckDigit } from "../src/index.js";
import { STORE_SLICE_ROWS } from "../src/services/batch-pipeline.js";
import { createHarness, expectProblem, type Harness } from "./harness.js";

const header = "externalId,achievementCode,email,curp,name,validFrom,validUntil";

function curpFor(i: number): string {
  const digits = String(i % 1_000_000).padStart(6, "0");
  return withCurpCheckDigit(`GOML${digits}HDFRPR0`);
}

function csv(rows: number, prefix = "row", start = 0): string {
  const lines = [header];
  for (let i = start; i < start + rows; i++) {
    lines.push(
      `${prefix}-${i},EC0217.01,persona${i}@example.mx,${curpFor(i)},Persona ${i},2025-06-30,`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe.each(testDatabases())("batches on $name", (engine) => {
  let h: Harness;
  let admin: string;
  beforeEach(async () => {
    h = await createHarness(engine, {
      limits: { batchRows: 5000, batchBodyBytes: 2 * 1024 * 1024 } as never,
    });
    admin = (await h.createOrg("ece-b")).token;
    expect((await h.addAchievement("ece-b", admin)).status).toBe(201);
  });
  afterEach(() => h.close());

  function upload(body: string, type = "text/csv", query = "") {
    return h.call(`/orgs/ece-b/batches${query}`, {
      token: admin,
      body,
      headers: { "content-type": type },
    });
  }

  async function credentialCount(): Promise<number> {
    const row = await h.ctx.db
      .selectFrom("issuer_credential")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it("issues a CSV cohort, reports bad rows by line and field, and never stops on them", async () => {
    const body = [
      header,
      "a-1,EC0217.01,uno@example.mx,,Uno,,",
      "a-2,EC9999.99,dos@example.mx,,Dos,,",
      "a-3,EC0217.01,,AAAA000000HDFAAA00,Tres,,",
      "a-4,EC0217.01,,,Cuatro,,",
      "a-1,EC0217.01,otra@example.mx,,Repetida,,",
      "a-6,EC0217.01,seis@example.mx",
      `a-7,EC0217.01,siete@example.mx,${curpFor(7)},Siete,2025-01-01,2024-01-01`,
      `"a-8",EC0217.01,"ocho@example.mx",${curpFor(8)},"Ocho, con coma",2025-01-01,2030-01-01`,
      "a-9,EC0217.01,not-an-email,,Nueve,,",
    ].join("\n");
    const accepted = await upload(body);
    expect(accepted.status, accepted.text).toBe(202);
    expect(accepted.headers.get("location")).toBe(
      `http://issuer.test/orgs/ece-b/batches/${accepted.body.id}`,
    );
    expect(accepted.body).toMatchObject({ total: 9, state: "processing" });
    await h.ctx.batches.idle();
    const progress = await h.call(`/orgs/ece-b/batches/${accepted.body.id}`, { token: admin });
    expect(progress.body).toMatchObject({
      total: 9,
      issued: 2,
      failed: 7,
      pending: 0,
      skipped: 0,
      state: "completed",
    });
    const errors = await h.call(`/orgs/ece-b/batches/${accepted.body.id}/errors`, {
      token: admin,
      headers: { "accept-language": "en" },
    });
    // Each row error has a stable code and its reason in the reader's language.
    const spanish = await h.call(`/orgs/ece-b/batches/${accepted.body.id}/errors`, {
      token: admin,
      headers: { "accept-language": "es-MX" },
    });
    expect(spanish.body.errors.find((e: { line: number }) => e.line === 4)).toMatchObject({
      field: "curp",
      code: "issuer.batch.row.curp",
      reason: "no es una CURP válida",
    });
    expect(spanish.body.errors.find((e: { line: number }) => e.line === 6)).toMatchObject({
      reason: "repite la línea 2 de este archivo",
    });
    const byLine = new Map<number, Array<{ field?: string; reason: string }>>();
    for (const e of errors.body.errors) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e]);
    expect([...byLine.keys()].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 10]);
    expect(byLine.get(3)![0]).toMatchObject({ field: "achievementCode" });
    expect(byLine.get(4)![0]).toMatchObject({ field: "curp", reason: "not a valid CURP" });
    expect(byLine.get(5)![0]).toMatchObject({ field: "email" });
    expect(byLine.get(6)![0]).toMatchObject({
      field: "externalId",
      reason: "duplicate of line 2 in this upload",
    });
    expect(byLine.get(7)![0]!.reason).toMatch(/cells/);
    expect(byLine.get(8)![0]).toMatchObject({ field: "validUntil" });
    expect(byLine.get(10)![0]).toMatchObject({ field: "email" });
    const issued = await h.call(`/orgs/ece-b/batches/${accepted.body.id}/credentials`, {
      token: admin,
    });
    expect(issued.body.credentials.map((c: { externalId: string }) => c.externalId)).toEqual([
      "a-1",
      "a-8",
    ]);
    const first = issued.body.credentials[0];
    expect(first.claim.url).toMatch(/^http:\/\/issuer\.test\/claims\//);
    const detail = await h.call(
      `/orgs/ece-b/credentials/${issued.body.credentials[1].credential}`,
      { token: admin },
    );
    expect(detail.body.learner).toEqual({ email: "ocho@example.mx", name: "Ocho, con coma" });
    expect(detail.body.verifiableCredential.validUntil).toBe("2030-01-01T00:00:00Z");
    expect((await h.verify(detail.body.verifiableCredential)).verdict).toBe("valid");
    // CURPs were sealed while pending and are erased once processed.
    const rows = await h.ctx.db
      .selectFrom("issuer_batch_row")
      .select("learner_curp_sealed")
      .execute();
    expect(rows.every((r) => r.learner_curp_sealed === null)).toBe(true);
  });

  it("accepts a JSON array; a bad row fails alone", async () => {
    const reply = await upload(
      JSON.stringify([
        { externalId: "j-1", achievementCode: "EC0217.01", email: "j1@example.mx" },
        { externalId: "j-2", achievementCode: "EC0217.01", email: "j2@example.mx", shoeSize: "42" },
        { externalId: 3, achievementCode: "EC0217.01", email: "j3@example.mx" },
        "not an object",
        {
          externalId: "j-5",
          achievementCode: "EC0217.01",
          did: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        },
      ]),
      "application/json",
      "?statusPurpose=suspension",
    );
    expect(reply.status, reply.text).toBe(202);
    await h.ctx.batches.idle();
    const progress = await h.call(`/orgs/ece-b/batches/${reply.body.id}`, { token: admin });
    expect(progress.body).toMatchObject({
      total: 5,
      issued: 2,
      failed: 3,
      statusPurpose: "suspension",
    });
    const errors = (
      await h.call(`/orgs/ece-b/batches/${reply.body.id}/errors`, {
        token: admin,
        headers: { "accept-language": "en" },
      })
    ).body.errors;
    expect(errors.find((e: { line: number }) => e.line === 2)).toMatchObject({
      field: "shoeSize",
      reason: "unknown field",
    });
    expect(errors.find((e: { line: number }) => e.line === 3)).toMatchObject({
      field: "externalId",
    });
    expect(errors.find((e: { line: number }) => e.line === 4)).toBeDefined();
    const list = await h.call("/orgs/ece-b/credentials?externalId=j-5", { token: admin });
    expect(list.body.credentials[0]).toMatchObject({
      statusPurpose: "suspension",
      subject: expect.stringMatching(/^did:key:/),
    });
  });

  it("issues every credential exactly once when the same batch is sent twice", async () => {
    const body = csv(25, "twice");
    const first = await upload(body);
    await h.ctx.batches.idle();
    const second = await upload(body);
    await h.ctx.batches.idle();
    expect(await credentialCount()).toBe(25);
    const a = (await h.call(`/orgs/ece-b/batches/${first.body.id}`, { token: admin })).body;
    const b = (await h.call(`/orgs/ece-b/batches/${second.body.id}`, { token: admin })).body;
    expect(a).toMatchObject({ total: 25, issued: 25, skipped: 0, pending: 0 });
    expect(b).toMatchObject({ total: 25, issued: 0, skipped: 25, pending: 0, state: "completed" });
    const rowsB = (
      await h.call(`/orgs/ece-b/batches/${second.body.id}/credentials`, { token: admin })
    ).body.credentials;
    const rowsA = (
      await h.call(`/orgs/ece-b/batches/${first.body.id}/credentials`, { token: admin })
    ).body.credentials;
    expect(rowsB.map((r: { credential: string }) => r.credential)).toEqual(
      rowsA.map((r: { credential: string }) => r.credential),
    );
  });

  it("resumes after a crash at any point of a chunk and issues each row exactly once", async () => {
    await h.ctx.batches.stop(); // process by hand, as a crashing worker would
    const accepted = await upload(csv(30, "crash"));
    const batch = await h.ctx.db
      .selectFrom("issuer_batch")
      .select("id")
      .where("public_id", "=", accepted.body.id)
      .executeTakeFirstOrThrow();
    const progress = async () =>
      (await h.call(`/orgs/ece-b/batches/${accepted.body.id}`, { token: admin })).body;
    const reservedSlots = async () =>
      Number(
        (
          await h.ctx.db
            .selectFrom("issuer_status_index")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    // The process dies after its second chunk of 7 committed.
    await expect(
      processBatch(h.ctx, batch.id, {
        chunkSize: 7,
        hooks: {
          afterChunk: (n) => {
            if (n >= 10) throw new Error("killed");
          },
        },
      }),
    ).rejects.toThrow("killed");
    expect(await progress()).toMatchObject({ issued: 14, pending: 16, state: "processing" });

    // Dies right after claiming a chunk: its rows hold their reserved status slots, no credential.
    await expect(
      processBatch(h.ctx, batch.id, {
        chunkSize: 7,
        hooks: {
          afterClaim: () => {
            throw new Error("killed after claim");
          },
        },
      }),
    ).rejects.toThrow("killed after claim");
    expect(await progress()).toMatchObject({ issued: 14, pending: 16 });
    expect(await credentialCount()).toBe(14);
    expect(await reservedSlots()).toBe(21);

    // Dies after signing a chunk, before storing it: nothing stored, no new slot reserved.
    await expect(
      processBatch(h.ctx, batch.id, {
        chunkSize: 7,
        hooks: {
          afterSign: () => {
            throw new Error("killed after signing");
          },
        },
      }),
    ).rejects.toThrow("killed after signing");
    expect(await credentialCount()).toBe(14);
    expect(await reservedSlots()).toBe(21);

    // A power cut inside the chunk's transaction, after some of its credentials were inserted:
    // the whole chunk rolls back (credentials, offers, e-mails, row states).
    let seen = 0;
    await expect(
      processBatch(h.ctx, batch.id, {
        chunkSize: 7,
        hooks: {
          beforeCommit: () => {
            if (++seen === 5) throw new Error("power cut");
          },
        },
      }),
    ).rejects.toThrow("power cut");
    expect(await progress()).toMatchObject({ issued: 14, pending: 16 });
    expect(await credentialCount()).toBe(14);
    const offers = await h.ctx.db
      .selectFrom("issuer_claim_offer")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(offers.n)).toBe(14);

    // A restarted service (a new context on the same database) resumes what is pending.
    const restarted = createIssuerContext(h.ctx.config, {
      database: { db: h.ctx.db, dialect: h.ctx.dialect, destroy: async () => {} },
      now: h.ctx.now,
      log: h.ctx.log,
    });
    expect(await restarted.batches.resumeUnfinished()).toBe(1);
    await restarted.batches.idle();
    await restarted.destroy();
    expect(await progress()).toMatchObject({
      issued: 30,
      pending: 0,
      failed: 0,
      state: "completed",
    });
    const rows = await h.ctx.db
      .selectFrom("issuer_credential")
      .select(["id", "external_id", "status_list_id", "status_index"])
      .execute();
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.external_id)).size).toBe(30);
    expect(new Set(rows.map((r) => r.status_index)).size).toBe(30);
    // Every credential sits on the slot its row reserved, and no slot was reserved twice.
    const batchRows = await h.ctx.db
      .selectFrom("issuer_batch_row")
      .select(["credential_id", "status_list_id", "status_index", "lease_token"])
      .where("batch_id", "=", batch.id)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const row of batchRows) {
      const credential = byId.get(row.credential_id!);
      expect(credential).toMatchObject({
        status_list_id: row.status_list_id,
        status_index: row.status_index,
      });
      expect(row.lease_token).toBeNull();
    }
    expect(await reservedSlots()).toBe(30);
    // Running it again does nothing.
    expect(await processBatch(h.ctx, batch.id)).toBe(0);
  });

  it("stores a large chunk in slices: a power cut in one keeps the slices before it, then each row once", async () => {
    await h.ctx.batches.stop();
    const accepted = await upload(csv(45, "slices"));
    const batch = await h.ctx.db
      .selectFrom("issuer_batch")
      .select("id")
      .where("public_id", "=", accepted.body.id)
      .executeTakeFirstOrThrow();
    const progress = async () =>
      (await h.call(`/orgs/ece-b/batches/${accepted.body.id}`, { token: admin })).body;
    // One chunk of 45 rows; the power goes at its 30th row, inside a slice after the first.
    const kept = Math.floor(29 / STORE_SLICE_ROWS) * STORE_SLICE_ROWS;
    expect(kept).toBeGreaterThan(0);
    let seen = 0;
    await expect(
      processBatch(h.ctx, batch.id, {
        chunkSize: 45,
        hooks: {
          beforeCommit: () => {
            if (++seen === 30) throw new Error("power cut");
          },
        },
      }),
    ).rejects.toThrow("power cut");
    expect(await progress()).toMatchObject({ issued: kept, pending: 45 - kept });
    expect(await credentialCount()).toBe(kept);

    expect(await processBatch(h.ctx, batch.id, { chunkSize: 45 })).toBe(45 - kept);
    expect(await progress()).toMatchObject({ issued: 45, pending: 0, state: "completed" });
    const rows = await h.ctx.db.selectFrom("issuer_credential").select("external_id").execute();
    expect(rows).toHaveLength(45);
    expect(new Set(rows.map((r) => r.external_id)).size).toBe(45);
  });

  it("a chunk stores only the rows its run still holds", async () => {
    await h.ctx.batches.stop();
    const accepted = await upload(csv(6, "lease"));
    const batch = await h.ctx.db
      .selectFrom("issuer_batch")
      .select("id")
      .where("public_id", "=", accepted.body.id)
      .executeTakeFirstOrThrow();
    // While this run signs, its lease ends and another run takes the rows over and issues them:
    // the first run's chunk then stores nothing (no second credential, no error).
    let taken = 0;
    const first = processBatch(h.ctx, batch.id, {
      hooks: {
        afterSign: async () => {
          if (taken++ > 0) return;
          h.clock.advance(h.ctx.config.batches.leaseMs + 1);
          expect(await processBatch(h.ctx, batch.id)).toBe(6);
        },
      },
    });
    expect(await first).toBe(0);
    expect(await credentialCount()).toBe(6);
    const progress = (await h.call(`/orgs/ece-b/batches/${accepted.body.id}`, { token: admin }))
      .body;
    expect(progress).toMatchObject({ issued: 6, pending: 0, state: "completed" });
  });

  it("refuses unreadable uploads as a whole, with reasons", async () => {
    const unknownColumn = await upload(
      "externalId,achievementCode,email,shoe\nx,EC0217.01,a@b.mx,42\n",
    );
    expectProblem(unknownColumn, 400);
    expect(unknownColumn.body.errors[0]).toMatchObject({ line: 1, field: "shoe" });
    const missing = await upload("email\na@b.mx\n");
    expectProblem(missing, 400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual([
      "externalId",
      "achievementCode",
    ]);
    const quote = await upload('externalId,achievementCode,email\n"x,EC0217.01,a@b.mx\n');
    expectProblem(quote, 400);
    expect(quote.body.errors[0].line).toBeGreaterThan(0);
    expectProblem(await upload(`${header}\n`), 422);
    expectProblem(await upload("[]", "application/json"), 422);
    expectProblem(await upload('{"rows": []}', "application/json"), 400);
    expectProblem(await upload("[{", "application/json"), 400);
    expectProblem(await upload("<rows/>", "application/xml"), 415);
    expectProblem(await upload(csv(1, "q"), "text/csv", "?statusPurpose=maybe"), 400);
    expectProblem(await upload("x".repeat(3 * 1024 * 1024)), 413);
    expectProblem(await upload(csv(5001, "many")), 422);
    const batches = await h.ctx.db.selectFrom("issuer_batch").selectAll().execute();
    expect(batches).toHaveLength(0);
  });

  it("completes a 2,000-row batch", { timeout: 180_000 }, async () => {
    const started = Date.now();
    const accepted = await upload(csv(2000, "big"));
    expect(accepted.status, accepted.text).toBe(202);
    await h.ctx.batches.idle();
    const progress = (await h.call(`/orgs/ece-b/batches/${accepted.body.id}`, { token: admin }))
      .body;
    expect(progress).toMatchObject({
      total: 2000,
      issued: 2000,
      failed: 0,
      pending: 0,
      state: "completed",
    });
    const rows = await h.ctx.db.selectFrom("issuer_credential").select(["status_index"]).execute();
    expect(new Set(rows.map((r) => r.status_index)).size).toBe(2000);
    const page = await h.call(`/orgs/ece-b/batches/${accepted.body.id}/credentials?limit=1000`, {
      token: admin,
    });
    expect(page.body.credentials).toHaveLength(1000);
    expect(page.body.next).toBe("1001");
    console.log(
      `[${engine.name}] 2,000-row batch in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});

// Default limits (100,000 rows, 32 MiB). Both engines bound the parameters of one statement
// (SQLite 32,766; PostgreSQL 65,535): an upload must never turn into one `IN (…)` per upload.
describe.each(testDatabases())("batch validation at scale on $name", (engine) => {
  let h: Harness;
  let admin: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    admin = (await h.createOrg("ece-many")).token;
    expect((await h.addAchievement("ece-many", admin)).status).toBe(201);
  });
  afterEach(() => h.close());

  it("answers 40,000 rows with distinct unknown codes with 202 and row errors, never a 500", {
    timeout: 120_000,
  }, async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => ({
      externalId: `many-${i}`,
      achievementCode: `NOPE-${i}`,
      email: `p${i}@example.mx`,
    }));
    const reply = await h.call("/orgs/ece-many/batches", {
      token: admin,
      body: JSON.stringify(rows),
      headers: { "content-type": "application/json" },
    });
    expect(reply.status, reply.text.slice(0, 500)).toBe(202);
    expect(reply.body).toMatchObject({ total: 40_000, failed: 40_000, issued: 0, pending: 0 });
    await h.ctx.batches.idle();
    const errors = await h.call(`/orgs/ece-many/batches/${reply.body.id}/errors?limit=2`, {
      token: admin,
      headers: { "accept-language": "en" },
    });
    expect(errors.body.errors).toEqual([
      {
        line: 1,
        field: "achievementCode",
        code: "issuer.batch.row.not-in-catalogue",
        reason: "NOPE-0 is not in the catalogue",
        externalId: "many-0",
      },
      {
        line: 2,
        field: "achievementCode",
        code: "issuer.batch.row.not-in-catalogue",
        reason: "NOPE-1 is not in the catalogue",
        externalId: "many-1",
      },
    ]);
    const progress = await h.call(`/orgs/ece-many/batches/${reply.body.id}`, { token: admin });
    expect(progress.body).toMatchObject({ state: "completed", failed: 40_000 });
  });

  it("looks up more codes and external ids than either engine binds in one statement", async () => {
    const org = await findOrganisationBySlug(h.ctx.db, "ece-many");
    const codes = Array.from({ length: 70_000 }, (_, i) => `NOPE-${i}`);
    const found = await findAchievementsByCodes(h.ctx.db, org!.id, [...codes, "EC0217.01"]);
    expect(found.map((a) => a.code)).toEqual(["EC0217.01"]);
    const issued = await credentialIdsByExternalIds(h.ctx.db, org!.id, codes);
    expect(issued.size).toBe(0);
  });
});
