import { HTTPException } from "hono/http-exception";
import type { ClientErrorStatusCode, ServerErrorStatusCode } from "hono/utils/http-status";

export type ProblemStatus = ClientErrorStatusCode | ServerErrorStatusCode;

/** One problem with one part of the input, e.g. a field of a form or a line of a CSV upload. */
export interface ProblemFieldError {
  field?: string;
  line?: number;
  reason: string;
}

export interface ProblemInit {
  status: ProblemStatus;
  /** A URI naming the problem type; default `about:blank` (the status says it all). */
  type?: string;
  /** Short, stable summary of the problem type; with `about:blank` use the HTTP reason phrase. */
  title: string;
  /** Human-readable explanation of this occurrence; safe to show to the client. */
  detail?: string;
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
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
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
  readonly errors: ProblemFieldError[] | undefined;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(init: ProblemInit) {
    super(init.status, { message: init.detail ?? init.title });
    this.type = init.type ?? "about:blank";
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors;
    this.extra = init.extra ?? {};
    this.headers = init.headers ?? {};
  }

  toJSON(): ProblemDocument {
    const document: ProblemDocument = {
      ...this.extra,
      type: this.type,
      title: this.title,
      status: this.status,
    };
    if (this.detail !== undefined) document.detail = this.detail;
    if (this.errors !== undefined) document.errors = this.errors;
    return document;
  }

  override getResponse(): Response {
    return problemResponse(this);
  }
}

export function problemResponse(problem: ProblemError): Response {
  return new Response(JSON.stringify(problem.toJSON()), {
    status: problem.status,
    headers: { ...problem.headers, "content-type": "application/problem+json" },
  });
}

/** Everything a helper's caller may set besides the status (and, by default, the title). */
export type ProblemOptions = Partial<Omit<ProblemInit, "status" | "detail">>;

function problemHelper(status: ProblemStatus, title: string) {
  return (detail?: string, options: ProblemOptions = {}): ProblemError =>
    new ProblemError({ title, ...options, status, detail });
}

export const badRequest = problemHelper(400, "Bad Request");
export const unauthorized = problemHelper(401, "Unauthorized");
export const forbidden = problemHelper(403, "Forbidden");
export const notFound = problemHelper(404, "Not Found");
export const conflict = problemHelper(409, "Conflict");
export const payloadTooLarge = problemHelper(413, "Content Too Large");
export const unsupportedMediaType = problemHelper(415, "Unsupported Media Type");
export const unprocessable = problemHelper(422, "Unprocessable Content");
export const tooManyRequests = problemHelper(429, "Too Many Requests");
export const internalServerError = problemHelper(500, "Internal Server Error");
