import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

export type SecurityHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;
export type ContentSecurityPolicy = NonNullable<SecurityHeadersOptions["contentSecurityPolicy"]>;

/**
 * Fits JSON APIs and server-rendered pages that load only their own scripts, styles and images.
 * An app that needs more passes its own `contentSecurityPolicy`.
 */
export const defaultContentSecurityPolicy: ContentSecurityPolicy = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Hono's `secureHeaders` with Avala's defaults: X-Frame-Options DENY, Referrer-Policy no-referrer,
 * the CSP above, plus Hono's own (nosniff, HSTS, COOP/CORP same-origin, ...). Any option overrides.
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  return secureHeaders({
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    contentSecurityPolicy: defaultContentSecurityPolicy,
    ...options,
  });
}
