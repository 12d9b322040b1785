import { createHmac, timingSafeEqual } from "node:crypto";
import { readFormBody } from "@avala/http-middleware";
import type { Context } from "hono";

/** Why a form post was refused: it came from another site, or without the page's token. */
export type FormRefusal = "cross-site" | "csrf";

export type CheckedForm = { ok: true; form: FormData } | { ok: false; refusal: FormRefusal };

export interface FormCheck {
  /** The service's public origin (`https://issuer.example`): posts from elsewhere are refused. */
  publicOrigin: string;
  /** The token the page's forms carry (`csrfToken`); "" refuses every post. */
  expectedToken: string;
  /** Largest body read, bytes (a 413 problem past it). */
  maxBytes: number;
  /** The form field that carries the token (default `_csrf`). */
  field?: string;
}

/**
 * A synchronizer token bound to whatever identifies the visitor (a session id, or before
 * sign-in a random pre-session cookie): HMAC-SHA-256 under a key of the service's own.
 */
export function csrfToken(key: Uint8Array, binding: string): string {
  return createHmac("sha256", key).update(binding, "utf8").digest("base64url");
}

/** Constant-time comparison of two strings (false when lengths differ). */
export function tokensMatch(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Whether a request that changes something comes from another site: a browser's
 * `Sec-Fetch-Site: cross-site`, or an `Origin` that is neither the public origin nor the
 * request's own.
 */
export function isCrossSite(c: Context, publicOrigin: string): boolean {
  if (c.req.header("sec-fetch-site") === "cross-site") return true;
  const origin = c.req.header("origin");
  return (
    origin !== undefined &&
    origin !== "null" &&
    origin !== publicOrigin &&
    origin !== new URL(c.req.url).origin
  );
}

/**
 * Reads a form post (size-limited, text that is not UTF-8 refused: see `readFormBody`) and checks
 * that it comes from this site and carries the expected CSRF token. The caller answers a refusal
 * in its own words.
 */
export async function readCheckedForm(c: Context, check: FormCheck): Promise<CheckedForm> {
  if (isCrossSite(c, check.publicOrigin)) return { ok: false, refusal: "cross-site" };
  const form = await readFormBody(c.req.raw, check.maxBytes);
  const sent = form.get(check.field ?? "_csrf");
  if (!check.expectedToken || typeof sent !== "string" || !tokensMatch(sent, check.expectedToken)) {
    return { ok: false, refusal: "csrf" };
  }
  return { ok: true, form };
}
