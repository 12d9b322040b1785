import type { Generated } from "kysely";

/** The Open Badges 3.0 API's tables (see `ob3-api-migration.ts`). */
export interface Ob3ApiTables {
  wallet_oauth_client: OAuthClientTable;
  wallet_oauth_grant: OAuthGrantTable;
  wallet_oauth_code: OAuthCodeTable;
  wallet_oauth_token: OAuthTokenTable;
  wallet_ob3_profile: Ob3ProfileTable;
}

/** The Open Badges Profile a host put for the learner (`putProfile`, JSON). */
export interface Ob3ProfileTable {
  account_id: number;
  document: string;
  updated_at: string;
}

/** A client another host registered (RFC 7591). */
export interface OAuthClientTable {
  id: Generated<number>;
  client_id: string;
  /** SHA-256 of the client secret. */
  secret_hash: string;
  /** The registered metadata as the wallet checked it (JSON). */
  metadata: string;
  created_at: string;
}

/** What a learner allowed a client: one row per account and client, the scopes space-separated. */
export interface OAuthGrantTable {
  id: Generated<number>;
  public_id: string;
  account_id: number;
  client_id: number;
  scope: string;
  created_at: string;
  updated_at: string;
}

/** An authorization code: single use, short-lived; only its SHA-256 is kept. */
export interface OAuthCodeTable {
  code_hash: string;
  grant_id: number;
  redirect_uri: string;
  /** The PKCE S256 challenge. */
  code_challenge: string;
  scope: string;
  expires_at: string;
}

/** An access or refresh token of a grant; only its SHA-256 is kept. */
export interface OAuthTokenTable {
  token_hash: string;
  grant_id: number;
  kind: "access" | "refresh";
  scope: string;
  expires_at: string;
  /** When a refresh token was rotated away (migration `0008`); null while it is in force. */
  used_at: string | null;
}
