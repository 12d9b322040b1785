/**
 * Cohorts issued by real issuer processes that get killed with SIGKILL mid-batch: every row ends
 * issued exactly once. SQLite: one process, killed twice, restarted. PostgreSQL: two processes
 * share one cohort through the queue; one is killed; the survivor finishes the batch.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, type Database } from "@avala/db";
import { type Kysely, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { IssuerConfigOverrides } from "../src/config.js";
import { type IssuerTables, withCurpCheckDigit } from "../src/index.js";

const script = fileURLToPath(new URL("./support/issuer-process.ts", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));
const PLATFORM = `platform-${randomBytes(12).toString("hex")}`;
const PUBLIC_URL = "http://issuer.kill.test";
const postgresUrl = process.env["AVALA_TEST_DATABASE_URL"];

interface IssuerProcess {
  child: ChildProcess;
  url: string;
  output: string[];
  exited: Promise<void>;
}

const started: IssuerProcess[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const p of started.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await p.exited;
  }
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts `support/issuer-process.ts` with `node --import tsx`; resolves once it listens. */
async function startProcess(config: IssuerConfigOverrides): Promise<IssuerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, AVALA_TEST_ISSUER: JSON.stringify(config) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${output.join("")}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /listening (\d+)/.exec(output.join(""));
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before listening:\n${output.join("")}`));
    });
  });
  const issuer = { child, url, output, exited };
  started.push(issuer);
  return issuer;
}

async function kill(p: IssuerProcess): Promise<void> {
  p.child.kill("SIGKILL");
  await p.exited;
}

async function api(url: string, path: string, token: string, init: RequestInit = {}) {
  const response = await fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : undefined };
}

/** An organisation with EC0217.01, through the platform API; its admin token. */
async function setUpOrganisation(url: string): Promise<string> {
  const created = await api(url, "/orgs", PLATFORM, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      slug: "ece-kill",
      kind: "certification-body",
      name: { es: "ECE Kill", en: "ECE Kill" },
    }),
  });
  expect(created.status, created.text).toBe(201);
  const token = created.body.token.token as string;
  const achievement = await api(url, "/orgs/ece-kill/achievements", token, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      code: "EC0217.01",
      kind: "qualification",
      name: { es: "Impartición de cursos", en: "Delivering courses" },
      description: { es: "Estándar", en: "Standard" },
      criteria: { es: "Evaluación", en: "Assessment" },
      level: 3,
    }),
  });
  expect(achievement.status, achievement.text).toBe(201);
  return token;
}

function cohortCsv(rows: number): string {
  const lines = ["externalId,achievementCode,email,curp,name"];
  for (let i = 0; i < rows; i++) {
    const curp = withCurpCheckDigit(`GOML${String(i).padStart(6, "0")}HDFRPR0`);
    lines.push(`kill-${i},EC0217.01,persona${i}@example.mx,${curp},Persona ${i}`);
  }
  return `${lines.join("\n")}\n`;
}

async function upload(url: string, token: string, rows: number): Promise<string> {
  const reply = await api(url, "/orgs/ece-kill/batches", token, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: cohortCsv(rows),
  });
  expect(reply.status, reply.text).toBe(202);
  return reply.body.id as string;
}

async function until(what: string, check: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) {
      const logs = started.map((p, i) => `process ${i}:\n${p.output.join("").slice(-3000)}`);
      throw new Error(`timed out waiting until ${what}\n${logs.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function issuedCount(db: Kysely<IssuerTables>): Promise<number> {
  const row = await db
    .selectFrom("issuer_batch_row")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("state", "=", "issued")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Every row issued exactly once: one credential per external id, each row linked to the
 * credential with its own external id and sitting on the slot the row reserved, every status
 * slot used once, no slot reserved beyond those, no lease left.
 */
async function expectExactlyOnce(db: Kysely<IssuerTables>, rows: number): Promise<void> {
  const batch = await db.selectFrom("issuer_batch").selectAll().executeTakeFirstOrThrow();
  expect(batch.state).toBe("completed");
  const batchRows = await db.selectFrom("issuer_batch_row").selectAll().execute();
  expect(batchRows).toHaveLength(rows);
  expect(batchRows.every((r) => r.state === "issued" && r.lease_token === null)).toBe(true);
  const credentials = await db
    .selectFrom("issuer_credential")
    .select(["id", "external_id", "status_list_id", "status_index"])
    .execute();
  expect(credentials).toHaveLength(rows);
  const perExternalId = new Map<string, number>();
  for (const c of credentials) {
    perExternalId.set(c.external_id!, (perExternalId.get(c.external_id!) ?? 0) + 1);
  }
  expect(perExternalId.size).toBe(rows);
  expect([...perExternalId.values()].every((n) => n === 1)).toBe(true);
  expect(new Set(credentials.map((c) => `${c.status_list_id}:${c.status_index}`)).size).toBe(rows);
  const byId = new Map(credentials.map((c) => [c.id, c]));
  for (const row of batchRows) {
    expect(byId.get(row.credential_id!)).toMatchObject({
      external_id: row.external_id,
      status_list_id: row.status_list_id,
      status_index: row.status_index,
    });
  }
  const slots = await db
    .selectFrom("issuer_status_index")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  expect(Number(slots.n)).toBe(rows);
  const offers = await db
    .selectFrom("issuer_claim_offer")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  expect(Number(offers.n)).toBe(rows);
  const messages = await db.selectFrom("issuer_mail_outbox").select("reference").execute();
  expect(messages).toHaveLength(rows);
  expect(new Set(messages.map((m) => m.reference)).size).toBe(rows);
}

function baseConfig(extra: IssuerConfigOverrides): IssuerConfigOverrides {
  return {
    port: 0,
    publicUrl: PUBLIC_URL,
    masterKey: randomBytes(32).toString("base64"),
    platformAdminToken: PLATFORM,
    limits: { batchChunkSize: 40 } as IssuerConfigOverrides["limits"],
    ...extra,
  };
}

describe("a cohort on SQLite, its process killed with SIGKILL twice", () => {
  it("resumes at each restart and issues every row exactly once", {
    timeout: 600_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "avala-kill-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const config = baseConfig({ dataDir, batches: { leaseMs: 60_000 } });
    const rows = 400;
    let db: Database<IssuerTables> | undefined;
    cleanups.push(() => db?.destroy());

    let issuer = await startProcess(config);
    const token = await setUpOrganisation(issuer.url);
    const batchId = await upload(issuer.url, token, rows);
    const progress = async (url: string) =>
      (await api(url, `/orgs/ece-kill/batches/${batchId}`, token)).body as {
        issued: number;
        pending: number;
        state: string;
      };
    await until("40 rows are issued", async () => (await progress(issuer.url)).issued >= 40);
    await kill(issuer);
    db = createDatabase<IssuerTables>({ dataDir, fileName: "issuer.sqlite" });
    const afterFirst = await issuedCount(db.db);
    expect(afterFirst).toBeLessThan(rows);
    // What the dead process committed is whole: as many credentials as issued rows.
    const credentials = await db.db
      .selectFrom("issuer_credential")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(credentials.n)).toBe(afterFirst);

    issuer = await startProcess(config);
    await until(
      "more rows are issued after the restart",
      async () => (await progress(issuer.url)).issued >= afterFirst + 40,
    );
    await kill(issuer);

    issuer = await startProcess(config);
    await until(
      "the batch completes",
      async () => (await progress(issuer.url)).state === "completed",
    );
    expect(await progress(issuer.url)).toMatchObject({ issued: rows, pending: 0 });
    await expectExactlyOnce(db.db, rows);
  });
});

describe.skipIf(!postgresUrl)("a cohort shared by two issuer processes on PostgreSQL", () => {
  it("survives one process killed with SIGKILL: the other finishes, each row issued once", {
    timeout: 600_000,
  }, async () => {
    // A fresh schema for this run (pg-boss's tables go in it too), dropped at the end.
    const schema = `avala_test_${randomBytes(8).toString("hex")}`;
    const admin = createDatabase<IssuerTables>({ databaseUrl: postgresUrl!, maxConnections: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    cleanups.push(async () => {
      // Exclusive against migrations elsewhere (@avala/db's SCHEMA_DROP_LOCK, "avla").
      await admin.db.connection().execute(async (connection) => {
        await sql`select pg_advisory_lock(${0x61766c61})`.execute(connection);
        try {
          await sql`drop schema ${sql.id(schema)} cascade`.execute(connection);
        } finally {
          await sql`select pg_advisory_unlock(${0x61766c61})`.execute(connection);
        }
      });
      await admin.destroy();
    });
    const url = new URL(postgresUrl!);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const databaseUrl = url.toString();
    const dataDir = mkdtempSync(join(tmpdir(), "avala-kill-pg-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const config = baseConfig({
      dataDir,
      databaseUrl,
      batches: { leaseMs: 4_000, queuePollMs: 500, queueMaintenanceSeconds: 5 },
    });
    const db = createDatabase<IssuerTables>({ databaseUrl });
    cleanups.push(() => db.destroy());

    const a = await startProcess(config);
    const b = await startProcess(config);
    const token = await setUpOrganisation(a.url);
    const rows = 600;
    const batchId = await upload(a.url, token, rows);

    // Both processes hold rows of the cohort at once (two leases), with some issued already.
    await until("both processes work on the cohort", async () => {
      const holders = await db.db
        .selectFrom("issuer_batch_row")
        .select((eb) => eb.fn.count("lease_token").distinct().as("n"))
        .where("state", "=", "pending")
        .executeTakeFirstOrThrow();
      return Number(holders.n) >= 2 && (await issuedCount(db.db)) >= 40;
    });
    await kill(a);
    const atKill = await issuedCount(db.db);
    expect(atKill).toBeLessThan(rows);

    await until("the batch completes", async () => {
      const reply = await api(b.url, `/orgs/ece-kill/batches/${batchId}`, token);
      return reply.body.state === "completed";
    });
    await expectExactlyOnce(db.db, rows);
    // The survivor's run ends once no row is pending, having issued at least every row that
    // was not issued when the other died (the dead one's claimed rows included).
    const survivorRows = () =>
      [...b.output.join("").matchAll(/batch run \{"batchId":\d+,"rows":(\d+)/g)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
    await until("the survivor's run ends", async () => survivorRows() > 0);
    expect(survivorRows()).toBeGreaterThanOrEqual(rows - atKill);
  });
});
