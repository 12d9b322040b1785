import type { Generated } from "kysely";

/**
 * `issuer_signing_key`: an organisation's Ed25519 keys. The secret is AES-256-GCM ciphertext
 * under the master key (associated data: organisation id and `key_id`), never clear text.
 */
export interface SigningKeyTable {
  id: Generated<number>;
  /** Random UUID; part of the encryption's associated data and the key's id in the API. */
  key_id: string;
  organisation_id: number;
  /** 1, 2, 3… per organisation; the highest unretired one signs. */
  sequence: number;
  /** Full verification method id (`did:web:…#key-1` or `did:key:z…#z…`). */
  verification_method: string;
  public_key_multibase: string;
  /** Base64 of AES-256-GCM ciphertext followed by its 16-byte tag. */
  secret_ciphertext: string;
  /** Base64 of the random 12-byte IV. */
  secret_iv: string;
  created_at: string;
  /** Set when a newer key took over; the key stays in the DID document. */
  retired_at: string | null;
}
