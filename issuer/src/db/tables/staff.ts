import type { Generated } from "kysely";

/** What a staff member may do: admins also manage people, tokens, keys, catalogue and audit. */
export const staffRoles = ["admin", "operator", "viewer"] as const;
export type StaffRole = (typeof staffRoles)[number];

/**
 * `issuer_staff`: a person who works in an organisation's console. The e-mail (lower-case) is
 * unique across the deployment: one account, one organisation. The password is set by the
 * person through their invitation link; until then `password_hash` is null.
 */
export interface StaffTable {
  id: Generated<number>;
  /** Random UUID: how pages and the audit log name a staff member. */
  public_id: string;
  organisation_id: number;
  email: string;
  name: string;
  role: StaffRole;
  /** `scrypt$…` (see @avala/web-auth), or null until the invitation is accepted. */
  password_hash: string | null;
  created_at: string;
  /** Set when an admin removed the person: no sign-in, sessions ended. */
  disabled_at: string | null;
  last_sign_in_at: string | null;
}

/**
 * `issuer_staff_session`: a signed-in browser. The cookie carries a random 256-bit id; only its
 * SHA-256 is stored. `staff_id` null is the platform admin (signed in with the platform token).
 */
export interface StaffSessionTable {
  id_hash: string;
  staff_id: number | null;
  created_at: string;
  expires_at: string;
}

/** `issuer_staff_invitation`: a one-time link that lets an invited person set a password. */
export interface StaffInvitationTable {
  id: Generated<number>;
  /** SHA-256 of the link's token (the token itself is only in the link). */
  token_hash: string;
  staff_id: number;
  /** Who invited: a staff member's name, or `platform`. */
  invited_by: string;
  created_at: string;
  expires_at: string;
  /** Set when used, or when a newer invitation replaced it. */
  used_at: string | null;
}
