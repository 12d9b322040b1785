import { buildPresentation, signPresentation } from "@avala/credentials";
import { GuardedFetchError } from "@avala/guarded-fetch";
import type { LocalizedText } from "@avala/i18n";
import type { WalletContext } from "../context.js";
import type { Account } from "../db/repositories.js";
import { keepCompactEdition } from "./compact.js";
import { holderSigningKey } from "./holder-key.js";
import { type ReceiveOutcome, receiveCredential } from "./holding.js";

/**
 * The client side of the issuer's claim protocol:
 *
 * 1. `GET <offer URL>` (`Accept: application/json`) →
 *    `{ offer: { issuer: { id, name }, achievement: { name, code }, expiresAt }, challenge, domain }`;
 * 2. the holder confirms; the wallet signs an empty Verifiable Presentation with the holder's
 *    key for that challenge and domain (DID authentication);
 * 3. `POST <offer URL>` with `{ presentation }` → 201 `{ verifiableCredential }` bound to the
 *    holder's DID (and `compactCredential`, its compact QR edition, when it has one), or a
 *    problem (404 unknown, 409 already claimed, 410 expired).
 *
 * Offer URLs come from outside (a link, a QR code): they are fetched only through the guarded
 * fetcher (https, or an allow-listed host; no private addresses; time-out; size limit).
 */
export interface Offer {
  url: string;
  issuer: { id: string; name: string };
  achievement: { name: string; code?: string };
  expiresAt?: string;
  challenge: string;
  domain?: string;
  /** Whom the issuer made the offer for, when it says (Avala issuers do). */
  recipient?: { name?: string; email?: string };
}

/** An e-mail address compared as people write it: no surrounding spaces, any case. */
function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The words of a name, as people write it: any case, accents or spacing. */
function nameWords(name: string): string[] {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** One name is the other, or a shorter form of it ("Ana López" and "Ana López García"). */
function sameName(a: string, b: string): boolean {
  const left = nameWords(a);
  const right = nameWords(b);
  if (left.length === 0 || right.length === 0) return true;
  const [short, long] = left.length <= right.length ? [left, right] : [right, left];
  return short.every((word) => long.includes(word));
}

/**
 * True when the issuer says whom the offer is for and it is not the signed-in account: by
 * e-mail when the issuer gives one (compared trimmed, in any case), else by name (any case or
 * accents; a shorter form of the same name matches). The holder may be about to save someone
 * else's credential: the page warns, and accepting needs an explicit confirmation.
 */
export function isForSomeoneElse(
  offer: Offer,
  account: { email: string; display_name: string } | undefined,
): boolean {
  const recipient = offer.recipient;
  if (!recipient || !account) return false;
  if (recipient.email) return normalEmail(recipient.email) !== normalEmail(account.email);
  if (recipient.name) return !sameName(recipient.name, account.display_name);
  return false;
}

function recipientOf(value: unknown): Offer["recipient"] {
  if (!isObject(value)) return undefined;
  const name = text(value["name"], 200);
  const email = text(value["email"], 320);
  if (!name && !email) return undefined;
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** Why an offer could not be read or claimed, in words the holder understands (message keys). */
export type OfferProblem =
  | "bad-link"
  | "not-found"
  | "claimed"
  | "expired"
  | "not-allowed"
  | "unreachable"
  | "invalid"
  | "refused";

export type OfferResult = { ok: true; offer: Offer } | { ok: false; problem: OfferProblem };

/**
 * The offer URL inside what a holder pasted or scanned: the offer URL itself
 * (`https://issuer/claims/<token>`) or a wallet claim link (`…/claim?offer=<offer URL>`).
 */
export function offerUrlOf(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  const nested = url.searchParams.get("offer");
  if (nested && url.pathname.endsWith("/claim")) return offerUrlOf(nested);
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username || url.password) return undefined;
  if (!/\/claims\/[A-Za-z0-9._~-]{8,200}$/.test(url.pathname)) return undefined;
  url.hash = "";
  return url.href;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown, max = 500): string | undefined =>
  typeof v === "string" && v.trim() ? v.trim().slice(0, max) : undefined;

function problemOfStatus(status: number | undefined): OfferProblem {
  if (status === 404) return "not-found";
  if (status === 409) return "claimed";
  if (status === 410) return "expired";
  if (status === 422 || status === 400) return "refused";
  return "unreachable";
}

function problemOfError(error: unknown): OfferProblem {
  if (error instanceof GuardedFetchError) {
    if (error.code === "http-status") return problemOfStatus(error.status);
    if (error.code === "invalid-json") return "invalid";
    if (
      error.code === "scheme-not-allowed" ||
      error.code === "host-not-allowed" ||
      error.code === "url-invalid"
    ) {
      return "not-allowed";
    }
  }
  return "unreachable";
}

/** Reads an offer (and a fresh challenge) from the issuer. */
export async function fetchOffer(ctx: WalletContext, input: string): Promise<OfferResult> {
  const url = offerUrlOf(input);
  if (!url) return { ok: false, problem: "bad-link" };
  let body: unknown;
  try {
    body = await ctx.fetch.fetchJson(url, { accept: "application/json" });
  } catch (error) {
    return { ok: false, problem: problemOfError(error) };
  }
  if (!isObject(body) || !isObject(body["offer"])) return { ok: false, problem: "invalid" };
  const offer = body["offer"];
  const issuer = isObject(offer["issuer"]) ? offer["issuer"] : {};
  const achievement = isObject(offer["achievement"]) ? offer["achievement"] : {};
  const challenge = text(body["challenge"], 500);
  const issuerId = text(issuer["id"], 2048);
  if (!challenge || !issuerId) return { ok: false, problem: "invalid" };
  const result: Offer = {
    url,
    issuer: { id: issuerId, name: text(issuer["name"]) ?? issuerId },
    achievement: { name: text(achievement["name"]) ?? "—" },
    challenge,
  };
  const code = text(achievement["code"], 100);
  if (code) result.achievement.code = code;
  const expiresAt = text(offer["expiresAt"], 40);
  if (expiresAt && !Number.isNaN(new Date(expiresAt).getTime())) result.expiresAt = expiresAt;
  if (expiresAt && new Date(expiresAt).getTime() <= ctx.now().getTime()) {
    return { ok: false, problem: "expired" };
  }
  const domain = text(body["domain"], 500);
  if (domain) result.domain = domain;
  const recipient = recipientOf(offer["recipient"]);
  if (recipient) result.recipient = recipient;
  return { ok: true, offer: result };
}

/**
 * `detail`: the issuer's own explanation, when it gives one in every language (Avala issuers send
 * `localizedDetail`); a bare `detail` in one unknown language is not passed on.
 */
export type ClaimResult =
  | { ok: true; outcome: ReceiveOutcome }
  | { ok: false; problem: OfferProblem; detail?: LocalizedText }
  /** The offer is for someone else and the holder did not confirm it is theirs: nothing sent. */
  | { ok: false; problem: "confirm-recipient"; offer: Offer };

/**
 * Claims an offer for `account`: reads it again for a fresh challenge, signs the presentation
 * with the holder's key (opened only for this), posts it, verifies what comes back and keeps it.
 * An offer made for someone else (`isForSomeoneElse`) is claimed only when the holder confirmed
 * the certificate is theirs (`confirmedRecipient`).
 */
export async function claimOffer(
  ctx: WalletContext,
  account: Account,
  input: string,
  options: { confirmedRecipient?: boolean } = {},
): Promise<ClaimResult> {
  const read = await fetchOffer(ctx, input);
  if (!read.ok) return read;
  const { offer } = read;
  if (isForSomeoneElse(offer, account) && !options.confirmedRecipient) {
    return { ok: false, problem: "confirm-recipient", offer };
  }
  const presentation = await signPresentation(
    buildPresentation({ holder: account.holder_did, credentials: [] }),
    {
      key: holderSigningKey(ctx.keys.sealKey, account),
      challenge: offer.challenge,
      ...(offer.domain ? { domain: offer.domain } : {}),
      documentLoader: ctx.documentLoader,
      date: ctx.now(),
    },
  );
  let response: Awaited<ReturnType<WalletContext["post"]>>;
  try {
    response = await ctx.post(offer.url, { presentation });
  } catch (error) {
    return { ok: false, problem: problemOfError(error) };
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(response.bytes));
  } catch {
    body = undefined;
  }
  if (response.status < 200 || response.status > 299) {
    const localized = isObject(body) ? body["localizedDetail"] : undefined;
    const es = isObject(localized) ? text(localized["es"], 300) : undefined;
    const en = isObject(localized) ? text(localized["en"], 300) : undefined;
    const detail = es && en ? { es, en } : undefined;
    const result: ClaimResult = { ok: false, problem: problemOfStatus(response.status) };
    if (detail) result.detail = detail;
    return result;
  }
  const credential = isObject(body) ? body["verifiableCredential"] : undefined;
  if (!isObject(credential)) return { ok: false, problem: "invalid" };
  // What comes back must be bound to this wallet's DID, as the protocol promises.
  const subject = credential["credentialSubject"];
  const subjectId = isObject(subject) ? subject["id"] : undefined;
  if (subjectId !== account.holder_did) return { ok: false, problem: "invalid" };
  const verification = await ctx.verify(credential);
  const outcome = await receiveCredential(ctx, account, verification, "claim", offer.url);
  // Its compact QR edition, when the issuer sent one (kept only if it matches and verifies).
  if (outcome.status === "added" && isObject(body) && body["compactCredential"] !== undefined) {
    await keepCompactEdition(
      ctx,
      account,
      outcome.credential,
      credential,
      body["compactCredential"],
    );
  }
  return { ok: true, outcome };
}
