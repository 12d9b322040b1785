import type { Generated } from "kysely";

/** What an OpenID4VCI secret is for. */
export type Oid4vciSecretKind = "pre-authorized-code" | "access-token" | "nonce";

/**
 * `issuer_oid4vci_secret`: pre-authorized codes, access tokens and `c_nonce`s of OpenID4VCI,
 * stored as SHA-256 hashes only (each is 32 random bytes), short-lived and single use.
 * `offer_id` ties a code or token to its claim offer (`issuer_claim_offer.id`); a nonce has none.
 * `failures` counts wrong `tx_code`s tried with a code.
 */
export interface Oid4vciSecretTable {
  id: Generated<number>;
  kind: Oid4vciSecretKind;
  secret_hash: string;
  organisation_id: number;
  offer_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  failures: number;
}

/** `issuer_oid4vci_setting`: per organisation, whether its OpenID4VCI offers ask for a PIN. */
export interface Oid4vciSettingTable {
  organisation_id: number;
  tx_code: number;
  updated_at: string;
}
