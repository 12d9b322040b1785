import type { Generated } from "kysely";

export type StandardRequestState = "pending" | "issued" | "refused";
export type StandardRequestMode = "automatic" | "review";

/**
 * `issuer_standard_request`: a holder's request for a standard's certificate on the strength of
 * unit credentials (issue 15). Kept with the verified presentation's evidence (ids and digests
 * of the units), so a clerk reviews what was checked and the certificate carries it.
 */
export interface StandardRequestTable {
  id: Generated<number>;
  /** Random, unguessable: the holder's handle on the request. */
  public_id: string;
  organisation_id: number;
  achievement_id: number;
  standard_code: string;
  holder_did: string;
  state: StandardRequestState;
  /** JSON: the units as checked (`UnitEvidence[]`). */
  evidence: string;
  credential_id: number | null;
  created_at: string;
  decided_at: string | null;
  /** Who decided: "automatic" or the clerk's token or staff id. */
  decided_by: string | null;
}

/** `issuer_standard_challenge`: single-use challenges for a standard request's presentation. */
export interface StandardChallengeTable {
  challenge: string;
  organisation_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** `issuer_standard_setting`: whether an organisation issues at once or after a clerk's review. */
export interface StandardSettingTable {
  organisation_id: number;
  mode: StandardRequestMode;
  updated_at: string;
}

/**
 * `issuer_standard_version`: a standard's version facts (issue 15, part 3): until when it may be
 * certified, which version superseded it, and which units of earlier versions it accepts
 * (JSON `{ "<required unit>": ["<accepted older unit>", …] }`).
 */
export interface StandardVersionTable {
  organisation_id: number;
  code: string;
  valid_until: string | null;
  superseded_by: string | null;
  equivalences: string;
  updated_at: string;
}
