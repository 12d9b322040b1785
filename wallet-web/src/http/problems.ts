import { ProblemError, type ProblemStatus } from "@avala/http-middleware";
import {
  defaultLocale,
  isMessageKey,
  type LocalizedText,
  localize,
  type MessageKey,
  type MessageParams,
  t,
} from "@avala/i18n";

/** HTTP reason phrases: the `title` of an `about:blank` problem (RFC 9457). */
const reasonPhrases: Partial<Record<number, string>> = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
};

/**
 * A problem whose words come from the message catalogue: `code` is the message key and
 * `localizedDetail` the message in every language. The app's error handler answers it in the
 * request's language, as a page (browsers) or as problem+json with `detail` in that language.
 * Nothing else the wallet throws reaches a person in its own words (see `problemMessage`).
 */
export function walletProblem(
  status: ProblemStatus,
  code: MessageKey,
  params?: MessageParams,
  headers?: Record<string, string>,
): ProblemError {
  return new ProblemError({
    status,
    title: reasonPhrases[status] ?? (status < 500 ? "Bad Request" : "Internal Server Error"),
    detail: t(code, defaultLocale, params),
    extra: { code, localizedDetail: localize(code, params) },
    ...(headers ? { headers } : {}),
  });
}

export interface ProblemMessage {
  code: MessageKey;
  text: LocalizedText;
}

function isLocalizedText(value: unknown): value is LocalizedText {
  if (!value || typeof value !== "object") return false;
  const text = value as Record<string, unknown>;
  return typeof text["es"] === "string" && typeof text["en"] === "string";
}

/**
 * The catalogue message that explains an error answered with `response`: the error's own
 * (a `walletProblem`), else a general one for its status. The detail that other code (rate
 * limits, body limits, Hono) wrote in English is never shown to people.
 */
export function problemMessage(error: Error, response: Response): ProblemMessage | undefined {
  const status = response.status;
  if (status < 500 && error instanceof ProblemError) {
    const code = error.extra["code"];
    const text = error.extra["localizedDetail"];
    if (typeof code === "string" && isMessageKey(code) && isLocalizedText(text)) {
      return { code, text };
    }
  }
  const general = (code: MessageKey, params?: MessageParams) => ({
    code,
    text: localize(code, params),
  });
  if (status >= 500) return general("wallet.problem.server");
  switch (status) {
    case 400:
      return general("wallet.problem.bad-request");
    case 404:
      return general("wallet.problem.not-found");
    case 413:
      return general("wallet.problem.too-large");
    case 429: {
      const seconds = Number(response.headers.get("retry-after"));
      const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 1;
      return general("wallet.problem.too-many", { minutes });
    }
    default:
      return undefined;
  }
}
