import "./support/loopback-only.js";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonObject } from "@avala/credentials";
import { testDatabases } from "@avala/db/testing";
import { type IssuerTables, type RunningIssuer, startIssuer } from "@avala/issuer";
import {
  type CredentialVerification,
  describeWithdrawal,
  loadConfig,
  type RunningVerifier,
  startVerifier,
  verify,
} from "@avala/verifier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusedHosts } from "./support/loopback-only.js";

// The issuer publishes since when and why a credential was revoked or suspended (the status
// entry's `statusReference`); Avala's verifier, on loopback with an allow-list, reads it through
// its guarded fetcher: the date always, the reason only when the clerk made it public. The
// issuer runs for real (HTTP, its database on SQLite and on PostgreSQL), its clock set.

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe.each(testDatabases())("status notices from a real issuer on $name", (engine) => {
  const clock = { now: new Date("2027-03-01T15:00:00Z") };
  let dataDir: string;
  let issuer: RunningIssuer;
  let verifier: RunningVerifier;
  let host: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "avala-notice-"));
    const port = await freePort();
    host = `127.0.0.1:${port}`;
    issuer = await startIssuer(
      {
        port,
        publicUrl: `http://${host}`,
        masterKey: randomBytes(32).toString("base64"),
        platformAdminToken: `platform-${randomBytes(16).toString("hex")}`,
        dataDir,
      },
      {
        database: await engine.open<IssuerTables>(),
        seed: true,
        hostname: "127.0.0.1",
        now: () => clock.now,
        log: { info: () => {}, error: console.error },
      },
    );
    const verifierPort = await freePort();
    verifier = await startVerifier(
      loadConfig({
        VERIFIER_PORT: String(verifierPort),
        VERIFIER_HOST: "127.0.0.1",
        VERIFIER_PUBLIC_URL: `http://127.0.0.1:${verifierPort}`,
        AVALA_FETCH_ALLOW_HOSTS: host,
        VERIFIER_RATE_LIMIT: "1000",
      }),
      { now: () => clock.now },
    );
  }, 120_000);

  afterAll(async () => {
    await verifier?.close();
    await issuer?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function api(path: string, body: unknown) {
    const demo = issuer.demo!;
    const response = await fetch(`${issuer.url}/orgs/${demo.organisation}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${demo.token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as JsonObject;
    expect(response.status, JSON.stringify(json)).toBeLessThan(300);
    return json;
  }

  async function award(statusPurpose: "revocation" | "suspension") {
    return api("/credentials", {
      achievementCode: issuer.demo!.achievementCode,
      learner: { curp: "NUMJ900412MDFXXR04", name: "María José Núñez" },
      externalId: `notice-${randomBytes(6).toString("hex")}`,
      statusPurpose,
    }) as Promise<{ id: string; verifiableCredential: JsonObject }>;
  }

  /**
   * Avala's verifier library with the verifier service's own options for one request: its
   * guarded fetcher (the issuer allow-listed), a fresh fetch budget, its clock.
   */
  async function check(credential: JsonObject): Promise<CredentialVerification> {
    const result = await verify(credential, verifier.context.verifyOptions());
    expect(result.kind).toBe("credential");
    return result as CredentialVerification;
  }

  it("a revocation with a public reason: its date and reason reach the verifier", async () => {
    const { id, verifiableCredential: vc } = await award("revocation");
    expect((await check(vc)).statusNotice).toBeUndefined();
    clock.now = new Date("2027-03-12T16:05:00Z");
    await api(`/credentials/${id}/status`, {
      action: "revoke",
      reason: "[fraud] Documentos de identidad falsos",
      publicReason: true,
    });
    clock.now = new Date("2027-03-20T09:00:00Z");
    const result = await check(vc);
    expect(result.checks.find((c) => c.check === "status")).toMatchObject({
      outcome: "fail",
      code: "status.revoked",
    });
    const entry = vc["credentialStatus"] as JsonObject;
    expect(result.statusNotice).toEqual({
      status: "revoked",
      since: "2027-03-12T16:05:00.000Z",
      reason: {
        code: "fraud",
        es: "Fraude o suplantación — Documentos de identidad falsos",
        en: "Fraud or impersonation — Documentos de identidad falsos",
      },
      url: entry["statusReference"],
    });
    expect(describeWithdrawal("revoked", result.statusNotice, "en")).toMatchObject({
      heading: "Revoked by the issuer on 12 March 2027",
      reason: "Reason given by the issuer: Fraud or impersonation — Documentos de identidad falsos",
    });
    expect(describeWithdrawal("revoked", result.statusNotice, "es").heading).toBe(
      "Revocada por el emisor el 12 de marzo de 2027",
    );

    // The verifier service says the same in its API.
    const response = await fetch(`${verifier.url}/credentials/verify`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "en" },
      body: JSON.stringify({ verifiableCredential: vc }),
    });
    const body = (await response.json()) as { results: { statusNotice?: unknown } };
    expect(response.status).toBe(400);
    expect(body.results.statusNotice).toEqual(result.statusNotice);
    expect(refusedHosts).toEqual([]);
  });

  it("a suspension whose reason stays private: the date only", async () => {
    clock.now = new Date("2027-03-01T15:00:00Z");
    const { id, verifiableCredential: vc } = await award("suspension");
    clock.now = new Date("2027-03-14T10:30:00Z");
    await api(`/credentials/${id}/status`, {
      action: "suspend",
      reason: "[under-review] Queja de un empleador",
    });
    clock.now = new Date("2027-03-20T09:00:00Z");
    const result = await check(vc);
    expect(result.checks.find((c) => c.check === "status")?.code).toBe("status.suspended");
    expect(result.statusNotice).toMatchObject({
      status: "suspended",
      since: "2027-03-14T10:30:00.000Z",
    });
    expect(result.statusNotice?.reason).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain("Queja");
    expect(describeWithdrawal("suspended", result.statusNotice, "es")).toEqual({
      status: "suspended",
      heading: "Suspendida por el emisor el 14 de marzo de 2027",
      since: { iso: "2027-03-14T10:30:00.000Z", text: "14 de marzo de 2027" },
    });
  });
});
