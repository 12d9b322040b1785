import type { Locale, MessageKey, MessageParams } from "@avala/i18n";
import { t } from "@avala/i18n";
import type { Context } from "hono";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import type { StaffRow } from "../db/repositories/staff.js";
import type { ConsoleEnv } from "./env.js";

/** What every console page needs to render: language, who is signed in, CSRF, where it is. */
export interface View {
  locale: Locale;
  t: (key: MessageKey, params?: MessageParams) => string;
  staff: StaffRow | undefined;
  organisation: OrganisationRow | undefined;
  platform: boolean;
  csrf: string;
  /** The path and query of this page (for the language switch and sign-in returns). */
  here: string;
  /** The organisation's name in the page's language. */
  orgName: string;
  date: (value: string | null | undefined) => string;
  dateTime: (value: string | null | undefined) => string;
  number: (value: number) => string;
}

export function viewOf(c: Context<ConsoleEnv>): View {
  const locale = c.get("locale");
  const url = new URL(c.req.url);
  const org = c.get("organisation");
  return {
    locale,
    t: (key, params) => t(key, locale, params),
    staff: c.get("staff"),
    organisation: org,
    platform: c.get("platform") ?? false,
    csrf: c.get("csrfToken") ?? "",
    here: `${url.pathname}${url.search}`,
    orgName: org ? (locale === "en" && org.name_en ? org.name_en : org.name_es) : "",
    date: (value) => formatDate(value, locale),
    dateTime: (value) => formatDateTime(value, locale),
    number: (value) => new Intl.NumberFormat(locale === "en" ? "en-GB" : "es-MX").format(value),
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

/** A moment in Mexico City time ("15 ene 2026, 10:32"), or "—". */
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

/** Only paths inside the console may be returned to after sign-in or a language switch. */
export function safeNext(value: string | undefined | null, fallback = "/console"): string {
  if (!value) return fallback;
  if (!value.startsWith("/console") || value.startsWith("//")) return fallback;
  if (/[\r\n\t\\]/.test(value) || value.length > 2048) return fallback;
  return value;
}

/** A text field of a form, trimmed and cut to `max` characters; "" when absent or a file. */
export function field(form: FormData, name: string, max = 1000): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim().slice(0, max) : "";
}
