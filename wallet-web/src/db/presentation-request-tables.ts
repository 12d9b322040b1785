import type { Generated } from "kysely";

/** OpenID4VP requests a holder opened (see `presentation-request-migration.ts`). */
export interface PresentationRequestTables {
  wallet_presentation_request: PresentationRequestTable;
}

/**
 * A verifier's OpenID4VP authorization request as the wallet read and checked it, kept so the
 * holder can answer it once: `request_key` (SHA-256 of client id and nonce) is unique per
 * account, so opening the same request again after it was answered is recognised and nothing is
 * sent twice.
 */
export interface PresentationRequestTable {
  id: Generated<number>;
  public_id: string;
  account_id: number;
  request_key: string;
  /** The checked request (JSON: client id, response URI, nonce, state, DCQL query). */
  request: string;
  /** `pending`, `sending` (while posting), `sent`, `declined` or `failed`. */
  status: string;
  /** The verifier's `redirect_uri` after an answer, when it gave one. */
  redirect_uri: string | null;
  created_at: string;
  answered_at: string | null;
}
