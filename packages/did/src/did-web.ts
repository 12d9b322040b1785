import type { DidDocument } from "./did-document.js";

export function isDidWeb(did: string): boolean {
  return did.startsWith("did:web:");
}

/**
 * The https URL of a did:web document (did:web spec §3.2): `did:web:example.com` →
 * `https://example.com/.well-known/did.json`; `did:web:example.com:org:conalep` →
 * `https://example.com/org/conalep/did.json`; a port is percent-encoded (`localhost%3A4100`).
 */
export function didWebToUrl(did: string, options: { scheme?: "https" | "http" } = {}): string {
  if (!isDidWeb(did)) throw new TypeError(`Not a did:web: ${did}`);
  const [hostPart = "", ...path] = did.slice("did:web:".length).split(":");
  if (!hostPart || path.some((p) => !p || p === "." || p === "..")) {
    throw new TypeError(`Malformed did:web: ${did}`);
  }
  const host = decodeURIComponent(hostPart);
  if (!/^[a-zA-Z0-9.-]+(:\d{1,5})?$/.test(host)) throw new TypeError(`Malformed did:web: ${did}`);
  const segments = path.map((p) => encodeURIComponent(decodeURIComponent(p)));
  const scheme = options.scheme ?? "https";
  return segments.length === 0
    ? `${scheme}://${host}/.well-known/did.json`
    : `${scheme}://${host}/${segments.join("/")}/did.json`;
}

/**
 * The did:web for an origin and optional path segments: (`https://issuer.example:4100`,
 * [`orgs`, `conalep-17`]) → `did:web:issuer.example%3A4100:orgs:conalep-17`.
 */
export function didWebFromOrigin(origin: string, path: string[] = []): string {
  const url = new URL(origin);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  return ["did:web", host, ...path.map((p) => encodeURIComponent(p))].join(":");
}

/** Checks that a fetched document is a DID document for `did`. */
export function assertDidDocumentFor(did: string, value: unknown): DidDocument {
  if (typeof value !== "object" || value === null) {
    throw new TypeError("The DID document is not a JSON object.");
  }
  const doc = value as DidDocument;
  if (doc.id !== did) throw new TypeError(`The DID document's id is not ${did}.`);
  if (!Array.isArray(doc.verificationMethod)) {
    throw new TypeError("The DID document has no verificationMethod list.");
  }
  return doc;
}
