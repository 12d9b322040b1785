import type { ProblemError, ProblemMessage, ProblemStatus } from "@avala/http-middleware";
import { codedProblem } from "@avala/http-middleware";
import type { Locale, MessageKey, MessageParams } from "@avala/i18n";
import { t } from "@avala/i18n";

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

/** The verifier's problem titles are in the request's language too. */
export function problemTitle(status: number, locale: Locale): string {
  return t(titleKey(status), locale);
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
  return codedProblem(status, code, params, {
    locale,
    title: problemTitle(status, locale),
    headers,
  });
}

/**
 * The verifier's own words for some problems of the shared middleware (body parser, rate
 * limiter, unknown routes, unexpected errors), which speak of bytes where the verifier speaks of
 * documents. Every other shared problem keeps its shared code.
 */
export function verifierMessage(
  problem: ProblemError,
  limits: { maxMiB: number; maxDepth: number },
): ProblemMessage | undefined {
  switch (problem.code) {
    case "request.body.malformed-json":
      return { code: "verifier.problem.malformed-body", params: { max: limits.maxDepth } };
    case "request.body.malformed-form":
      return { code: "verifier.problem.form-unreadable" };
    case "request.not-found":
      return { code: "verifier.problem.not-found" };
    case "request.body.too-large":
      return { code: "verifier.problem.too-large", params: { max: limits.maxMiB } };
    case "request.body.unsupported-type":
      return { code: "verifier.problem.not-json" };
    case "request.too-many-requests":
      return { code: "verifier.error.too-many-requests" };
    case "server.error":
      return { code: "verifier.error.generic" };
    default:
      return undefined;
  }
}
