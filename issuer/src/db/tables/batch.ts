import type { Generated } from "kysely";
import type { StatusPurpose } from "./status-list.js";

/**
 * `draft`: uploaded in the console and validated, waiting for the clerk to confirm (nothing is
 * signed and the runner ignores it); confirming moves it to `processing`.
 */
export type BatchState = "draft" | "processing" | "completed";
export type BatchRowState = "pending" | "issued" | "skipped" | "failed";

/** `issuer_batch`: a cohort upload. */
export interface BatchTable {
  id: Generated<number>;
  public_id: string;
  organisation_id: number;
  source: "csv" | "json";
  total: number;
  state: BatchState;
  status_purpose: StatusPurpose;
  cryptosuite: string;
  created_by: string;
  created_at: string;
  completed_at: string | null;
}

/**
 * `issuer_batch_row`: one row of an upload, stored before anything is issued. Its state moves
 * pending → issued | skipped (already issued under that external id) | failed, in the same
 * transaction that inserts the credential.
 */
export interface BatchRowTable {
  id: Generated<number>;
  batch_id: number;
  /** Line number in the CSV (header = 1), or 1-based index in a JSON array. */
  line: number;
  external_id: string | null;
  achievement_code: string | null;
  learner_email: string | null;
  learner_name: string | null;
  /** The CURP encrypted under the master key until the row is processed, then null. */
  learner_curp_sealed: string | null;
  learner_did: string | null;
  valid_from: string | null;
  valid_until: string | null;
  state: BatchRowState;
  credential_id: number | null;
  /** JSON `{ field?, reason }[]` for failed rows. */
  errors: string | null;
  updated_at: string;
  /** The worker run that claimed the pending row (random), while it signs it; else null. */
  lease_token: string | null;
  /** When that claim ends (ISO): then another worker may take the row over. */
  lease_until: string | null;
  /** The status slot reserved for the row when first claimed (kept until it is issued). */
  status_list_id: number | null;
  status_index: number | null;
}
