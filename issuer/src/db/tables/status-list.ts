import type { Generated } from "kysely";

export type StatusPurpose = "revocation" | "suspension";

/**
 * `issuer_status_list`: one Bitstring Status List per organisation, purpose and number. The bits
 * are not stored: they are the credentials whose status sets them. `version` grows with every
 * change, so a signed copy can be cached by version.
 */
export interface StatusListTable {
  id: Generated<number>;
  organisation_id: number;
  purpose: StatusPurpose;
  list_number: number;
  length: number;
  allocated: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** `issuer_status_index`: every index ever handed out (primary key: never reused). */
export interface StatusIndexTable {
  status_list_id: number;
  status_index: number;
}
