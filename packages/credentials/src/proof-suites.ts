import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import type { Ed25519MultikeyKeyPair } from "@digitalbazaar/ed25519-multikey";
import { Ed25519Signature2020 } from "@digitalbazaar/ed25519-signature-2020";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";

/**
 * The proof types Avala signs and verifies:
 * - `eddsa-rdfc-2022`: a W3C Data Integrity `DataIntegrityProof`, what Open Badges 3.0 certifies
 *   (the default);
 * - `Ed25519Signature2020`: for peers that still speak VC 1.1-era suites.
 */
export type Cryptosuite = "eddsa-rdfc-2022" | "Ed25519Signature2020";

export const cryptosuites: readonly Cryptosuite[] = ["eddsa-rdfc-2022", "Ed25519Signature2020"];

export function signingSuite(
  cryptosuite: Cryptosuite,
  keyPair: Ed25519MultikeyKeyPair,
  date: Date,
) {
  if (cryptosuite === "eddsa-rdfc-2022") {
    return new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022, date });
  }
  if (cryptosuite === "Ed25519Signature2020") {
    return new Ed25519Signature2020({ signer: keyPair.signer(), date });
  }
  throw new TypeError(`Unsupported cryptosuite: ${String(cryptosuite)}`);
}

/** Suites that verify any proof Avala accepts; built once, they hold no key. */
let verificationSuites: unknown[] | undefined;
export function verifyingSuites(): unknown[] {
  verificationSuites ??= [
    new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    new Ed25519Signature2020(),
  ];
  return verificationSuites;
}
