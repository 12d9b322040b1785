import {
  codedProblem,
  type ProblemError,
  type ProblemFieldError,
  type ProblemStatus,
} from "@avala/http-middleware";
import {
  defaultLocale,
  type Locale,
  localize,
  type MessageKey,
  type MessageParams,
  t,
} from "@avala/i18n";
import type { Context } from "hono";
import type { IssuerEnv } from "./env.js";

export interface ProblemExtras {
  errors?: ProblemFieldError[];
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * An RFC 9457 problem whose detail comes from the message catalogue: `detail` in the caller's
 * language, `localizedDetail` in both, `code` the stable message key, `type`
 * `https://w3id.org/avala/problems#<code>`, `title` the HTTP reason phrase.
 */
export function problem(
  locale: Locale,
  status: ProblemStatus,
  code: MessageKey,
  params?: MessageParams,
  extras: ProblemExtras = {},
): ProblemError {
  return codedProblem(status, code, params, { ...extras, locale });
}

/** `problem` with the locale of the request. */
export function fail(
  c: Context<IssuerEnv>,
  status: ProblemStatus,
  code: MessageKey,
  params?: MessageParams,
  extras?: ProblemExtras,
): ProblemError {
  return problem(c.get("locale") ?? defaultLocale, status, code, params, extras);
}

/**
 * A message for a successful answer that the caller should read (`note` in a response): its
 * code, the text in the request's language, and both languages.
 */
export function noteOf(c: Context<IssuerEnv>, code: MessageKey, params?: MessageParams) {
  return {
    code,
    detail: t(code, c.get("locale") ?? defaultLocale, params),
    localizedDetail: localize(code, params),
  };
}
