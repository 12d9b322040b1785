export {
  codeForStatus,
  type ProblemErrorHandlerOptions,
  type ProblemLogger,
  type ProblemMessage,
  problemErrorHandler,
  requestLocale,
  toProblem,
} from "./error-handler.js";
export { readFormBody } from "./form-body.js";
export {
  isJsonMediaType,
  type JsonBodyEnv,
  type JsonBodyOptions,
  jsonBody,
  nestingExceeds,
  readBodyLimited,
  readJsonBody,
} from "./json-body.js";
export { notFoundHandler, unmatchedRouteHandler } from "./not-found.js";
export {
  badRequest,
  type CodedProblemOptions,
  codedProblem,
  conflict,
  forbidden,
  internalServerError,
  notFound,
  PROBLEM_TYPE_BASE,
  type ProblemDocument,
  ProblemError,
  type ProblemFieldError,
  type ProblemInit,
  type ProblemOptions,
  type ProblemStatus,
  payloadTooLarge,
  problemResponse,
  reasonPhrase,
  tooManyRequests,
  unauthorized,
  unprocessable,
  unsupportedMediaType,
} from "./problem.js";
export {
  clientAddress,
  memoryRateLimitStore,
  type RateLimitOptions,
  type RateLimitStore,
  type RateLimitWindow,
  rateLimit,
} from "./rate-limit.js";
export {
  type ContentSecurityPolicy,
  defaultContentSecurityPolicy,
  type SecurityHeadersOptions,
  securityHeaders,
} from "./security-headers.js";
export {
  decodeUtf8,
  illFormedTextPath,
  invalidUtf8Offset,
  isWellFormedText,
  jsonPathStep,
  loneSurrogateProblem,
  notUtf8Problem,
  percentDecode,
} from "./text.js";
export { wellFormedQuery } from "./well-formed-query.js";
