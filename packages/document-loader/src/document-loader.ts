import { readContextFile, readManifest } from "@avala/contexts";
import type { DidDocument, DidResolver } from "@avala/did";
import { createDidResolver } from "@avala/did";

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** Thrown for any URL the loader does not know. It names the URL; nothing was fetched. */
export class UnknownDocumentError extends Error {
  override name = "UnknownDocumentError";
  readonly code = "unknown-document";
  constructor(readonly url: string) {
    super(`Unknown document: ${url} (Avala loads JSON-LD contexts only from contexts/)`);
  }
}

let staticDocuments: ReadonlyMap<string, unknown> | undefined;

/** The contexts shipped in contexts/, parsed once and frozen: URL → JSON document. */
export function builtInDocuments(): ReadonlyMap<string, unknown> {
  if (!staticDocuments) {
    const map = new Map<string, unknown>();
    for (const entry of readManifest().contexts) {
      map.set(entry.url, deepFreeze(JSON.parse(readContextFile(entry.file))));
    }
    staticDocuments = map;
  }
  return staticDocuments;
}

export function isKnownContextUrl(url: string): boolean {
  return builtInDocuments().has(url);
}

export interface DocumentLoaderOptions {
  /**
   * Resolves DIDs (and `did…#fragment` verification method URLs). Default: did:key only,
   * offline. Pass `createDidResolver({ fetchJson })` with the guarded fetcher for did:web.
   */
  resolveDid?: DidResolver;
  /** More documents by URL (e.g. a deployment's status list credentials already in memory). */
  documents?: ReadonlyMap<string, unknown>;
}

/**
 * A JSON-LD document loader built from a static map: the contexts in contexts/, optional extra
 * documents, and DIDs through the resolver. An unknown URL is an `UnknownDocumentError`; this
 * loader never fetches a URL by itself.
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  const builtIn = builtInDocuments();
  const resolveDid = options.resolveDid ?? createDidResolver();
  return async (url) => {
    if (typeof url !== "string") throw new UnknownDocumentError(String(url));
    const known = builtIn.get(url) ?? options.documents?.get(url);
    if (known !== undefined) return { contextUrl: null, documentUrl: url, document: known };
    if (url.startsWith("did:")) {
      const [did = "", fragment] = url.split("#", 2);
      const doc = await resolveDid(did);
      const document = fragment === undefined ? doc : verificationMethodDocument(doc, url);
      return { contextUrl: null, documentUrl: url, document };
    }
    throw new UnknownDocumentError(url);
  };
}

function verificationMethodDocument(doc: DidDocument, id: string): unknown {
  const fragment = `#${id.split("#")[1]}`;
  const method = doc.verificationMethod.find((m) => m.id === id || m.id === fragment);
  if (!method) throw new UnknownDocumentError(id);
  // A verification method travels with the contexts that define its terms.
  return { "@context": doc["@context"], ...method, id };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
