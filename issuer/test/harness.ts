import { randomBytes } from "node:crypto";
import type { JsonObject, VerificationResult } from "@avala/credentials";
import { verifyCredential } from "@avala/credentials";
import type { Database } from "@avala/db";
import type { TestDatabase } from "@avala/db/testing";
import { createDidResolver } from "@avala/did";
import { createDocumentLoader, type DocumentLoader } from "@avala/document-loader";
import { createStatusChecker } from "@avala/status-list";
import { expect } from "vitest";
import {
  createIssuerApp,
  createIssuerContext,
  type IssuerApp,
  type IssuerConfig,
  type IssuerContext,
  type IssuerTables,
  issuerConfig,
  migrateIssuerDatabase,
} from "../src/index.js";

export const PUBLIC_URL = "http://issuer.test";
export const PLATFORM_TOKEN = `platform-${randomBytes(16).toString("hex")}`;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected freely.
  body: any;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export interface Harness {
  ctx: IssuerContext;
  app: IssuerApp;
  clock: { now: Date; advance(ms: number): void };
  /** Document loader that resolves this issuer's did:web DIDs through `app.request()`. */
  loader: DocumentLoader;
  call(path: string, options?: RequestOptions): Promise<Reply>;
  /** Creates an organisation through the platform API; returns its admin token. */
  createOrg(slug: string, extra?: Record<string, unknown>): Promise<{ token: string; did: string }>;
  createToken(slug: string, adminToken: string, role: "admin" | "operator"): Promise<string>;
  addAchievement(slug: string, token: string, body?: Record<string, unknown>): Promise<Reply>;
  /** The real verifier, with status checked against the app's own status lists. */
  verify(credential: unknown): Promise<VerificationResult>;
  /** Every response body seen (checked for secrets on close). */
  bodies: string[];
  close(): Promise<void>;
}

export async function createHarness(
  engine: TestDatabase,
  overrides: Partial<IssuerConfig> = {},
): Promise<Harness> {
  const database: Database<IssuerTables> = await engine.open<IssuerTables>();
  const clock = {
    now: new Date(),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const config = issuerConfig({
    publicUrl: PUBLIC_URL,
    masterKey: randomBytes(32).toString("base64"),
    platformAdminToken: PLATFORM_TOKEN,
    dataDir: "/nonexistent-issuer-test-dir",
    ...overrides,
  });
  const logged: string[] = [];
  const ctx = createIssuerContext(config, {
    database,
    now: () => clock.now,
    log: {
      info: () => {},
      error: (message, context) => logged.push(`${message} ${JSON.stringify(context)}`),
    },
  });
  await migrateIssuerDatabase(ctx);
  const app = createIssuerApp(ctx);
  const bodies: string[] = [];

  const loader = createDocumentLoader({
    resolveDid: createDidResolver({
      fetchJson: async (url) => (await app.request(url)).json(),
      webScheme: () => "http",
    }),
  });

  async function call(path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers["authorization"] = `Bearer ${options.token}`;
    let body = options.body;
    if (options.json !== undefined) {
      headers["content-type"] ??= "application/json";
      body = JSON.stringify(options.json);
    }
    const response = await app.request(path, {
      method: options.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    bodies.push(text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  }

  const checkStatus = createStatusChecker({
    fetchCredential: async (url) => (await app.request(url)).json(),
    verifyListCredential: (document) => verifyCredential(document, { documentLoader: loader }),
  });

  return {
    ctx,
    app,
    clock,
    loader,
    call,
    bodies,
    async createOrg(slug, extra = {}) {
      const reply = await call("/orgs", {
        token: PLATFORM_TOKEN,
        json: {
          slug,
          kind: "certification-body",
          name: { es: `Org ${slug}`, en: `Org ${slug}` },
          ...extra,
        },
      });
      expect(reply.status, reply.text).toBe(201);
      return {
        token: reply.body.token.token as string,
        did: reply.body.organisation.did as string,
      };
    },
    async createToken(slug, adminToken, role) {
      const reply = await call(`/orgs/${slug}/tokens`, {
        token: adminToken,
        json: { role, label: `${role} token` },
      });
      expect(reply.status, reply.text).toBe(201);
      return reply.body.token as string;
    },
    async addAchievement(slug, token, body = {}) {
      return call(`/orgs/${slug}/achievements`, {
        token,
        json: {
          code: "EC0217.01",
          kind: "qualification",
          name: { es: "Impartición de cursos", en: "Delivering courses" },
          description: { es: "Estándar de competencia", en: "Competence standard" },
          criteria: { es: "Evaluación", en: "Assessment" },
          level: 3,
          ...body,
        },
      });
    },
    verify: (credential) =>
      verifyCredential(credential, { documentLoader: loader, checkStatus, now: () => clock.now }),
    async close() {
      try {
        // An unexpected error (a 500, a batch run that stopped) is a bug.
        expect(logged).toEqual([]);
        await assertNoSecretsLeaked(ctx, bodies);
      } finally {
        await ctx.destroy();
        await database.destroy();
      }
    },
  };
}

/** No response body may contain a secret key, in any form. */
async function assertNoSecretsLeaked(ctx: IssuerContext, bodies: string[]) {
  const rows = await ctx.db.selectFrom("issuer_signing_key").selectAll().execute();
  const secrets = rows.map((row) =>
    ctx.secrets.signingKeys.open(
      { ciphertext: row.secret_ciphertext, iv: row.secret_iv },
      `issuer_signing_key:${row.organisation_id}:${row.key_id}`,
    ),
  );
  for (const body of bodies) {
    expect(body).not.toContain("secretKeyMultibase");
    for (const secret of secrets) expect(body).not.toContain(secret);
    for (const row of rows) expect(body).not.toContain(row.secret_ciphertext);
  }
}

/** The check of a verification result with the given id. */
export function check(result: VerificationResult, id: string) {
  return result.checks.find((c) => c.check === id);
}

export function expectProblem(reply: Reply, status: number) {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get("content-type")).toContain("application/problem+json");
  expect(reply.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
  expect(reply.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
}

export function subjectOf(credential: JsonObject): JsonObject {
  return credential["credentialSubject"] as JsonObject;
}

/** Issues a credential through the Avala endpoint. */
export async function issue(
  h: Harness,
  slug: string,
  token: string,
  body: Record<string, unknown> = {},
): Promise<Reply> {
  return h.call(`/orgs/${slug}/credentials`, {
    token,
    json: {
      achievementCode: "EC0217.01",
      learner: { email: "ana@example.mx", curp: "LOGA040315MDFPRNA3", name: "Ana" },
      externalId: `ext-${randomBytes(6).toString("hex")}`,
      ...body,
    },
  });
}
