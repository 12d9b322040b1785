import {
  isAllowListed,
  type LookupFn,
  parseAllowHosts,
  resolveAllowedAddresses,
  systemLookup,
} from "./address-policy.js";
import { GuardedFetchError, timeoutError } from "./errors.js";
import type { FetchBudget } from "./fetch-budget.js";
import { createTextCache } from "./json-cache.js";
import { readLimited, sendPinned } from "./pinned-request.js";

export interface GuardedFetchOptions {
  /**
   * `host` or `host:port` entries that are always allowed, over http too and even when they resolve
   * to loopback or private addresses: for tests and for a deployment's own services.
   */
  allowHosts?: readonly string[];
  /**
   * Origins never fetched, on any hop, even when allow-listed (e.g. `https://verify.example`):
   * a service's own public origin, so that it never fetches its own pages.
   */
  refuseOrigins?: readonly string[];
  /** Allow plain http for every host (default false: https only unless allow-listed). */
  allowHttp?: boolean;
  /** Deadline for the whole fetch: DNS, connection, redirects and body (default 5000). */
  timeoutMs?: number;
  /** Largest body accepted, counted while streaming (default 1 MiB). */
  maxBytes?: number;
  /** Redirects followed, each re-checked like the first URL (default 3). */
  maxRedirects?: number;
  /** Default Accept header. */
  accept?: string;
  /** Resolves a host name to all its addresses (default: node's DNS lookup with `all: true`). */
  lookup?: LookupFn;
  /** Keep `fetchJson` results this long (default 0: no cache). */
  cacheTtlMs?: number;
  /** Most `fetchJson` results kept (default 100). */
  cacheMaxEntries?: number;
  /** Clock for the cache (default `Date.now`). */
  now?: () => number;
}

export interface FetchRequestOptions {
  /** Accept header for this request, e.g. `application/did+json`. */
  accept?: string;
  /** The budget of the work this fetch is for: each request sent (each redirect hop) costs 1. */
  budget?: FetchBudget;
}

export interface FetchedBytes {
  bytes: Uint8Array;
  contentType: string | null;
}

export interface GuardedFetch {
  /** GETs a URL and parses its body as JSON; rejects with `GuardedFetchError` only. */
  fetchJson(url: string, options?: FetchRequestOptions): Promise<unknown>;
  /** GETs a URL and returns its body; rejects with `GuardedFetchError` only. */
  fetchBytes(url: string, options?: FetchRequestOptions): Promise<FetchedBytes>;
}

/** The User-Agent of every request; a service can tell that another Avala fetcher is calling. */
export const GUARDED_FETCH_USER_AGENT = "avala-guarded-fetch";

const DEFAULT_ACCEPT = "application/json, application/ld+json;q=0.9, */*;q=0.1";
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type Hop = FetchedBytes | { location: string };

export function createGuardedFetch(options: GuardedFetchOptions = {}): GuardedFetch {
  const timeoutMs = checked("timeoutMs", options.timeoutMs ?? 5000, 1);
  const maxBytes = checked("maxBytes", options.maxBytes ?? 1024 * 1024, 1);
  const maxRedirects = checked("maxRedirects", options.maxRedirects ?? 3, 0);
  const cacheTtlMs = checked("cacheTtlMs", options.cacheTtlMs ?? 0, 0);
  const cacheMaxEntries = checked("cacheMaxEntries", options.cacheMaxEntries ?? 100, 1);
  const allowHttp = options.allowHttp ?? false;
  const allowed = parseAllowHosts(options.allowHosts ?? []);
  const refusedOrigins = new Set((options.refuseOrigins ?? []).map(originOf));
  const lookup = options.lookup ?? systemLookup;
  const defaultAccept = options.accept ?? DEFAULT_ACCEPT;
  const cache =
    cacheTtlMs > 0 ? createTextCache(cacheTtlMs, cacheMaxEntries, options.now ?? Date.now) : null;

  /** Parses and checks a URL before anything touches the network. */
  function target(input: string, base?: URL): URL {
    let url: URL;
    try {
      url = new URL(input, base);
    } catch {
      throw new GuardedFetchError("url-invalid", input.slice(0, 2048), "Not a valid URL");
    }
    if (url.username !== "" || url.password !== "") {
      url.username = "";
      url.password = "";
      throw new GuardedFetchError("url-invalid", url.href, "URLs with credentials are refused");
    }
    const httpAllowed = allowHttp || isAllowListed(url, allowed);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && httpAllowed)) {
      throw new GuardedFetchError(
        "scheme-not-allowed",
        url.href,
        `Scheme ${url.protocol} is not allowed`,
      );
    }
    if (refusedOrigins.has(url.origin)) {
      throw new GuardedFetchError("origin-refused", url.href, `${url.origin} is never fetched`);
    }
    url.hash = "";
    return url;
  }

  /** One request: check the host, connect to a checked address, read at most `maxBytes`. */
  async function fetchOnce(url: URL, accept: string, signal: AbortSignal): Promise<Hop> {
    try {
      const allowListed = isAllowListed(url, allowed);
      const addresses = await resolveAllowedAddresses(url, allowListed, lookup, signal);
      const headers = {
        accept,
        "accept-encoding": "identity",
        "user-agent": GUARDED_FETCH_USER_AGENT,
      };
      const res = await sendPinned({ url, addresses, headers, signal });
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        res.destroy();
        return { location };
      }
      if (status < 200 || status > 299) {
        res.destroy();
        throw new GuardedFetchError("http-status", url.href, `HTTP ${status} from ${url.host}`, {
          status,
        });
      }
      const bytes = await readLimited(
        res,
        maxBytes,
        () => new GuardedFetchError("too-large", url.href, `Body is over ${maxBytes} bytes`),
      );
      return { bytes, contentType: res.headers["content-type"] ?? null };
    } catch (error) {
      if (error instanceof GuardedFetchError) throw error;
      if (signal.aborted) throw timeoutError(url);
      throw new GuardedFetchError("network", url.href, `Could not fetch from ${url.host}`, {
        cause: error,
      });
    }
  }

  async function fetchBytes(input: string, request: FetchRequestOptions = {}) {
    const signal = AbortSignal.timeout(timeoutMs);
    const accept = request.accept ?? defaultAccept;
    let url = target(input);
    for (let redirects = 0; ; redirects++) {
      request.budget?.charge(url.href);
      const hop = await fetchOnce(url, accept, signal);
      if (!("location" in hop)) return hop;
      if (redirects >= maxRedirects) {
        throw new GuardedFetchError("too-many-redirects", url.href, "Too many redirects");
      }
      url = target(hop.location, url);
    }
  }

  async function fetchJson(input: string, request: FetchRequestOptions = {}) {
    const accept = request.accept ?? defaultAccept;
    const key = `${accept}\n${input}`;
    const cached = cache?.get(key);
    if (cached !== undefined) return JSON.parse(cached);
    const { bytes } = await fetchBytes(input, request);
    let text: string;
    let value: unknown;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      value = JSON.parse(text);
    } catch {
      throw new GuardedFetchError("invalid-json", input, "Body is not valid UTF-8 JSON");
    }
    cache?.set(key, text);
    return value;
  }

  return { fetchJson, fetchBytes };
}

/** The origin of a `refuseOrigins` entry, normalized like request URLs (case, default port). */
function originOf(entry: string): string {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new TypeError(`refuseOrigins: not a URL: ${entry}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`refuseOrigins: not an http(s) origin: ${entry}`);
  }
  return url.origin;
}

/** Options are set by code, so a bad one is a programming error. */
function checked(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new TypeError(`createGuardedFetch: ${name} must be an integer >= ${min}`);
  }
  return value;
}
