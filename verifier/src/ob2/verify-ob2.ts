import { createPublicKey, verify as verifySignature } from "node:crypto";
import type { Check, JsonObject, Verdict } from "@avala/credentials";
import { makeCheck, verdictOf } from "@avala/credentials";
import type { GuardedFetch } from "@avala/guarded-fetch";
import type { LocalizedText } from "@avala/i18n";
import { localize } from "@avala/i18n";
import { matchRecipient } from "./recipient.js";
import type { Ob2Input } from "./recognise.js";
import { isOb2Assertion } from "./recognise.js";

/**
 * Open Badges 2.0 verification (IMS OB 2.0 "Verification"). A hosted badge is fetched again from
 * its `id` on the issuer's site and must be what was given; a signed badge's JWS must verify with
 * the key its `verification.creator` names, owned by the issuer. Either way the badge class and
 * the issuer's profile are fetched, their ids must agree, the issuer's revocation list is read,
 * and the dates are checked. Every request goes through the (budgeted) guarded fetcher; every
 * failure is a check, never an exception.
 */

/** How much a result can be relied on, in plain words (`ob2.assurance.*`). */
export type Ob2Assurance = "signed" | "hosted" | "unconfirmed";

export interface Ob2Details {
  verificationType: "hosted" | "signed" | "unknown";
  assurance: Ob2Assurance;
  assuranceText: LocalizedText;
  /** Against the e-mail the caller gave; `not-checked` when none was given. */
  recipient: "match" | "no-match" | "not-checked" | "unreadable";
  /**
   * The assertion itself, without what was fetched for it (as the issuer's site serves it, or
   * as the JWS carries it): what a holder keeps, with `original.jws` for a signed badge.
   */
  assertion?: JsonObject;
  /** What was given: the assertion's JSON, the signed badge's JWS, or the assertion's URL. */
  original:
    | { form: "assertion"; assertion: JsonObject }
    | { form: "jws"; jws: string }
    | { form: "url"; url: string };
}

export interface Ob2Result {
  verified: boolean;
  verdict: Verdict;
  checks: Check[];
  /** The assertion with its badge class (and the badge class's issuer profile) embedded. */
  document?: JsonObject;
  ob2: Ob2Details;
}

export interface Ob2Environment {
  guardedFetch: GuardedFetch | undefined;
  now: () => Date;
  /** The e-mail the badge should have been awarded to (the wallet: the account's). */
  recipientEmail?: string;
}

const ACCEPT = "application/ld+json, application/json;q=0.9";
const SIGNED_ALGORITHMS: Record<string, { hash: string | null; dsaEncoding?: "ieee-p1363" }> = {
  RS256: { hash: "sha256" },
  ES256: { hash: "sha256", dsaEncoding: "ieee-p1363" },
  EdDSA: { hash: null },
};

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const short = (value: string) => (value.length > 200 ? `${value.slice(0, 199)}…` : value);

function httpUrl(value: unknown): URL | undefined {
  if (typeof value !== "string" || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url : undefined;
  } catch {
    return undefined;
  }
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const status = (error as { status?: unknown })?.status;
  if (typeof code !== "string") return "network";
  return typeof status === "number" ? `${code} ${status}` : code;
}

/** JSON with its object keys sorted: two equal assertions give the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function verificationTypeOf(assertion: JsonObject): "hosted" | "signed" | "unknown" {
  const type = isObject(assertion.verification) ? assertion.verification.type : undefined;
  const types = Array.isArray(type) ? type : [type];
  if (types.some((t) => t === "hosted" || t === "HostedBadge")) return "hosted";
  if (types.some((t) => t === "signed" || t === "SignedBadge")) return "signed";
  return "unknown";
}

function hasType(value: JsonObject, ...wanted: string[]): boolean {
  const types = Array.isArray(value.type) ? value.type : [value.type];
  return types.some((t) => typeof t === "string" && wanted.includes(t));
}

type Fetched = { ok: true; value: JsonObject } | { ok: false; reason: string };

async function fetchObject(env: Ob2Environment, url: URL): Promise<Fetched> {
  if (!env.guardedFetch) return { ok: false, reason: "no fetcher" };
  try {
    const value = await env.guardedFetch.fetchJson(url.href, { accept: ACCEPT });
    return isObject(value) ? { ok: true, value } : { ok: false, reason: "not a JSON object" };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

/** The issuer's policy for where its hosted badges live (OB 2.0 VerificationObject). */
function allowedBy(profile: JsonObject, url: URL): boolean {
  const policy = isObject(profile.verification) ? profile.verification : undefined;
  const origins = ([] as unknown[])
    .concat(policy?.allowedOrigins ?? [])
    .filter((o): o is string => typeof o === "string");
  const prefixes = ([] as unknown[])
    .concat(policy?.startsWith ?? [])
    .filter((p): p is string => typeof p === "string" && p.length > 0);
  if (prefixes.length > 0 && !prefixes.some((p) => url.href.startsWith(p))) return false;
  if (origins.length > 0) {
    return origins.some((o) => o.toLowerCase() === url.host || o.toLowerCase() === url.hostname);
  }
  if (prefixes.length > 0) return true;
  const profileUrl = httpUrl(profile.id);
  return profileUrl !== undefined && profileUrl.origin === url.origin;
}

function parseDate(value: unknown): Date | undefined | "bad" {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(value)) return "bad";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "bad" : date;
}

interface SignedPart {
  header: JsonObject;
  signingInput: string;
  signature: Buffer;
}

function splitJws(jws: string): SignedPart | undefined {
  const parts = jws.trim().split(".");
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p))) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8"));
    if (!isObject(header)) return undefined;
    return {
      header,
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2]!, "base64url"),
    };
  } catch {
    return undefined;
  }
}

function signatureHolds(part: SignedPart, pem: string): boolean | "bad-key" {
  const algorithm = SIGNED_ALGORITHMS[String(part.header.alg)];
  if (!algorithm) return false;
  try {
    const key = createPublicKey(pem);
    return verifySignature(
      algorithm.hash,
      Buffer.from(part.signingInput, "ascii"),
      algorithm.dsaEncoding ? { key, dsaEncoding: algorithm.dsaEncoding } : key,
      part.signature,
    );
  } catch {
    return "bad-key";
  }
}

export async function verifyOb2(input: Ob2Input, env: Ob2Environment): Promise<Ob2Result> {
  const checks: Check[] = [makeCheck("input", "pass", "ob2.recognised")];
  const original: Ob2Details["original"] =
    input.form === "url"
      ? { form: "url", url: input.url }
      : input.form === "jws"
        ? { form: "jws", jws: input.jws }
        : { form: "assertion", assertion: input.assertion };
  let assertion: JsonObject | undefined = input.form === "url" ? undefined : input.assertion;
  let type: Ob2Details["verificationType"] =
    input.form === "jws" ? "signed" : assertion ? verificationTypeOf(assertion) : "hosted";
  let confirmed = false;
  let keyOwner: string | undefined;

  const finish = (document?: JsonObject, recipient: Ob2Details["recipient"] = "not-checked") => {
    const verdict = verdictOf(checks);
    const assurance: Ob2Assurance = confirmed && type !== "unknown" ? type : "unconfirmed";
    const result: Ob2Result = {
      verified: verdict !== "invalid",
      verdict,
      checks,
      ob2: {
        verificationType: type,
        assurance,
        assuranceText: localize(`ob2.assurance.${assurance}`),
        recipient,
        original,
      },
    };
    if (assertion) result.ob2.assertion = assertion;
    if (document) result.document = document;
    return result;
  };

  // 1. The proof: the issuer's site confirms the badge just now, or its signature holds.
  if (input.form === "jws") {
    const part = splitJws(input.jws);
    const creator = isObject(input.assertion.verification)
      ? httpUrl(input.assertion.verification.creator)
      : undefined;
    if (!part || !SIGNED_ALGORITHMS[String(part.header.alg)]) {
      checks.push(
        makeCheck("proof", "fail", "ob2.signature-algorithm", {
          alg: short(String(part?.header.alg ?? "?")),
        }),
      );
    } else if (verificationTypeOf(input.assertion) !== "signed" || !creator) {
      checks.push(makeCheck("proof", "fail", "ob2.key-missing"));
    } else {
      const key = await fetchObject(env, creator);
      const pem = key.ok ? key.value.publicKeyPem : undefined;
      if (!key.ok) {
        checks.push(
          makeCheck("proof", "could-not-check", "ob2.key-unreachable", { reason: key.reason }),
        );
      } else if (typeof pem !== "string" || key.value.id !== creator.href) {
        checks.push(makeCheck("proof", "fail", "ob2.key-invalid"));
      } else {
        const holds = signatureHolds(part, pem);
        if (holds === true) {
          confirmed = true;
          keyOwner = typeof key.value.owner === "string" ? key.value.owner : "";
          checks.push(makeCheck("proof", "pass", "ob2.signature-valid"));
        } else {
          checks.push(
            makeCheck(
              "proof",
              "fail",
              holds === "bad-key" ? "ob2.key-invalid" : "ob2.signature-invalid",
            ),
          );
        }
      }
    }
  } else if (type === "signed") {
    // A signed badge's assertion without its JWS: the signature is not there to check.
    checks.push(makeCheck("proof", "fail", "ob2.signed-without-signature"));
  } else {
    const url = httpUrl(input.form === "url" ? input.url : assertion?.id);
    if (!url) {
      checks.push(makeCheck("proof", "fail", "ob2.hosted-id-not-url"));
      type = type === "unknown" ? "unknown" : "hosted";
    } else {
      const fetched = await fetchObject(env, url);
      if (!fetched.ok) {
        checks.push(
          makeCheck("proof", "could-not-check", "ob2.hosted-unreachable", {
            reason: fetched.reason,
          }),
        );
        if (!assertion) return finish();
      } else if (!isOb2Assertion(fetched.value) || fetched.value.id !== url.href) {
        checks.push(makeCheck("proof", "fail", "ob2.hosted-mismatch"));
      } else if (assertion && canonical(assertion) !== canonical(fetched.value)) {
        checks.push(makeCheck("proof", "fail", "ob2.hosted-mismatch"));
      } else if (verificationTypeOf(fetched.value) !== "hosted") {
        assertion = fetched.value;
        type = verificationTypeOf(fetched.value);
        checks.push(makeCheck("proof", "fail", "ob2.verification-type"));
      } else {
        assertion = fetched.value;
        type = "hosted";
        confirmed = true;
        checks.push(makeCheck("proof", "pass", "ob2.hosted-confirmed", { host: url.host }));
      }
    }
  }
  if (!assertion) return finish();

  // 2. The badge class and the issuer's profile, and that their ids agree.
  const document: JsonObject = { ...assertion };
  const issuerChecks: Check[] = [];
  let profile: JsonObject | undefined;
  let badgeClass: JsonObject | undefined;
  const badgeUrl = typeof assertion.badge === "string" ? httpUrl(assertion.badge) : undefined;
  if (badgeUrl) {
    const fetched = await fetchObject(env, badgeUrl);
    if (!fetched.ok) {
      issuerChecks.push(
        makeCheck("issuer", "could-not-check", "ob2.badge-unreachable", { reason: fetched.reason }),
      );
    } else if (fetched.value.id !== badgeUrl.href || !hasType(fetched.value, "BadgeClass")) {
      issuerChecks.push(makeCheck("issuer", "fail", "ob2.ids-mismatch", { what: "BadgeClass" }));
    } else {
      badgeClass = fetched.value;
    }
  } else if (isObject(assertion.badge) && hasType(assertion.badge, "BadgeClass")) {
    badgeClass = assertion.badge;
  } else {
    issuerChecks.push(makeCheck("issuer", "fail", "ob2.badge-missing"));
  }
  if (badgeClass) {
    document.badge = badgeClass;
    const issuerUrl = httpUrl(
      isObject(badgeClass.issuer) ? badgeClass.issuer.id : badgeClass.issuer,
    );
    if (!issuerUrl) {
      issuerChecks.push(makeCheck("issuer", "fail", "ob2.issuer-missing"));
    } else {
      const fetched = await fetchObject(env, issuerUrl);
      if (!fetched.ok) {
        issuerChecks.push(
          makeCheck("issuer", "could-not-check", "ob2.issuer-unreachable", {
            reason: fetched.reason,
          }),
        );
      } else if (
        fetched.value.id !== issuerUrl.href ||
        !hasType(fetched.value, "Issuer", "Profile")
      ) {
        issuerChecks.push(makeCheck("issuer", "fail", "ob2.ids-mismatch", { what: "Profile" }));
      } else {
        profile = fetched.value;
        document.badge = { ...badgeClass, issuer: profile };
      }
    }
  }
  if (profile) {
    const hostedAt = type === "hosted" ? httpUrl(assertion.id) : undefined;
    const outside = [hostedAt, badgeUrl].find((u) => u !== undefined && !allowedBy(profile!, u));
    if (keyOwner !== undefined && keyOwner !== profile.id) {
      issuerChecks.push(makeCheck("issuer", "fail", "ob2.key-owner-mismatch"));
    } else if (outside) {
      issuerChecks.push(
        makeCheck("issuer", "fail", "ob2.origin-not-allowed", { url: short(outside.href) }),
      );
    } else if (issuerChecks.length === 0) {
      const name =
        typeof profile.name === "string" ? short(profile.name) : short(String(profile.id));
      issuerChecks.push(makeCheck("issuer", "pass", "ob2.issuer-consistent", { issuer: name }));
    }
  }
  checks.push(...issuerChecks);

  // 3. Revocation: the assertion's own flag, and the issuer's revocation list.
  if (assertion.revoked === true) {
    checks.push(revokedCheck(assertion.revocationReason));
  } else if (profile && profile.revocationList !== undefined) {
    const listUrl = httpUrl(profile.revocationList);
    const list = listUrl
      ? await fetchObject(env, listUrl)
      : ({ ok: false, reason: "not a URL" } as const);
    if (!list.ok) {
      checks.push(
        makeCheck("status", "could-not-check", "ob2.revocation-unreachable", {
          reason: list.reason,
        }),
      );
    } else {
      const entries = ([] as unknown[])
        .concat(list.value.revokedAssertions ?? [])
        .slice(0, 100_000);
      const hit = entries.find((entry) =>
        typeof entry === "string"
          ? entry === assertion!.id || (assertion!.uid !== undefined && entry === assertion!.uid)
          : isObject(entry) &&
            ((entry.id !== undefined && entry.id === assertion!.id) ||
              (entry.uid !== undefined && entry.uid === assertion!.uid)),
      );
      checks.push(
        hit === undefined
          ? makeCheck("status", "pass", "ob2.not-revoked")
          : revokedCheck(isObject(hit) ? hit.revocationReason : undefined),
      );
    }
  } else if (type === "hosted" && confirmed) {
    checks.push(makeCheck("status", "pass", "ob2.not-revoked"));
  } else if (profile) {
    checks.push(makeCheck("status", "warning", "ob2.no-revocation-list"));
  }

  // 4. Dates.
  const issuedOn = parseDate(assertion.issuedOn);
  const expires = parseDate(assertion.expires);
  const now = env.now();
  if (issuedOn === "bad" || expires === "bad" || issuedOn === undefined) {
    checks.push(makeCheck("validity", "fail", "ob2.date-malformed"));
  } else if (issuedOn.getTime() > now.getTime()) {
    checks.push(
      makeCheck("validity", "fail", "ob2.not-yet-issued", { date: issuedOn.toISOString() }),
    );
  } else if (expires && expires.getTime() <= now.getTime()) {
    checks.push(makeCheck("validity", "fail", "ob2.expired", { date: expires.toISOString() }));
  } else {
    checks.push(makeCheck("validity", "pass", "ob2.dates-ok"));
  }

  // 5. The recipient, when the caller says whose it should be.
  let recipient: Ob2Details["recipient"] = "not-checked";
  if (env.recipientEmail) {
    const match = matchRecipient(assertion.recipient, env.recipientEmail);
    if (match === "match") {
      recipient = "match";
      checks.push(makeCheck("document", "pass", "ob2.recipient-match"));
    } else if (match === "no-match") {
      recipient = "no-match";
      checks.push(makeCheck("document", "fail", "ob2.recipient-mismatch"));
    } else {
      recipient = "unreadable";
      checks.push(makeCheck("document", "warning", "ob2.recipient-unreadable"));
    }
  }
  return finish(document, recipient);
}

function revokedCheck(reason: unknown): Check {
  return typeof reason === "string" && reason.trim()
    ? makeCheck("status", "fail", "ob2.revoked-because", { reason: short(reason.trim()) })
    : makeCheck("status", "fail", "ob2.revoked");
}
