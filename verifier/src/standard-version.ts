import { type Check, type JsonObject, makeCheck } from "@avala/credentials";
import type { FetchBudget, GuardedFetch } from "@avala/guarded-fetch";
import { budgetedFetch } from "@avala/guarded-fetch";
import type { Locale } from "@avala/i18n";

/**
 * Versions and expiry of standards (issue 15, part 3). A credential names the version of the
 * standard it was assessed against in its code (`EC0217.01`: the `ceterms:Credential`
 * alignment); the standard's public record on an Avala issuer
 * (`…/orgs/<org>/achievements/<code>`) has its version facts beside it
 * (`…/orgs/<org>/standards/<code>/version`: `validUntil`, `supersededBy`). When the standard has
 * been superseded or has expired since, the credential gets a warning, never a failure: it
 * still attests what was assessed. Read through the guarded fetcher within the verification's
 * budget; a record that cannot be read adds nothing.
 */

const RECORD = /^(https?:\/\/[^?#]+\/orgs\/[^/?#]+)\/achievements\/([^/?#]+)$/;

const isObject = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function subjectAchievement(document: JsonObject): JsonObject | undefined {
  const subject = Array.isArray(document["credentialSubject"])
    ? document["credentialSubject"][0]
    : document["credentialSubject"];
  const achievement = isObject(subject) ? subject["achievement"] : undefined;
  return isObject(achievement) ? achievement : undefined;
}

/** The standard's code and the address of its version facts, when an Avala issuer keeps them. */
export function standardRecordOf(
  document: JsonObject,
): { code: string; versionUrl: string } | undefined {
  const achievement = subjectAchievement(document);
  if (!achievement) return undefined;
  const alignments = Array.isArray(achievement["alignment"]) ? achievement["alignment"] : [];
  const standards = alignments.filter(
    (a): a is JsonObject => isObject(a) && a["targetType"] === "ceterms:Credential",
  );
  // The credential for a standard itself: its achievement is the standard's record.
  const own = achievement["humanCode"];
  const candidates: Array<[unknown, unknown]> = [
    ...standards.map((a): [unknown, unknown] => [a["targetCode"], a["targetUrl"]]),
    ...(standards.some((a) => a["targetCode"] === own)
      ? [[own, achievement["id"]] as [unknown, unknown]]
      : []),
  ];
  for (const [code, url] of candidates) {
    if (typeof code !== "string" || typeof url !== "string") continue;
    const match = RECORD.exec(url);
    if (match && decodeURIComponent(match[2]!) === code) {
      return { code, versionUrl: `${match[1]}/standards/${match[2]}/version` };
    }
  }
  return undefined;
}

/** The warning for a standard superseded or expired at `now`, or undefined. */
export function standardVersionWarning(facts: unknown, code: string, now: Date): Check | undefined {
  if (!isObject(facts)) return undefined;
  const next = facts["supersededBy"];
  if (typeof next === "string" && next && next.length <= 100) {
    return makeCheck("standard", "warning", "standard.superseded", { code, next });
  }
  const until = facts["validUntil"];
  if (
    typeof until === "string" &&
    !Number.isNaN(Date.parse(until)) &&
    Date.parse(until) <= now.getTime()
  ) {
    return makeCheck("standard", "warning", "standard.expired", { code, date: until.slice(0, 10) });
  }
  return undefined;
}

/** Reads the standard's version facts and says whether it has been superseded or expired. */
export async function standardVersionCheck(
  document: JsonObject | undefined,
  options: { guardedFetch: GuardedFetch; budget: FetchBudget; now: Date },
): Promise<Check | undefined> {
  const record = document ? standardRecordOf(document) : undefined;
  // An optional look-up: never the one that uses up what the verification may send.
  if (!record || options.budget.used >= options.budget.limit) return undefined;
  try {
    const facts = await budgetedFetch(options.guardedFetch, options.budget).fetchJson(
      record.versionUrl,
      { accept: "application/json" },
    );
    return standardVersionWarning(facts, record.code, options.now);
  } catch {
    return undefined;
  }
}

/** What the verdict's banner says of a superseded or expired standard, up front. */
export function standardVersionFacts(checks: readonly Check[], locale: Locale): string[] {
  return checks.filter((c) => c.check === "standard").map((c) => c.message[locale]);
}
