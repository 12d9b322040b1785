import type { JsonObject } from "@avala/credentials";
import type { FetchBudget, GuardedFetch } from "@avala/guarded-fetch";
import { GuardedFetchError } from "@avala/guarded-fetch";

/**
 * What the issuer published about a revocation or suspension (the status entry's
 * `statusReference`): since when, and why when it made the reason public. Data for people to
 * read beside the verdict; the verdict itself comes from the signed status list alone.
 */
export interface StatusNotice {
  status: "revoked" | "suspended";
  /** When the issuer changed the status (ISO 8601, as published), when it says. */
  since?: string;
  /** The reason, only when the issuer made it public: its code, and its words in each language. */
  reason?: { code?: string; es?: string; en?: string };
  /** Where the notice was read. */
  url: string;
}

const MAX_REASON = 600;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function entriesOf(document: JsonObject): JsonObject[] {
  const status = document.credentialStatus;
  return (Array.isArray(status) ? status : [status]).filter(isObject);
}

function httpUrl(value: unknown): URL | undefined {
  if (typeof value !== "string" || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The entry whose bit was found set, and its notice's URL when it is on the list's origin. */
function noticeUrlOf(
  document: JsonObject,
  purpose: "revocation" | "suspension",
): { url: string; entry: JsonObject } | undefined {
  for (const entry of entriesOf(document)) {
    if (entry.type !== "BitstringStatusListEntry" || entry.statusPurpose !== purpose) continue;
    const list = httpUrl(entry.statusListCredential);
    const reference = httpUrl(entry.statusReference);
    // A notice is believed only from where the signed list itself came: the same origin.
    if (!list || !reference || list.origin !== reference.origin) return undefined;
    return { url: reference.href, entry };
  }
  return undefined;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:[0-5]\d)$/;

/** An XML Schema dateTime with a time zone, on a day the calendar has (no 30 February). */
function isDateTime(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function words(value: unknown): string | undefined | false {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") return false;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  return trimmed.length > MAX_REASON ? `${trimmed.slice(0, MAX_REASON - 1)}…` : trimmed;
}

/**
 * The notice as published, if it is one and it is about this entry: the same list, index and
 * purpose, a status that says the credential is withdrawn, a date that is a date, a reason in
 * words. Anything else: undefined (the reader gets no date and no reason, nothing worse).
 */
export function readStatusNotice(
  body: unknown,
  entry: JsonObject,
  url: string,
): StatusNotice | undefined {
  if (!isObject(body)) return undefined;
  if (
    body.statusListCredential !== entry.statusListCredential ||
    String(body.statusListIndex) !== String(entry.statusListIndex) ||
    body.statusPurpose !== entry.statusPurpose
  ) {
    return undefined;
  }
  // The list's bit says withdrawn; a notice that says "active" contradicts it and is not read.
  if (body.status !== "revoked" && body.status !== "suspended") return undefined;
  const notice: StatusNotice = { status: body.status, url };
  if (body.since !== undefined && body.since !== null) {
    if (!isDateTime(body.since)) return undefined;
    notice.since = body.since;
  }
  if (body.reason !== undefined && body.reason !== null) {
    if (!isObject(body.reason)) return undefined;
    const es = words(body.reason.es);
    const en = words(body.reason.en);
    const code = body.reason.code;
    if (es === false || en === false) return undefined;
    if (code !== undefined && (typeof code !== "string" || !/^[a-z][a-z-]{0,39}$/.test(code))) {
      return undefined;
    }
    if (es || en) {
      notice.reason = {
        ...(code ? { code } : {}),
        ...(es ? { es } : {}),
        ...(en ? { en } : {}),
      };
    }
  }
  return notice;
}

/**
 * A budget that charges `parent` while it has requests left and otherwise refuses by itself:
 * the notice is a nicety, so running out for it must not count as the verification's own
 * budget being exhausted (which makes a verification invalid).
 */
function sparingBudget(parent: FetchBudget): FetchBudget {
  let refused = 0;
  return {
    get limit() {
      return parent.limit;
    },
    get used() {
      return parent.used;
    },
    get refused() {
      return refused;
    },
    charge(url) {
      if (parent.used >= parent.limit) {
        refused++;
        throw new GuardedFetchError("budget-exhausted", url, "No requests left for a notice");
      }
      parent.charge(url);
    },
  };
}

/**
 * Fetches and reads the notice of the status entry the verification found set
 * (`status.revoked` or `status.suspended`), through the guarded fetcher and within the
 * verification's budget. Undefined when the entry names none, names one on another origin than
 * its list, or when it cannot be fetched or read: never an error.
 */
export async function fetchStatusNotice(
  document: JsonObject,
  code: "status.revoked" | "status.suspended",
  fetcher: { guardedFetch: GuardedFetch; budget: FetchBudget },
): Promise<StatusNotice | undefined> {
  const found = noticeUrlOf(document, code === "status.revoked" ? "revocation" : "suspension");
  if (!found) return undefined;
  let body: unknown;
  try {
    body = await fetcher.guardedFetch.fetchJson(found.url, {
      accept: "application/json",
      budget: sparingBudget(fetcher.budget),
    });
  } catch {
    return undefined;
  }
  return readStatusNotice(body, found.entry, found.url);
}
