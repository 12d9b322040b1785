import { buildPresentation, type Credential, signPresentation } from "@avala/credentials";
import type { LocalizedText } from "@avala/i18n";
import { describeCredential } from "@avala/verifier";
import type { WalletContext } from "../context.js";
import { type Account, listCredentials, type StoredCredential } from "../db/repositories.js";
import { type ClaimResult, claimOffer } from "./claims.js";
import { holderSigningKey } from "./holder-key.js";
import { documentOf, heldFormOf, reverifyAll, statusWord } from "./holding.js";
import { standardUrlOf } from "./standards.js";

/**
 * Units to a standard, the wallet's side (issue 15): the unit credentials of a standard that
 * this wallet holds (valid, bound to its DID), the certification bodies that certify the
 * standard (each unit's issuer publishes them at `/standards/<code>/certifiers`), and the
 * request: a fresh challenge from the body, the units in a presentation signed by the holder's
 * key for that challenge and the body's domain, sent to the body; an issued certificate is then
 * claimed through the ordinary claim path.
 */

export interface HeldUnit {
  row: StoredCredential;
  code: string;
  /** The standard (version) the unit belongs to. */
  standardCode: string;
  name: string;
  issuerName: string;
}

export interface Certifier {
  slug: string;
  name: LocalizedText | { es: string; en?: string };
  mode: "automatic" | "review";
  challengeUrl: string;
  requestUrl: string;
  /** Where the unit credentials' issuer publishes it (the certifier list came from there). */
  base: string;
  /** The version facts the body publishes for the standard. */
  version?: { validUntil: string | null; supersededBy: string | null };
}

export type StandardRequestResult =
  | { ok: true; state: "issued"; claim: ClaimResult }
  | { ok: true; state: "pending"; statusUrl: string }
  | { ok: false; problem: "unreachable" | "refused" | "invalid"; detail?: LocalizedText };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown, max = 500): string | undefined =>
  typeof v === "string" && v.trim() ? v.trim().slice(0, max) : undefined;

/**
 * The credentials this wallet can present: held as JSON-LD (only those travel inside a Data
 * Integrity presentation), in good standing, bound to its DID; with their plain description.
 */
export async function heldPresentable(ctx: WalletContext, account: Account) {
  const rows = await listCredentials(ctx.db, account.id);
  const verifications = await reverifyAll(ctx, rows);
  const held: Array<{
    row: StoredCredential;
    document: Record<string, unknown>;
    description: ReturnType<typeof describeCredential>;
  }> = [];
  for (const row of rows) {
    if (typeof heldFormOf(row) === "string") continue;
    const word = statusWord(verifications.get(row.id)!);
    if (word === "revoked" || word === "invalid" || word === "suspended" || word === "expired") {
      continue;
    }
    const document = documentOf(row);
    const subject = document["credentialSubject"];
    if (!isObject(subject) || subject["id"] !== account.holder_did) continue;
    held.push({ row, document, description: describeCredential(document, "es") });
  }
  return held;
}

/**
 * The unit credentials of the standards `codes` (a standard, and a version it replaced) this
 * wallet holds in good standing, bound to its DID.
 */
export async function heldUnitsOf(
  ctx: WalletContext,
  account: Account,
  codes: readonly string[],
): Promise<HeldUnit[]> {
  const units: HeldUnit[] = [];
  for (const { row, description } of await heldPresentable(ctx, account)) {
    const standardCode = description.standard?.code;
    if (description.achievement.kind !== "unit" || !standardCode || !codes.includes(standardCode)) {
      continue;
    }
    const unitCode = description.achievement.code;
    if (!unitCode || units.some((u) => u.code === unitCode)) continue;
    units.push({
      row,
      code: unitCode,
      standardCode,
      name: description.achievement.name,
      issuerName: description.issuer.name,
    });
  }
  return units.sort((a, b) => a.code.localeCompare(b.code));
}

/** The issuer's base URL in a standard's public record (`<base>/orgs/<org>/achievements/<code>`). */
export function issuerBaseOf(standardUrl: string): string | undefined {
  const match = /^(https?:\/\/[^/?#]+(?:\/[^?#]*?)?)\/orgs\/[^/?#]+\/achievements\/[^/?#]+$/.exec(
    standardUrl,
  );
  return match?.[1];
}

function certifierOf(value: unknown, base: string): Certifier | undefined {
  if (!isObject(value)) return undefined;
  const slug = text(value["slug"], 100);
  const challengeUrl = text(value["challengeUrl"], 2048);
  const requestUrl = text(value["requestUrl"], 2048);
  const name = isObject(value["name"]) ? value["name"] : {};
  const es = text(name["es"], 200);
  const en = text(name["en"], 200);
  // Only addresses on the issuer the list came from.
  const own = (url: string | undefined) => !!url && url.startsWith(`${base}/orgs/`);
  if (!slug || !es || !own(challengeUrl) || !own(requestUrl)) return undefined;
  const version = isObject(value["version"]) ? value["version"] : {};
  return {
    slug,
    name: en ? { es, en } : { es },
    mode: value["mode"] === "automatic" ? "automatic" : "review",
    challengeUrl: challengeUrl!,
    requestUrl: requestUrl!,
    base,
    version: {
      validUntil: text(version["validUntil"], 40) ?? null,
      supersededBy: text(version["supersededBy"], 100) ?? null,
    },
  };
}

/** Who certifies `code`, as the issuers of the held units publish it (each asked once). */
export async function certifiersFor(
  ctx: WalletContext,
  code: string,
  units: HeldUnit[],
): Promise<Certifier[]> {
  const bases = new Set<string>();
  for (const unit of units) {
    const url = standardUrlOf(documentOf(unit.row), unit.standardCode);
    const base = url ? issuerBaseOf(url) : undefined;
    if (base) bases.add(base);
  }
  const certifiers: Certifier[] = [];
  for (const base of [...bases].slice(0, 5)) {
    let body: unknown;
    try {
      body = await ctx.fetch.fetchJson(`${base}/standards/${encodeURIComponent(code)}/certifiers`, {
        accept: "application/json",
      });
    } catch {
      continue;
    }
    const list = isObject(body) && Array.isArray(body["certifiers"]) ? body["certifiers"] : [];
    for (const entry of list.slice(0, 50)) {
      const certifier = certifierOf(entry, base);
      if (certifier && !certifiers.some((c) => c.requestUrl === certifier.requestUrl)) {
        certifiers.push(certifier);
      }
    }
  }
  return certifiers;
}

export function localizedDetailOf(body: unknown): LocalizedText | undefined {
  const localized = isObject(body) ? body["localizedDetail"] : undefined;
  const es = isObject(localized) ? text(localized["es"], 400) : undefined;
  const en = isObject(localized) ? text(localized["en"], 400) : undefined;
  return es && en ? { es, en } : undefined;
}

/**
 * Asks `challengeUrl` for a fresh challenge, signs `credentials` in a presentation for it (and
 * the domain the issuer names) with the holder's key, and posts `fields` with it to `requestUrl`.
 */
export async function sendPresentation(
  ctx: WalletContext,
  account: Account,
  target: { challengeUrl: string; requestUrl: string },
  fields: Record<string, string>,
  credentials: StoredCredential[],
): Promise<
  { ok: true; status: number; body: unknown } | { ok: false; problem: "unreachable" | "invalid" }
> {
  let challenge: string | undefined;
  let domain: string | undefined;
  try {
    const body = await ctx.fetch.fetchJson(target.challengeUrl, { accept: "application/json" });
    challenge = isObject(body) ? text(body["challenge"]) : undefined;
    domain = isObject(body) ? text(body["domain"]) : undefined;
  } catch {
    return { ok: false, problem: "unreachable" };
  }
  if (!challenge) return { ok: false, problem: "invalid" };
  const presentation = await signPresentation(
    buildPresentation({
      holder: account.holder_did,
      credentials: credentials.map((row) => documentOf(row) as Credential),
    }),
    {
      key: holderSigningKey(ctx.keys.sealKey, account),
      challenge,
      ...(domain ? { domain } : {}),
      documentLoader: ctx.documentLoader,
      date: ctx.now(),
    },
  );
  let response: Awaited<ReturnType<WalletContext["post"]>>;
  try {
    response = await ctx.post(target.requestUrl, { ...fields, presentation });
  } catch {
    return { ok: false, problem: "unreachable" };
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(response.bytes));
  } catch {
    body = undefined;
  }
  return { ok: true, status: response.status, body };
}

/** Sends the held units to `certifier` for the standard's certificate, and claims it if issued. */
export async function requestStandardCertificate(
  ctx: WalletContext,
  account: Account,
  code: string,
  certifier: Certifier,
  units: HeldUnit[],
): Promise<StandardRequestResult> {
  const sent = await sendPresentation(
    ctx,
    account,
    certifier,
    { standardCode: code },
    units.map((u) => u.row),
  );
  if (!sent.ok) return sent;
  const { status, body } = sent;
  const detail = localizedDetailOf(body);
  if (status === 201 && isObject(body)) {
    const claimUrl = text(body["claimUrl"], 2048);
    if (!claimUrl?.startsWith(`${certifier.base}/claims/`))
      return { ok: false, problem: "invalid" };
    return { ok: true, state: "issued", claim: await claimOffer(ctx, account, claimUrl) };
  }
  if (status === 202 && isObject(body)) {
    const statusUrl = text(body["statusUrl"], 2048);
    if (!statusUrl?.startsWith(`${certifier.base}/orgs/`)) return { ok: false, problem: "invalid" };
    return { ok: true, state: "pending", statusUrl };
  }
  return {
    ok: false,
    problem: status === 422 || status === 400 ? "refused" : "unreachable",
    ...(detail ? { detail } : {}),
  };
}

/**
 * Asks a body how a pending request stands (`statusUrl`, on one of `certifiers`' issuers) and
 * claims the certificate once it is issued.
 */
export async function checkStandardRequest(
  ctx: WalletContext,
  account: Account,
  statusUrl: string,
  certifiers: Certifier[],
): Promise<StandardRequestResult | { ok: true; state: "refused" }> {
  const certifier = certifiers.find((c) =>
    statusUrl.startsWith(c.requestUrl.replace(/\/standard-requests$/, "/standard-requests/")),
  );
  if (!certifier) return { ok: false, problem: "invalid" };
  let body: unknown;
  try {
    body = await ctx.fetch.fetchJson(statusUrl, { accept: "application/json" });
  } catch {
    return { ok: false, problem: "unreachable" };
  }
  if (!isObject(body)) return { ok: false, problem: "invalid" };
  if (body["state"] === "refused") return { ok: true, state: "refused" };
  const claimUrl = text(body["claimUrl"], 2048);
  if (body["state"] === "issued" && claimUrl?.startsWith(`${certifier.base}/claims/`)) {
    return { ok: true, state: "issued", claim: await claimOffer(ctx, account, claimUrl) };
  }
  return { ok: true, state: "pending", statusUrl };
}
