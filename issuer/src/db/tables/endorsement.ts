import type { ColumnType, Generated } from "kysely";

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
  /** When the endorser withdrew it; its revocation bit is set from then on. */
  withdrawn_at: string | null;
  /**
   * The endorsement's revocation entry on its endorser's status list (`issuer_status_list`):
   * the bit is set once it is withdrawn. Null for endorsements signed before migration 0005.
   */
  status_list_id: number | null;
  status_index: number | null;
  /** 1 when the endorser (an authority) also granted the right to accredit others. */
  may_accredit: ColumnType<number, number | undefined, number>;
}
