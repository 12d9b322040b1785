/**
 * `POST /credentials/verify` (W3C VC-API) over HTTP on loopback: the verifier in a process of its
 * own (`src/main.ts` with `node --import tsx`, on 127.0.0.1, its rate limit raised for the run)
 * and autocannon here, a bounded run (BENCH_SECONDS, default 10, after a 2-second warm-up) with
 * BENCH_CONNECTIONS connections (default 10). The credential: an Open Badges 3.0 achievement
 * credential signed (eddsa-rdfc-2022) by a did:key issuer, no status entry, so every check runs
 * offline (contexts, schema, proof, issuer binding, validity; trust: an unknown issuer). Prints
 * requests per second and the latency percentiles.
 *
 *   pnpm --filter @avala/verifier bench
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { buildAchievementCredential, generateSigningKey, signCredential } from "@avala/credentials";
import { createDocumentLoader } from "@avala/document-loader";
import autocannon from "autocannon";

const seconds = Number(process.env["BENCH_SECONDS"] ?? 10);
const connections = Number(process.env["BENCH_CONNECTIONS"] ?? 10);
const root = fileURLToPath(new URL("../..", import.meta.url));

const key = await generateSigningKey();
const credential = await signCredential(
  buildAchievementCredential({
    id: "urn:uuid:7f1d2b0c-8e43-4b55-9c1a-3f0c2d9e6a11",
    issuer: { id: key.controller, name: { es: "Plantel de prueba", en: "Test campus" } },
    achievement: {
      id: "urn:uuid:1c6c4d2e-2f4b-4a8e-9d3f-5b7a9c1e2d40",
      kind: "qualification",
      code: "EC0217.01",
      name: { es: "Impartición de cursos de formación", en: "Delivering training courses" },
      description: { es: "Estándar de competencia", en: "Competence standard" },
      criteria: { es: "Evaluación por un evaluador", en: "Assessed by an assessor" },
    },
    subject: { did: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", name: "Ana López" },
    validFrom: new Date("2026-01-15T00:00:00Z"),
  }),
  { key, documentLoader: createDocumentLoader() },
);

const child = spawn(process.execPath, ["--import", "tsx", "verifier/src/main.ts"], {
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
    body: JSON.stringify({ verifiableCredential: credential }),
  };
  const probe = await fetch(request.url, request);
  const verdict = (await probe.json()) as { verified?: boolean; errors?: unknown[] };
  if (probe.status !== 200 || verdict.verified !== true) {
    throw new Error(`verify: ${probe.status} ${JSON.stringify(verdict).slice(0, 500)}`);
  }
  await autocannon({ ...request, connections, duration: 2 });
  const result = await autocannon({ ...request, connections, duration: seconds });
  const failed = result.non2xx + result.errors + result.timeouts;
  console.log(
    `POST /credentials/verify, ${seconds} s, ${connections} connections (verifier in its own process)`,
  );
  console.log(
    `  ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (${result.requests.total} requests, ${failed} not 200)`,
  );
} finally {
  child.kill("SIGTERM");
  await exited;
}
