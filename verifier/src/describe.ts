import type { JsonObject } from "@avala/credentials";
import { achievementTexts } from "@avala/credentials";
import type { Locale } from "@avala/i18n";
import { t } from "@avala/i18n";
import type { GenericDescription } from "./generic/describe-generic.js";
import { describeGeneric } from "./generic/describe-generic.js";
import { isGenericCredential } from "./generic/recognise.js";
import { isOb2Assertion } from "./ob2/recognise.js";
import type { StatusNotice } from "./status-notice.js";
import type { TrustOutcome } from "./trust.js";

/** What a person reads about a certificate, in one language. Every field is plain text. */
export interface CredentialDescription {
  locale: Locale;
  /**
   * Whose it is: `name` is the learner's name as the issuer wrote it (`credentialSubject.name`),
   * when the credential carries one; `text` says in plain words how the holder is identified
   * (a raw DID is in `id` only, for the technical details).
   */
  holder: (
    | { kind: "did"; id: string; text: string }
    | { kind: "hashed"; identifierTypes: string[]; text: string }
    | { kind: "unknown"; text: string }
  ) & { name?: string };
  achievement: {
    id?: string;
    name: string;
    description?: string;
    /** What it took to earn it (OB 3.0 `criteria.narrative`). */
    criteria?: string;
    /** Avala's kind, from OB 3.0 `achievementType`. */
    kind: "unit" | "microcredential" | "qualification" | "other";
    kindText: string;
    achievementType?: string;
    /** The human code: a standard (`EC0217.01`), a unit, or a programme key. */
    code?: string;
  };
  /** CONOCER competence level (1-5), from the `ext:CompetenceLevel` alignment. */
  level?: { value: number; text: string };
  /** The competence standard: the qualification itself, or the one a unit belongs to. */
  /** `url`: the standard's public record (an https `targetUrl` of its alignment), when given. */
  standard?: { code: string; name?: string; url?: string };
  /** For a qualification: the units of competence it is made of (`ceasn:Competency`). */
  units: Array<{ code?: string; name: string }>;
  issuer: { id?: string; name: string; url?: string };
  /**
   * Who vouches for the issuer, only from a verified trust result: the chain's names from the
   * authority down (e.g. ["CONOCER"]) and the sentence that says so. Never read from the
   * document itself, whose embedded endorsements mean nothing until verified.
   */
  accreditation: { status: TrustOutcome["status"] | "unverified"; chain: string[]; text?: string };
  validFrom?: { iso: string; text: string };
  validUntil?: { iso: string; text: string };
  /**
   * A credential that is not an Open Badge (a foreign diploma, a European Learning Model
   * credential): its type and claims as a readable list; the fields above then hold its title,
   * holder, issuer and dates as far as it names them.
   */
  generic?: GenericDescription;
}

const MAX_TEXT = 1000;
const MAX_UNITS = 100;

function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  return trimmed.length > MAX_TEXT ? `${trimmed.slice(0, MAX_TEXT - 1)}…` : trimmed;
}

function object(value: unknown): JsonObject | undefined {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A language map (`{ es, en }`) in `locale`, falling back to Spanish, then to `plain`. Only
 * credentials Avala signed before with its own context carry such maps (`localizedName`).
 */
function localized(map: unknown, plain: unknown, locale: Locale): string | undefined {
  const m = object(map);
  if (m) {
    const preferred = text(m[locale]) ?? text(m.es) ?? text(m.en);
    if (preferred) return preferred;
  }
  return text(plain);
}

function kindOf(achievementType: string | undefined): CredentialDescription["achievement"]["kind"] {
  switch (achievementType) {
    case "Competency":
      return "unit";
    case "MicroCredential":
      return "microcredential";
    case "Certification":
    case "Certificate":
    case "Diploma":
    case "Degree":
    case "License":
      return "qualification";
    default:
      return "other";
  }
}

/** A school's recognition credential (issue 15): the credits it grants (`creditsEarned`). */
function creditsOf(subject: unknown): string {
  const credits = (subject as { creditsEarned?: unknown } | undefined)?.creditsEarned;
  return typeof credits === "number" && Number.isFinite(credits) ? String(credits) : "?";
}

function formatDate(value: unknown, locale: Locale): { iso: string; text: string } | undefined {
  const iso = text(value);
  if (!iso || !/^\d{4}-\d{2}-\d{2}T/.test(iso)) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const formatted = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "es-MX", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(date);
  return { iso, text: formatted };
}

const identifierKeys: Record<string, Parameters<typeof t>[0]> = {
  nationalIdentityNumber: "verifier.identifier.curp",
  emailAddress: "verifier.identifier.email",
  sourcedId: "verifier.identifier.student-id",
  studentId: "verifier.identifier.student-id",
};

function describeHolder(
  subject: JsonObject | undefined,
  locale: Locale,
): CredentialDescription["holder"] {
  const identified = identifyHolder(subject, locale);
  const name = text(subject?.name);
  return name ? { ...identified, name } : identified;
}

function identifyHolder(subject: JsonObject | undefined, locale: Locale) {
  const id = text(subject?.id);
  if (id) return { kind: "did" as const, id, text: t("verifier.holder.did", locale) };
  const types: string[] = [];
  for (const entry of list(subject?.identifier).slice(0, 10)) {
    const type = text(object(entry)?.identityType);
    if (type && !types.includes(type)) types.push(type);
  }
  if (types.length === 0) {
    return { kind: "unknown" as const, text: t("verifier.holder.unknown", locale) };
  }
  const names = types.map((type) => t(identifierKeys[type] ?? "verifier.identifier.other", locale));
  const joined = new Intl.ListFormat(locale, { type: "conjunction" }).format([...new Set(names)]);
  return {
    kind: "hashed" as const,
    identifierTypes: types,
    text: t("verifier.holder.hashed", locale, { identifiers: joined }),
  };
}

function trustText(trust: TrustOutcome | undefined, locale: Locale) {
  if (!trust) return { status: "unverified" as const, chain: [] };
  const name = (n: { es: string; en?: string }) => (locale === "en" ? (n.en ?? n.es) : n.es);
  if (trust.status === "authority") {
    return {
      status: trust.status,
      chain: [],
      text: t("verifier.accreditation.authority", locale),
    };
  }
  if (trust.status === "accredited") {
    return {
      status: trust.status,
      chain: trust.chain.map((link) => name(link.authority.name)),
      text: trust.check.message[locale],
    };
  }
  return { status: trust.status, chain: [], text: trust.check.message[locale] };
}

/**
 * The display model of a credential: what a person reads (holder, achievement, kind, level,
 * units, standard, issuer, who accredits it, dates), in `locale`. It reads any JSON without
 * throwing. Pass the verification's `trust` to say who accredits the issuer: that comes only
 * from verified data. The description says nothing about validity: show it with the verdict.
 */
export function describeCredential(
  document: unknown,
  locale: Locale,
  trust?: TrustOutcome,
): CredentialDescription {
  if (isOb2Assertion(document)) return describeOb2(document, locale);
  const doc = object(document) ?? {};
  const subject = object(list(doc.credentialSubject)[0]);
  const achievement = object(subject?.achievement);
  const achievementType = text(achievement?.achievementType);
  const kind = kindOf(achievementType);
  const alignments = list(achievement?.alignment)
    .map(object)
    .filter((a): a is JsonObject => a !== undefined);
  // The achievement's texts in the reader's language: its English edition (OB 3.0 `related`)
  // or, in older Avala credentials, its language maps; else its own (Spanish) strings.
  const texts = achievementTexts(achievement, locale);
  const name = text(texts.name) ?? text(doc.name) ?? achievementType ?? "—";
  const code = text(achievement?.humanCode);

  let level: CredentialDescription["level"];
  const levelAlignment = alignments.find((a) => a.targetType === "ext:CompetenceLevel");
  const levelValue = Number(levelAlignment?.targetCode);
  if (Number.isInteger(levelValue) && levelValue >= 1 && levelValue <= 5) {
    level = { value: levelValue, text: t("verifier.level", locale, { level: levelValue }) };
  }

  let standard: CredentialDescription["standard"];
  const standardAlignment = alignments.find((a) => a.targetType === "ceterms:Credential");
  const standardCode = text(standardAlignment?.targetCode);
  if (standardCode) {
    standard = { code: standardCode };
    // Avala writes the English name of an alignment's target in targetDescription.
    const standardName =
      (locale === "en" ? text(standardAlignment?.targetDescription) : undefined) ??
      text(standardAlignment?.targetName);
    if (standardName) standard.name = standardName;
    const record = publicRecordUrl(standardAlignment?.targetUrl);
    if (record) standard.url = record;
  } else if (kind === "qualification" && code) {
    standard = { code };
  }

  const units: CredentialDescription["units"] = [];
  if (kind !== "unit") {
    for (const a of alignments) {
      if (a.targetType !== "ceasn:Competency" || units.length >= MAX_UNITS) continue;
      const es = text(a.targetName);
      // Avala writes a unit's English name in targetDescription.
      const unitName = (locale === "en" ? text(a.targetDescription) : undefined) ?? es;
      if (!unitName) continue;
      const unit: { code?: string; name: string } = { name: unitName };
      const unitCode = text(a.targetCode);
      if (unitCode) unit.code = unitCode;
      units.push(unit);
    }
  }

  const issuerObject = object(doc.issuer);
  const issuerId = text(typeof doc.issuer === "string" ? doc.issuer : issuerObject?.id);
  const issuer: CredentialDescription["issuer"] = {
    name: localized(issuerObject?.localizedName, issuerObject?.name, locale) ?? issuerId ?? "—",
  };
  if (issuerId) issuer.id = issuerId;
  const issuerUrl = text(issuerObject?.url);
  if (issuerUrl && /^https?:\/\//i.test(issuerUrl)) issuer.url = issuerUrl;

  const kindText =
    achievementType === "ext:CreditRecognition"
      ? t("verifier.kind.credit-recognition", locale, { credits: creditsOf(subject) })
      : kind === "other"
        ? t("verifier.kind.other", locale, { type: achievementType ?? "?" })
        : t(`verifier.kind.${kind}`, locale);
  const description: CredentialDescription = {
    locale,
    holder: describeHolder(subject, locale),
    achievement: { name, kind, kindText },
    units,
    issuer,
    accreditation: trustText(trust, locale),
  };
  const achievementId = text(achievement?.id);
  if (achievementId) description.achievement.id = achievementId;
  const achievementDescription = text(texts.description);
  if (achievementDescription) description.achievement.description = achievementDescription;
  const criteria = text(texts.criteria);
  if (criteria) description.achievement.criteria = criteria;
  if (achievementType) description.achievement.achievementType = achievementType;
  if (code) description.achievement.code = code;
  if (level) description.level = level;
  if (standard) description.standard = standard;
  const validFrom = formatDate(doc.validFrom ?? doc.issuanceDate, locale);
  if (validFrom) description.validFrom = validFrom;
  const validUntil = formatDate(doc.validUntil ?? doc.expirationDate, locale);
  if (validUntil) description.validUntil = validUntil;
  return isGenericCredential(doc)
    ? withGeneric(description, describeGeneric(doc, locale))
    : description;
}

/** A credential that is not an Open Badge: its own title, names, kind and claims. */
function withGeneric(
  description: CredentialDescription,
  generic: GenericDescription,
): CredentialDescription {
  const out: CredentialDescription = {
    ...description,
    achievement: {
      name: generic.title ?? description.achievement.name,
      kind: "other",
      kindText: generic.kindText,
    },
    generic,
  };
  if (generic.holderName) out.holder = { ...description.holder, name: generic.holderName };
  if (generic.issuerName) out.issuer = { ...description.issuer, name: generic.issuerName };
  return out;
}

/**
 * An Open Badges 2.0 badge: the assertion with its badge class and the class's issuer profile
 * embedded (as the verifier returns it); what is only a URL is shown as missing, never fetched.
 */
function describeOb2(assertion: JsonObject, locale: Locale): CredentialDescription {
  const badge = object(assertion.badge);
  const profile = object(badge?.issuer);
  const criteria = object(badge?.criteria);
  const issuerId = text(profile?.id) ?? text(badge?.issuer);
  const issuer: CredentialDescription["issuer"] = { name: text(profile?.name) ?? issuerId ?? "—" };
  if (issuerId) issuer.id = issuerId;
  const issuerUrl = text(profile?.url);
  if (issuerUrl && /^https?:\/\//i.test(issuerUrl)) issuer.url = issuerUrl;
  const recipient = object(assertion.recipient);
  const holder: CredentialDescription["holder"] =
    recipient && (recipient.type === undefined || recipient.type === "email")
      ? {
          kind: "hashed",
          identifierTypes: ["emailAddress"],
          text: t("verifier.holder.hashed", locale, {
            identifiers: t("verifier.identifier.email", locale),
          }),
        }
      : { kind: "unknown", text: t("verifier.holder.unknown", locale) };
  const description: CredentialDescription = {
    locale,
    holder,
    achievement: {
      name: text(badge?.name) ?? "—",
      kind: "other",
      kindText: t("verifier.kind.ob2", locale),
    },
    units: [],
    issuer,
    accreditation: { status: "unverified", chain: [] },
  };
  const badgeId = text(badge?.id) ?? text(assertion.badge);
  if (badgeId) description.achievement.id = badgeId;
  const about = text(badge?.description);
  if (about) description.achievement.description = about;
  const narrative = text(criteria?.narrative);
  if (narrative) description.achievement.criteria = narrative;
  const issuedOn = formatDate(assertion.issuedOn, locale);
  if (issuedOn) description.validFrom = issuedOn;
  const expires = formatDate(assertion.expires, locale);
  if (expires) description.validUntil = expires;
  return description;
}

/** A revocation or suspension in words: the verdict's heading, since when, and why. */
export interface WithdrawalDescription {
  status: "revoked" | "suspended";
  /** "Revoked by the issuer on 12 March 2027", or without the date when it is not known. */
  heading: string;
  since?: { iso: string; text: string };
  /** "Reason given by the issuer: …", only when the issuer made the reason public. */
  reason?: string;
}

/**
 * What a person reads about a credential the issuer revoked or suspended (`status` from the
 * signed status list): the date and the public reason come from the issuer's notice
 * (`CredentialVerification.statusNotice`) when there is one; the reason in the reader's
 * language, else in the other one.
 */
export function describeWithdrawal(
  status: "revoked" | "suspended",
  notice: StatusNotice | undefined,
  locale: Locale,
): WithdrawalDescription {
  const since = formatDate(notice?.since, locale);
  const out: WithdrawalDescription = {
    status,
    heading: since
      ? t(`verifier.verdict.${status}.on`, locale, { date: since.text })
      : t(`verifier.verdict.${status}`, locale),
  };
  if (since) out.since = since;
  const reason =
    text(notice?.reason?.[locale]) ?? text(notice?.reason?.[locale === "es" ? "en" : "es"]);
  if (reason) out.reason = t("verifier.withdrawn.reason", locale, { reason });
  return out;
}

/** An https address to link to, or nothing (never a script, a data: URL or a local address). */
function publicRecordUrl(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.username === "" && url.password === ""
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}
