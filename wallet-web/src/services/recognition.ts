import type { LocalizedText } from "@avala/i18n";
import type { WalletContext } from "../context.js";
import type { Account, StoredCredential } from "../db/repositories.js";
import { type ClaimResult, claimOffer } from "./claims.js";
import {
  heldPresentable,
  issuerBaseOf,
  localizedDetailOf,
  sendPresentation,
} from "./standard-request.js";

/**
 * Certificates to credits, the wallet's side (issue 15, part 2): the schools that publish a
 * recognition table on the issuers of the credentials held (`<issuer>/recognition-tables`),
 * which held credentials count for which module of a programme and for how many credits (the
 * same matching the school does), and the request: the counting credentials in a presentation
 * signed by the holder, sent to the school; the recognition credential is then claimed.
 */

type Name = { es: string; en?: string };
type Counts = { unit: string } | { standard: string } | { issuer: string; achievement: string };

export interface Programme {
  id: string;
  name: Name;
  creditsAvailable: number;
  modules: Array<{ code: string; name: Name; credits: number; counts: Counts[] }>;
}

export interface School {
  slug: string;
  name: Name;
  challengeUrl: string;
  requestUrl: string;
  base: string;
  programmes: Programme[];
}

export interface HeldForCredit {
  row: StoredCredential;
  code: string | undefined;
  achievementId: string | undefined;
  name: string;
  issuerId: string;
  issuerName: string;
}

export interface ModuleProgress {
  code: string;
  name: Name;
  credits: number;
  /** The held credential that counts for it, if any. */
  counted?: HeldForCredit | undefined;
}

export interface ProgrammeProgress {
  programme: Programme;
  modules: ModuleProgress[];
  earned: number;
}

export type RecognitionResult =
  | { ok: true; state: "issued"; claim: ClaimResult }
  | { ok: true; state: "pending"; statusUrl: string }
  | { ok: true; state: "refused" }
  | { ok: false; problem: "unreachable" | "refused" | "invalid"; detail?: LocalizedText };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown, max = 500): string | undefined =>
  typeof v === "string" && v.trim() ? v.trim().slice(0, max) : undefined;

function achievementOf(document: Record<string, unknown>): Record<string, unknown> {
  const subjects = Array.isArray(document["credentialSubject"])
    ? document["credentialSubject"]
    : [document["credentialSubject"]];
  const subject = subjects[0];
  const achievement = isObject(subject) ? subject["achievement"] : undefined;
  return isObject(achievement) ? achievement : {};
}

/** The held credentials that could count (good standing, bound to this wallet). */
export async function heldForCredit(
  ctx: WalletContext,
  account: Account,
): Promise<HeldForCredit[]> {
  const held: HeldForCredit[] = [];
  for (const { row, document, description } of await heldPresentable(ctx, account)) {
    const achievement = achievementOf(document);
    const issuer = document["issuer"];
    held.push({
      row,
      code: text(achievement["humanCode"], 100),
      achievementId: text(achievement["id"], 2048),
      name: description.achievement.name,
      issuerId:
        typeof issuer === "string"
          ? issuer
          : (text(isObject(issuer) ? issuer["id"] : "", 2048) ?? ""),
      issuerName: description.issuer.name,
    });
  }
  return held;
}

function nameOf(value: unknown): Name | undefined {
  if (!isObject(value)) return undefined;
  const es = text(value["es"], 200);
  const en = text(value["en"], 200);
  return es ? (en ? { es, en } : { es }) : undefined;
}

function countsOf(value: unknown): Counts | undefined {
  if (!isObject(value)) return undefined;
  const unit = text(value["unit"], 100);
  if (unit) return { unit };
  const standard = text(value["standard"], 100);
  if (standard) return { standard };
  const issuer = text(value["issuer"], 500);
  const achievement = text(value["achievement"], 500);
  return issuer && achievement ? { issuer, achievement } : undefined;
}

function programmeOf(value: unknown): Programme | undefined {
  if (!isObject(value)) return undefined;
  const id = text(value["id"], 100);
  const name = nameOf(value["name"]);
  if (!id || !name || !Array.isArray(value["modules"])) return undefined;
  const modules: Programme["modules"] = [];
  for (const m of value["modules"].slice(0, 100)) {
    if (!isObject(m)) continue;
    const code = text(m["code"], 100);
    const moduleName = nameOf(m["name"]);
    const credits = typeof m["credits"] === "number" && m["credits"] > 0 ? m["credits"] : 0;
    const counts = (Array.isArray(m["counts"]) ? m["counts"] : [])
      .slice(0, 50)
      .map(countsOf)
      .filter((c): c is Counts => c !== undefined);
    if (code && moduleName) modules.push({ code, name: moduleName, credits, counts });
  }
  const creditsAvailable = modules.reduce((sum, m) => sum + m.credits, 0);
  return { id, name, creditsAvailable, modules };
}

function schoolOf(value: unknown, base: string): School | undefined {
  if (!isObject(value)) return undefined;
  const slug = text(value["slug"], 100);
  const name = nameOf(value["name"]);
  const challengeUrl = text(value["challengeUrl"], 2048);
  const requestUrl = text(value["requestUrl"], 2048);
  // Only addresses on the issuer the list came from.
  const own = (url: string | undefined) => !!url && url.startsWith(`${base}/orgs/`);
  if (!slug || !name || !own(challengeUrl) || !own(requestUrl)) return undefined;
  const programmes = (Array.isArray(value["programmes"]) ? value["programmes"] : [])
    .slice(0, 50)
    .map(programmeOf)
    .filter((p): p is Programme => p !== undefined);
  return { slug, name, challengeUrl: challengeUrl!, requestUrl: requestUrl!, base, programmes };
}

/** The schools the issuers of the held credentials publish (each issuer asked once). */
export async function schoolsFor(ctx: WalletContext, held: HeldForCredit[]): Promise<School[]> {
  const bases = new Set<string>();
  for (const credential of held) {
    const base = credential.achievementId ? issuerBaseOf(credential.achievementId) : undefined;
    if (base) bases.add(base);
  }
  const schools: School[] = [];
  for (const base of [...bases].slice(0, 5)) {
    let body: unknown;
    try {
      body = await ctx.fetch.fetchJson(`${base}/recognition-tables`, {
        accept: "application/json",
      });
    } catch {
      continue;
    }
    const list = isObject(body) && Array.isArray(body["schools"]) ? body["schools"] : [];
    for (const entry of list.slice(0, 50)) {
      const school = schoolOf(entry, base);
      if (school && !schools.some((s) => s.requestUrl === school.requestUrl)) schools.push(school);
    }
  }
  return schools;
}

/** Whether a held credential is what a table entry counts (as the school matches it). */
function matches(counts: Counts, credential: HeldForCredit): boolean {
  if ("unit" in counts) return credential.code === counts.unit;
  if ("standard" in counts) return credential.code === counts.standard;
  if (credential.issuerId !== counts.issuer) return false;
  return [credential.achievementId, credential.code, credential.name].includes(counts.achievement);
}

/** Which held credential counts for each module of `programme`, and the credits they make. */
export function progressOf(programme: Programme, held: HeldForCredit[]): ProgrammeProgress {
  const modules = programme.modules.map((m) => ({
    code: m.code,
    name: m.name,
    credits: m.credits,
    counted: held.find((h) => m.counts.some((c) => matches(c, h))),
  }));
  const earned = modules.reduce((sum, m) => sum + (m.counted ? m.credits : 0), 0);
  return { programme, modules, earned };
}

/** Sends the counting credentials to `school` for `programme`, and claims the recognition. */
export async function requestCredit(
  ctx: WalletContext,
  account: Account,
  school: School,
  progress: ProgrammeProgress,
): Promise<RecognitionResult> {
  const rows = progress.modules.flatMap((m) => (m.counted ? [m.counted.row] : []));
  const unique = rows.filter((row, i) => rows.findIndex((r) => r.id === row.id) === i);
  if (unique.length === 0) return { ok: false, problem: "invalid" };
  const sent = await sendPresentation(
    ctx,
    account,
    school,
    { programmeId: progress.programme.id },
    unique,
  );
  if (!sent.ok) return sent;
  const { status, body } = sent;
  if (status === 201 && isObject(body)) {
    const claimUrl = text(body["claimUrl"], 2048);
    if (!claimUrl?.startsWith(`${school.base}/claims/`)) return { ok: false, problem: "invalid" };
    return { ok: true, state: "issued", claim: await claimOffer(ctx, account, claimUrl) };
  }
  if (status === 202 && isObject(body)) {
    const statusUrl = text(body["statusUrl"], 2048);
    if (!statusUrl?.startsWith(`${school.requestUrl}/`)) return { ok: false, problem: "invalid" };
    return { ok: true, state: "pending", statusUrl };
  }
  const detail = localizedDetailOf(body);
  return {
    ok: false,
    problem: status === 422 || status === 400 ? "refused" : "unreachable",
    ...(detail ? { detail } : {}),
  };
}

/** Asks a school how a pending request stands and claims the recognition once it is issued. */
export async function checkCredit(
  ctx: WalletContext,
  account: Account,
  statusUrl: string,
  schools: School[],
): Promise<RecognitionResult> {
  const school = schools.find((s) => statusUrl.startsWith(`${s.requestUrl}/`));
  if (!school) return { ok: false, problem: "invalid" };
  let body: unknown;
  try {
    body = await ctx.fetch.fetchJson(statusUrl, { accept: "application/json" });
  } catch {
    return { ok: false, problem: "unreachable" };
  }
  if (!isObject(body)) return { ok: false, problem: "invalid" };
  if (body["state"] === "refused") return { ok: true, state: "refused" };
  const claimUrl = text(body["claimUrl"], 2048);
  if (body["state"] === "issued" && claimUrl?.startsWith(`${school.base}/claims/`)) {
    return { ok: true, state: "issued", claim: await claimOffer(ctx, account, claimUrl) };
  }
  return { ok: true, state: "pending", statusUrl };
}
