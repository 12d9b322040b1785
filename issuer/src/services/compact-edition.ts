import { randomUUID } from "node:crypto";
import { signCompactEdition } from "@avala/compact-credential";
import type { Credential, SigningKey } from "@avala/credentials";
import { signCredential } from "@avala/credentials";
import type { IssuerContext } from "../context.js";

/**
 * Signs the compact QR edition of a credential (see @avala/compact-credential): a small OB 3.0
 * credential on the same status entry, whose QR code (at most version 25, error correction M)
 * verifies offline. Always `eddsa-rdfc-2022`. `id`: the edition's own VC id (a new
 * `urn:uuid:` at issue; the same one when the claim re-signs it). Null when the credential has
 * no compact edition (not an OB 3.0 credential, or too long even in the smallest shape).
 */
export async function signCompactCredential(
  ctx: IssuerContext,
  full: Credential,
  options: { key: SigningKey; date: Date; id?: string | undefined },
): Promise<Credential | null> {
  try {
    const edition = await signCompactEdition(full, {
      id: options.id ?? `urn:uuid:${randomUUID()}`,
      sign: (unsigned) =>
        signCredential(unsigned, {
          key: options.key,
          documentLoader: ctx.signingLoader,
          cryptosuite: "eddsa-rdfc-2022",
          date: options.date,
        }),
    });
    return edition?.credential ?? null;
  } catch (error) {
    // The full credential signed; its printed edition is an extra that must not stop it.
    ctx.log.error("compact credential not signed", {
      reason: String((error as Error)?.message ?? error).slice(0, 300),
    });
    return null;
  }
}

/** The VC id of a stored compact edition (JSON), if any. */
export function compactIdOf(stored: string | null): string | undefined {
  if (!stored) return undefined;
  try {
    const id = (JSON.parse(stored) as { id?: unknown }).id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}
