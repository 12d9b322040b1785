/** Stable reasons a guarded fetch can fail; callers branch on these, never on messages. */
export type GuardedFetchErrorCode =
  | "url-invalid"
  | "scheme-not-allowed"
  | "host-not-allowed"
  | "dns-failed"
  | "timeout"
  | "too-large"
  | "http-status"
  | "too-many-redirects"
  | "invalid-json"
  | "network"
  | "origin-refused"
  | "budget-exhausted";

/**
 * The only error a guarded fetch rejects with. `message` is a short sentence written here (never a
 * lower-level message or stack); the lower-level error, if any, is kept in `cause` for logs.
 */
export class GuardedFetchError extends Error {
  override readonly name = "GuardedFetchError";
  readonly code: GuardedFetchErrorCode;
  /** The URL the failure concerns (for redirects, the hop that failed), without credentials. */
  readonly url: string;
  /** The HTTP status, for `http-status` errors. */
  readonly status: number | undefined;

  constructor(
    code: GuardedFetchErrorCode,
    url: string,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.url = url;
    this.status = options.status;
  }
}

export function timeoutError(url: URL): GuardedFetchError {
  return new GuardedFetchError("timeout", url.href, `Timed out fetching ${url.href}`);
}
