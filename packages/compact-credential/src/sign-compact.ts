import type { Credential } from "@avala/credentials";
import {
  type CompactEditionShape,
  compactEditionOf,
  compactEditionShapes,
} from "./compact-edition.js";
import { MAX_QR_VERSION, QR_TEXT_PREFIX, qrVersionOf, toQrText } from "./qr-text.js";

export interface SignedCompactEdition {
  /** The signed compact edition (an OB 3.0 AchievementCredential). */
  credential: Credential;
  /** Its QR text: `VC1-` + base32 of the CBOR-LD bytes. */
  qrText: string;
  /** The CBOR-LD bytes' length. */
  bytes: number;
  /** The smallest QR code version that holds the text at error correction M. */
  qrVersion: number;
  /** What of the full credential it kept. */
  shape: CompactEditionShape;
}

/**
 * Builds and signs the compact edition of a full credential: the richest shape whose QR code
 * fits `maxVersion` (default 25, at error correction M). `sign` signs with the issuer's key
 * (the caller's IO). Undefined when the credential has no compact edition (see
 * `compactEditionOf`) or when even the smallest shape does not fit.
 *
 * It signs at most twice: the richest shape, and, when that does not fit, the first shape that
 * fits with the first proof in place of its own (a proof of the same key, suite and date has the
 * same size: its signature is always 64 bytes in CBOR-LD). With `sampleProof` (such a proof
 * already at hand, e.g. the full credential's when it is signed with `eddsa-rdfc-2022`, the same
 * key and date) every shape is measured with it and only the one that fits is signed: once,
 * unless the sample was not of the same size after all (the signed edition is always measured).
 */
export async function signCompactEdition(
  full: Credential,
  options: {
    id: string;
    sign: (unsigned: Credential) => Promise<Credential>;
    maxVersion?: number;
    shapes?: readonly CompactEditionShape[];
    sampleProof?: Credential["proof"];
  },
): Promise<SignedCompactEdition | undefined> {
  const maxVersion = options.maxVersion ?? MAX_QR_VERSION;
  const fits = (version: number | undefined) => version !== undefined && version <= maxVersion;
  let sampleProof: Credential["proof"] = options.sampleProof;
  for (const shape of options.shapes ?? compactEditionShapes) {
    const unsigned = compactEditionOf(full, { id: options.id, shape });
    if (!unsigned) return undefined;
    if (sampleProof !== undefined) {
      const estimate = qrVersionOf(await toQrText({ ...unsigned, proof: sampleProof }));
      if (!fits(estimate)) continue;
    }
    const credential = await options.sign(unsigned);
    sampleProof = credential.proof;
    const qrText = await toQrText(credential);
    const qrVersion = qrVersionOf(qrText);
    if (fits(qrVersion)) {
      const bytes = Math.floor(((qrText.length - QR_TEXT_PREFIX.length) * 5) / 8);
      return { credential, qrText, bytes, qrVersion: qrVersion!, shape };
    }
  }
  return undefined;
}
