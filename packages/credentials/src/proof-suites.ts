import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import type { Signer } from "@digitalbazaar/ed25519-multikey";
import { previousProofIds, proofsNamed } from "./proof-chain.js";
import { cacheOwnerOf } from "./shape-canonizer.js";
import { eddsaRdfc2022For, ShapeEd25519Signature2020 } from "./shape-suites.js";

/**
 * The proof types Avala signs and verifies:
 * - `eddsa-rdfc-2022`: a W3C Data Integrity `DataIntegrityProof`, what Open Badges 3.0 certifies
 *   (the default);
 * - `Ed25519Signature2020`: for peers that still speak VC 1.1-era suites.
 */
export type Cryptosuite = "eddsa-rdfc-2022" | "Ed25519Signature2020";

export const cryptosuites: readonly Cryptosuite[] = ["eddsa-rdfc-2022", "Ed25519Signature2020"];

/**
 * The suite that signs with `signer` for documents loaded by `documentLoader`: the stock suite,
 * with canonicalization through compiled shapes and the key imported once (`shape-suites.ts`).
 */
export function signingSuite(
  cryptosuite: Cryptosuite,
  signer: Signer,
  date: Date,
  documentLoader: object,
) {
  if (cryptosuite === "eddsa-rdfc-2022") {
    return new DataIntegrityProof({
      signer,
      cryptosuite: eddsaRdfc2022For(documentLoader, "sign"),
      date,
    });
  }
  if (cryptosuite === "Ed25519Signature2020") {
    return new ShapeEd25519Signature2020(documentLoader, "sign", { signer, date });
  }
  throw new TypeError(`Unsupported cryptosuite: ${String(cryptosuite)}`);
}

/** What jsonld-signatures hands a suite to verify one proof. */
interface VerifyProofOptions {
  proof: Record<string, unknown>;
  document: Record<string, unknown>;
  [option: string]: unknown;
}

/** The stock `DataIntegrityProof`, seen as what it is at run time: a suite with `verifyProof`. */
const StockDataIntegrityProof = DataIntegrityProof as unknown as new (options: {
  cryptosuite: unknown;
}) => { verifyProof(options: VerifyProofOptions): Promise<unknown> };

/**
 * The stock `DataIntegrityProof` (verification unchanged) that also verifies proof chains
 * (Data Integrity §4.5): a proof with `previousProof` was made over the document with the proofs
 * it names, so it is verified over the document with those proofs (taken from `allProofs`, the
 * document's proofs as they came: jsonld-signatures hands a suite the document without any).
 * Whether the chain is whole (every id there, no cycle) is checked before (`chainFailure`).
 */
class ChainedDataIntegrityProof extends StockDataIntegrityProof {
  readonly #allProofs: readonly unknown[];

  constructor(allProofs: readonly unknown[], documentLoader: object) {
    super({ cryptosuite: eddsaRdfc2022For(documentLoader, "verify") });
    this.#allProofs = allProofs;
  }

  override verifyProof(options: VerifyProofOptions): Promise<unknown> {
    const ids = previousProofIds(options.proof) ?? [];
    if (ids.length === 0) return super.verifyProof(options);
    const previous = proofsNamed(ids, this.#allProofs);
    const document = { ...options.document, proof: previous.length === 1 ? previous[0] : previous };
    return super.verifyProof({ ...options, document });
  }
}

/** Suites that verify any proof Avala accepts, per document loader; they hold no key. */
const verificationSuites = new WeakMap<object, unknown[]>();

/**
 * The suites that verify any proof Avala accepts, for documents loaded by `documentLoader`.
 * `allProofs`, the document's proofs, are needed only when one of them names previous proofs (a
 * proof chain); otherwise the suites are shared.
 */
export function verifyingSuites(
  documentLoader: object,
  allProofs: readonly unknown[] = [],
): unknown[] {
  if (allProofs.some((p) => (previousProofIds(p) ?? []).length > 0)) {
    return [
      new ChainedDataIntegrityProof(allProofs, documentLoader),
      new ShapeEd25519Signature2020(documentLoader, "verify"),
    ];
  }
  // Loaders that share a cache (`shareShapeCache`) share these suites too: the suites hold no
  // loader of their own (jsonld.js and the key's resolution get the one of each verification).
  const owner = cacheOwnerOf(documentLoader);
  let suites = verificationSuites.get(owner);
  if (!suites) {
    suites = [
      new DataIntegrityProof({ cryptosuite: eddsaRdfc2022For(owner, "verify") }),
      new ShapeEd25519Signature2020(owner, "verify"),
    ];
    verificationSuites.set(owner, suites);
  }
  return suites;
}

/**
 * Whether Avala implements this proof's suite: a `DataIntegrityProof` with the
 * `eddsa-rdfc-2022` cryptosuite, or an `Ed25519Signature2020`. Anything else (ecdsa-rdfc-2019,
 * ecdsa-sd-2023, bbs-2023, eddsa-jcs-2022, Ed25519Signature2018, JsonWebSignature2020, …) is a
 * signature Avala cannot check, which says nothing about whether it is genuine.
 */
export function isSupportedProof(proof: Record<string, unknown>): boolean {
  if (proof.type === "DataIntegrityProof") return proof.cryptosuite === "eddsa-rdfc-2022";
  return proof.type === "Ed25519Signature2020";
}

/** How a proof's suite is named to a person: its type, and its cryptosuite when it has one. */
export function proofTypeName(proof: Record<string, unknown>): string {
  const type = typeof proof.type === "string" ? proof.type : "?";
  const suite = typeof proof.cryptosuite === "string" ? proof.cryptosuite : undefined;
  return (suite ? `${type} (${suite})` : type).slice(0, 100);
}
