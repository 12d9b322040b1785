import type { JsonObject } from "@avala/credentials";
import type { Locale } from "@avala/i18n";
import { t } from "@avala/i18n";
import type { ClaimLine } from "./claims.js";
import { claimLimits, plainText, readableClaims } from "./claims.js";
import { unreadableFormat } from "./recognise.js";

/** How a credential that is not an Open Badge reads: what it is, whose, by whom, what it says. */
export interface GenericDescription {
  /** Its most specific type, in words ("University Degree Credential"), when it has one. */
  type?: string;
  /** The kind line: "Credential from another institution (University Degree Credential)". */
  kindText: string;
  /** A title: its `name`, else the name or title of what its subject holds, else its type. */
  title?: string;
  holderName?: string;
  issuerName?: string;
  /** The subject's claims as labelled lines, bounded. */
  claims: ClaimLine[];
  /** Claims left out by the bounds. */
  more: number;
  /** Why its signature cannot be checked whatever Avala does, when that is so. */
  unreadable?: "context" | "suite";
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const languageTag = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** A name as written: a string, or a language map read in `locale` (else another language). */
function nameText(value: unknown, locale: Locale): string | undefined {
  if (typeof value === "string") return plainText(value, 200) || undefined;
  if (Array.isArray(value)) return nameText(value[0], locale);
  if (!isObject(value)) return undefined;
  if (typeof value["@value"] === "string") return nameText(value["@value"], locale);
  const keys = Object.keys(value).filter((k) => languageTag.test(k));
  const key =
    keys.find((k) => k === locale || k.startsWith(`${locale}-`)) ??
    keys.find((k) => k === "en" || k === "es") ??
    keys[0];
  return key === undefined ? undefined : nameText(value[key], locale);
}

/** A type name in words: `UniversityDegreeCredential` → "University Degree Credential". */
function typeWords(type: string): string {
  const local = type.replace(/^.*[#/:](?=[^#/:]+$)/, "");
  return plainText(local.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " "), 80);
}

function specificType(document: JsonObject): string | undefined {
  const types = (Array.isArray(document.type) ? document.type : [document.type]).filter(
    (t): t is string => typeof t === "string" && t !== "VerifiableCredential",
  );
  const last = types.at(-1);
  return last ? typeWords(last) : undefined;
}

/** The name or title of what the subject holds (`degree.name`, `hasClaim.title`), two levels down. */
function heldTitle(subject: JsonObject | undefined, locale: Locale): string | undefined {
  let level: JsonObject[] = subject ? [subject] : [];
  for (let depth = 0; depth < 2; depth++) {
    const next: JsonObject[] = [];
    for (const node of level) {
      for (const [key, child] of Object.entries(node).slice(0, 50)) {
        const items = Array.isArray(child) ? child.slice(0, 3) : [child];
        for (const item of items) {
          if (!isObject(item) || key === "issuer") continue;
          const found = nameText(item.title, locale) ?? nameText(item.name, locale);
          if (found) return found;
          next.push(item);
        }
      }
    }
    level = next;
  }
  return undefined;
}

function holderNameOf(subject: JsonObject | undefined, locale: Locale): string | undefined {
  const name = nameText(subject?.name, locale);
  if (name) return name;
  const parts = [nameText(subject?.givenName, locale), nameText(subject?.familyName, locale)];
  const joined = parts.filter(Boolean).join(" ");
  return joined || undefined;
}

function issuerNameOf(document: JsonObject, locale: Locale): string | undefined {
  const issuer = document.issuer;
  if (!isObject(issuer)) return undefined;
  return nameText(issuer.name, locale) ?? nameText(issuer.legalName, locale);
}

/**
 * How a credential that is not an Open Badge reads in `locale`. Reads any JSON without
 * throwing; every text is bounded (see `claimLimits`).
 */
export function describeGeneric(document: JsonObject, locale: Locale): GenericDescription {
  const subjects = Array.isArray(document.credentialSubject)
    ? document.credentialSubject
    : [document.credentialSubject];
  const subject = isObject(subjects[0]) ? subjects[0] : undefined;
  const type = specificType(document);
  const claims = readableClaims(subject, locale, ["name", "givenName", "familyName"]);
  const out: GenericDescription = {
    kindText: type ? t("generic.kind", locale, { type }) : t("generic.kind.plain", locale),
    claims: claims.lines,
    more: claims.more,
  };
  if (type) out.type = type;
  const title =
    nameText(document.name, locale) ??
    nameText(document.title, locale) ??
    heldTitle(subject, locale);
  if (title ?? type) out.title = (title ?? type) as string;
  const holderName = holderNameOf(subject, locale);
  if (holderName) out.holderName = holderName;
  const issuerName = issuerNameOf(document, locale);
  if (issuerName) out.issuerName = issuerName;
  const unreadable = unreadableFormat(document);
  if (unreadable) out.unreadable = unreadable;
  if (subjects.length > 1) out.more += Math.min(subjects.length - 1, claimLimits.nodes);
  return out;
}
