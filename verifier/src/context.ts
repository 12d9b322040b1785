import { createDidResolver } from "@avala/did";
import type { DocumentLoader } from "@avala/document-loader";
import { createDocumentLoader } from "@avala/document-loader";
import type { GuardedFetch } from "@avala/guarded-fetch";
import { createGuardedFetch } from "@avala/guarded-fetch";
import type { ProblemLogger } from "@avala/http-middleware";
import type { VerifierConfig } from "./config.js";
import type { TrustRegistryOption } from "./trust.js";
import { createTrustRegistrySource } from "./trust-registry-source.js";
import type { VerifyOptions } from "./verify.js";

/** The verifier's composition root: every effect the app uses, built once. */
export interface VerifierContext {
  config: VerifierConfig;
  guardedFetch: GuardedFetch;
  documentLoader: DocumentLoader;
  /** did:web hosts on the allow-list are fetched over http (the local demo); all others https. */
  webScheme: (host: string) => "https" | "http";
  trustRegistry: TrustRegistryOption | undefined;
  now: () => Date;
  logger: ProblemLogger;
  /** The options every verification in this service uses, plus per-request ones. */
  verifyOptions(extra?: Partial<VerifyOptions>): VerifyOptions;
}

export type VerifierContextOverrides = Partial<
  Pick<VerifierContext, "guardedFetch" | "documentLoader" | "trustRegistry" | "now" | "logger">
>;

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

export function createVerifierContext(
  config: VerifierConfig,
  overrides: VerifierContextOverrides = {},
): VerifierContext {
  const fetchOptions = {
    allowHosts: config.fetchAllowHosts,
    timeoutMs: config.fetch.timeoutMs,
    maxBytes: config.limits.maxBytes,
  };
  // Status lists and links: never cached, so revocations and withdrawn links show at once.
  const guardedFetch = overrides.guardedFetch ?? createGuardedFetch(fetchOptions);
  // DID documents change rarely (a key rotation adds a key); a short cache spares the issuer.
  const didFetch =
    overrides.guardedFetch ??
    createGuardedFetch({ ...fetchOptions, cacheTtlMs: config.fetch.didCacheTtlMs });
  const allowListed = allowListMatcher(config.fetchAllowHosts);
  const webScheme = (host: string) => (allowListed(host) ? "http" : "https") as "http" | "https";
  const documentLoader =
    overrides.documentLoader ??
    createDocumentLoader({
      resolveDid: createDidResolver({
        fetchJson: (url) =>
          didFetch.fetchJson(url, {
            accept: "application/did+json, application/did+ld+json, application/json;q=0.9",
          }),
        webScheme,
      }),
    });
  const now = overrides.now ?? (() => new Date());
  const logger = overrides.logger ?? {
    error: (message: string, context: Record<string, unknown>) => console.error(message, context),
  };
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
      const options: VerifyOptions = {
        documentLoader,
        guardedFetch,
        webScheme,
        now,
        maxBytes: config.limits.maxBytes,
        maxDepth: config.limits.maxDepth,
        ...extra,
      };
      if (trustRegistry && !("trustRegistry" in extra)) options.trustRegistry = trustRegistry;
      return options;
    },
  };
}
