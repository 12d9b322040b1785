/**
 * Cohort issuance on SQLite, end to end, in this process: a real issuer on a free loopback port
 * (SQLite in a temporary folder), one CSV batch of BENCH_ROWS rows (default 5,000) uploaded over
 * HTTP with the demo organisation's token (its Profile embeds CONOCER's signed endorsement, as a
 * cohort credential does), progress polled until the batch completes. Prints credentials signed
 * and stored per second, the total, and the peak RSS of the process
 * (`process.resourceUsage().maxRSS`, signing threads included). Meanwhile a probe asks
 * `GET /health` (one database query) 20 times a second and prints its latency before and during
 * the batch: the server must keep answering while it issues.
 *
 *   pnpm --filter @avala/issuer bench:cohort                     # 5,000 rows
 *   BENCH_ROWS=100000 pnpm --filter @avala/issuer bench:cohort   # the full figure
 *   BENCH_THREADS=2 …  signing threads (default 1); BENCH_CHUNK=50 …  chunk size (default 200)
 *   BENCH_MEMORY=1 …   memory every 5 s; BENCH_DATABASE_URL=postgres://… on PostgreSQL instead
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultLimits, startIssuer, withCurpCheckDigit } from "../src/index.js";
import { describeLatencies, type LatencyProbe, startLatencyProbe } from "./latency.js";

const rows = Number(process.env["BENCH_ROWS"] ?? 5_000);
const chunk = process.env["BENCH_CHUNK"] ? Number(process.env["BENCH_CHUNK"]) : undefined;
const threads = Number(process.env["BENCH_THREADS"] ?? 1);
const databaseUrl = process.env["BENCH_DATABASE_URL"];
const dataDir = mkdtempSync(join(tmpdir(), "avala-bench-"));
const run = randomBytes(4).toString("hex");

const issuer = await startIssuer(
  {
    port: 0,
    dataDir,
    masterKey: randomBytes(32).toString("base64"),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(chunk ? { limits: { ...defaultLimits, batchChunkSize: chunk } } : {}),
    batches: { signingThreads: threads },
  },
  { hostname: "127.0.0.1", log: { info: () => {}, error: console.error } },
);
const base = `http://127.0.0.1:${issuer.port}`;
let probe: LatencyProbe | undefined;
try {
  const token = issuer.demo?.token;
  if (!token) throw new Error("The issuer did not seed its demo organisation.");
  const lines = ["externalId,achievementCode,email,curp,name,validFrom,validUntil"];
  for (let i = 0; i < rows; i++) {
    const curp = withCurpCheckDigit(`GOML${String(i % 1_000_000).padStart(6, "0")}HDFRPR0`);
    lines.push(`bench-${run}-${i},EC0217.01,persona${i}@example.mx,${curp},Persona ${i},,`);
  }
  const body = `${lines.join("\n")}\n`;
  lines.length = 0;

  probe = startLatencyProbe(`${base}/health`, 50);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const idle = probe.take();

  const started = performance.now();
  const upload = await fetch(`${base}/orgs/ece-demo/batches`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
    body,
  });
  if (upload.status !== 202) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
  const { id } = (await upload.json()) as { id: string };
  const accepted = performance.now();
  let progress = { state: "", issued: 0, failed: 0 };
  let polls = 0;
  while (progress.state !== "completed") {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (process.env["BENCH_MEMORY"] && ++polls % 20 === 0) {
      const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
      console.log(
        `  ${progress.issued} issued: rss ${rss >> 20} MB, main heap ${heapUsed >> 20} MB ` +
          `used of ${heapTotal >> 20} MB, external ${external >> 20} MB`,
      );
    }
    const reply = await fetch(`${base}/orgs/ece-demo/batches/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    progress = (await reply.json()) as typeof progress;
  }
  const seconds = (performance.now() - started) / 1000;
  const busy = probe.take();
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `Cohort on ${databaseUrl ? "PostgreSQL" : "SQLite"}, ${rows} rows, chunks of ${issuer.config.limits.batchChunkSize}, ${threads} signing thread(s)`,
  );
  console.log(`  upload answered in ${((accepted - started) / 1000).toFixed(1)} s (rows stored)`);
  console.log(`  ${progress.issued} issued, ${progress.failed} failed, in ${seconds.toFixed(1)} s`);
  console.log(`  ${(progress.issued / seconds).toFixed(0)} credentials/s end to end`);
  console.log(`  peak RSS ${rssMb.toFixed(0)} MB`);
  console.log(`  GET /health every 50 ms, idle:        ${describeLatencies(idle)}`);
  console.log(`  GET /health every 50 ms, during batch: ${describeLatencies(busy)}`);
  if (rows < 100_000) {
    console.log("  the full figure: BENCH_ROWS=100000 pnpm --filter @avala/issuer bench:cohort");
  }
} finally {
  probe?.stop();
  await issuer.close();
  rmSync(dataDir, { recursive: true, force: true });
}
