import { randomUUID } from "node:crypto";
import type { Credential, Cryptosuite, JsonObject, SigningKey } from "@avala/credentials";
import { isUniqueViolation } from "@avala/db";
import { buildStatusEntry } from "@avala/status-list";
import type { Kysely } from "kysely";
import type { IssuerContext } from "../context.js";
import type { ClaimOfferRow } from "../db/repositories/claims.js";
import {
  type CredentialRow,
  findCredentialByExternalId,
  findCredentialByVcId,
  insertCredential,
} from "../db/repositories/credentials.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import { allocateStatusSlot, type StatusSlot } from "../db/repositories/status-lists.js";
import type { IssuerTables, StatusPurpose } from "../db/schema.js";
import { createOffer } from "./claims.js";
import { type SignJob, type SignOutcome, signWithEdition } from "./credential-signing.js";
import { addStatusReference, statusListUrl } from "./status.js";

type Db = Kysely<IssuerTables>;

/**
 * The credential could not be signed as given (e.g. a JSON-LD term no context defines). The
 * error that refused it is its `cause`, for the caller to name the rule.
 */
export class CredentialRejectedError extends Error {
  override name = "CredentialRejectedError";
}

function rejected(error: unknown): CredentialRejectedError {
  const message = String((error as Error)?.message ?? error).slice(0, 300);
  return new CredentialRejectedError(message, { cause: error });
}

/** Thrown inside the transaction to roll it back when the external id turned out to be taken. */
class DuplicateExternalId extends Error {}

export interface IssueInput {
  organisation: OrganisationRow;
  statusPurpose: StatusPurpose;
  cryptosuite: Cryptosuite;
  /** Builds the unsigned credential around its id and its one status entry. */
  build(parts: { id: string; credentialStatus: JsonObject }): Credential;
  /** The VC's id; default `urn:uuid:` of the new credential's public id. */
  vcId?: string | undefined;
  externalId?: string | null | undefined;
  achievementId?: number | null | undefined;
  learner?: {
    email?: string | null | undefined;
    name?: string | null | undefined;
    curpHmac?: string | null | undefined;
  };
  batchId?: number | null | undefined;
  /**
   * The key to sign with, when the caller already holds the organisation's current one (a batch
   * chunk); default: read it in the transaction.
   */
  signingKey?: SigningKey | undefined;
  /** Skip the look-up of an existing external id (the caller checked; the insert still guards). */
  knownNew?: boolean | undefined;
  /** Create a claim offer (the credential's subject is a single object). */
  offer: boolean;
  /** Runs inside the issuing transaction, after the insert (a batch row marks itself done). */
  inTransaction?: (trx: Db, credential: CredentialRow, offer?: ClaimOfferRow) => Promise<void>;
}

export type IssueOutcome =
  | {
      kind: "issued";
      credential: CredentialRow;
      signed: Credential;
      offer: ClaimOfferRow | undefined;
    }
  | { kind: "duplicate-external-id"; existing: CredentialRow }
  | { kind: "duplicate-id" };

function subjectDid(credential: Credential): string | null {
  const subject = credential.credentialSubject;
  const id = subject && !Array.isArray(subject) ? (subject as JsonObject).id : undefined;
  return typeof id === "string" ? id : null;
}

/** A credential built around its slot and signed, with its compact edition: not stored yet. */
export interface SignedIssue {
  publicId: string;
  vcId: string;
  signed: Credential;
  compact: Credential | null;
  slot: StatusSlot;
  issuedAt: Date;
}

/** Signs one job: here (`signWithEdition`), or in a signing thread (`SigningPool.sign`). */
export type Signer = (job: SignJob) => Promise<SignOutcome>;

/**
 * Builds the credential around its id and status slot and signs it, and its compact QR edition,
 * with `key`, here or through `signer` (a batch's signing threads). No database: a batch signs a
 * whole chunk this way outside any transaction. Throws `CredentialRejectedError` when the core
 * refuses the credential.
 */
export async function signIssue(
  ctx: IssuerContext,
  input: IssueInput,
  parts: { slot: StatusSlot; key: SigningKey; now: Date; publicId?: string; vcId?: string },
  signer?: Signer,
): Promise<SignedIssue> {
  const org = input.organisation;
  const publicId = parts.publicId ?? randomUUID();
  const vcId = parts.vcId ?? input.vcId ?? `urn:uuid:${publicId}`;
  const credentialStatus = buildStatusEntry({
    listCredentialUrl: statusListUrl(
      ctx.config,
      org.slug,
      input.statusPurpose,
      parts.slot.listNumber,
    ),
    index: parts.slot.index,
    statusPurpose: input.statusPurpose,
  });
  let unsigned: Credential;
  try {
    unsigned = input.build({ id: vcId, credentialStatus });
  } catch (error) {
    // The core refuses inconsistent input (TypeError, RangeError): data, not a crash.
    throw rejected(error);
  }
  // Where verifiers read since when and why (VC 2.0: the entry's statusReference).
  addStatusReference(unsigned, credentialStatus);
  const job: SignJob = {
    unsigned,
    key: parts.key,
    cryptosuite: input.cryptosuite,
    date: parts.now.toISOString(),
    // Its compact QR edition, signed now too and stored in the same row (exactly once).
    compactId: `urn:uuid:${randomUUID()}`,
  };
  const outcome = signer ? await signer(job) : await signWithEdition(ctx.signingLoader, job);
  if (!outcome.ok) {
    throw outcome.error !== undefined
      ? rejected(outcome.error)
      : new CredentialRejectedError(outcome.reason);
  }
  if (outcome.compactError !== undefined) {
    // The full credential signed; its printed edition is an extra that must not stop it.
    ctx.log.error("compact credential not signed", { reason: outcome.compactError });
  }
  return {
    publicId,
    vcId,
    signed: outcome.signed,
    compact: outcome.compact,
    slot: parts.slot,
    issuedAt: parts.now,
  };
}

/**
 * Stores a signed credential in the caller's transaction: the row (unique per external id),
 * its claim offer, and the caller's own step (`inTransaction`). Undefined, with nothing
 * stored, when the external id is taken.
 */
export async function storeIssue(
  ctx: IssuerContext,
  trx: Db,
  input: IssueInput,
  issue: SignedIssue,
): Promise<{ credential: CredentialRow; offer: ClaimOfferRow | undefined } | undefined> {
  const at = issue.issuedAt.toISOString();
  const row = await insertCredential(trx, {
    public_id: issue.publicId,
    vc_id: issue.vcId,
    organisation_id: input.organisation.id,
    achievement_id: input.achievementId ?? null,
    external_id: input.externalId ?? null,
    learner_email: input.learner?.email ?? null,
    learner_name: input.learner?.name ?? null,
    learner_curp_hmac: input.learner?.curpHmac ?? null,
    subject_did: subjectDid(issue.signed),
    credential: JSON.stringify(issue.signed),
    compact_credential: issue.compact ? JSON.stringify(issue.compact) : null,
    cryptosuite: input.cryptosuite,
    status_purpose: input.statusPurpose,
    status_list_id: issue.slot.listId,
    status_index: issue.slot.index,
    status: "active",
    batch_id: input.batchId ?? null,
    issued_at: at,
    updated_at: at,
  });
  if (!row) return undefined;
  const offer = input.offer ? await createOffer(ctx, trx, row) : undefined;
  await input.inTransaction?.(trx, row, offer);
  return { credential: row, offer };
}

/**
 * Issues one credential: in a short transaction, the checks (external id, VC id), a random
 * status index on the organisation's open list and its current key; then, outside any
 * transaction, the credential built around that index and signed (in a signing thread when
 * there are some); then, in a second transaction, the row inserted (unique per external id and
 * per VC id), the claim offer created, and the caller's own step. Signing no longer holds the
 * database (SQLite has one connection: every other request waited for it). A credential issued
 * meanwhile under the same external id or VC id wins (the unique indexes decide, exactly once);
 * a credential that is then not stored leaves its status index reserved and unused, as a batch
 * row that failed does.
 */
export async function issueCredential(
  ctx: IssuerContext,
  input: IssueInput,
): Promise<IssueOutcome> {
  const org = input.organisation;
  const externalId = input.externalId ?? null;
  try {
    const reserved = await ctx.db.transaction().execute(async (trx) => {
      if (externalId !== null && !input.knownNew) {
        const existing = await findCredentialByExternalId(trx, org.id, externalId);
        if (existing) return { kind: "duplicate-external-id" as const, existing };
      }
      const publicId = randomUUID();
      const vcId = input.vcId ?? `urn:uuid:${publicId}`;
      if (input.vcId !== undefined && (await findCredentialByVcId(trx, org.id, vcId))) {
        return { kind: "duplicate-id" as const };
      }
      const now = ctx.now();
      const slot = await allocateStatusSlot(trx, {
        organisationId: org.id,
        purpose: input.statusPurpose,
        length: ctx.config.limits.statusListLength,
        now: now.toISOString(),
      });
      const key = input.signingKey ?? (await ctx.keys.signingKey(trx, org.id));
      return { kind: "reserved" as const, publicId, vcId, now, slot, key };
    });
    if (reserved.kind !== "reserved") return reserved;
    const { publicId, vcId, now, slot, key } = reserved;
    const issue = await signIssue(ctx, input, { slot, key, now, publicId, vcId }, poolSigner(ctx));
    return await ctx.db.transaction().execute(async (trx): Promise<IssueOutcome> => {
      const stored = await storeIssue(ctx, trx, input, issue);
      if (!stored) throw new DuplicateExternalId();
      return {
        kind: "issued",
        credential: stored.credential,
        signed: issue.signed,
        offer: stored.offer,
      };
    });
  } catch (error) {
    // Someone else issued under this external id while we were signing: theirs stands.
    if (error instanceof DuplicateExternalId || (isUniqueViolation(error) && externalId !== null)) {
      const existing = await findCredentialByExternalId(ctx.db, org.id, externalId!);
      if (existing) return { kind: "duplicate-external-id", existing };
    }
    if (isUniqueViolation(error) && input.vcId !== undefined) return { kind: "duplicate-id" };
    throw error;
  }
}

/**
 * Signs in the signing threads when there are some, so that this thread keeps answering
 * requests meanwhile. A credential a thread refuses is signed again here, for the error that
 * names the rule it breaks (a thread sends only its message).
 */
function poolSigner(ctx: IssuerContext): Signer | undefined {
  const pool = ctx.signingPool();
  if (!pool) return undefined;
  return async (job) => {
    const outcome = await pool.sign(job);
    return outcome.ok ? outcome : signWithEdition(ctx.signingLoader, job);
  };
}
