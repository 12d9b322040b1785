import {
  isLocale,
  isMessageKey,
  type Locale,
  type MessageKey,
  type MessageParams,
  negotiateLocale,
} from "@avala/i18n";
import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { codedProblem, ProblemError, type ProblemStatus, problemResponse } from "./problem.js";

/** Where unexpected errors go; the client never sees them. */
export interface ProblemLogger {
  error(message: string, context: Record<string, unknown>): void;
}

/** A message of the catalogue with its parameters: the words of a problem. */
export interface ProblemMessage {
  code: MessageKey;
  params?: MessageParams;
}

export interface ProblemErrorHandlerOptions {
  /** Default: `console.error`. */
  logger?: ProblemLogger;
  /** The request's language (default `requestLocale`: `?lang=`, then Accept-Language). */
  locale?: (c: Context) => Locale;
  /**
   * A service's own words for a problem raised by shared code (e.g. `request.body.too-large`
   * said as "a document may be at most 2 MiB"): return its message, or `undefined` to keep the
   * shared one. Called with every problem, already coded.
   */
  ownMessage?: (problem: ProblemError) => ProblemMessage | undefined;
  /** The `title` of a problem that was not given one (default: the English reason phrase). */
  title?: (status: number, locale: Locale) => string;
  /** The `type` of a coded problem that was not given one (default `${PROBLEM_TYPE_BASE}<code>`). */
  type?: (code: MessageKey) => string;
}

const consoleLogger: ProblemLogger = {
  error: (message, context) => console.error(message, context),
};

/** The request's language: `?lang=es|en` first, then Accept-Language (default Spanish). */
export function requestLocale(c: Context): Locale {
  const lang = c.req.query("lang");
  return isLocale(lang) ? lang : negotiateLocale(c.req.header("accept-language"));
}

/** The general code of a status, for errors raised without one (Hono's own, for instance). */
export function codeForStatus(status: number): ProblemMessage {
  switch (status) {
    case 400:
      return { code: "request.bad-request" };
    case 401:
      return { code: "request.unauthorized" };
    case 403:
      return { code: "request.forbidden" };
    case 404:
      return { code: "request.not-found" };
    case 409:
      return { code: "request.conflict" };
    case 410:
      return { code: "request.gone" };
    case 413:
      return { code: "request.too-large" };
    case 415:
      return { code: "request.unsupported-media-type" };
    case 422:
      return { code: "request.unprocessable" };
    case 429:
      return { code: "request.too-many-requests" };
    default:
      return status >= 500
        ? { code: "server.error" }
        : { code: "request.failed", params: { status } };
  }
}

/**
 * Any error as a coded problem in the request's language; what is unexpected is logged.
 * - A coded `ProblemError`: as is (in the request's language unless it has its own locale).
 * - A `ProblemError` without a code, or Hono's `HTTPException`: its status and headers (e.g.
 *   `WWW-Authenticate`, `Retry-After`) and the general code of its status (`codeForStatus`; for
 *   a `ProblemError` whose `extra.code` is a message key, that key); its English message is not
 *   sent. A 5xx is logged.
 * - `SyntaxError` (what `c.req.json()` throws on a malformed body): 400
 *   `request.body.malformed-json`.
 * - Anything else: logged, answered with a 500 `server.error` that says nothing about the cause.
 */
export function toProblem(
  error: Error,
  c: Context,
  options: ProblemErrorHandlerOptions = {},
): ProblemError {
  const logger = options.logger ?? consoleLogger;
  let problem: ProblemError;
  if (error instanceof ProblemError) problem = error;
  else if (error instanceof HTTPException) problem = fromHttpException(error);
  else if (error instanceof SyntaxError) problem = codedProblem(400, "request.body.malformed-json");
  else problem = codedProblem(500, "server.error");
  const expected =
    (error instanceof HTTPException && error.status < 500) || error instanceof SyntaxError;
  if (!expected) {
    logger.error("Unhandled error while serving a request", {
      method: c.req.method,
      path: c.req.path,
      error,
    });
  }
  if (problem.code === undefined) {
    // Built the old way, with its message key as an extension member: that is its code.
    const legacy = problem.extra["code"];
    const general: ProblemMessage =
      typeof legacy === "string" && isMessageKey(legacy)
        ? { code: legacy }
        : codeForStatus(problem.status);
    problem = problem.derive({
      code: general.code,
      params: general.params,
      ...(problem.type === "about:blank" ? { type: undefined } : {}),
    });
  }
  const own = options.ownMessage?.(problem);
  if (own) problem = problem.derive({ code: own.code, params: own.params });
  const locale = problem.locale ?? options.locale?.(c) ?? requestLocale(c);
  const changes: Parameters<ProblemError["derive"]>[0] = {};
  if (problem.locale === undefined) changes.locale = locale;
  if (options.title && problem.init.title === undefined) {
    changes.title = options.title(problem.status, locale);
  }
  if (options.type && problem.init.type === undefined && problem.code !== undefined) {
    changes.type = options.type(problem.code);
  }
  return Object.keys(changes).length > 0 ? problem.derive(changes) : problem;
}

/**
 * `app.onError(problemErrorHandler(options))`: every error becomes `application/problem+json`
 * with a stable `code`, `detail` in the request's language and `localizedDetail` in every
 * language (see `toProblem`).
 */
export function problemErrorHandler(options: ProblemErrorHandlerOptions = {}): ErrorHandler {
  return (error, c) => problemResponse(toProblem(error, c, options));
}

/** Keeps the status and headers; the message, written in English by other code, is dropped. */
function fromHttpException(error: HTTPException): ProblemError {
  const headers: Record<string, string> = {};
  error.res?.headers.forEach((value, name) => {
    if (name !== "content-type" && name !== "content-length") headers[name] = value;
  });
  return new ProblemError({ status: error.status as ProblemStatus, headers });
}
