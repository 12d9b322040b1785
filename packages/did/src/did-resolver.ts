import type { DidDocument } from "./did-document.js";
import { isDidKey, resolveDidKey } from "./did-key.js";
import { assertDidDocumentFor, didWebToUrl, isDidWeb } from "./did-web.js";

export type DidResolver = (did: string) => Promise<DidDocument>;

export class DidResolutionError extends Error {
  override name = "DidResolutionError";
  constructor(
    readonly did: string,
    readonly reason: string,
  ) {
    super(`Could not resolve ${did}: ${reason}`);
  }
}

/**
 * A DID resolver: did:key offline; did:web only when `fetchJson` is given (pass the guarded
 * fetcher's `fetchJson`; nothing here touches the network by itself). `webScheme` lets a
 * deployment that serves its own DIDs over http on localhost resolve them (tests, demo).
 */
export function createDidResolver(
  options: {
    fetchJson?: (url: string) => Promise<unknown>;
    webScheme?: (host: string) => "https" | "http";
  } = {},
): DidResolver {
  return async (did) => {
    if (isDidKey(did)) {
      try {
        return resolveDidKey(did);
      } catch (error) {
        throw new DidResolutionError(did, (error as Error).message);
      }
    }
    if (isDidWeb(did)) {
      if (!options.fetchJson) throw new DidResolutionError(did, "did:web resolution is off");
      let url: string;
      try {
        const host = decodeURIComponent(did.slice("did:web:".length).split(":")[0] ?? "");
        url = didWebToUrl(did, { scheme: options.webScheme?.(host) ?? "https" });
      } catch (error) {
        throw new DidResolutionError(did, (error as Error).message);
      }
      let fetched: unknown;
      try {
        fetched = await options.fetchJson(url);
      } catch (error) {
        const code = (error as { code?: string }).code;
        throw new DidResolutionError(did, code ?? (error as Error).message);
      }
      try {
        return assertDidDocumentFor(did, fetched);
      } catch (error) {
        throw new DidResolutionError(did, (error as Error).message);
      }
    }
    throw new DidResolutionError(did, "unsupported DID method");
  };
}
