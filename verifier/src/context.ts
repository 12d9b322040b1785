import { isIPv4, isIPv6 } from "node:net";
import { shareShapeCache } from "@avala/credentials";
import { createDidResolver } from "@avala/did";
import type { DocumentLoader } from "@avala/document-loader";
import { createDocumentLoader } from "@avala/document-loader";
import type { GuardedFetch, LookupFn } from "@avala/guarded-fetch";
import { budgetedFetch, createFetchBudget, createGuardedFetch } from "@avala/guarded-fetch";
import type { ProblemLogger } from "@avala/http-middleware";
import type { VerifierConfig } from "./config.js";
import { createEndorsementCache } from "./endorsement-cache.js";
import type { TrustRegistryOption } from "./trust.js";
import { createTrustRegistrySource } from "./trust-registry-source.js";
import type { VerifyOptions } from "./verify.js";

/** The verifier's composition root: every effect the app uses, built once. */
export interface VerifierContext {
  config: VerifierConfig;
  guardedFetch: GuardedFetch;
  documentLoader: DocumentLoader;
  /**
   * did:web hosts that are both on the allow-list and loopback (`localhost`, 127.0.0.0/8,
   * `[::1]`) are fetched over http (the local demo, tests); all others over https.
   */
  webScheme: (host: string) => "https" | "http";
  trustRegistry: TrustRegistryOption | undefined;
  now: () => Date;
  logger: ProblemLogger;
  /**
   * The options for one verification (call it once per incoming request): the service's own,
   * plus per-request ones, with a new fetch budget of `config.fetch.budget` requests that every
   * fetch made for it is charged to (the link, did:web documents, status lists, the registry).
   */
  verifyOptions(extra?: Partial<VerifyOptions>): VerifyOptions;
}

export type VerifierContextOverrides = Partial<
  Pick<VerifierContext, "guardedFetch" | "documentLoader" | "trustRegistry" | "now" | "logger">
> & {
  /** DNS for the fetchers the context builds (tests answer or refuse every name). */
  lookup?: LookupFn;
};

const DID_ACCEPT = "application/did+json, application/did+ld+json, application/json;q=0.9";

/** A document loader whose did:web documents come through `fetch` (contexts are built in). */
function didWebLoader(
  fetch: GuardedFetch,
  webScheme: (host: string) => "https" | "http",
): DocumentLoader {
  return createDocumentLoader({
    resolveDid: createDidResolver({
      fetchJson: (url) => fetch.fetchJson(url, { accept: DID_ACCEPT }),
      webScheme,
    }),
  });
}

/** `host` / `host:port` allow-list matching for did:web hosts (`127.0.0.1:4100`, `localhost`). */
export function allowListMatcher(entries: readonly string[]): (host: string) => boolean {
  const parsed = entries.map((entry) => {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(entry.trim().toLowerCase());
    return match ? { hostname: match[1]!, port: match[2] } : undefined;
  });
  return (host) => {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
    if (!match) return false;
    return parsed.some(
      (entry) =>
        entry !== undefined &&
        entry.hostname === match[1] &&
        (entry.port === undefined || entry.port === match[2]),
    );
  };
}

/**
 * Whether a did:web host (`host` or `host:port`) is this machine: `localhost`, an address in
 * 127.0.0.0/8, or `[::1]`. Only such hosts may be resolved over http, where nothing between
 * the verifier and the issuer can change a DID document (and so swap the issuer's keys).
 */
export function isLoopbackHost(host: string): boolean {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/.exec(host.trim().toLowerCase());
  if (!match) return false;
  const hostname = match[1]!;
  if (hostname === "localhost") return true;
  if (hostname.startsWith("[")) {
    const address = hostname.slice(1, -1);
    if (!isIPv6(address)) return false;
    try {
      return new URL(`http://[${address}]/`).hostname === "[::1]";
    } catch {
      return false;
    }
  }
  return isIPv4(hostname) && hostname.split(".")[0] === "127";
}

export function createVerifierContext(
  config: VerifierConfig,
  overrides: VerifierContextOverrides = {},
): VerifierContext {
  const fetchOptions = {
    allowHosts: config.fetchAllowHosts,
    // The verifier never fetches its own pages, on any hop, even when its host is allow-listed.
    refuseOrigins: [config.publicUrl],
    timeoutMs: config.fetch.timeoutMs,
    maxBytes: config.limits.maxBytes,
    ...(overrides.lookup ? { lookup: overrides.lookup } : {}),
  };
  // Status lists and links: never cached, so revocations and withdrawn links show at once.
  const guardedFetch = overrides.guardedFetch ?? createGuardedFetch(fetchOptions);
  // DID documents change rarely (a key rotation adds a key); a short cache spares the issuer.
  const didFetch =
    overrides.guardedFetch ??
    createGuardedFetch({ ...fetchOptions, cacheTtlMs: config.fetch.didCacheTtlMs });
  // Plain http only for the local demo and tests: an allow-listed host on this machine. Any
  // other host, allow-listed or not, serves its DID documents over https.
  const allowListed = allowListMatcher(config.fetchAllowHosts);
  const webScheme = (host: string): "http" | "https" =>
    allowListed(host) && isLoopbackHost(host) ? "http" : "https";
  const documentLoader = overrides.documentLoader ?? didWebLoader(didFetch, webScheme);
  const now = overrides.now ?? (() => new Date());
  const logger = overrides.logger ?? {
    error: (message: string, context: Record<string, unknown>) => console.error(message, context),
  };
  // Endorsements repeat in every credential of a cohort: their signatures are checked once a
  // DID cache time (their validity and status on every request).
  const endorsementCache = createEndorsementCache({ ttlMs: config.fetch.didCacheTtlMs });
  let trustRegistry = overrides.trustRegistry;
  if (!trustRegistry && config.trustRegistry && config.trustRegistryOperator) {
    trustRegistry = createTrustRegistrySource({
      location: config.trustRegistry,
      operator: config.trustRegistryOperator,
      documentLoader,
      guardedFetch,
      now,
      maxBytes: config.limits.maxBytes,
    });
  }
  return {
    config,
    guardedFetch,
    documentLoader,
    webScheme,
    trustRegistry,
    now,
    logger,
    verifyOptions(extra = {}) {
      const fetchBudget = createFetchBudget(config.fetch.budget);
      const options: VerifyOptions = {
        // This request's did:web look-ups are charged to its budget (the DID cache still helps).
        // Contexts it answers as the service's loader does: the same compiled shapes serve both.
        documentLoader:
          overrides.documentLoader ??
          shareShapeCache(
            didWebLoader(budgetedFetch(didFetch, fetchBudget), webScheme),
            documentLoader,
          ),
        guardedFetch,
        fetchBudget,
        webScheme,
        now,
        endorsementCache,
        maxBytes: config.limits.maxBytes,
        maxDepth: config.limits.maxDepth,
        ...extra,
      };
      if (trustRegistry && !("trustRegistry" in extra)) options.trustRegistry = trustRegistry;
      return options;
    },
  };
}
