import type { DocumentLoader } from "@avala/document-loader";
import jsonld from "jsonld";

/**
 * A document's RDF dataset, canonicalized (RDFC-1.0) as N-Quads: what a Data Integrity proof
 * signs. Two JSON documents with the same canonical form say the same thing (an inline context
 * whose terms are not used, `x` and `[x]`) and carry the same signatures. JSON-LD safe mode: a
 * term no context defines throws.
 */
export async function canonicalForm(
  document: Record<string, unknown>,
  documentLoader: DocumentLoader,
): Promise<string> {
  return jsonld.canonize(structuredClone(document), {
    algorithm: "RDFC-1.0",
    format: "application/n-quads",
    documentLoader,
    safe: true,
  } as Parameters<typeof jsonld.canonize>[1]) as Promise<string>;
}
