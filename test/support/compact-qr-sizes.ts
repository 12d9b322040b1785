/**
 * Measures the compact QR edition (@avala/compact-credential) of what the real issuer signs: it
 * starts the issuer in this process (a temporary SQLite database, the demo seed, a public URL of
 * a realistic length), issues each kind of credential through its own API, claims each with a
 * wallet's did:key through the claim protocol, and reads back the full credential and its compact
 * edition, before the claim (no holder binding) and after (bound). Every compact edition is
 * decoded from its QR text and verified (proof, issuer, status) with contexts from contexts/ only.
 * Used by `test/compact-qr.test.ts` and `scripts/measure-compact-qr.ts` (the README's table).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeCborLd, fromQrText, qrVersionOf, toQrText } from "@avala/compact-credential";
import type { Credential, JsonObject, VerificationResult } from "@avala/credentials";
import {
  buildPresentation,
  generateSigningKey,
  signPresentation,
  verifyCredential,
} from "@avala/credentials";
import { createDidResolver } from "@avala/did";
import { createDocumentLoader } from "@avala/document-loader";
import { claimUrl, type RunningIssuer, startIssuer, withCurpCheckDigit } from "@avala/issuer";
import { createStatusChecker } from "@avala/status-list";

export interface CompactQrRow {
  kind: string;
  bound: boolean;
  full: { jsonBytes: number; cborLdBytes: number; qrVersion: number | undefined };
  compact: {
    jsonBytes: number;
    cborLdBytes: number;
    qrChars: number;
    qrVersion: number | undefined;
    kept: string;
  };
  qrText: string;
  /** The decoded compact edition verified (proof, issuer, status): verdict. */
  verdict: VerificationResult["verdict"];
}

export interface CompactQrMeasure {
  rows: CompactQrRow[];
  issuer: RunningIssuer;
  /** Verifies a credential (object) against the running issuer: its DIDs and status lists. */
  verify(credential: unknown): Promise<VerificationResult>;
  close(): Promise<void>;
}

const PLATFORM_TOKEN = `platform-${randomBytes(16).toString("hex")}`;

/** What of the full credential the compact edition kept (read from it). */
function keptOf(compact: JsonObject): string {
  const subject = compact["credentialSubject"] as JsonObject;
  const achievement = subject["achievement"] as JsonObject;
  return [
    `description ${[...String(achievement["description"] ?? "")].length} chars`,
    Array.isArray(achievement["related"]) ? "English name" : "no English name",
    typeof achievement["humanCode"] === "string" ? "code" : "no code",
    typeof subject["name"] === "string" ? "person's name" : "no name",
  ].join(", ");
}

export async function measureCompactQr(
  options: { publicUrl?: string } = {},
): Promise<CompactQrMeasure> {
  const publicUrl = options.publicUrl ?? "https://certificados.example.org.mx";
  const dataDir = await mkdtemp(join(tmpdir(), "avala-compact-qr-"));
  const issuer = await startIssuer(
    {
      port: 0,
      publicUrl,
      dataDir,
      masterKey: randomBytes(32).toString("base64"),
      platformAdminToken: PLATFORM_TOKEN,
      seedDemo: true,
    },
    { hostname: "127.0.0.1", seed: true, log: { info: () => {}, error: console.error } },
  );
  const app = issuer.app;
  const ctx = issuer.context;
  const close = async () => {
    await issuer.close();
    await rm(dataDir, { recursive: true, force: true });
  };

  const fetchJson = async (url: string) => (await app.request(url)).json();
  const documentLoader = createDocumentLoader({
    resolveDid: createDidResolver({ fetchJson }),
  });
  const checkStatus = createStatusChecker({
    fetchCredential: fetchJson,
    verifyListCredential: (document) => verifyCredential(document, { documentLoader }),
  });
  const verify = (credential: unknown) =>
    verifyCredential(credential, { documentLoader, checkStatus });

  async function call(
    path: string,
    init: { token?: string; json?: unknown; body?: string; type?: string } = {},
  ) {
    const headers: Record<string, string> = { accept: "application/json" };
    if (init.token) headers["authorization"] = `Bearer ${init.token}`;
    let body = init.body;
    if (init.json !== undefined) body = JSON.stringify(init.json);
    if (body !== undefined) headers["content-type"] = init.type ?? "application/json";
    const response = await app.request(path, {
      method: body === undefined ? "GET" : "POST",
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  }

  async function rowOf(externalId: string) {
    return ctx.db
      .selectFrom("issuer_credential")
      .selectAll()
      .where("external_id", "=", externalId)
      .executeTakeFirstOrThrow();
  }

  async function claim(credentialId: number): Promise<{ full: Credential; compact: Credential }> {
    const offer = await ctx.db
      .selectFrom("issuer_claim_offer")
      .select("offer_id")
      .where("credential_id", "=", credentialId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const path = new URL(claimUrl(ctx, offer.offer_id)).pathname;
    const read = await call(path);
    const holder = await generateSigningKey();
    const presentation = await signPresentation(
      buildPresentation({ holder: holder.controller, credentials: [] }),
      { key: holder, challenge: read.challenge, domain: read.domain, documentLoader },
    );
    const claimed = await call(path, { json: { presentation } });
    if (!claimed.compactCredential) throw new Error(`${path}: no compactCredential`);
    return { full: claimed.verifiableCredential, compact: claimed.compactCredential };
  }

  async function measure(kind: string, bound: boolean, full: Credential, compact: Credential) {
    const fullText = await toQrText(full);
    const qrText = await toQrText(compact);
    const decoded = await fromQrText(qrText);
    if (!decoded.ok) throw new Error(`${kind}: the QR text does not decode (${decoded.reason})`);
    const verification = await verify(decoded.credential);
    rows.push({
      kind,
      bound,
      full: {
        jsonBytes: JSON.stringify(full).length,
        cborLdBytes: (await encodeCborLd(full)).length,
        qrVersion: qrVersionOf(fullText),
      },
      compact: {
        jsonBytes: JSON.stringify(compact).length,
        cborLdBytes: decoded.cborBytes,
        qrChars: qrText.length,
        qrVersion: qrVersionOf(qrText),
        kept: keptOf(compact),
      },
      qrText,
      verdict: verification.verdict,
    });
  }

  async function measureBoth(kind: string, externalId: string) {
    const row = await rowOf(externalId);
    if (!row.compact_credential) throw new Error(`${kind}: issued without a compact edition`);
    await measure(kind, false, JSON.parse(row.credential), JSON.parse(row.compact_credential));
    const claimed = await claim(row.id);
    await measure(kind, true, claimed.full, claimed.compact);
  }

  const rows: CompactQrRow[] = [];
  try {
    // 1. A unit of competence from an organisation nobody endorses (a plain issuer Profile).
    const created = await call("/orgs", {
      token: PLATFORM_TOKEN,
      json: {
        slug: "centro-capacitacion",
        kind: "school",
        name: { es: "Centro de Capacitación del Bajío", en: "Bajío Training Centre" },
      },
    });
    const orgToken = created.token.token as string;
    await call("/orgs/centro-capacitacion/achievements", {
      token: orgToken,
      json: {
        code: "EC0217.01-E2",
        kind: "unit",
        framework: "conocer",
        name: { es: "Conducir la sesión de formación", en: "Conduct the training session" },
        description: {
          es: "Elemento del estándar EC0217.01: conducir una sesión de formación presencial grupal.",
          en: "Element of standard EC0217.01: conduct an in-person group training session.",
        },
        criteria: {
          es: "Evaluación de desempeño por un evaluador certificado.",
          en: "Performance assessment by a certified assessor.",
        },
        level: 3,
        standardCode: "EC0217.01",
      },
    });
    await call("/orgs/centro-capacitacion/credentials", {
      token: orgToken,
      json: {
        achievementCode: "EC0217.01-E2",
        externalId: "plain-unit-1",
        learner: {
          name: "José Guadalupe Hernández Martínez",
          curp: withCurpCheckDigit("HEMG850101HGTRRD0"),
        },
      },
    });
    await measureBoth("Unit of competence, issuer without endorsements", "plain-unit-1");

    // 2. The qualification (the longest names) from a cohort file at the certification body,
    // whose Profile embeds CONOCER's signed endorsement.
    const demoToken = issuer.demo!.token;
    const csv = [
      "externalId,achievementCode,email,curp,name,validFrom,validUntil",
      `cohort-1,EC0217.01,,${withCurpCheckDigit("NUCM900215MDFXSR0")},María José Núñez Castañeda,,`,
    ].join("\n");
    await call(`/orgs/${issuer.demo!.organisation}/batches`, {
      token: demoToken,
      body: csv,
      type: "text/csv",
    });
    await ctx.batches.idle();
    await measureBoth(
      "Qualification (EC0217.01), cohort file, Profile embeds CONOCER's endorsement",
      "cohort-1",
    );

    // 3. The SEP microcredential (the demo seed), whose issuer's Profile embeds SEP's endorsement.
    await measureBoth(
      "SEP microcredential, Profile embeds SEP's endorsement",
      "demo-mc-python-maria",
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { rows, issuer, verify, close };
}

/** The rows as a Markdown table. */
export function compactQrTable(rows: CompactQrRow[]): string {
  const lines = [
    "| credential | holder | full: JSON / CBOR-LD bytes, QR version | compact: JSON / CBOR-LD bytes | QR text (chars) | QR version (M) | kept of the full |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.kind} | ${r.bound ? "bound (did:key)" : "not bound"} | ${r.full.jsonBytes} / ${r.full.cborLdBytes}, ${r.full.qrVersion ?? "> 40"} | ${r.compact.jsonBytes} / ${r.compact.cborLdBytes} | ${r.compact.qrChars} | ${r.compact.qrVersion ?? "> 40"} | ${r.compact.kept} |`,
    );
  }
  return lines.join("\n");
}
