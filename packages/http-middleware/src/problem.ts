import {
  defaultLocale,
  type Locale,
  type LocalizedText,
  localize,
  type MessageKey,
  type MessageParams,
  t,
} from "@avala/i18n";
import { HTTPException } from "hono/http-exception";
import type { ClientErrorStatusCode, ServerErrorStatusCode } from "hono/utils/http-status";

export type ProblemStatus = ClientErrorStatusCode | ServerErrorStatusCode;

/** Problem types of coded problems are `${PROBLEM_TYPE_BASE}<code>`. */
export const PROBLEM_TYPE_BASE = "https://w3id.org/avala/problems#";

/** One problem with one part of the input, e.g. a field of a form or a line of a CSV upload. */
export interface ProblemFieldError {
  field?: string;
  line?: number;
  reason: string;
}

export interface ProblemInit {
  status: ProblemStatus;
  /**
   * A URI naming the problem type; default `${PROBLEM_TYPE_BASE}<code>` for a coded problem,
   * else `about:blank` (the status says it all).
   */
  type?: string;
  /** Short, stable summary of the problem type; default the HTTP reason phrase of the status. */
  title?: string;
  /**
   * Human-readable explanation of this occurrence; safe to show to the client. Ignored when the
   * problem has a `code`: the detail is then the catalogue's message.
   */
  detail?: string;
  /**
   * The stable code: a message key of `@avala/i18n`. With it, `detail` is the message in
   * `locale`, and the document also carries `code` and `localizedDetail` (every language).
   */
  code?: MessageKey;
  /** Values for the message's `{placeholders}`. */
  params?: MessageParams;
  /** The language of `detail`; unset, the error handler uses the request's. */
  locale?: Locale;
  errors?: ProblemFieldError[];
  /** Extension members; they cannot replace the standard ones. */
  extra?: Record<string, unknown>;
  /** Response headers that belong to the problem, e.g. `Retry-After`, `WWW-Authenticate`. */
  headers?: Record<string, string>;
}

/** The JSON body of an `application/problem+json` response (RFC 9457). */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: MessageKey;
  localizedDetail?: LocalizedText;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

const REASON_PHRASES: Partial<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The English HTTP reason phrase of a status (RFC 9110), for `title`. */
export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? (status < 500 ? "Bad Request" : "Server Error");
}

/**
 * An error that is meant for the client: it carries the problem details to send. It is a Hono
 * `HTTPException`, so it renders as problem+json even under Hono's default error handler.
 */
export class ProblemError extends HTTPException {
  override readonly name = "ProblemError";
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly code: MessageKey | undefined;
  readonly params: MessageParams | undefined;
  readonly locale: Locale | undefined;
  readonly errors: ProblemFieldError[] | undefined;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;
  /** What it was made from (e.g. whether `title` was given), so that `derive` can change a part. */
  readonly init: Readonly<ProblemInit>;

  constructor(init: ProblemInit) {
    const title = init.title ?? reasonPhrase(init.status);
    const detail = init.code
      ? t(init.code, init.locale ?? defaultLocale, init.params)
      : init.detail;
    super(init.status, { message: detail ?? title });
    this.init = init;
    this.type = init.type ?? (init.code ? `${PROBLEM_TYPE_BASE}${init.code}` : "about:blank");
    this.title = title;
    this.detail = detail;
    this.code = init.code;
    this.params = init.params;
    this.locale = init.locale;
    this.errors = init.errors;
    this.extra = init.extra ?? {};
    this.headers = init.headers ?? {};
  }

  /** The same problem with some parts changed (e.g. its `locale`, or its `code` and `params`). */
  derive(changes: Partial<ProblemInit>): ProblemError {
    return new ProblemError({ ...this.init, ...changes });
  }

  toJSON(): ProblemDocument {
    const document: ProblemDocument = {
      ...this.extra,
      type: this.type,
      title: this.title,
      status: this.status,
    };
    if (this.detail !== undefined) document.detail = this.detail;
    if (this.code !== undefined) {
      document.code = this.code;
      document.localizedDetail = localize(this.code, this.params);
    }
    if (this.errors !== undefined) document.errors = this.errors;
    return document;
  }

  override getResponse(): Response {
    return problemResponse(this);
  }
}

export function problemResponse(problem: ProblemError): Response {
  const language: Record<string, string> =
    problem.code !== undefined ? { "content-language": problem.locale ?? defaultLocale } : {};
  return new Response(JSON.stringify(problem.toJSON()), {
    status: problem.status,
    headers: { ...problem.headers, ...language, "content-type": "application/problem+json" },
  });
}

/** Everything a coded problem may carry besides its status, code and params. */
export type CodedProblemOptions = Omit<ProblemInit, "status" | "code" | "params" | "detail">;

/**
 * A problem whose words come from the message catalogue: `code` is the message key. Without a
 * `locale`, the error handler answers it in the request's language.
 */
export function codedProblem(
  status: ProblemStatus,
  code: MessageKey,
  params?: MessageParams,
  options: CodedProblemOptions = {},
): ProblemError {
  return new ProblemError({
    ...options,
    status,
    code,
    ...(params !== undefined ? { params } : {}),
  });
}

/** Everything a helper's caller may set besides the status (and, by default, the title). */
export type ProblemOptions = Partial<Omit<ProblemInit, "status" | "detail">>;

function problemHelper(status: ProblemStatus) {
  return (detail?: string, options: ProblemOptions = {}): ProblemError =>
    new ProblemError({ ...options, status, ...(detail !== undefined ? { detail } : {}) });
}

export const badRequest = problemHelper(400);
export const unauthorized = problemHelper(401);
export const forbidden = problemHelper(403);
export const notFound = problemHelper(404);
export const conflict = problemHelper(409);
export const payloadTooLarge = problemHelper(413);
export const unsupportedMediaType = problemHelper(415);
export const unprocessable = problemHelper(422);
export const tooManyRequests = problemHelper(429);
export const internalServerError = problemHelper(500);
