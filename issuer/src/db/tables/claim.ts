import type { Generated } from "kysely";

/**
 * `issuer_claim_offer`: a one-time offer to bind a credential to a wallet. The claim URL's token
 * is the offer id plus an HMAC under a key derived from the master key: the database alone cannot
 * produce a working claim URL.
 */
export interface ClaimOfferTable {
  id: Generated<number>;
  offer_id: string;
  credential_id: number;
  organisation_id: number;
  created_at: string;
  expires_at: string;
  claimed_at: string | null;
  holder_did: string | null;
}

/** `issuer_claim_challenge`: nonces for DID authentication, single use, short-lived. */
export interface ClaimChallengeTable {
  challenge: string;
  offer_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
