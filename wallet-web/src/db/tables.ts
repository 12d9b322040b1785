import type { Generated } from "kysely";
import type { Ob3ApiTables } from "./ob3-api-tables.js";
import type { PresentationRequestTables } from "./presentation-request-tables.js";

/**
 * The wallet's tables. Every name starts with `wallet_`: the issuer may share the PostgreSQL
 * database. Instants are ISO-8601 UTC text, JSON is text (see `@avala/db`'s portability rules).
 */
export interface WalletTables extends Ob3ApiTables, PresentationRequestTables {
  wallet_account: AccountTable;
  wallet_session: SessionTable;
  wallet_credential: CredentialTable;
  wallet_share: ShareTable;
  wallet_share_credential: ShareCredentialTable;
  wallet_password_reset: PasswordResetTable;
  wallet_public_page: PublicPageTable;
}

export interface AccountTable {
  id: Generated<number>;
  public_id: string;
  /** Lower-cased, trimmed. */
  email: string;
  display_name: string;
  /** `scrypt$…`, see @avala/web-auth (passwords.ts). */
  password_hash: string;
  /** The holder's did:key and the verification method that signs presentations. */
  holder_did: string;
  holder_key_id: string;
  holder_public_key: string;
  /** The holder's secret key, AES-256-GCM sealed under the master key, bound to public_id. */
  holder_secret_sealed: string;
  created_at: string;
  /** `es` or `en`: the language of the e-mail the wallet sends this account. */
  locale: string;
}

export interface SessionTable {
  /** SHA-256 of the session id the cookie carries; the id itself is never stored. */
  id_hash: string;
  account_id: number;
  created_at: string;
  expires_at: string;
}

export type CredentialSource = "claim" | "file" | "paste" | "url" | "qr" | "api";

export interface CredentialTable {
  id: Generated<number>;
  public_id: string;
  account_id: number;
  /** The credential's `id`, or `sha256:<hex>` of its JSON when it has none: what duplicates share. */
  credential_key: string;
  document: string;
  /** Its compact QR edition (JSON, @avala/compact-credential), when the issuer gave one. */
  compact_document: string | null;
  /**
   * An Open Badges 2.0 badge's class, with its issuer profile, as fetched at import (JSON); null
   * for other credentials. `document` then holds the assertion, or the signed badge's JWS.
   */
  ob2_badge: string | null;
  source: CredentialSource;
  source_url: string | null;
  issuer_id: string;
  /** From the credential's `validFrom` (or `issuanceDate`), for sorting. */
  issued_at: string | null;
  /** The last verification: verdict, trust label, when. */
  verdict: string;
  trust: string;
  checked_at: string;
  added_at: string;
}

export interface ShareTable {
  id: Generated<number>;
  public_id: string;
  account_id: number;
  /** SHA-256 of the link's token (looked up on every view). */
  token_hash: string;
  /** The token itself, sealed under the master key, so the holder can see the link again. */
  token_sealed: string;
  label: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  view_count: number;
  last_viewed_at: string | null;
}

export interface ShareCredentialTable {
  share_id: number;
  credential_id: number;
  position: number;
}

/** A password reset link: single use, one hour; only the SHA-256 of its token is kept. */
export interface PasswordResetTable {
  id: Generated<number>;
  account_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
}

/**
 * A credential's permanent public page (`/p/<slug>`), published by its holder: one per
 * credential, kept (and its address reused) until withdrawn. The slug is 128 random bits; it is
 * not secret once published, so it is stored as is.
 */
export interface PublicPageTable {
  id: Generated<number>;
  slug: string;
  account_id: number;
  credential_id: number;
  created_at: string;
  withdrawn_at: string | null;
}
