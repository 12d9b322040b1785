import { randomUUID } from "node:crypto";
import type { Locale, MessageKey } from "@avala/i18n";
import {
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  verifyAgainstNothing,
  verifyPassword,
} from "@avala/web-auth";
import type { WalletContext } from "../context.js";
import { deleteAccountData } from "../db/account-lifecycle.js";
import { type Account, findAccountByEmail, insertAccount } from "../db/repositories.js";
import { newHolderKey } from "./holder-key.js";

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  /** The language of the account's e-mail; default Spanish. */
  locale?: Locale;
}

export type FieldErrors = Partial<Record<"name" | "email" | "password", MessageKey>>;

export type SignUpResult = { ok: true; account: Account } | { ok: false; errors: FieldErrors };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@.]{2,63}$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates an account with its own holder key (did:key), the secret sealed under the master key. */
export async function signUp(ctx: WalletContext, input: SignUpInput): Promise<SignUpResult> {
  const errors: FieldErrors = {};
  const name = input.name.trim();
  const email = normalizeEmail(input.email);
  if (name.length < 1 || name.length > 100) errors.name = "wallet.signup.error.name";
  if (!isEmail(email)) errors.email = "wallet.signup.error.email";
  const weak = passwordProblem(input.password, email);
  if (weak) errors.password = weak;
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const publicId = randomUUID();
  const [passwordHash, key] = await Promise.all([
    hashPassword(input.password),
    newHolderKey(ctx.keys.sealKey, publicId),
  ]);
  const account = await insertAccount(ctx.db, {
    public_id: publicId,
    email,
    display_name: name,
    password_hash: passwordHash,
    ...key,
    created_at: ctx.now().toISOString(),
    locale: input.locale ?? "es",
  });
  if (!account) return { ok: false, errors: { email: "wallet.signup.error.taken" } };
  ctx.log.info("account created", { account: publicId });
  return { ok: true, account };
}

/** Whether `email` (normalised) looks like an address the wallet accepts. */
export function isEmail(email: string): boolean {
  return EMAIL.test(email) && email.length <= 254;
}

/** Why a new password is refused (sign-up, reset), or undefined. */
export function passwordProblem(password: string, email: string): MessageKey | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return "wallet.signup.error.short";
  if (password.length > MAX_PASSWORD_LENGTH) return "wallet.signup.error.long";
  if (password.toLowerCase() === email || password.trim() === "") {
    return "wallet.signup.error.weak";
  }
  return undefined;
}

export type SignInResult =
  | { ok: true; account: Account }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfter: number };

/**
 * Counts one password attempt in each window before the password is compared (attempts sent in
 * parallel each see the others), and answers the seconds to wait when any is past its limit.
 */
function takeAttempt(ctx: WalletContext, email: string, address: string): number {
  return Math.max(
    ctx.signInFailures.take(`${email}\n${address}`),
    ctx.signInFailuresByAccount.take(email),
    ctx.signInFailuresByAddress.take(address),
  );
}

/**
 * A right password: this address's count for the account is forgotten; the account's own count
 * and the address's only get this attempt back, so the owner signing in does not hand a
 * distributed guesser a fresh allowance.
 */
function attemptSucceeded(ctx: WalletContext, email: string, address: string) {
  ctx.signInFailures.reset(`${email}\n${address}`);
  ctx.signInFailuresByAccount.giveBack(email);
  ctx.signInFailuresByAddress.giveBack(address);
}

/**
 * Checks e-mail and password. Failures are counted per account and client address (5 per 15
 * minutes), per account from all addresses (20 per 15 minutes) and per address (50 per 15
 * minutes); past any of them, sign-in is refused without even checking the password, until the
 * window ends. "Account" is the e-mail as typed (normalised), so an unknown e-mail is counted and
 * refused exactly like a known one, and costs the same scrypt time: neither the answers nor
 * their timing say whether an account exists.
 */
export async function signIn(
  ctx: WalletContext,
  input: { email: string; password: string; address: string },
): Promise<SignInResult> {
  const email = normalizeEmail(input.email).slice(0, 254);
  const retryAfter = takeAttempt(ctx, email, input.address);
  if (retryAfter > 0) return { ok: false, reason: "locked", retryAfter };
  const password = input.password.slice(0, MAX_PASSWORD_LENGTH);
  const account = email ? await findAccountByEmail(ctx.db, email) : undefined;
  const matches = account
    ? await verifyPassword(password, account.password_hash)
    : await verifyAgainstNothing(password);
  if (!account || !matches) return { ok: false, reason: "invalid" };
  attemptSucceeded(ctx, email, input.address);
  return { ok: true, account };
}

export type DeleteAccountResult =
  | { ok: true }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfter: number };

/**
 * Deletes the signed-in account once its password is given again: the account, its holder key,
 * credentials, share links (which stop working), sessions and reset links, in one transaction
 * (`deleteAccountData`). A wrong password counts as a failed sign-in of that account from that
 * address (the same limits), so a session left open cannot be used to guess the password.
 */
export async function deleteAccount(
  ctx: WalletContext,
  account: Account,
  input: { password: string; address: string },
): Promise<DeleteAccountResult> {
  const retryAfter = takeAttempt(ctx, account.email, input.address);
  if (retryAfter > 0) return { ok: false, reason: "locked", retryAfter };
  const matches = await verifyPassword(
    input.password.slice(0, MAX_PASSWORD_LENGTH),
    account.password_hash,
  );
  if (!matches) return { ok: false, reason: "invalid" };
  attemptSucceeded(ctx, account.email, input.address);
  const credentialIds = await deleteAccountData(ctx.db, account.id);
  for (const id of credentialIds) ctx.verificationCache.delete(String(id));
  ctx.log.info("account deleted", { account: account.public_id });
  return { ok: true };
}
