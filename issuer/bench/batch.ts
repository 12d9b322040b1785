/**
 * Cohort issuance throughput, end to end: a real issuer on a free port (SQLite in a temporary
 * folder, or PostgreSQL when BENCH_DATABASE_URL is set), one CSV batch of BENCH_ROWS rows
 * (default 10,000) uploaded over HTTP with the demo organisation's token, progress polled until
 * the batch completes. Prints credentials signed and stored per second.
 *
 *   pnpm --filter @avala/issuer bench                      # SQLite, 10,000 rows
 *   BENCH_ROWS=30000 pnpm --filter @avala/issuer bench
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm --filter @avala/issuer bench
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startIssuer, withCurpCheckDigit } from "../src/index.js";

const rows = Number(process.env.BENCH_ROWS ?? 10_000);
const databaseUrl = process.env.BENCH_DATABASE_URL;
const dataDir = mkdtempSync(join(tmpdir(), "avala-bench-"));
const run = randomBytes(4).toString("hex");

const issuer = await startIssuer(
  {
    port: 0,
    dataDir,
    masterKey: randomBytes(32).toString("base64"),
    ...(databaseUrl ? { databaseUrl } : {}),
  },
  { log: { info: () => {}, warn: () => {}, error: console.error } as never },
);
try {
  const token = issuer.demo?.token;
  if (!token) throw new Error("The issuer did not seed its demo organisation.");
  const lines = ["externalId,achievementCode,email,curp,name,validFrom,validUntil"];
  for (let i = 0; i < rows; i++) {
    const curp = withCurpCheckDigit(`GOML${String(i % 1_000_000).padStart(6, "0")}HDFRPR0`);
    lines.push(`bench-${run}-${i},EC0217.01,persona${i}@example.mx,${curp},Persona ${i},,`);
  }
  const started = performance.now();
  const upload = await fetch(`${issuer.url}/orgs/ece-demo/batches`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
    body: `${lines.join("\n")}\n`,
  });
  if (upload.status !== 202) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
  const { id } = (await upload.json()) as { id: string };
  const accepted = performance.now();
  let progress: { state: string; issued: number; failed: number } = {
    state: "",
    issued: 0,
    failed: 0,
  };
  while (progress.state !== "completed" && progress.state !== "failed") {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const reply = await fetch(`${issuer.url}/orgs/ece-demo/batches/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    progress = (await reply.json()) as typeof progress;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`Cohort batch on ${databaseUrl ? "PostgreSQL" : "SQLite"}: ${rows} rows`);
  console.log(
    `  upload accepted in ${((accepted - started) / 1000).toFixed(1)} s (rows stored, validated)`,
  );
  console.log(`  ${progress.issued} issued, ${progress.failed} failed, in ${seconds.toFixed(1)} s`);
  console.log(`  ${(progress.issued / seconds).toFixed(0)} credentials/s end to end`);
} finally {
  await issuer.close();
  rmSync(dataDir, { recursive: true, force: true });
}
