import { randomBytes } from "node:crypto";
import {
  type AchievementInput,
  buildAchievementCredential,
  type Credential,
  generateSigningKey,
  type SigningKey,
  signCredential,
  verifyCredential,
} from "@avala/credentials";
import type { Database } from "@avala/db";
import { createDocumentLoader } from "@avala/document-loader";
import { buildTrustRegistryCredential, loadTrustRegistry } from "@avala/trust-registry";
import type { Hono } from "hono";
import { createWalletApp } from "../src/app.js";
import type { WalletConfig } from "../src/config.js";
import { createWalletContext, type WalletContext, type WalletLogger } from "../src/context.js";
import type { WalletTables } from "../src/db/tables.js";
import type { WalletEnv } from "../src/http/env.js";

export const documentLoader = createDocumentLoader();

/** A clock tests can move. */
export function testClock(start = new Date("2026-06-01T12:00:00Z")) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

export const quietLog: WalletLogger = { info: () => {}, error: () => {} };

export const unitAchievement = (code: string, standard = "EC0217.01"): AchievementInput => ({
  id: `https://issuer.example/achievements/${code}`,
  kind: "unit",
  code,
  name: { es: `Unidad ${code}`, en: `Unit ${code}` },
  description: { es: "Una unidad de competencia.", en: "A unit of competence." },
  criteria: { es: "Evaluada.", en: "Assessed." },
  level: 3,
  standard: { code: standard, name: { es: "Impartición de cursos", en: "Delivering courses" } },
});

export const qualificationAchievement: AchievementInput = {
  id: "https://issuer.example/achievements/EC0217.01",
  kind: "qualification",
  code: "EC0217.01",
  name: { es: "Impartición de cursos", en: "Delivering courses" },
  description: { es: "Estándar de competencia.", en: "Competence standard." },
  criteria: { es: "Las tres unidades.", en: "The three units." },
  level: 3,
  units: [
    { code: "U0586", name: { es: "Preparar", en: "Prepare" } },
    { code: "U0587", name: { es: "Conducir", en: "Conduct" } },
    { code: "U0588", name: { es: "Evaluar", en: "Assess" } },
  ],
};

/** An issuer with a did:key that signs OB 3.0 credentials. */
export async function testIssuer(name = "Centro Evaluador de Prueba") {
  const key = await generateSigningKey();
  let counter = 0;
  return {
    key,
    did: key.controller,
    async issue(
      achievement: AchievementInput,
      options: { subjectDid?: string; email?: string; id?: string } = {},
    ): Promise<Credential> {
      counter++;
      const credential = buildAchievementCredential({
        id: options.id ?? `urn:uuid:${crypto.randomUUID()}`,
        issuer: { id: key.controller, name: { es: name, en: `${name} (en)` } },
        achievement,
        subject: options.subjectDid
          ? { did: options.subjectDid }
          : {
              identifiers: [
                { kind: "email", value: options.email ?? `learner${counter}@example.mx` },
              ],
            },
        validFrom: "2026-01-15T00:00:00Z",
        validUntil: "2031-01-15T00:00:00Z",
      });
      return signCredential(credential, { key, documentLoader });
    },
  };
}

/** A trust registry in which CONOCER accredits `accredited` (and nobody else). */
export async function testRegistry(accredited: string[]) {
  const operator = await generateSigningKey();
  const conocer = await generateSigningKey();
  const document = await signCredential(
    buildTrustRegistryCredential({
      url: "https://registry.example/trust-registry.json",
      operator: operator.controller,
      validFrom: new Date("2026-01-01T00:00:00Z"),
      entries: [
        { id: conocer.controller, name: { es: "CONOCER" }, role: "authority", kind: "conocer" },
        ...accredited.map((id) => ({
          id,
          name: { es: "Centro Evaluador de Prueba" },
          role: "accredited" as const,
          accreditedBy: conocer.controller,
          kind: "certification-body",
        })),
      ],
    }),
    { key: operator, documentLoader },
  );
  const load = await loadTrustRegistry(document, {
    expectedOperator: operator.controller,
    verify: (doc) =>
      verifyCredential(doc, { documentLoader, now: new Date("2026-06-01T12:00:00Z") }),
  });
  if (!load.ok) throw new Error(`registry: ${load.reason}`);
  return load.registry;
}

export function testConfig(
  overrides: Partial<WalletConfig> = {},
): WalletConfig & { publicUrl: string } {
  return {
    port: 0,
    publicUrl: "http://wallet.test",
    verifierPublicUrl: "http://verifier.test",
    dataDir: "/nonexistent",
    masterKey: randomBytes(32),
    fetchAllowHosts: [],
    sessionTtlMs: 2 * 3600e3,
    defaultShareDays: 30,
    ...overrides,
    ...(overrides.publicUrl ? {} : { publicUrl: "http://wallet.test" }),
  } as WalletConfig & { publicUrl: string };
}

export interface TestWallet {
  ctx: WalletContext;
  app: Hono<WalletEnv>;
  clock: ReturnType<typeof testClock>;
}

export async function openTestWallet(
  database: Database<WalletTables>,
  options: {
    config?: Partial<WalletConfig>;
    registry?: Awaited<ReturnType<typeof testRegistry>>;
    clock?: ReturnType<typeof testClock>;
  } = {},
): Promise<TestWallet> {
  const clock = options.clock ?? testClock();
  const ctx = await createWalletContext(testConfig(options.config), {
    database,
    now: clock.now,
    log: quietLog,
    verifyOptions: {
      documentLoader,
      ...(options.registry ? { trustRegistry: options.registry } : {}),
    },
  });
  return { ctx, app: createWalletApp(ctx), clock };
}

/**
 * A browser-like client for `app.request()`: keeps cookies, reads the CSRF token from the last
 * page, follows nothing by itself.
 */
export class Browser {
  cookies = new Map<string, string>();
  csrf = "";
  lastBody = "";

  constructor(
    private readonly app: Hono<WalletEnv>,
    private readonly address = "203.0.113.7",
  ) {}

  private env() {
    return { incoming: { socket: { remoteAddress: this.address } } };
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const response = await this.app.request(
      path,
      { headers: { accept: "text/html", cookie: this.cookieHeader(), ...headers } },
      this.env(),
    );
    this.keep(response);
    const type = response.headers.get("content-type") ?? "";
    if (type.includes("text/html")) {
      this.lastBody = await response.clone().text();
      const match = /name="_csrf" value="([^"]*)"/.exec(this.lastBody);
      if (match) this.csrf = match[1]!;
    }
    return response;
  }

  async post(
    path: string,
    fields: Record<string, string | string[]> | FormData,
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ) {
    let body: FormData | URLSearchParams;
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (fields instanceof FormData) {
      body = fields;
      if (csrf !== null) body.set("_csrf", csrf);
    } else {
      const params = new URLSearchParams();
      if (csrf !== null) params.set("_csrf", csrf);
      for (const [k, v] of Object.entries(fields)) {
        for (const value of Array.isArray(v) ? v : [v]) params.append(k, value);
      }
      body = params;
    }
    const response = await this.app.request(
      path,
      {
        method: "POST",
        body,
        headers: { accept: "text/html", cookie: this.cookieHeader(), ...options.headers },
      },
      this.env(),
    );
    this.keep(response);
    const type = response.headers.get("content-type") ?? "";
    if (type.includes("text/html")) this.lastBody = await response.clone().text();
    return response;
  }

  /** Signs in through the pages. */
  async signIn(email: string, password = "una frase bastante larga") {
    await this.get("/signin");
    const response = await this.post("/signin", { email, password, next: "/credentials" });
    if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
    await this.get("/account"); // a page with a form: the session's CSRF token
    return response;
  }

  /** Signs up through the pages (GET the form for its token, POST it). */
  async signUp(email: string, password = "una frase bastante larga", name = "Ana López") {
    await this.get("/signup");
    const response = await this.post("/signup", { name, email, password, next: "/credentials" });
    if (response.status !== 303) throw new Error(`sign-up failed: ${response.status}`);
    await this.get("/account"); // a page with a form: the session's CSRF token
    return response;
  }
}

export function publicIdsIn(html: string): string[] {
  return [...html.matchAll(/href="\/credentials\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

export type { SigningKey };
