/**
 * One cohort on PostgreSQL, issued by one issuer process, then by two sharing it (each in a
 * process of its own on 127.0.0.1, the batch a job of the queue in the database; a fresh schema
 * per run, dropped after). Prints each run's throughput and what each process issued.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm --filter @avala/issuer bench:processes
 *   BENCH_PG_ROWS=5000 …   (default 2,000 rows; AVALA_TEST_DATABASE_URL is used when set)
 *
 * Without a PostgreSQL URL it says so and does nothing.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "@avala/db";
import { sql } from "kysely";
import { withCurpCheckDigit } from "../src/index.js";
import {
  type ChildIssuer,
  createOrganisation,
  PLATFORM_TOKEN,
  rowsRun,
  startChildIssuer,
} from "./child-issuer.js";

const databaseUrl = process.env["BENCH_DATABASE_URL"] ?? process.env["AVALA_TEST_DATABASE_URL"];
const rows = Number(process.env["BENCH_PG_ROWS"] ?? 2_000);

if (!databaseUrl) {
  console.log(
    "Cohort on PostgreSQL, one process against two: skipped (set BENCH_DATABASE_URL to a PostgreSQL database)",
  );
  process.exit(0);
}

const admin = createDatabase<Record<string, never>>({ databaseUrl, maxConnections: 1 });
const masterKey = randomBytes(32).toString("base64");
const dataDir = mkdtempSync(join(tmpdir(), "avala-bench-pg-"));

async function run(processes: number): Promise<void> {
  const schema = `avala_bench_${randomBytes(6).toString("hex")}`;
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  const url = new URL(databaseUrl!);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const issuers: ChildIssuer[] = [];
  try {
    const config = {
      dataDir,
      databaseUrl: url.toString(),
      publicUrl: "http://issuer.bench.test",
      masterKey,
      platformAdminToken: PLATFORM_TOKEN,
      batches: { queuePollMs: 500 },
    };
    // One at a time: the first creates the schema (migrations), the others find it.
    for (let i = 0; i < processes; i++) issuers.push(await startChildIssuer(config));
    const { token } = await createOrganisation(issuers[0]!.url, "ece-bench");
    const lines = ["externalId,achievementCode,email,curp,name"];
    for (let i = 0; i < rows; i++) {
      const curp = withCurpCheckDigit(`GOML${String(i).padStart(6, "0")}HDFRPR0`);
      lines.push(`pg-${i},EC0217.01,persona${i}@example.mx,${curp},Persona ${i}`);
    }
    const started = performance.now();
    const upload = await fetch(`${issuers[0]!.url}/orgs/ece-bench/batches`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
      body: `${lines.join("\n")}\n`,
    });
    if (upload.status !== 202) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
    const { id } = (await upload.json()) as { id: string };
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const reply = await fetch(`${issuers[0]!.url}/orgs/ece-bench/batches/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const progress = (await reply.json()) as { state: string; issued: number };
      if (progress.state === "completed") break;
    }
    const seconds = (performance.now() - started) / 1000;
    // Each run logs its rows when it ends, right after the batch completes.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    console.log(
      `  ${processes} process${processes > 1 ? "es" : ""}: ${rows} rows in ${seconds.toFixed(1)} s, ${(rows / seconds).toFixed(0)} credentials/s in all`,
    );
    issuers.forEach((issuer, i) => {
      const done = rowsRun(issuer);
      console.log(
        `    process ${i + 1}: ${done} rows, ${(done / seconds).toFixed(0)} credentials/s`,
      );
    });
  } finally {
    for (const issuer of issuers) await issuer.stop();
    await admin.db.connection().execute(async (connection) => {
      // Exclusive against migrations elsewhere (@avala/db's SCHEMA_DROP_LOCK, "avla").
      await sql`select pg_advisory_lock(${0x61766c61})`.execute(connection);
      try {
        await sql`drop schema ${sql.id(schema)} cascade`.execute(connection);
      } finally {
        await sql`select pg_advisory_unlock(${0x61766c61})`.execute(connection);
      }
    });
  }
}

try {
  console.log(
    `Cohort on PostgreSQL, ${rows} rows (an organisation without endorsements): one issuer process against two`,
  );
  await run(1);
  await run(2);
} finally {
  await admin.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}
