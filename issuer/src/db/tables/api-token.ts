import type { Generated } from "kysely";

export type TokenRole = "admin" | "operator";

/** `issuer_api_token`: per-organisation bearer tokens, stored only as SHA-256 hashes. */
export interface ApiTokenTable {
  id: Generated<number>;
  /** Random UUID: how the API names a token (to list or revoke it). */
  token_id: string;
  organisation_id: number;
  /** Hex SHA-256 of the token; the token itself is shown once and never stored. */
  token_hash: string;
  role: TokenRole;
  label: string;
  created_at: string;
  revoked_at: string | null;
}
