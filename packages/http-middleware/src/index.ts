export {
  notFoundHandler,
  type ProblemErrorHandlerOptions,
  type ProblemLogger,
  problemErrorHandler,
} from "./error-handler.js";
export {
  isJsonMediaType,
  type JsonBodyEnv,
  type JsonBodyOptions,
  jsonBody,
  nestingExceeds,
  readBodyLimited,
  readJsonBody,
} from "./json-body.js";
export {
  badRequest,
  conflict,
  forbidden,
  internalServerError,
  notFound,
  type ProblemDocument,
  ProblemError,
  type ProblemFieldError,
  type ProblemInit,
  type ProblemOptions,
  type ProblemStatus,
  payloadTooLarge,
  problemResponse,
  tooManyRequests,
  unauthorized,
  unprocessable,
  unsupportedMediaType,
} from "./problem.js";
export { clientAddress, type RateLimitOptions, rateLimit } from "./rate-limit.js";
export {
  type ContentSecurityPolicy,
  defaultContentSecurityPolicy,
  type SecurityHeadersOptions,
  securityHeaders,
} from "./security-headers.js";
