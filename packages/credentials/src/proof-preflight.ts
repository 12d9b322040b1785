import type { ProofFailure } from "./proof-errors.js";
import { isSupportedProof, proofTypeName } from "./proof-suites.js";

const isText = (value: unknown): value is string => typeof value === "string" && value !== "";

/**
 * What can be said about a proof before any cryptography: whether it is a proof at all
 * (`malformed`), one Avala implements (`unsupported`), and whether its verificationMethod names
 * a key that could be resolved (`key-unresolved`: a URL that is not a DID, or a DID without the
 * `#fragment` of one of its keys). `undefined` when the signature itself has to be checked.
 */
export function preflightProof(proof: unknown): ProofFailure | undefined {
  if (!proof || typeof proof !== "object" || Array.isArray(proof)) {
    return { kind: "malformed", reason: "the proof is not an object" };
  }
  const p = proof as Record<string, unknown>;
  if (!isText(p.type)) return { kind: "malformed", reason: "the proof has no type" };
  if (!isSupportedProof(p)) return { kind: "unsupported", type: proofTypeName(p) };
  for (const field of ["proofPurpose", "proofValue"] as const) {
    if (!isText(p[field])) return { kind: "malformed", reason: `the proof has no ${field}` };
  }
  const method = p.verificationMethod;
  if (method === undefined) {
    return { kind: "malformed", reason: "the proof has no verificationMethod" };
  }
  if (!isText(method)) {
    return {
      kind: "key-unresolved",
      reason: "the verificationMethod is not a key id (an embedded key is not accepted)",
    };
  }
  const shown = method.slice(0, 150);
  if (!method.startsWith("did:")) {
    return {
      kind: "key-unresolved",
      reason: `${shown} is not a DID key (Avala resolves did:key and did:web keys only)`,
    };
  }
  if (!method.includes("#")) {
    return { kind: "key-unresolved", reason: `${shown} is a DID, not one of its keys` };
  }
  return undefined;
}
