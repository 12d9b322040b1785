/**
 * `POST /credentials/issue` (W3C VC-API) over HTTP on loopback: an issuer in a process of its own
 * (SQLite in a temporary folder) and autocannon here, a bounded run (BENCH_SECONDS, default 10,
 * after a 2-second warm-up) with BENCH_CONNECTIONS connections (default 10). Each request signs
 * and stores a new Open Badges 3.0 credential (and its compact QR edition). Prints requests per
 * second and the latency percentiles.
 *
 *   pnpm --filter @avala/issuer bench:http
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { createOrganisation, PLATFORM_TOKEN, startChildIssuer } from "./child-issuer.js";

const seconds = Number(process.env["BENCH_SECONDS"] ?? 10);
const connections = Number(process.env["BENCH_CONNECTIONS"] ?? 10);
const dataDir = mkdtempSync(join(tmpdir(), "avala-bench-http-"));

const issuer = await startChildIssuer({
  dataDir,
  publicUrl: "http://issuer.bench.test",
  masterKey: randomBytes(32).toString("base64"),
  platformAdminToken: PLATFORM_TOKEN,
});
try {
  const { token, did } = await createOrganisation(issuer.url, "ece-http");
  const body = JSON.stringify({
    credential: {
      "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      ],
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer: did,
      name: "Impartición de cursos de formación",
      credentialSubject: {
        id: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        type: ["AchievementSubject"],
        achievement: {
          id: "https://plantel.example.mx/logros/ec0217",
          type: ["Achievement"],
          name: "Impartición de cursos de formación",
          description: "Estándar de competencia EC0217.01",
          criteria: { narrative: "Evaluación por un evaluador acreditado" },
        },
      },
    },
  });
  const request = {
    url: `${issuer.url}/credentials/issue`,
    method: "POST" as const,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
  };
  const probe = await fetch(request.url, request);
  if (probe.status !== 201) throw new Error(`issue: ${probe.status} ${await probe.text()}`);
  await autocannon({ ...request, connections, duration: 2 });
  const result = await autocannon({ ...request, connections, duration: seconds });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  console.log(
    `POST /credentials/issue, ${seconds} s, ${connections} connections (OB 3.0, issuer in its own process, SQLite)`,
  );
  console.log(
    `  ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (${result.requests.total} requests, ${non2xx} not 201)`,
  );
} finally {
  await issuer.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
