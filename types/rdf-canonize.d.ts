// Ambient declaration for rdf-canonize (the RDFC-1.0 implementation jsonld.js and the Digital
// Bazaar suites use). Only what Avala calls is declared.

declare module "rdf-canonize" {
  const rdfCanonize: {
    canonize(dataset: readonly object[], options: { algorithm: "RDFC-1.0" }): Promise<string>;
  };
  export default rdfCanonize;
}
