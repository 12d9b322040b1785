/**
 * `POST /credentials/verify` (W3C VC-API) over HTTP on loopback: the verifier in a process of its
 * own (`src/main.ts` with `node --import tsx`, on 127.0.0.1, its rate limit raised for the run)
 * and autocannon here, a bounded run (BENCH_SECONDS, default 10, after a 2-second warm-up) with
 * BENCH_CONNECTIONS connections (default 10). The credentials: BENCH_CREDENTIALS (default 500)
 * distinct Open Badges 3.0 achievement credentials (a cohort's: each its own id, learner and
 * proof), sent in turn, signed (eddsa-rdfc-2022) by a did:key issuer, no status entry, so every
 * check runs offline (contexts, schema, proof, issuer binding, validity; trust: an unknown
 * issuer). Prints
 * requests per second and the latency percentiles. BENCH_CPU_PROF=<dir> writes a CPU profile of
 * the verifier process there (node --cpu-prof).
 *
 *   pnpm --filter @avala/verifier bench
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { buildAchievementCredential, generateSigningKey, signCredential } from "@avala/credentials";
import { createDocumentLoader } from "@avala/document-loader";
import autocannon from "autocannon";

/** CPU time (user + system) of a process so far, in seconds, from /proc (Linux; else 0). */
async function cpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const seconds = Number(process.env["BENCH_SECONDS"] ?? 10);
const connections = Number(process.env["BENCH_CONNECTIONS"] ?? 10);
const root = fileURLToPath(new URL("../..", import.meta.url));

const key = await generateSigningKey();
const documentLoader = createDocumentLoader();
const count = Number(process.env["BENCH_CREDENTIALS"] ?? 500);
const bodies: string[] = [];
for (let row = 0; row < count; row++) {
  const credential = await signCredential(
    buildAchievementCredential({
      id: `urn:uuid:7f1d2b0c-8e43-4b55-9c1a-${String(row).padStart(12, "0")}`,
      issuer: { id: key.controller, name: { es: "Plantel de prueba", en: "Test campus" } },
      achievement: {
        id: "urn:uuid:1c6c4d2e-2f4b-4a8e-9d3f-5b7a9c1e2d40",
        kind: "qualification",
        code: "EC0217.01",
        name: { es: "Impartición de cursos de formación", en: "Delivering training courses" },
        description: { es: "Estándar de competencia", en: "Competence standard" },
        criteria: { es: "Evaluación por un evaluador", en: "Assessed by an assessor" },
      },
      subject: {
        did: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        name: `Ana López ${row}`,
      },
      validFrom: new Date(Date.UTC(2026, 0, 15) + row * 1000),
    }),
    { key, documentLoader, date: new Date(Date.UTC(2026, 0, 15) + row * 1000) },
  );
  bodies.push(JSON.stringify({ verifiableCredential: credential }));
}
let sent = 0;

const profileDir = process.env["BENCH_CPU_PROF"];
const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
const child = spawn(process.execPath, [...profile, "--import", "tsx", "verifier/src/main.ts"], {
  cwd: root,
  env: {
    ...process.env,
    VERIFIER_PORT: "0",
    VERIFIER_HOST: "127.0.0.1",
    VERIFIER_RATE_LIMIT: "1000000",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
try {
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once("exit", () => reject(new Error(`the verifier did not start:\n${output}`)));
  });
  const request = {
    url: `${url}/credentials/verify`,
    method: "POST" as const,
    headers: { "content-type": "application/json" },
    body: bodies[0]!,
  };
  // Each request carries the next credential.
  const requests = [{ setupRequest: (r: object) => ({ ...r, body: bodies[sent++ % count]! }) }];
  const probe = await fetch(request.url, request);
  const verdict = (await probe.json()) as { verified?: boolean; errors?: unknown[] };
  if (probe.status !== 200 || verdict.verified !== true) {
    throw new Error(`verify: ${probe.status} ${JSON.stringify(verdict).slice(0, 500)}`);
  }
  await autocannon({ ...request, requests, connections, duration: 2 });
  const cpuBefore = await cpuSeconds(child.pid!);
  const result = await autocannon({ ...request, requests, connections, duration: seconds });
  const cpu = (await cpuSeconds(child.pid!)) - cpuBefore;
  const failed = result.non2xx + result.errors + result.timeouts;
  console.log(
    `POST /credentials/verify, ${seconds} s, ${connections} connections, ${count} distinct credentials (verifier in its own process)`,
  );
  console.log(
    `  ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (${result.requests.total} requests, ${failed} not 200)`,
  );
  if (cpu > 0) {
    console.log(
      `  verifier CPU ${((cpu * 1000) / result.requests.total).toFixed(2)} ms per request: ` +
        `${(result.requests.total / cpu).toFixed(0)} req/s per core of the verifier process (load average ${loadavg()[0]!.toFixed(1)})`,
    );
  }
} finally {
  child.kill("SIGTERM");
  await exited;
}
