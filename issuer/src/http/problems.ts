import { ProblemError, type ProblemFieldError, type ProblemStatus } from "@avala/http-middleware";
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

/** Problem types are `${PROBLEM_TYPE_BASE}<code>`; the code is also the message key. */
export const PROBLEM_TYPE_BASE = "https://w3id.org/avala/problems#";

const titles: Partial<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
};

export interface ProblemExtras {
  errors?: ProblemFieldError[];
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * An RFC 9457 problem whose detail comes from the message catalogue: `detail` in the caller's
 * language, `localizedDetail` in both, `code` the stable message key.
 */
export function problem(
  locale: Locale,
  status: ProblemStatus,
  code: MessageKey,
  params?: MessageParams,
  extras: ProblemExtras = {},
): ProblemError {
  return new ProblemError({
    status,
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: titles[status] ?? (status < 500 ? "Bad Request" : "Server Error"),
    detail: t(code, locale, params),
    ...(extras.errors ? { errors: extras.errors } : {}),
    extra: { code, localizedDetail: localize(code, params), ...extras.extra },
    ...(extras.headers ? { headers: extras.headers } : {}),
  });
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
