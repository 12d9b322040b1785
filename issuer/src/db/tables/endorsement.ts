import type { Generated } from "kysely";

/** `issuer_endorsement`: OB 3.0 EndorsementCredentials an authority issued about an organisation. */
export interface EndorsementTable {
  id: Generated<number>;
  public_id: string;
  endorser_id: number;
  subject_id: number;
  /** The signed EndorsementCredential, JSON. */
  credential: string;
  comment_es: string;
  comment_en: string | null;
  created_at: string;
  valid_until: string | null;
  withdrawn_at: string | null;
}
