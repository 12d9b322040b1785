import type { ProblemStatus } from "@avala/http-middleware";
import { ProblemError } from "@avala/http-middleware";
import type { Locale, MessageKey, MessageParams } from "@avala/i18n";
import { localize, t } from "@avala/i18n";

/** Problem types are `${PROBLEM_TYPE_BASE}<code>` (as the issuer's); the code is the message key. */
export const PROBLEM_TYPE_BASE = "https://w3id.org/avala/problems#";

function titleKey(status: number): MessageKey {
  if (status >= 500) return "verifier.problem.title.server-error";
  switch (status) {
    case 404:
      return "verifier.problem.title.not-found";
    case 413:
      return "verifier.problem.title.too-large";
    case 415:
      return "verifier.problem.title.unsupported-media-type";
    case 429:
      return "verifier.problem.title.too-many-requests";
    default:
      return "verifier.problem.title.bad-request";
  }
}

/**
 * An RFC 9457 problem in the request's language: `title` and `detail` from the catalogue,
 * `code` the stable message key (also in `type`), `localizedDetail` in both languages.
 */
export function localizedProblem(
  locale: Locale,
  status: ProblemStatus,
  code: MessageKey,
  params?: MessageParams,
  headers: Record<string, string> = {},
): ProblemError {
  return new ProblemError({
    status,
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: t(titleKey(status), locale),
    detail: t(code, locale, params),
    extra: { code, localizedDetail: localize(code, params) },
    headers: { ...headers, "content-language": locale },
  });
}

/** Whether an error is already one of these (thrown by a route, in the request's language). */
export function isLocalizedProblem(error: unknown): error is ProblemError {
  return (
    error instanceof ProblemError &&
    typeof error.extra.code === "string" &&
    error.type === `${PROBLEM_TYPE_BASE}${error.extra.code}`
  );
}

/**
 * The message for a problem raised outside the verifier's own code (the shared body parser,
 * the rate limiter, an unexpected error), by its status: those say only what went wrong in
 * English, and the status is enough to say it in the caller's language.
 */
export function problemCodeForStatus(
  status: number,
  limits: { maxMiB: number; maxDepth: number },
): { code: MessageKey; params?: MessageParams } {
  switch (status) {
    case 400:
      return { code: "verifier.problem.malformed-body", params: { max: limits.maxDepth } };
    case 404:
      return { code: "verifier.problem.not-found" };
    case 413:
      return { code: "verifier.problem.too-large", params: { max: limits.maxMiB } };
    case 415:
      return { code: "verifier.problem.not-json" };
    case 429:
      return { code: "verifier.error.too-many-requests" };
    default:
      return status >= 500
        ? { code: "verifier.error.generic" }
        : { code: "verifier.error.bad-request" };
  }
}
