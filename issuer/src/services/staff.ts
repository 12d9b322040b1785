import { createHash, randomUUID } from "node:crypto";
import type { MessageKey } from "@avala/i18n";
import {
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  randomToken,
  tokenHash,
  verifyAgainstNothing,
  verifyPassword,
} from "@avala/web-auth";
import type { IssuerContext } from "../context.js";
import type { OrganisationRow } from "../db/repositories/organisations.js";
import { findOrganisationById } from "../db/repositories/organisations.js";
import {
  deleteEndedRateLimits,
  forgetRateLimit,
  giveBackRateLimitHit,
  hitRateLimit,
} from "../db/repositories/rate-limits.js";
import {
  closeInvitationsOf,
  countActiveAdmins,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfStaff,
  findLiveSession,
  findOpenInvitation,
  findStaffByEmail,
  findStaffById,
  findStaffOfOrganisation,
  insertInvitation,
  insertStaff,
  insertStaffSession,
  type StaffRow,
  updateStaff,
  useInvitation,
} from "../db/repositories/staff.js";
import type { StaffRole } from "../db/schema.js";
import { type Actor, recordAudit } from "./audit.js";

/** How long a console session lasts, and an invitation link. */
export const STAFF_SESSION_MS = 8 * 3600_000;
export const INVITATION_MS = 7 * 86_400_000;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@.]{2,63}$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

/** What a role may do: viewers read, operators also issue and revoke, admins do everything. */
export function roleAllows(role: StaffRole, needed: StaffRole): boolean {
  const rank: Record<StaffRole, number> = { viewer: 0, operator: 1, admin: 2 };
  return rank[role] >= rank[needed];
}

export function actorOf(staff: Pick<StaffRow, "public_id" | "name" | "email">): Actor {
  return { id: staff.public_id, label: `${staff.name} <${staff.email}>` };
}

export function invitationUrl(ctx: IssuerContext, token: string): string {
  return `${ctx.config.publicUrl}/console/invitation/${token}`;
}

export type FieldErrors = Partial<Record<"name" | "email" | "password" | "role", MessageKey>>;

export type InviteOutcome =
  | { ok: true; staff: StaffRow; invitationId: number; url: string; expiresAt: string }
  | { ok: false; errors: FieldErrors };

/**
 * Invites a person into an organisation's console: a staff account without a password and a
 * one-time link (7 days) that lets them set one. Inviting again someone who has not accepted
 * yet replaces their link (and may change their role). An e-mail already used by someone who
 * signed in, or by another organisation, is refused.
 */
export async function inviteStaff(
  ctx: IssuerContext,
  org: OrganisationRow,
  input: { email: string; name: string; role: StaffRole },
  invitedBy: Actor,
): Promise<InviteOutcome> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const errors: FieldErrors = {};
  if (!isEmail(email)) errors.email = "console.staff.error.email";
  if (name.length < 1 || name.length > 200) errors.name = "console.staff.error.name";
  if (Object.keys(errors).length) return { ok: false, errors };
  const token = randomToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + INVITATION_MS).toISOString();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    let staff = await findStaffByEmail(trx, email);
    if (staff && (staff.organisation_id !== org.id || staff.password_hash !== null)) {
      return undefined;
    }
    if (staff) {
      staff = (await updateStaff(trx, staff.id, { role: input.role, name })) ?? staff;
      await closeInvitationsOf(trx, staff.id, now.toISOString());
    } else {
      staff = await insertStaff(trx, {
        public_id: randomUUID(),
        organisation_id: org.id,
        email,
        name,
        role: input.role,
        password_hash: null,
        created_at: now.toISOString(),
        disabled_at: null,
        last_sign_in_at: null,
      });
      if (!staff) return undefined;
    }
    const invitation = await insertInvitation(trx, {
      token_hash: tokenHash(token),
      staff_id: staff.id,
      invited_by: invitedBy.label,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    });
    await recordAudit(
      trx,
      {
        organisationId: org.id,
        actor: invitedBy,
        action: "staff.invite",
        subject: staff.public_id,
        details: { email, role: input.role },
      },
      now,
    );
    return { staff, invitationId: invitation.id };
  });
  if (!outcome) return { ok: false, errors: { email: "console.staff.error.taken" } };
  return {
    ok: true,
    staff: outcome.staff,
    invitationId: outcome.invitationId,
    url: invitationUrl(ctx, token),
    expiresAt,
  };
}

export interface OpenInvitation {
  invitationId: number;
  staff: StaffRow;
  organisation: OrganisationRow;
}

/** The invitation behind a link's token, while it can still be used. */
export async function openInvitation(
  ctx: IssuerContext,
  token: string,
): Promise<OpenInvitation | undefined> {
  if (!/^[\w-]{43}$/.test(token)) return undefined;
  const invitation = await findOpenInvitation(ctx.db, tokenHash(token), ctx.now().toISOString());
  if (!invitation) return undefined;
  const staff = await findStaffById(ctx.db, invitation.staff_id);
  if (!staff || staff.disabled_at !== null) return undefined;
  const organisation = await findOrganisationById(ctx.db, staff.organisation_id);
  if (!organisation) return undefined;
  return { invitationId: invitation.id, staff, organisation };
}

/** Password rules: long enough, not absurdly long, not the e-mail. */
export function passwordError(password: string, email: string): MessageKey | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return "console.password.short";
  if (password.length > MAX_PASSWORD_LENGTH) return "console.password.long";
  if (password.trim() === "" || password.toLowerCase() === email) return "console.password.weak";
  return undefined;
}

export type AcceptOutcome = { ok: true; staff: StaffRow } | { ok: false; errors: FieldErrors };

/** Sets the invited person's name and password and uses the invitation, once. */
export async function acceptInvitation(
  ctx: IssuerContext,
  token: string,
  input: { name: string; password: string },
): Promise<AcceptOutcome | undefined> {
  const open = await openInvitation(ctx, token);
  if (!open) return undefined;
  const name = input.name.trim();
  const errors: FieldErrors = {};
  if (name.length < 1 || name.length > 200) errors.name = "console.staff.error.name";
  const weak = passwordError(input.password, open.staff.email);
  if (weak) errors.password = weak;
  if (Object.keys(errors).length) return { ok: false, errors };
  const hash = await hashPassword(input.password);
  const now = ctx.now();
  const staff = await ctx.db.transaction().execute(async (trx) => {
    if (!(await useInvitation(trx, open.invitationId, now.toISOString()))) return undefined;
    await closeInvitationsOf(trx, open.staff.id, now.toISOString());
    const updated = await updateStaff(trx, open.staff.id, { name, password_hash: hash });
    if (!updated) return undefined;
    await recordAudit(
      trx,
      {
        organisationId: updated.organisation_id,
        actor: actorOf(updated),
        action: "staff.accept",
        subject: updated.public_id,
      },
      now,
    );
    return updated;
  });
  return staff ? { ok: true, staff } : undefined;
}

/**
 * Failed sign-ins counted per e-mail and address (5 per 15 minutes), per e-mail from anywhere
 * (20) and per address (50); past any of them sign-in is refused without checking the password
 * until the window ends. The platform token is counted under the e-mail `platform`.
 */
/**
 * How many sign-ins may fail in a window, per account on one address, per account and per
 * address. The counts live in the database (`issuer_rate_limit`), so every issuer process on one
 * PostgreSQL shares them: adding processes does not add guesses.
 */
export interface SignInLimits {
  windowMs: number;
  byAccountAndAddress: number;
  byAccount: number;
  byAddress: number;
}

export function createSignInLimits(): SignInLimits {
  return { windowMs: 15 * 60_000, byAccountAndAddress: 5, byAccount: 20, byAddress: 50 };
}

function signInWindows(limits: SignInLimits, account: string, address: string) {
  const keyHash = (key: string) => createHash("sha256").update(key).digest("base64url");
  return [
    { scope: "signin-account-address", keyHash: keyHash(`${account}\n${address}`) },
    { scope: "signin-account", keyHash: keyHash(account) },
    { scope: "signin-address", keyHash: keyHash(address) },
  ].map((w, i) => ({
    ...w,
    max: [limits.byAccountAndAddress, limits.byAccount, limits.byAddress][i] ?? 0,
  }));
}

/**
 * Counts one attempt in each window before the secret is compared (so attempts sent in
 * parallel, to one process or several, each see the others), and answers the seconds to wait
 * when any window is past its limit, or 0.
 */
async function takeAttempt(
  ctx: IssuerContext,
  limits: SignInLimits,
  account: string,
  address: string,
): Promise<number> {
  const at = ctx.now().getTime();
  const windows = signInWindows(limits, account, address);
  const hits = [];
  for (const w of windows) {
    hits.push(await hitRateLimit(ctx.db, { ...w, at, windowMs: limits.windowMs }));
  }
  // A window that starts now is a good moment to sweep the ended ones (indexed by end).
  if (hits.some((hit) => hit.count === 1)) await deleteEndedRateLimits(ctx.db, at);
  let wait = 0;
  hits.forEach((hit, i) => {
    if (hit.count > (windows[i]?.max ?? 0)) {
      wait = Math.max(wait, Math.max(1, Math.ceil((hit.endsAt - at) / 1000)));
    }
  });
  return wait;
}

/** After a right secret: the account's failures on that address are forgotten, the others keep. */
async function attemptSucceeded(
  ctx: IssuerContext,
  limits: SignInLimits,
  account: string,
  address: string,
) {
  const [exact, ...shared] = signInWindows(limits, account, address);
  if (exact) await forgetRateLimit(ctx.db, exact);
  for (const w of shared) await giveBackRateLimitHit(ctx.db, w);
}

export type SignInOutcome =
  | { ok: true; staff: StaffRow }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfter: number };

/**
 * Checks a staff member's e-mail and password. An unknown e-mail, a disabled account or one
 * that has not accepted its invitation are refused exactly like a wrong password, after the
 * same scrypt time.
 */
export async function signInStaff(
  ctx: IssuerContext,
  limits: SignInLimits,
  input: { email: string; password: string; address: string },
): Promise<SignInOutcome> {
  const email = normalizeEmail(input.email).slice(0, 254);
  const wait = await takeAttempt(ctx, limits, email, input.address);
  if (wait > 0) return { ok: false, reason: "locked", retryAfter: wait };
  const password = input.password.slice(0, MAX_PASSWORD_LENGTH);
  const staff = email ? await findStaffByEmail(ctx.db, email) : undefined;
  const usable = staff && staff.disabled_at === null && staff.password_hash !== null;
  const matches = usable
    ? await verifyPassword(password, staff.password_hash!)
    : await verifyAgainstNothing(password);
  if (!usable || !matches) return { ok: false, reason: "invalid" };
  await attemptSucceeded(ctx, limits, email, input.address);
  const updated = await updateStaff(ctx.db, staff.id, {
    last_sign_in_at: ctx.now().toISOString(),
  });
  return { ok: true, staff: updated ?? staff };
}

/** Checks the platform admin token typed into the sign-in form, with the same limits. */
export async function checkPlatformToken(
  ctx: IssuerContext,
  limits: SignInLimits,
  token: string,
  address: string,
  matches: (token: string) => boolean,
): Promise<
  | { ok: true }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfter: number }
> {
  const wait = await takeAttempt(ctx, limits, "platform", address);
  if (wait > 0) return { ok: false, reason: "locked", retryAfter: wait };
  if (ctx.config.platformAdminToken === undefined || !matches(token)) {
    return { ok: false, reason: "invalid" };
  }
  await attemptSucceeded(ctx, limits, "platform", address);
  return { ok: true };
}

/** Starts a session (a staff member's, or the platform admin's with `null`); returns its id. */
export async function startStaffSession(
  ctx: IssuerContext,
  staffId: number | null,
  previousHash?: string,
): Promise<{ id: string; maxAgeSeconds: number }> {
  if (previousHash) await deleteSession(ctx.db, previousHash);
  const now = ctx.now();
  await deleteExpiredSessions(ctx.db, now.toISOString());
  const id = randomToken();
  await insertStaffSession(ctx.db, {
    id_hash: tokenHash(id),
    staff_id: staffId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + STAFF_SESSION_MS).toISOString(),
  });
  return { id, maxAgeSeconds: STAFF_SESSION_MS / 1000 };
}

export type SessionHolder =
  | { kind: "staff"; staff: StaffRow; organisation: OrganisationRow; idHash: string }
  | { kind: "platform"; idHash: string };

/** Who holds a live session id: a staff member who may still sign in, or the platform admin. */
export async function sessionHolder(
  ctx: IssuerContext,
  id: string,
): Promise<SessionHolder | undefined> {
  const idHash = tokenHash(id);
  const session = await findLiveSession(ctx.db, idHash, ctx.now().toISOString());
  if (!session) return undefined;
  if (session.staff_id === null) {
    return ctx.config.platformAdminToken === undefined ? undefined : { kind: "platform", idHash };
  }
  const staff = await findStaffById(ctx.db, session.staff_id);
  if (!staff || staff.disabled_at !== null || staff.password_hash === null) return undefined;
  const organisation = await findOrganisationById(ctx.db, staff.organisation_id);
  if (!organisation) return undefined;
  return { kind: "staff", staff, organisation, idHash };
}

export async function endStaffSession(ctx: IssuerContext, idHash: string): Promise<void> {
  await deleteSession(ctx.db, idHash);
}

export type StaffChange =
  | { ok: true; staff: StaffRow }
  | {
      ok: false;
      code: "console.staff.not-found" | "console.staff.last-admin" | "console.staff.self";
    };

/**
 * Changes a person's role, or disables or re-enables their account (disabling ends their
 * sessions). An admin cannot change their own account this way, and the organisation always
 * keeps one admin who can sign in.
 */
export async function changeStaff(
  ctx: IssuerContext,
  org: OrganisationRow,
  actor: StaffRow,
  publicId: string,
  change: { role: StaffRole } | { disabled: boolean },
): Promise<StaffChange> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx): Promise<StaffChange> => {
    const staff = await findStaffOfOrganisation(trx, org.id, publicId);
    if (!staff) return { ok: false, code: "console.staff.not-found" };
    if (staff.id === actor.id) return { ok: false, code: "console.staff.self" };
    const losesAdmin =
      staff.role === "admin" &&
      staff.disabled_at === null &&
      ("role" in change ? change.role !== "admin" : change.disabled);
    if (losesAdmin && (await countActiveAdmins(trx, org.id)) <= 1) {
      return { ok: false, code: "console.staff.last-admin" };
    }
    const updated =
      "role" in change
        ? await updateStaff(trx, staff.id, { role: change.role })
        : await updateStaff(trx, staff.id, {
            disabled_at: change.disabled ? now.toISOString() : null,
          });
    if (!updated) return { ok: false, code: "console.staff.not-found" };
    if ("disabled" in change && change.disabled) await deleteSessionsOfStaff(trx, staff.id);
    await recordAudit(
      trx,
      {
        organisationId: org.id,
        actor: actorOf(actor),
        action:
          "role" in change ? "staff.role" : change.disabled ? "staff.disable" : "staff.enable",
        subject: staff.public_id,
        details:
          "role" in change ? { email: staff.email, role: change.role } : { email: staff.email },
      },
      now,
    );
    return { ok: true, staff: updated };
  });
}
