/**
 * Avala as the implementation under test: the issuer and the verifier in this process, on
 * 127.0.0.1 at free ports, with a throw-away data directory (SQLite), a random master key and a
 * random platform admin token. One organisation with a did:key (the suites resolve did:key
 * only) is created through the platform API, and an operator token through its admin API: the
 * suites call the VC-API with that token, exactly as a customer would.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { type IssuerLogger, startIssuer } from "@avala/issuer";
import { loadConfig as loadVerifierConfig, startVerifier } from "@avala/verifier";

export interface AvalaUnderTest {
  issuer: {
    /** Where it listens, plain http, e.g. http://127.0.0.1:41234. */
    url: string;
    /** The organisation's DID (did:key). */
    did: string;
    /** Operator API token of that organisation. */
    token: string;
  };
  verifier: { url: string };
  close(): Promise<void>;
}

const ORGANISATION = {
  slug: "w3c-conformance",
  kind: "private-institution",
  name: { es: "Pruebas de conformidad W3C", en: "W3C conformance tests" },
  didMethod: "key",
} as const;

/** A port free on 127.0.0.1 now (the https fronts need their targets before these listen). */
export function freePort(): Promise<number> {
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

async function postJson(url: string, token: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as unknown;
}

export interface AvalaOptions {
  dataDir: string;
  log: IssuerLogger;
  /** Ports to listen on, on 127.0.0.1. */
  issuerPort: number;
  verifierPort: number;
  /** The issuer's public origin (status list URLs in credentials start with it). */
  issuerPublicUrl: string;
  /** `host:port` entries the verifier may fetch from (the issuer, for status lists). */
  fetchAllowHosts: string[];
}

export async function startAvalaUnderTest(options: AvalaOptions): Promise<AvalaUnderTest> {
  const platformToken = randomBytes(32).toString("base64url");
  const issuer = await startIssuer(
    {
      port: options.issuerPort,
      publicUrl: options.issuerPublicUrl,
      dataDir: options.dataDir,
      databaseUrl: undefined,
      masterKey: randomBytes(32).toString("base64"),
      platformAdminToken: platformToken,
      seedDemo: false,
    },
    { seed: false, hostname: "127.0.0.1", log: options.log },
  );
  const local = `http://127.0.0.1:${options.issuerPort}`;
  try {
    const created = (await postJson(`${local}/orgs`, platformToken, ORGANISATION)) as {
      organisation: { did: string; slug: string };
      token: { token: string };
    };
    const operator = (await postJson(
      `${local}/orgs/${created.organisation.slug}/tokens`,
      created.token.token,
      { role: "operator", label: "W3C test suites" },
    )) as { token: string };
    const verifier = await startVerifier(
      loadVerifierConfig({
        VERIFIER_PORT: String(options.verifierPort),
        VERIFIER_HOST: "127.0.0.1",
        // The suites send hundreds of requests a minute from one address.
        VERIFIER_RATE_LIMIT: "1000000",
        AVALA_FETCH_ALLOW_HOSTS: options.fetchAllowHosts.join(","),
      }),
      { logger: { error: (message, context) => options.log.error(message, context) } },
    );
    return {
      issuer: { url: local, did: created.organisation.did, token: operator.token },
      verifier: { url: verifier.url },
      async close() {
        await verifier.close().catch(() => {});
        await issuer.close();
      },
    };
  } catch (error) {
    await issuer.close();
    throw error;
  }
}
