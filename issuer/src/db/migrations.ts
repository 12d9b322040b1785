import { isWebLink } from "@avala/credentials";
import { autoIncrementId, type Migration } from "@avala/db";
import type { Kysely } from "kysely";
import { openid4vciMigration } from "./openid4vci-migration.js";
import { recognitionMigration } from "./recognition-migration.js";
import { standardRequestsMigration } from "./standard-requests-migration.js";

// Migrations get an untyped Kysely: they describe the schema as it was at their time.
// biome-ignore lint/suspicious/noExplicitAny: schema builders are untyped by design.
type AnyDb = Kysely<any>;

const orgRef = "issuer_organisation.id";

/** The issuer's migrations, applied in key order. Never edit one that shipped: add the next. */
export const issuerMigrations: Record<string, Migration> = {
  "0001-organisations-keys-tokens": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("issuer_organisation")
        .$call(autoIncrementId(db))
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("authority", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("name_es", "text", (c) => c.notNull())
        .addColumn("name_en", "text")
        .addColumn("url", "text")
        .addColumn("email", "text")
        .addColumn("description", "text")
        .addColumn("other_identifiers", "text", (c) => c.notNull())
        .addColumn("did_method", "text", (c) => c.notNull())
        .addColumn("did", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("issuer_signing_key")
        .$call(autoIncrementId(db))
        .addColumn("key_id", "text", (c) => c.notNull().unique())
        .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
        .addColumn("sequence", "integer", (c) => c.notNull())
        .addColumn("verification_method", "text", (c) => c.notNull().unique())
        .addColumn("public_key_multibase", "text", (c) => c.notNull())
        .addColumn("secret_ciphertext", "text", (c) => c.notNull())
        .addColumn("secret_iv", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("retired_at", "text")
        .addUniqueConstraint("issuer_signing_key_org_sequence", ["organisation_id", "sequence"])
        .execute();
      await db.schema
        .createTable("issuer_api_token")
        .$call(autoIncrementId(db))
        .addColumn("token_id", "text", (c) => c.notNull().unique())
        .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("label", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("revoked_at", "text")
        .execute();
    },
  },
  "0002-catalogue": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("issuer_achievement")
        .$call(autoIncrementId(db))
        .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
        .addColumn("code", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("framework", "text", (c) => c.notNull())
        .addColumn("name_es", "text", (c) => c.notNull())
        .addColumn("name_en", "text")
        .addColumn("description_es", "text", (c) => c.notNull())
        .addColumn("description_en", "text")
        .addColumn("criteria_es", "text", (c) => c.notNull())
        .addColumn("criteria_en", "text")
        .addColumn("level", "integer")
        .addColumn("sector", "text")
        .addColumn("standard_code", "text")
        .addColumn("unit_codes", "text", (c) => c.notNull())
        .addColumn("isced_code", "text")
        .addColumn("isced_name", "text")
        .addColumn("eqf_level", "integer")
        .addColumn("other_identifiers", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("issuer_achievement_org_code", ["organisation_id", "code"])
        .execute();
    },
  },
  "0003-credentials-status": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("issuer_status_list")
        .$call(autoIncrementId(db))
        .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
        .addColumn("purpose", "text", (c) => c.notNull())
        .addColumn("list_number", "integer", (c) => c.notNull())
        .addColumn("length", "integer", (c) => c.notNull())
        .addColumn("allocated", "integer", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("issuer_status_list_number", [
          "organisation_id",
          "purpose",
          "list_number",
        ])
        .execute();
      await db.schema
        .createTable("issuer_status_index")
        .addColumn("status_list_id", "bigint", (c) =>
          c.notNull().references("issuer_status_list.id"),
        )
        .addColumn("status_index", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("issuer_status_index_pk", ["status_list_id", "status_index"])
        .execute();
      await db.schema
        .createTable("issuer_batch")
        .$call(autoIncrementId(db))
        .addColumn("public_id", "text", (c) => c.notNull().unique())
        .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("total", "integer", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("status_purpose", "text", (c) => c.notNull())
        .addColumn("cryptosuite", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("completed_at", "text")
        .execute();
      await db.schema
        .createIndex("issuer_batch_state")
        .on("issuer_batch")
        .columns(["state"])
        .execute();
      await db.schema
        .createTable("issuer_credential")
        .$call(autoIncrementId(db))
        .addColumn("public_id", "text", (c) => c.notNull().unique())
        .addColumn("vc_id", "text", (c) => c.notNull())
        .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
        .addColumn("achievement_id", "bigint", (c) => c.references("issuer_achievement.id"))
        .addColumn("external_id", "text")
        .addColumn("learner_email", "text")
        .addColumn("learner_name", "text")
        .addColumn("learner_curp_hmac", "text")
        .addColumn("subject_did", "text")
        .addColumn("credential", "text", (c) => c.notNull())
        .addColumn("cryptosuite", "text", (c) => c.notNull())
        .addColumn("status_purpose", "text", (c) => c.notNull())
        .addColumn("status_list_id", "bigint", (c) =>
          c.notNull().references("issuer_status_list.id"),
        )
        .addColumn("status_index", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("batch_id", "bigint", (c) => c.references("issuer_batch.id"))
        .addColumn("issued_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("issuer_credential_external_id", ["organisation_id", "external_id"])
        .addUniqueConstraint("issuer_credential_vc_id", ["organisation_id", "vc_id"])
        .addUniqueConstraint("issuer_credential_status_slot", ["status_list_id", "status_index"])
        .execute();
      await db.schema
        .createIndex("issuer_credential_list_status")
        .on("issuer_credential")
        .columns(["status_list_id", "status"])
        .execute();
      await db.schema
        .createIndex("issuer_credential_org_issued")
        .on("issuer_credential")
        .columns(["organisation_id", "issued_at"])
        .execute();
      await db.schema
        .createTable("issuer_status_event")
        .$call(autoIncrementId(db))
        .addColumn("credential_id", "bigint", (c) => c.notNull().references("issuer_credential.id"))
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("previous_status", "text", (c) => c.notNull())
        .addColumn("new_status", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("actor_label", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("issuer_status_event_credential")
        .on("issuer_status_event")
        .columns(["credential_id"])
        .execute();
      await db.schema
        .createTable("issuer_batch_row")
        .$call(autoIncrementId(db))
        .addColumn("batch_id", "bigint", (c) => c.notNull().references("issuer_batch.id"))
        .addColumn("line", "integer", (c) => c.notNull())
        .addColumn("external_id", "text")
        .addColumn("achievement_code", "text")
        .addColumn("learner_email", "text")
        .addColumn("learner_name", "text")
        .addColumn("learner_curp_sealed", "text")
        .addColumn("learner_did", "text")
        .addColumn("valid_from", "text")
        .addColumn("valid_until", "text")
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("credential_id", "bigint", (c) => c.references("issuer_credential.id"))
        .addColumn("errors", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("issuer_batch_row_line", ["batch_id", "line"])
        .execute();
      await db.schema
        .createIndex("issuer_batch_row_state")
        .on("issuer_batch_row")
        .columns(["batch_id", "state", "id"])
        .execute();
    },
  },
  "0004-claims-endorsements": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("issuer_claim_offer")
        .$call(autoIncrementId(db))
        .addColumn("offer_id", "text", (c) => c.notNull().unique())
        .addColumn("credential_id", "bigint", (c) => c.notNull().references("issuer_credential.id"))
        .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("claimed_at", "text")
        .addColumn("holder_did", "text")
        .execute();
      await db.schema
        .createIndex("issuer_claim_offer_credential")
        .on("issuer_claim_offer")
        .columns(["credential_id"])
        .execute();
      await db.schema
        .createTable("issuer_claim_challenge")
        .addColumn("challenge", "text", (c) => c.primaryKey())
        .addColumn("offer_id", "bigint", (c) => c.notNull().references("issuer_claim_offer.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("used_at", "text")
        .execute();
      await db.schema
        .createIndex("issuer_claim_challenge_offer")
        .on("issuer_claim_challenge")
        .columns(["offer_id"])
        .execute();
      await db.schema
        .createTable("issuer_endorsement")
        .$call(autoIncrementId(db))
        .addColumn("public_id", "text", (c) => c.notNull().unique())
        .addColumn("endorser_id", "bigint", (c) => c.notNull().references(orgRef))
        .addColumn("subject_id", "bigint", (c) => c.notNull().references(orgRef))
        .addColumn("credential", "text", (c) => c.notNull())
        .addColumn("comment_es", "text", (c) => c.notNull())
        .addColumn("comment_en", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("valid_until", "text")
        .addColumn("withdrawn_at", "text")
        .execute();
      await db.schema
        .createIndex("issuer_endorsement_subject")
        .on("issuer_endorsement")
        .columns(["subject_id"])
        .execute();
    },
  },
  "0005-endorsement-status": {
    async up(db: AnyDb) {
      // Every EndorsementCredential carries a revocation entry on its endorser's status list;
      // withdrawing the endorsement sets that bit. Endorsements signed before this migration
      // have no entry (both columns null).
      await db.schema
        .alterTable("issuer_endorsement")
        .addColumn("status_list_id", "bigint", (c) => c.references("issuer_status_list.id"))
        .execute();
      await db.schema
        .alterTable("issuer_endorsement")
        .addColumn("status_index", "integer")
        .execute();
      await db.schema
        .createIndex("issuer_endorsement_status_list")
        .on("issuer_endorsement")
        .columns(["status_list_id"])
        .execute();
    },
  },
  "0006-endorsement-may-accredit": {
    async up(db: AnyDb) {
      // An authority may also grant the endorsed organisation the right to accredit others
      // (a CONOCER certification body accrediting its assessment centres). 1 or 0.
      await db.schema
        .alterTable("issuer_endorsement")
        .addColumn("may_accredit", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  "0007-organisation-web-links": {
    async up(db: AnyDb) {
      // Organisation URLs are signed into every credential's Profile: an address that is not
      // a web link (`javascript:…`, accepted before) is dropped.
      const rows: Array<{ id: number; url: string }> = await db
        .selectFrom("issuer_organisation")
        .select(["id", "url"])
        .where("url", "is not", null)
        .execute();
      for (const row of rows) {
        if (isWebLink(row.url)) continue;
        await db
          .updateTable("issuer_organisation")
          .set({ url: null })
          .where("id", "=", row.id)
          .execute();
      }
    },
  },
  "0008-mail-outbox": {
    async up(db: AnyDb) {
      // The e-mail outbox: claim offers and staff invitations, written in the transaction that
      // creates them, sent by the outbox worker with retries (see services/mail-worker.ts).
      await db.schema
        .createTable("issuer_mail_outbox")
        .$call(autoIncrementId(db))
        .addColumn("public_id", "text", (c) => c.notNull().unique())
        .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("reference", "text", (c) => c.notNull())
        .addColumn("recipient", "text", (c) => c.notNull())
        .addColumn("locale", "text")
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("text_body", "text", (c) => c.notNull())
        .addColumn("html_body", "text", (c) => c.notNull())
        .addColumn("link_sealed", "text")
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("next_attempt_at", "text", (c) => c.notNull())
        .addColumn("lease_token", "text")
        .addColumn("last_error", "text")
        .addColumn("message_id", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .execute();
      // The worker's look-up: due messages (queued, or sending with an expired lease).
      await db.schema
        .createIndex("issuer_mail_outbox_due")
        .on("issuer_mail_outbox")
        .columns(["state", "next_attempt_at"])
        .execute();
      await db.schema
        .createIndex("issuer_mail_outbox_org")
        .on("issuer_mail_outbox")
        .columns(["organisation_id", "id"])
        .execute();
      await db.schema
        .createIndex("issuer_mail_outbox_reference")
        .on("issuer_mail_outbox")
        .columns(["kind", "reference"])
        .execute();
    },
  },
  "0009-console-staff": {
    async up(db: AnyDb) {
      // The console: the people of each organisation, their sessions and invitations, and the
      // audit log of what they do. Achievements also get an optional image (an https address).
      await db.schema
        .createTable("issuer_staff")
        .$call(autoIncrementId(db))
        .addColumn("public_id", "text", (c) => c.notNull().unique())
        .addColumn("organisation_id", "bigint", (c) => c.notNull().references(orgRef))
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("password_hash", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("disabled_at", "text")
        .addColumn("last_sign_in_at", "text")
        .execute();
      await db.schema
        .createIndex("issuer_staff_organisation")
        .on("issuer_staff")
        .columns(["organisation_id"])
        .execute();
      await db.schema
        .createTable("issuer_staff_session")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("staff_id", "bigint", (c) => c.references("issuer_staff.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("issuer_staff_session_staff")
        .on("issuer_staff_session")
        .columns(["staff_id"])
        .execute();
      await db.schema
        .createTable("issuer_staff_invitation")
        .$call(autoIncrementId(db))
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("staff_id", "bigint", (c) => c.notNull().references("issuer_staff.id"))
        .addColumn("invited_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("used_at", "text")
        .execute();
      await db.schema
        .createIndex("issuer_staff_invitation_staff")
        .on("issuer_staff_invitation")
        .columns(["staff_id"])
        .execute();
      await db.schema
        .createTable("issuer_audit_event")
        .$call(autoIncrementId(db))
        .addColumn("organisation_id", "bigint", (c) => c.references(orgRef))
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("actor_label", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("subject", "text")
        .addColumn("details", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("issuer_audit_event_organisation")
        .on("issuer_audit_event")
        .columns(["organisation_id", "id"])
        .execute();
      // Search by learner: name and e-mail within an organisation, the CURP through its HMAC.
      await db.schema
        .createIndex("issuer_credential_org_curp")
        .on("issuer_credential")
        .columns(["organisation_id", "learner_curp_hmac"])
        .execute();
      await db.schema
        .createIndex("issuer_credential_org_email")
        .on("issuer_credential")
        .columns(["organisation_id", "learner_email"])
        .execute();
      await db.schema.alterTable("issuer_achievement").addColumn("image_url", "text").execute();
    },
  },
  "0010-learner-name-public-reasons": {
    async up(db: AnyDb) {
      // Whether credentials carry the learner's name as the organisation recorded it
      // (`credentialSubject.name`): on unless the organisation turns it off. 1 or 0.
      await db.schema
        .alterTable("issuer_organisation")
        .addColumn("learner_name_in_credentials", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
      // Whether the clerk published a status change's reason with the credential's status
      // (GET /orgs/:slug/status/:purpose/:n/entries/:index). Changes made before: not published.
      await db.schema
        .alterTable("issuer_status_event")
        .addColumn("public_reason", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  "0011-compact-credential": {
    async up(db: AnyDb) {
      // The compact QR edition signed with each credential (@avala/compact-credential), JSON;
      // null when it has none (issued before, or not an OB 3.0 credential that fits a QR code).
      await db.schema
        .alterTable("issuer_credential")
        .addColumn("compact_credential", "text")
        .execute();
    },
  },
  "0012-batch-pipeline": {
    async up(db: AnyDb) {
      // Cohort rows are claimed a chunk at a time by one worker (any issuer process): a lease
      // (random token, end time) that another worker may take over once it ends, and the status
      // slot reserved for the row when it was claimed (kept across a crash, so a row never
      // reserves two).
      await db.schema.alterTable("issuer_batch_row").addColumn("lease_token", "text").execute();
      await db.schema.alterTable("issuer_batch_row").addColumn("lease_until", "text").execute();
      await db.schema
        .alterTable("issuer_batch_row")
        .addColumn("status_list_id", "bigint", (c) => c.references("issuer_status_list.id"))
        .execute();
      await db.schema.alterTable("issuer_batch_row").addColumn("status_index", "integer").execute();
      // Rate-limit windows shared by every issuer process (PostgreSQL): one row per limiter and
      // key (a SHA-256 of the client address), its count and when the window ends (ms).
      await db.schema
        .createTable("issuer_rate_limit")
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("key_hash", "text", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .addColumn("ends_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("issuer_rate_limit_pk", ["scope", "key_hash"])
        .execute();
      await db.schema
        .createIndex("issuer_rate_limit_ends")
        .on("issuer_rate_limit")
        .columns(["ends_at"])
        .execute();
    },
  },
  "0013-openid4vci": openid4vciMigration,
  "0014-standard-requests": standardRequestsMigration,
  "0015-recognition-table": recognitionMigration,
};
