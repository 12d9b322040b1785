import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { GuardedFetchError, isPublicAddress } from "@avala/guarded-fetch";

/**
 * A POST with the guarded fetcher's rules (`@avala/guarded-fetch` only GETs): https only unless
 * the host is allow-listed, no credentials in the URL, every address the name resolves to must
 * be public unless allow-listed, the connection is pinned to the checked addresses (no DNS
 * rebinding), one deadline for everything, a size limit on the response, and redirects are
 * never followed (a claim is not re-sent elsewhere). Rejects only with `GuardedFetchError`.
 *
 * Unlike `fetchJson`, a non-2xx answer is returned (with its body) so that the caller can read
 * a problem+json document.
 */
export interface GuardedPostOptions {
  allowHosts?: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
  /** Name resolution (tests inject it). */
  lookup?: (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;
}

export interface GuardedPostResponse {
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
}

/** `body`: JSON, or a form (`URLSearchParams`, sent as `application/x-www-form-urlencoded`). */
export type GuardedPost = (
  url: string,
  body: unknown,
  options?: { accept?: string; authorization?: string },
) => Promise<GuardedPostResponse>;

const ALLOW_ENTRY = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/;

export function createGuardedPost(options: GuardedPostOptions = {}): GuardedPost {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const lookup = options.lookup ?? ((host: string) => dnsLookup(host, { all: true }));
  const allowed = (options.allowHosts ?? []).map((entry) => {
    const match = ALLOW_ENTRY.exec(entry.trim());
    if (!match) throw new TypeError(`allowHosts: not a host or host:port: ${entry}`);
    return { hostname: new URL(`http://${match[1]}`).hostname, port: match[2] };
  });
  const portOf = (url: URL) => url.port || (url.protocol === "https:" ? "443" : "80");
  const isAllowListed = (url: URL) =>
    allowed.some((a) => a.hostname === url.hostname && (!a.port || a.port === portOf(url)));

  return async (input, body, request = {}) => {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new GuardedFetchError("url-invalid", input.slice(0, 2048), "Not a valid URL");
    }
    if (url.username || url.password) {
      url.username = "";
      url.password = "";
      throw new GuardedFetchError("url-invalid", url.href, "URLs with credentials are refused");
    }
    const allowListed = isAllowListed(url);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && allowListed)) {
      throw new GuardedFetchError(
        "scheme-not-allowed",
        url.href,
        `Scheme ${url.protocol} is not allowed`,
      );
    }
    url.hash = "";
    const signal = AbortSignal.timeout(timeoutMs);
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    let addresses: ReadonlyArray<{ address: string; family: number }>;
    const family = isIP(host);
    if (family !== 0) addresses = [{ address: host, family }];
    else {
      try {
        addresses = await lookup(host);
      } catch (cause) {
        throw new GuardedFetchError("dns-failed", url.href, `Could not resolve ${url.host}`, {
          cause,
        });
      }
      if (addresses.length === 0) {
        throw new GuardedFetchError("dns-failed", url.href, `${url.host} has no addresses`);
      }
    }
    if (!allowListed && !addresses.every((a) => isPublicAddress(a.address))) {
      throw new GuardedFetchError(
        "host-not-allowed",
        url.href,
        `Refused ${url.host}: it is or resolves to a non-public address`,
      );
    }
    const form = body instanceof URLSearchParams;
    const payload = Buffer.from(form ? body.toString() : JSON.stringify(body), "utf8");
    const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
      const first = addresses[0]!;
      if (lookupOptions.all) callback(null, [...addresses]);
      else callback(null, first.address, first.family);
    };
    try {
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        const send = url.protocol === "https:" ? httpsRequest : httpRequest;
        const req = send(
          {
            method: "POST",
            protocol: url.protocol,
            hostname: host,
            port: portOf(url),
            path: `${url.pathname}${url.search}`,
            headers: {
              accept: request.accept ?? "application/json, application/problem+json;q=0.9",
              "accept-encoding": "identity",
              "content-type": form ? "application/x-www-form-urlencoded" : "application/json",
              ...(request.authorization ? { authorization: request.authorization } : {}),
              "content-length": String(payload.byteLength),
              "user-agent": "avala-wallet",
            },
            signal,
            agent: false,
            lookup: pinned,
          },
          resolve,
        );
        req.on("error", reject);
        req.end(payload);
      });
      if (Number(res.headers["content-length"]) > maxBytes) {
        res.destroy();
        throw new GuardedFetchError("too-large", url.href, `Body is over ${maxBytes} bytes`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res as AsyncIterable<Buffer>) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          res.destroy();
          throw new GuardedFetchError("too-large", url.href, `Body is over ${maxBytes} bytes`);
        }
        chunks.push(chunk);
      }
      return {
        status: res.statusCode ?? 0,
        contentType: res.headers["content-type"] ?? null,
        bytes: new Uint8Array(Buffer.concat(chunks)),
      };
    } catch (error) {
      if (error instanceof GuardedFetchError) throw error;
      if (signal.aborted) {
        throw new GuardedFetchError("timeout", url.href, `Timed out posting to ${url.href}`);
      }
      throw new GuardedFetchError("network", url.href, `Could not post to ${url.host}`, {
        cause: error,
      });
    }
  };
}
