import { open } from "node:fs/promises";
import { verifyCredential } from "@avala/credentials";
import type { DocumentLoader } from "@avala/document-loader";
import type { FetchBudget, GuardedFetch } from "@avala/guarded-fetch";
import type { TrustRegistryLoad } from "@avala/trust-registry";
import { loadTrustRegistry } from "@avala/trust-registry";

/** What the verification that asks for the registry lends a load it starts. */
export interface RegistryLoadScope {
  /** The verification's fetch budget: fetching the registry is charged to it. */
  budget?: FetchBudget;
  /** The verification's document loader (its did:web look-ups charged to the same budget). */
  documentLoader?: DocumentLoader;
}

/**
 * A registry source that takes the asking verification's scope (a plain `TrustRegistrySource`
 * too: called without one, it loads with its own fetcher and loader).
 */
export type ScopedTrustRegistrySource = (scope?: RegistryLoadScope) => Promise<TrustRegistryLoad>;

export interface TrustRegistrySourceOptions {
  /** A file path, or an `http(s)` URL fetched through `guardedFetch`. */
  location: string;
  /** The operator's DID, pinned by configuration: a registry signed by anyone else is refused. */
  operator: string;
  documentLoader: DocumentLoader;
  guardedFetch?: GuardedFetch;
  now?: () => Date;
  /** How long a loaded registry is kept before it is loaded again. Default 10 minutes. */
  ttlMs?: number;
  /** How long a failure is remembered before trying again. Default 30 seconds. */
  retryMs?: number;
  /** Largest registry file accepted. Default 2 MiB. */
  maxBytes?: number;
}

async function readFileLimited(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new Error(`registry file is larger than ${maxBytes} bytes`);
    const buffer = Buffer.alloc(size);
    await handle.read(buffer, 0, size, 0);
    return buffer.toString("utf8");
  } finally {
    await handle.close();
  }
}

/**
 * A registry source for `verify({ trustRegistry })`: loads the signed registry from a file or a
 * URL, verifies it (proof, validity, pinned operator), and keeps it for `ttlMs`. A failure is
 * kept for `retryMs` and reported as `{ ok: false, reason }`, so verification says "trust could
 * not be checked" rather than failing, and a registry server that is down is not hammered.
 * A load is charged to the budget of the verification that starts it; one that its budget cut
 * short is not kept, so one verification's budget never decides another's result.
 */
export function createTrustRegistrySource(
  options: TrustRegistrySourceOptions,
): ScopedTrustRegistrySource {
  if (!options?.location || !options.operator) {
    throw new TypeError("createTrustRegistrySource needs a location and the operator's DID.");
  }
  if (typeof options.documentLoader !== "function") {
    throw new TypeError("createTrustRegistrySource needs a documentLoader.");
  }
  const now = options.now ?? (() => new Date());
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const retryMs = options.retryMs ?? 30_000;
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const isUrl = /^https?:\/\//i.test(options.location);
  let cached: { load: TrustRegistryLoad; until: number } | undefined;
  let inFlight: Promise<TrustRegistryLoad> | undefined;

  async function load(scope: RegistryLoadScope): Promise<TrustRegistryLoad> {
    let document: unknown;
    try {
      if (isUrl) {
        if (!options.guardedFetch) return { ok: false, reason: "no fetcher for a registry URL" };
        document = await options.guardedFetch.fetchJson(
          options.location,
          scope.budget ? { budget: scope.budget } : {},
        );
      } else {
        document = JSON.parse(await readFileLimited(options.location, maxBytes));
      }
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      return {
        ok: false,
        reason: `registry not readable: ${typeof code === "string" ? code : "invalid"}`,
      };
    }
    const documentLoader = scope.documentLoader ?? options.documentLoader;
    return loadTrustRegistry(document, {
      expectedOperator: options.operator,
      verify: (doc) => verifyCredential(doc, { documentLoader, now: now(), maxBytes }),
    });
  }

  return async (scope: RegistryLoadScope = {}) => {
    const at = Date.now();
    if (cached && cached.until > at) return cached.load;
    const refusedBefore = scope.budget?.refused ?? 0;
    inFlight ??= load(scope)
      .catch(
        (error): TrustRegistryLoad => ({
          ok: false,
          reason: String((error as Error)?.message ?? error).slice(0, 200),
        }),
      )
      .then((result) => {
        const cutShort = (scope.budget?.refused ?? 0) > refusedBefore;
        if (!cutShort) cached = { load: result, until: Date.now() + (result.ok ? ttlMs : retryMs) };
        return result;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}
