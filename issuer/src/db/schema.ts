import type { AchievementTable } from "./tables/achievement.js";
import type { ApiTokenTable } from "./tables/api-token.js";
import type { AuditEventTable } from "./tables/audit.js";
import type { BatchRowTable, BatchTable } from "./tables/batch.js";
import type { ClaimChallengeTable, ClaimOfferTable } from "./tables/claim.js";
import type { CredentialTable, StatusEventTable } from "./tables/credential.js";
import type { EndorsementTable } from "./tables/endorsement.js";
import type { Oid4vciSecretTable, Oid4vciSettingTable } from "./tables/openid4vci.js";
import type { OrganisationTable } from "./tables/organisation.js";
import type { MailOutboxTable } from "./tables/outbox.js";
import type { RateLimitTable } from "./tables/rate-limit.js";
import type { RecognitionRequestTable, RecognitionTableTable } from "./tables/recognition.js";
import type { SigningKeyTable } from "./tables/signing-key.js";
import type { StaffInvitationTable, StaffSessionTable, StaffTable } from "./tables/staff.js";
import type {
  StandardChallengeTable,
  StandardRequestTable,
  StandardSettingTable,
  StandardVersionTable,
} from "./tables/standard-request.js";
import type { StatusIndexTable, StatusListTable } from "./tables/status-list.js";

/** Every issuer table. Names start with `issuer_` so a shared PostgreSQL database has no clashes. */
export interface IssuerTables {
  issuer_organisation: OrganisationTable;
  issuer_signing_key: SigningKeyTable;
  issuer_api_token: ApiTokenTable;
  issuer_achievement: AchievementTable;
  issuer_status_list: StatusListTable;
  issuer_status_index: StatusIndexTable;
  issuer_credential: CredentialTable;
  issuer_status_event: StatusEventTable;
  issuer_claim_offer: ClaimOfferTable;
  issuer_claim_challenge: ClaimChallengeTable;
  issuer_batch: BatchTable;
  issuer_batch_row: BatchRowTable;
  issuer_endorsement: EndorsementTable;
  issuer_mail_outbox: MailOutboxTable;
  issuer_staff: StaffTable;
  issuer_staff_session: StaffSessionTable;
  issuer_staff_invitation: StaffInvitationTable;
  issuer_audit_event: AuditEventTable;
  issuer_rate_limit: RateLimitTable;
  issuer_oid4vci_secret: Oid4vciSecretTable;
  issuer_oid4vci_setting: Oid4vciSettingTable;
  issuer_standard_request: StandardRequestTable;
  issuer_standard_challenge: StandardChallengeTable;
  issuer_standard_setting: StandardSettingTable;
  issuer_standard_version: StandardVersionTable;
  issuer_recognition_table: RecognitionTableTable;
  issuer_recognition_request: RecognitionRequestTable;
}

export type { AchievementFramework, AchievementKind } from "./tables/achievement.js";
export type { TokenRole } from "./tables/api-token.js";
export type { BatchRowState, BatchState } from "./tables/batch.js";
export type { CredentialState } from "./tables/credential.js";
export type { DidMethod, OrganisationKind } from "./tables/organisation.js";
export { organisationKinds } from "./tables/organisation.js";
export type { MailKind, MailState } from "./tables/outbox.js";
export type { StaffRole } from "./tables/staff.js";
export { staffRoles } from "./tables/staff.js";
export type { StatusPurpose } from "./tables/status-list.js";
