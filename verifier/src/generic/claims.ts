import type { JsonObject } from "@avala/credentials";
import type { Locale } from "@avala/i18n";
import { t } from "@avala/i18n";

/**
 * A credential's claims as a person reads them: nested objects flattened into labelled lines
 * ("Degree › Name: Bachelor of Science"), keys made readable, JSON-LD keywords, identifiers and
 * types left out, language maps read in the reader's language. Bounded whatever the input: so
 * deep, so many lines, so long a value, so many nodes visited.
 */

export interface ClaimLine {
  /** "Degree › Name": each key humanised, joined by " › ". */
  label: string;
  value: string;
}

export interface ReadableClaims {
  lines: ClaimLine[];
  /** Values left out because of the bounds (more lines, deeper nesting). */
  more: number;
}

export const claimLimits = {
  /** Levels of nested objects followed below the subject. */
  depth: 4,
  lines: 40,
  /** Characters of one value, and of one label segment. */
  value: 240,
  segment: 48,
  /** Items of one array read. */
  items: 12,
  /** Nodes visited in all (counted before the other bounds). */
  nodes: 2000,
} as const;

/** Keys that are plumbing, not claims (what a person reads has no use for them). */
const skipped = new Set(["id", "type", "proof", "credentialStatus", "credentialSchema"]);

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const languageTag = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** A JSON-LD language map written as a plain object: `{ "en": "…", "pt": "…" }`. */
function languageMapText(value: JsonObject, locale: Locale): string | undefined {
  const keys = Object.keys(value);
  if (keys.length === 0 || keys.length > 30) return undefined;
  if (!keys.every((k) => languageTag.test(k) && typeof value[k] === "string")) return undefined;
  const preferred = [locale, locale === "es" ? "en" : "es"];
  for (const tag of preferred) {
    const key = keys.find((k) => k === tag || k.startsWith(`${tag}-`));
    if (key) return value[key] as string;
  }
  return value[keys[0]!] as string;
}

/** Printable text: control characters out, whitespace folded, cut at `max` characters. */
export function plainText(value: string, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/g, " ");
  const folded = clean.replace(/\s+/g, " ").trim();
  const chars = [...folded];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : folded;
}

/**
 * A key as a label: `hasClaim` → "Has claim", `degree_type` → "Degree type", an IRI or a
 * prefixed name by its last part (`schema:name` → "Name").
 */
export function humaniseKey(key: string): string {
  const local = key.replace(/^.*[#/:](?=[^#/:]+$)/, "");
  const words = local
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ");
  const text = plainText(words, claimLimits.segment).toLowerCase();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : "?";
}

const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A date written as a date ("30 de junio de 2026"), anything else as it is. */
function scalarText(value: string | number | boolean, locale: Locale): string {
  if (typeof value === "boolean")
    return t(value ? "generic.value.yes" : "generic.value.no", locale);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "?";
  if (value.length <= 40 && isoDate.test(value)) {
    const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
    if (!Number.isNaN(date.getTime())) {
      return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "es-MX", {
        dateStyle: "long",
        timeZone: "UTC",
      }).format(date);
    }
  }
  return plainText(value, claimLimits.value);
}

/** What a value reads as on one line, when it is one (a scalar, a language map, a value object). */
function lineValue(value: unknown, locale: Locale): string | undefined {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return scalarText(value, locale);
  }
  if (!isObject(value)) return undefined;
  if ("@value" in value) {
    const inner = value["@value"];
    return typeof inner === "string" || typeof inner === "number" || typeof inner === "boolean"
      ? scalarText(inner, locale)
      : undefined;
  }
  const mapped = languageMapText(value, locale);
  return mapped === undefined ? undefined : plainText(mapped, claimLimits.value);
}

class ClaimWalk {
  readonly lines: ClaimLine[] = [];
  more = 0;
  private nodes = 0;

  constructor(private readonly locale: Locale) {}

  private add(label: string[], value: string): void {
    if (!value) return;
    if (this.lines.length >= claimLimits.lines) {
      this.more++;
      return;
    }
    this.lines.push({ label: label.join(" › "), value });
  }

  /** A property's value under `label`: a line, a list of lines, or an object's properties. */
  value(label: string[], value: unknown, depth: number): void {
    if (++this.nodes > claimLimits.nodes) {
      this.more++;
      return;
    }
    const line = lineValue(value, this.locale);
    if (line !== undefined) {
      this.add(label, line);
      return;
    }
    if (Array.isArray(value)) {
      this.array(label, value, depth);
      return;
    }
    if (!isObject(value)) return; // null: nothing to say
    if (depth >= claimLimits.depth) {
      this.more++;
      return;
    }
    this.object(label, value, depth + 1);
  }

  /** Scalars in one line ("Java, Python"); objects each in their own lines. */
  private array(label: string[], items: unknown[], depth: number): void {
    const shown = items.slice(0, claimLimits.items);
    const texts = shown.map((item) => lineValue(item, this.locale));
    if (texts.every((text) => text !== undefined)) {
      this.add(label, plainText(texts.join(", "), claimLimits.value));
    } else {
      for (const item of shown) this.value(label, item, depth);
    }
    if (items.length > shown.length) this.more += items.length - shown.length;
  }

  object(label: string[], node: JsonObject, depth: number): void {
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith("@") || skipped.has(key)) continue;
      this.value([...label, humaniseKey(key)], child, depth);
      if (this.nodes > claimLimits.nodes) return;
    }
  }
}

/**
 * The claims of a credential's subject (or any object) as labelled lines, in `locale`, leaving
 * out `omit` (keys already shown elsewhere, such as the holder's name). Never throws.
 */
export function readableClaims(
  subject: unknown,
  locale: Locale,
  omit: readonly string[] = [],
): ReadableClaims {
  const walk = new ClaimWalk(locale);
  if (isObject(subject)) {
    const rest = Object.fromEntries(Object.entries(subject).filter(([k]) => !omit.includes(k)));
    walk.object([], rest, 0);
  }
  return { lines: walk.lines, more: walk.more };
}
