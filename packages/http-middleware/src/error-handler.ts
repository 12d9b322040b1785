import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import {
  badRequest,
  internalServerError,
  notFound,
  ProblemError,
  type ProblemStatus,
  problemResponse,
} from "./problem.js";

/** Where unexpected errors go; the client never sees them. */
export interface ProblemLogger {
  error(message: string, context: Record<string, unknown>): void;
}

export interface ProblemErrorHandlerOptions {
  /** Default: `console.error`. */
  logger?: ProblemLogger;
}

const consoleLogger: ProblemLogger = {
  error: (message, context) => console.error(message, context),
};

/**
 * `app.onError(problemErrorHandler())`: every error becomes `application/problem+json`.
 * - `ProblemError`: rendered as is.
 * - Hono `HTTPException`: its status is kept (and headers such as `WWW-Authenticate`); for 4xx its
 *   message becomes `detail`, for 5xx the message is logged, not sent.
 * - `SyntaxError` (what `c.req.json()` throws on a malformed body): 400 "Malformed JSON".
 * - Anything else: logged, answered with a generic 500 that says nothing about the cause.
 */
export function problemErrorHandler(options: ProblemErrorHandlerOptions = {}): ErrorHandler {
  const logger = options.logger ?? consoleLogger;
  return (error, c) => {
    if (error instanceof ProblemError) return problemResponse(error);
    if (error instanceof SyntaxError) return problemResponse(badRequest("Malformed JSON"));
    const clientError = error instanceof HTTPException && error.status < 500;
    if (!clientError) {
      logger.error("Unhandled error while serving a request", {
        method: c.req.method,
        path: c.req.path,
        error,
      });
    }
    if (error instanceof HTTPException) return problemResponse(fromHttpException(error));
    return problemResponse(internalServerError());
  };
}

/** Keeps the status and headers; the message is shown only for client errors. */
function fromHttpException(error: HTTPException): ProblemError {
  const headers: Record<string, string> = {};
  error.res?.headers.forEach((value, name) => {
    if (name !== "content-type" && name !== "content-length") headers[name] = value;
  });
  return new ProblemError({
    status: error.status as ProblemStatus,
    title: REASON_PHRASES[error.status] ?? (error.status < 500 ? "Bad Request" : "Server Error"),
    detail: error.status < 500 && error.message !== "" ? error.message : undefined,
    headers,
  });
}

const REASON_PHRASES: Record<number, string> = {
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

/** `app.notFound(notFoundHandler)`: a 404 problem for unknown routes. */
export const notFoundHandler: NotFoundHandler = () =>
  problemResponse(notFound("There is nothing at this address."));
