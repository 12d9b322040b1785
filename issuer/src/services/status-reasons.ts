import type { Locale, MessageKey } from "@avala/i18n";
import { t } from "@avala/i18n";

/** The reasons a clerk picks from when revoking, suspending or reinstating. */
export const statusReasons = [
  "data-error",
  "issued-in-error",
  "assessment-annulled",
  "fraud",
  "learner-request",
  "under-review",
  "review-cleared",
  "other",
] as const;
export type StatusReason = (typeof statusReasons)[number];

export function reasonKey(reason: StatusReason): MessageKey {
  return `console.reason.${reason}` as MessageKey;
}

/**
 * The reason as stored in the credential's history (and shown by the API): `[code]` and the
 * clerk's own words, so every reader gets the list's label in their own language.
 */
export function storedReason(reason: StatusReason, text: string): string {
  return text ? `[${reason}] ${text}` : `[${reason}]`;
}

/**
 * A stored reason's parts: the list's code and the clerk's own words. A reason without a known
 * code (given through the API as free text) is all text, code `undefined`.
 */
export function parseReason(stored: string): { code?: StatusReason; text: string } {
  const match = /^\[([a-z-]{2,40})\]\s*(.*)$/s.exec(stored);
  if (!match || !(statusReasons as readonly string[]).includes(match[1]!)) return { text: stored };
  return { code: match[1] as StatusReason, text: match[2] ?? "" };
}

/** A stored reason in words: the list's label in `locale`, then the clerk's text. */
export function readReason(stored: string, locale: Locale): string {
  const { code, text } = parseReason(stored);
  if (!code) return stored;
  const label = t(reasonKey(code), locale);
  return text ? `${label}: ${text}` : label;
}
