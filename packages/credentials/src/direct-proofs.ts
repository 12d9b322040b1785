import jsigs from "jsonld-signatures";

/**
 * A direct verifier of proof sets: what jsonld-signatures' `ProofSet.verify` does (each proof
 * matched to the purpose and to the suite that verifies it, verified by that suite, then its
 * purpose validated), without the bookkeeping around it. The suites are the stock ones (with
 * canonicalization through compiled shapes and cached keys, `shape-suites.ts`), so the signed
 * data, every check and every error are theirs; the results are what jsonld-signatures would
 * report, in the order of the proofs. A proof set it does not handle the way jsonld-signatures
 * does (a proof no suite or purpose matches, a JCS proof) is `undefined`: the caller runs
 * jsonld-signatures itself. Nothing is ever verified twice.
 */

export interface ProofResult {
  proof: Record<string, unknown>;
  verified: boolean;
  verificationMethod?: Record<string, unknown>;
  error?: unknown;
  purposeResult?: { valid: boolean; controller?: Record<string, unknown>; error?: unknown };
}

interface Suite {
  matchProof(options: object): Promise<boolean>;
  verifyProof(options: object): Promise<{
    verified: boolean;
    verificationMethod?: Record<string, unknown>;
    error?: unknown;
  }>;
}

interface Purpose {
  match(proof: object, options: object): Promise<boolean>;
  validate(proof: object, options: object): Promise<NonNullable<ProofResult["purposeResult"]>>;
}

/** jsonld-signatures' default context for a proof of a document without one. */
const SECURITY_CONTEXT_URL = "https://w3id.org/security/v2";

const extendContextLoader = (
  jsigs as unknown as {
    extendContextLoader(loader: unknown): (url: string) => Promise<unknown>;
  }
).extendContextLoader;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The results of verifying `subject`'s proofs (its `proof`: one object or a list) with these
 * suites and this purpose, as jsonld-signatures reports them; undefined when this proof set is
 * jsonld-signatures' to verify.
 */
export async function verifyProofSetDirectly(
  subject: Record<string, unknown>,
  suites: readonly unknown[],
  purpose: unknown,
  documentLoader: unknown,
): Promise<ProofResult[] | undefined> {
  const loader = extendContextLoader(documentLoader);
  const document: Record<string, unknown> = { ...subject };
  const listed = document.proof;
  const proofs = Array.isArray(listed) ? listed : listed === undefined ? [] : [listed];
  if (proofs.length === 0 || !proofs.every(isObject)) return undefined;
  // As jsonld-signatures does; JCS suites (none is Avala's) would take the proof unchanged.
  if (proofs.some((p) => typeof p.cryptosuite === "string" && p.cryptosuite.includes("-jcs-"))) {
    return undefined;
  }
  const context = document["@context"] || SECURITY_CONTEXT_URL;
  const proofSet = proofs.map((proof) => ({ "@context": context, ...proof }));
  delete document.proof;

  const used = purpose as Purpose;
  const matched: Array<{ proof: Record<string, unknown>; suite: Suite }> = [];
  try {
    for (const proof of proofSet) {
      if (!(await used.match(proof, { document, documentLoader: loader }))) return undefined;
      let suite: Suite | undefined;
      for (const candidate of suites as Suite[]) {
        if (await candidate.matchProof({ proof, document, documentLoader: loader })) {
          suite = candidate;
          break;
        }
      }
      if (!suite) return undefined;
      matched.push({ proof, suite });
    }
  } catch {
    return undefined;
  }

  const results: ProofResult[] = [];
  for (const { proof, suite } of matched) {
    let result: ProofResult;
    try {
      const outcome = await suite.verifyProof({
        proof,
        document,
        purpose: { validate: async () => ({ valid: true }) },
        proofSet,
        documentLoader: loader,
      });
      result = {
        proof,
        verified: outcome.verified,
        verificationMethod: outcome.verificationMethod,
        error: outcome.error,
      };
    } catch (error) {
      result = { proof, verified: false, error };
    }
    if (result.verified) {
      let purposeResult: NonNullable<ProofResult["purposeResult"]>;
      try {
        purposeResult = await used.validate(proof, {
          document,
          suite,
          verificationMethod: result.verificationMethod,
          documentLoader: loader,
        });
      } catch (error) {
        purposeResult = { valid: false, error };
      }
      result.purposeResult = purposeResult;
      if (!purposeResult.valid && !result.error) {
        result.verified = false;
        result.error = purposeResult.error;
      }
    }
    results.push(result);
  }
  return results;
}
