import type { Generated } from "kysely";
import type { StatusPurpose } from "./status-list.js";

export type CredentialState = "active" | "suspended" | "revoked";

/** `issuer_credential`: every credential issued, signed, with its one status entry. */
export interface CredentialTable {
  id: Generated<number>;
  /** Random UUID, the credential's id in the API (`urn:uuid:` of it is the VC id by default). */
  public_id: string;
  /** The VC's `id`. */
  vc_id: string;
  organisation_id: number;
  achievement_id: number | null;
  /** The issuing system's own id for the award; unique per organisation (exactly-once). */
  external_id: string | null;
  /** Kept for delivery of the claim offer. */
  learner_email: string | null;
  learner_name: string | null;
  /** Keyed HMAC of the normalised CURP (never the CURP itself). */
  learner_curp_hmac: string | null;
  subject_did: string | null;
  /** The signed credential, JSON. */
  credential: string;
  /** Its compact QR edition, signed at the same time (JSON), or null. */
  compact_credential: string | null;
  cryptosuite: string;
  status_purpose: StatusPurpose;
  status_list_id: number;
  status_index: number;
  status: CredentialState;
  batch_id: number | null;
  issued_at: string;
  updated_at: string;
}

/** `issuer_status_event`: who changed a credential's status, when and why. */
export interface StatusEventTable {
  id: Generated<number>;
  credential_id: number;
  action: "revoke" | "suspend" | "reinstate";
  reason: string;
  previous_status: CredentialState;
  new_status: CredentialState;
  /** The API token's id, or `platform`. */
  actor: string;
  actor_label: string;
  created_at: string;
  /** 1: the reason is published with the credential's status (the status entry's notice). */
  public_reason: Generated<number>;
}
