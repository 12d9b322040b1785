import {
  codedProblem,
  codeForStatus,
  ProblemError,
  type ProblemMessage,
  type ProblemStatus,
} from "@avala/http-middleware";
import {
  isMessageKey,
  type LocalizedText,
  localize,
  type MessageKey,
  type MessageParams,
} from "@avala/i18n";

/**
 * A problem whose words come from the message catalogue: `code` is the message key and
 * `localizedDetail` the message in every language. The app's error handler answers it in the
 * request's language, as a page (browsers) or as problem+json with `detail` in that language.
 * Nothing else the wallet throws reaches a person in its own words (see `walletMessage`).
 */
export function walletProblem(
  status: ProblemStatus,
  code: MessageKey,
  params?: MessageParams,
  headers?: Record<string, string>,
): ProblemError {
  return codedProblem(status, code, params, {
    // Also as extension members, for code that copies them into a problem of its own.
    extra: { code, localizedDetail: localize(code, params) },
    ...(headers ? { headers } : {}),
  });
}

/**
 * The wallet's own words for the problems of the shared middleware (body limits, form reader,
 * rate limits, unknown routes, unexpected errors), which speak to programs more than to people.
 * `undefined` keeps the shared message (e.g. `request.text.not-utf8`, which names the field).
 */
export function walletMessage(problem: {
  code: MessageKey | undefined;
  headers?: Record<string, string>;
}): ProblemMessage | undefined {
  switch (problem.code) {
    case "request.not-found":
      return { code: "wallet.problem.not-found" };
    case "request.bad-request":
    case "request.body.malformed-json":
      return { code: "wallet.problem.bad-request" };
    case "request.body.malformed-form":
      return { code: "wallet.problem.form-unreadable" };
    case "request.body.unsupported-type":
      return { code: "wallet.problem.form-type" };
    case "request.body.too-large":
    case "request.too-large":
      return { code: "wallet.problem.too-large" };
    case "request.too-many-requests": {
      const seconds = Number(problem.headers?.["retry-after"]);
      const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 1;
      return { code: "wallet.problem.too-many", params: { minutes } };
    }
    case "server.error":
      return { code: "wallet.problem.server" };
    default:
      return undefined;
  }
}

export interface WalletWords {
  code: MessageKey;
  text: LocalizedText;
}

/**
 * The catalogue message that explains an error answered with `response`: the error's own
 * code (a `walletProblem`, or a shared problem in the wallet's words), else the wallet's message
 * for its status, else none. The detail that other code (Hono, libraries) wrote in English is
 * never shown to people.
 */
export function problemMessage(error: Error, response: Response): WalletWords | undefined {
  const status = response.status;
  const words = ({ code, params }: ProblemMessage): WalletWords => ({
    code,
    text: localize(code, params),
  });
  if (status < 500 && error instanceof ProblemError) {
    const legacy = error.extra["code"];
    const code =
      error.code ?? (typeof legacy === "string" && isMessageKey(legacy) ? legacy : undefined);
    if (code !== undefined) {
      return words(
        walletMessage({ code, headers: error.headers }) ?? { code, params: error.params ?? {} },
      );
    }
  }
  if (status >= 500) return words({ code: "wallet.problem.server" });
  const retryAfter = response.headers.get("retry-after");
  const general = walletMessage({
    code: codeForStatus(status).code,
    ...(retryAfter ? { headers: { "retry-after": retryAfter } } : {}),
  });
  return general ? words(general) : undefined;
}
