import type { ProofFailure } from "./proof-errors.js";

/**
 * Proof chains (W3C Data Integrity §2.1.2, "Proof Chains"): a proof whose `previousProof` names
 * other proofs of the same document by their `id` was made over the document with those proofs
 * in it, so it is verified over the document with them (§4.5, "Verify Proof Sets and Chains").
 */

const MAX_PREVIOUS = 16;

type ProofLike = Record<string, unknown>;

const isProof = (value: unknown): value is ProofLike =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The ids a proof's `previousProof` names: `[]` when it has none, `undefined` when the value is
 * neither a string nor a list of strings (a malformed proof).
 */
export function previousProofIds(proof: unknown): string[] | undefined {
  if (!isProof(proof) || proof.previousProof === undefined) return [];
  const value = proof.previousProof;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > MAX_PREVIOUS) return undefined;
  if (!list.every((id) => typeof id === "string" && id !== "")) return undefined;
  return [...new Set(list as string[])];
}

/** The proofs of `all` whose `id` is one of `ids`, in the order of `all`. */
export function proofsNamed(ids: readonly string[], all: readonly unknown[]): ProofLike[] {
  return all.filter((p): p is ProofLike => isProof(p) && ids.includes(p.id as string));
}

const shown = (id: string) => id.slice(0, 150);

/**
 * What is wrong with a proof's place in its chain, or undefined when nothing is: `previousProof`
 * that is not a proof id or a list of them, or that names a proof the document does not hold, or
 * one two proofs claim (`malformed`, `previous-missing`); a chain that leads back to the proof
 * itself (`previous-cyclic`: no proof can have been made before the proof made after it).
 */
export function chainFailure(proof: unknown, all: readonly unknown[]): ProofFailure | undefined {
  const ids = previousProofIds(proof);
  if (ids === undefined) {
    return {
      kind: "malformed",
      reason: "previousProof is not a proof id or a list of proof ids",
    };
  }
  for (const id of ids) {
    const named = proofsNamed([id], all);
    if (named.length === 0) return { kind: "previous-missing", id: shown(id) };
    if (named.length > 1) {
      return { kind: "malformed", reason: `more than one proof has the id ${shown(id)}` };
    }
  }
  const cycle = cycleThrough(proof, all);
  return cycle === undefined ? undefined : { kind: "previous-cyclic", id: shown(cycle) };
}

/** An id on a `previousProof` path from `start` back to `start`, or undefined. */
function cycleThrough(start: unknown, all: readonly unknown[]): string | undefined {
  const seen = new Set<unknown>();
  const queue: Array<{ proof: unknown; via: string | undefined }> = [
    { proof: start, via: undefined },
  ];
  while (queue.length > 0) {
    const { proof, via } = queue.shift()!;
    for (const id of previousProofIds(proof) ?? []) {
      for (const previous of proofsNamed([id], all)) {
        if (previous === start) return via ?? id;
        if (seen.has(previous)) continue;
        seen.add(previous);
        queue.push({ proof: previous, via: via ?? id });
      }
    }
  }
  return undefined;
}
