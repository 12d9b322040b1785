import type { Locale, MessageKey, MessageParams } from "@avala/i18n";
import { t } from "@avala/i18n";
import type { Context } from "hono";
import type { Account } from "../db/repositories.js";
import type { WalletEnv } from "../http/env.js";

/** What every page needs to render: the language, the visitor, the CSRF token, where it is. */
export interface View {
  locale: Locale;
  t: (key: MessageKey, params?: MessageParams) => string;
  account: Account | undefined;
  csrf: string;
  /** The path and query of this page (for the language switch and sign-in returns). */
  here: string;
  /** The singular or plural message for `count` (CLDR plural rules of the locale). */
  plural: (count: number, one: MessageKey, other: MessageKey, params?: MessageParams) => string;
}

export function viewOf(c: Context<WalletEnv>): View {
  const locale = c.get("locale");
  const url = new URL(c.req.url);
  return {
    locale,
    t: (key, params) => t(key, locale, params),
    account: c.get("account"),
    csrf: c.get("csrfToken"),
    here: `${url.pathname}${url.search}`,
    plural: (count, one, other, params) =>
      t(new Intl.PluralRules(locale).select(count) === "one" ? one : other, locale, {
        count,
        ...params,
      }),
  };
}

/** A date as people read it ("15 de enero de 2026"), or "—". */
export function formatDate(value: string | null | undefined, locale: Locale): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "es-MX", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(date);
}

export function formatDateTime(value: string | null | undefined, locale: Locale): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "es-MX", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "America/Mexico_City",
  }).format(date);
}

/** Only same-site relative paths may be returned to after sign-in or a language switch. */
export function safeNext(value: string | undefined | null, fallback = "/credentials"): string {
  if (!value) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\r\n\t]/.test(value) || value.length > 2048) return fallback;
  return value;
}
