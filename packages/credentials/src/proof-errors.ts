/** Why a proof did not verify, read from the errors the JSON-LD signature libraries raise. */
export type ProofFailure =
  | { kind: "signature" }
  | { kind: "jsonld"; reason: string }
  | { kind: "context-protected"; term: string }
  | { kind: "key-unresolved"; reason: string }
  | { kind: "malformed"; reason: string }
  | { kind: "challenge" }
  | { kind: "unsupported"; type: string }
  | { kind: "purpose"; reason: string }
  /** A `previousProof` names a proof the document does not hold (Data Integrity §4.5). */
  | { kind: "previous-missing"; id: string }
  /** A chain of `previousProof`s leads back to the proof that starts it. */
  | { kind: "previous-cyclic"; id: string }
  | { kind: "other"; reason: string };

function* causes(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (!error || typeof error !== "object" || depth > 8) return;
  const e = error as Record<string, unknown>;
  yield e;
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* causes(inner, depth + 1);
  yield* causes(e.cause, depth + 1);
  const details = e.details as Record<string, unknown> | undefined;
  if (details) yield* causes(details.cause, depth + 1);
}

function shortReason(message: unknown): string {
  return String(message ?? "").slice(0, 200);
}

/** Why a URL the proof led to is not a key: a DID document without it, or not a DID at all. */
function unknownKeyReason(url: string): string {
  const shown = url.slice(0, 150);
  if (url.startsWith("did:") && url.includes("#")) {
    return `the DID document of ${shown.split("#")[0]} has no key ${shown}`;
  }
  return `could not load ${shown} (Avala loads did:key and did:web keys and the contexts it holds)`;
}

export function classifyProofError(error: unknown): ProofFailure {
  const all = [...causes(error)];
  for (const e of all) {
    const name = String(e.name ?? "");
    if (name === "UnknownDocumentError") {
      return { kind: "key-unresolved", reason: unknownKeyReason(String(e.url ?? "")) };
    }
    if (name === "DidResolutionError") {
      return { kind: "key-unresolved", reason: shortReason(e.message) };
    }
  }
  for (const e of all) {
    const details = e.details as Record<string, unknown> | undefined;
    if (details?.code === "protected term redefinition") {
      return { kind: "context-protected", term: String(details.term ?? "?").slice(0, 100) };
    }
  }
  for (const e of all) {
    const name = String(e.name ?? "");
    const message = String(e.message ?? "");
    if (name.startsWith("jsonld.")) return { kind: "jsonld", reason: shortReason(message) };
    if (/challenge is not as expected|domain is not as expected/.test(message)) {
      return { kind: "challenge" };
    }
    if (message === "Invalid signature." || /signature/i.test(message)) {
      if (!/verification method|controller/i.test(message)) return { kind: "signature" };
    }
    if (/No matching proofs found/.test(message)) return { kind: "unsupported", type: "?" };
    if (/not authorized|controller|verification method/i.test(message)) {
      return { kind: "purpose", reason: shortReason(message) };
    }
  }
  return { kind: "other", reason: shortReason(all[0]?.message ?? error) };
}
