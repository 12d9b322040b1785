import type { Generated } from "kysely";
import type { StandardRequestMode, StandardRequestState } from "./standard-request.js";

/**
 * `issuer_recognition_table`: the recognition table a school publishes (issue 15, part 2): which
 * CONOCER units or standards, SEP microcredentials or other issuers' achievements count toward
 * which module of which of its programmes, for how many credits. Replaced whole by its admin,
 * with the school's choice of issuing at once or after a clerk's review.
 */
export interface RecognitionTableTable {
  organisation_id: number;
  /** JSON: `RecognitionEntry[]` (services/recognition.ts). */
  entries: string;
  mode: StandardRequestMode;
  updated_at: string;
}

/**
 * `issuer_recognition_request`: a holder's request for credits, kept with what was checked (the
 * recognised modules, the credentials' ids and digests, what counted for nothing), so a clerk
 * reviews it and the recognition credential carries it.
 */
export interface RecognitionRequestTable {
  id: Generated<number>;
  /** Random, unguessable: the holder's handle on the request. */
  public_id: string;
  organisation_id: number;
  programme_id: string;
  holder_did: string;
  state: StandardRequestState;
  /** JSON: `Recognition` (services/recognition.ts). */
  recognition: string;
  credential_id: number | null;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}
