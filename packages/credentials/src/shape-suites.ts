import type { Signer, Verifier } from "@digitalbazaar/ed25519-multikey";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import { cryptosuite as stockEddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { cachedVerifier } from "./key-objects.js";
import type { CanonizeMode } from "./shape-canonizer.js";
import { canonizeThroughShapes } from "./shape-canonizer.js";
import type { JsonLdLoader } from "./shape-template.js";

/**
 * The eddsa-rdfc-2022 cryptosuite and the Ed25519Signature2020 suite on the fast path: the stock
 * Digital Bazaar suites (proof creation, proof configuration, purpose, the verification method's
 * resolution, every error), with two parts replaced:
 * - canonicalization goes through compiled shapes (`shape-canonizer.ts`), which give the stock
 *   canonical N-Quads byte for byte and fall back to jsonld.js for anything else; the proof
 *   configuration's canonical form is kept whole when it repeats;
 * - Ed25519 keys are imported once (`key-objects.ts`).
 * The signed data is what the specifications say and the stock suites compute: SHA-256 of the
 * canonical proof configuration followed by SHA-256 of the canonical document, for both suites.
 */

interface CanonizeOptions {
  documentLoader: JsonLdLoader;
  [option: string]: unknown;
}

interface Cryptosuite {
  name: string;
  requiredAlgorithm: string;
  canonize(input: unknown, options: CanonizeOptions): Promise<string>;
  createVerifier(options: { verificationMethod: Record<string, unknown> }): Promise<Verifier>;
}

const stock = stockEddsaRdfc2022 as Cryptosuite;

const cryptosuites = new WeakMap<object, Map<CanonizeMode, Cryptosuite>>();

/** The eddsa-rdfc-2022 cryptosuite for documents loaded by `loader`, signing or verifying. */
export function eddsaRdfc2022For(loader: object, mode: CanonizeMode): Cryptosuite {
  let byMode = cryptosuites.get(loader);
  if (!byMode) {
    byMode = new Map();
    cryptosuites.set(loader, byMode);
  }
  let suite = byMode.get(mode);
  if (!suite) {
    suite = {
      name: stock.name,
      requiredAlgorithm: stock.requiredAlgorithm,
      canonize: async (input, options) =>
        (
          await canonizeThroughShapes(input, {
            loader,
            mode,
            jsonldLoader: options.documentLoader,
            stock: () => stock.canonize(input, options),
          })
        ).nquads,
      createVerifier: ({ verificationMethod }) => cachedVerifier(verificationMethod),
    };
    byMode.set(mode, suite);
  }
  return suite;
}

interface VerifySignatureOptions {
  verifyData: Uint8Array;
  verificationMethod: Record<string, unknown>;
  proof: Record<string, unknown>;
  [option: string]: unknown;
}

/** The stock Ed25519Signature2020, seen as what it is at run time. */
const Stock2020 = Ed25519Signature2020 as unknown as new (options?: {
  signer?: Signer;
  date?: Date;
}) => {
  canonize(input: unknown, options: CanonizeOptions): Promise<string>;
  verifySignature(options: VerifySignatureOptions): Promise<boolean>;
};

const stockVerifySignature = (
  Ed25519Signature2020.prototype as unknown as {
    verifySignature(this: unknown, options: VerifySignatureOptions): Promise<boolean>;
  }
).verifySignature;

/** Ed25519Signature2020 for documents loaded by `loader`: the stock suite, shapes and keys fast. */
export class ShapeEd25519Signature2020 extends Stock2020 {
  readonly #loader: object;
  readonly #mode: CanonizeMode;

  constructor(loader: object, mode: CanonizeMode, options: { signer?: Signer; date?: Date } = {}) {
    super(options);
    this.#loader = loader;
    this.#mode = mode;
  }

  override async canonize(input: unknown, options: CanonizeOptions): Promise<string> {
    const result = await canonizeThroughShapes(input, {
      loader: this.#loader,
      mode: this.#mode,
      jsonldLoader: options.documentLoader,
      stock: () => super.canonize(input, options),
    });
    return result.nquads;
  }

  /** The stock check (proofValue, multibase, signature), with the key imported once. */
  override async verifySignature(options: VerifySignatureOptions): Promise<boolean> {
    let verifier: Verifier;
    try {
      verifier = await cachedVerifier(options.verificationMethod);
    } catch {
      return super.verifySignature(options);
    }
    // The stock method uses `this.verifier` when set: hand it one that is, for this call only.
    const withVerifier: unknown = Object.create(this, { verifier: { value: verifier } });
    return stockVerifySignature.call(withVerifier, options);
  }
}
