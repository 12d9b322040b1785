import { signCompactEdition } from "@avala/compact-credential";
import type { Credential, Cryptosuite, SigningKey } from "@avala/credentials";
import { signCredential } from "@avala/credentials";
import type { DocumentLoader } from "@avala/document-loader";

/** What signing one issued credential needs: no database, no context (a worker thread can). */
export interface SignJob {
  unsigned: Credential;
  key: SigningKey;
  cryptosuite: Cryptosuite;
  /** ISO 8601: the proofs' date. */
  date: string;
  /** The compact edition's own VC id. */
  compactId: string;
}

export type SignOutcome =
  | {
      ok: true;
      signed: Credential;
      /** The compact QR edition, or null (none, or it failed: `compactError` says why). */
      compact: Credential | null;
      compactError?: string;
    }
  /**
   * The core refused the credential (e.g. a term no context defines): the reason, and the error
   * itself when signed in this thread (it names the rule broken).
   */
  | { ok: false; reason: string; error?: unknown };

/**
 * Signs a credential and its compact QR edition (always `eddsa-rdfc-2022`, see
 * @avala/compact-credential) with the same key and date. A failure of the compact edition does
 * not stop the credential: the edition is an extra.
 */
export async function signWithEdition(
  documentLoader: DocumentLoader,
  job: SignJob,
): Promise<SignOutcome> {
  const date = new Date(job.date);
  let signed: Credential;
  try {
    signed = await signCredential(job.unsigned, {
      key: job.key,
      documentLoader,
      cryptosuite: job.cryptosuite,
      date,
    });
  } catch (error) {
    return { ok: false, reason: String((error as Error)?.message ?? error).slice(0, 300), error };
  }
  try {
    const edition = await signCompactEdition(job.unsigned, {
      id: job.compactId,
      // The same key, suite and date: a proof of the size the edition's will have, so each shape
      // is measured before signing and only the one that fits is signed.
      ...(job.cryptosuite === "eddsa-rdfc-2022" ? { sampleProof: signed.proof } : {}),
      sign: (unsigned) =>
        signCredential(unsigned, {
          key: job.key,
          documentLoader,
          cryptosuite: "eddsa-rdfc-2022",
          date,
        }),
    });
    return { ok: true, signed, compact: edition?.credential ?? null };
  } catch (error) {
    return {
      ok: true,
      signed,
      compact: null,
      compactError: String((error as Error)?.message ?? error).slice(0, 300),
    };
  }
}
