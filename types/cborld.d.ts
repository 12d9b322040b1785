// Ambient declaration for @digitalbazaar/cborld (no types of its own). Only what
// @avala/compact-credential calls is declared; the shapes follow the library's lib/encode.js and
// lib/decode.js (8.1.0).

declare module "@digitalbazaar/cborld" {
  type DocumentLoader = (url: string) => Promise<{ document: unknown }>;
  export function encode(options: {
    jsonldDocument: unknown;
    documentLoader: DocumentLoader;
    format?: "cbor-ld-1.0";
    registryEntryId: number;
  }): Promise<Uint8Array>;
  export function decode(options: {
    cborldBytes: Uint8Array;
    documentLoader: DocumentLoader;
  }): Promise<unknown>;
}
