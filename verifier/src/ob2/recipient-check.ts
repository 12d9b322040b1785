import { makeCheck, verdictOf } from "@avala/credentials";
import type { Verification } from "../verify.js";
import { matchRecipient } from "./recipient.js";

/**
 * An Open Badges 2.0 result checked, afterwards, against the e-mail it should have been awarded
 * to (as `recipientEmail` does during `verify`): for callers whose verify function is shared
 * and takes no per-call options (the wallet: the account's e-mail). Anything else, or a result
 * already checked, is returned as it is.
 */
export function withOb2Recipient(verification: Verification, email: string): Verification {
  if (verification.kind !== "credential" || !verification.ob2?.assertion) return verification;
  if (verification.ob2.recipient !== "not-checked" || !email) return verification;
  const match = matchRecipient(verification.ob2.assertion.recipient, email);
  const check =
    match === "match"
      ? makeCheck("document", "pass", "ob2.recipient-match")
      : match === "no-match"
        ? makeCheck("document", "fail", "ob2.recipient-mismatch")
        : makeCheck("document", "warning", "ob2.recipient-unreadable");
  const checks = [...verification.checks, check];
  const verdict = verdictOf(checks);
  return {
    ...verification,
    checks,
    verdict,
    verified: verdict !== "invalid",
    ob2: {
      ...verification.ob2,
      recipient: match === "match" || match === "no-match" ? match : "unreadable",
    },
  };
}
