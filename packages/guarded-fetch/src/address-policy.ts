import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { GuardedFetchError, timeoutError } from "./errors.js";

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all of its addresses (injectable for tests). */
export type LookupFn = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const systemLookup: LookupFn = (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });

/**
 * True only for public unicast addresses. ipaddr.js names every special range (private, loopback,
 * link-local, unique-local, multicast, unspecified, CGNAT, reserved, 6to4, Teredo, NAT64, ...);
 * `process` first unwraps IPv4-mapped IPv6 so `::ffff:10.0.0.1` is judged as `10.0.0.1`.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

/** An allow-list entry: a host name or IP, with or without a port. */
interface AllowedHost {
  hostname: string;
  port: string | undefined;
}

const ALLOW_ENTRY = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/;

/** Parses `host` / `host:port` / `[v6]:port` entries; a malformed entry is a programming error. */
export function parseAllowHosts(entries: readonly string[]): AllowedHost[] {
  return entries.map((entry) => {
    const match = ALLOW_ENTRY.exec(entry.trim());
    if (!match) throw new TypeError(`allowHosts: not a host or host:port: ${entry}`);
    // Normalize the same way request URLs are (case, IDN, IPv4 forms).
    const hostname = new URL(`http://${match[1]}`).hostname;
    return { hostname, port: match[2] };
  });
}

export function effectivePort(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

export function isAllowListed(url: URL, allowed: readonly AllowedHost[]): boolean {
  return allowed.some(
    (entry) =>
      entry.hostname === url.hostname &&
      (entry.port === undefined || entry.port === effectivePort(url)),
  );
}

/** The host name as the network layer wants it: IPv6 literals without brackets. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * Resolves the URL's host and returns the addresses the connection may use. Unless the host is
 * allow-listed, refuses when ANY address is not public, so a name with one public and one private
 * record cannot be used to reach the private one.
 */
export async function resolveAllowedAddresses(
  url: URL,
  allowListed: boolean,
  lookup: LookupFn,
  signal: AbortSignal,
): Promise<readonly ResolvedAddress[]> {
  const host = bareHostname(url);
  const literalFamily = isIP(host);
  const addresses =
    literalFamily === 0
      ? await resolve(url, host, lookup, signal)
      : [{ address: host, family: literalFamily }];
  if (!allowListed && !addresses.every((a) => isIP(a.address) && isPublicAddress(a.address))) {
    throw new GuardedFetchError(
      "host-not-allowed",
      url.href,
      `Refused ${url.host}: it is or resolves to a non-public address`,
    );
  }
  return addresses;
}

async function resolve(
  url: URL,
  host: string,
  lookup: LookupFn,
  signal: AbortSignal,
): Promise<readonly ResolvedAddress[]> {
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await abortable(lookup(host), signal);
  } catch (cause) {
    if (signal.aborted) throw timeoutError(url);
    throw new GuardedFetchError("dns-failed", url.href, `Could not resolve ${url.host}`, { cause });
  }
  if (addresses.length === 0) {
    throw new GuardedFetchError("dns-failed", url.href, `${url.host} has no addresses`);
  }
  return addresses;
}

/** A DNS lookup cannot be cancelled, but the fetch can stop waiting for it. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
