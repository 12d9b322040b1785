/**
 * `issuer_rate_limit`: fixed rate-limit windows shared by every issuer process (used on
 * PostgreSQL). One row per limiter (`scope`) and client: the key is stored as its SHA-256.
 */
export interface RateLimitTable {
  scope: string;
  key_hash: string;
  count: number;
  /** When the window ends, ms since the epoch. */
  ends_at: number;
}
