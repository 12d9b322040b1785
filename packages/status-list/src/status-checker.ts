import type {
  CheckStatus,
  JsonObject,
  StatusCheckResult,
  VerificationResult,
} from "@avala/credentials";
import { decodeBitstring, getBit } from "./bitstring.js";

export interface StatusCheckerOptions {
  /** Fetches a status list credential (in Avala: the guarded fetcher, or the issuer's own store). */
  fetchCredential: (url: string) => Promise<unknown>;
  /** Verifies the list credential's own proof and validity (the core's `verifyCredential`). */
  verifyListCredential: (credential: unknown) => Promise<VerificationResult>;
}

function unavailable(reason: string): StatusCheckResult {
  return { outcome: "could-not-check", code: "status.unavailable", params: { reason } };
}

function issuerId(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const id = (value as JsonObject).id;
    return typeof id === "string" ? id : undefined;
  }
  return undefined;
}

/**
 * A `checkStatus` for the core verifier: reads every `BitstringStatusListEntry`, fetches and
 * verifies its list credential, and reads the bit. A list that cannot be fetched, whose proof
 * fails, or that another issuer signed is "could not check", never a pass.
 */
export function createStatusChecker(options: StatusCheckerOptions): CheckStatus {
  return async (credential) => {
    const raw = credential.credentialStatus;
    const entries = (Array.isArray(raw) ? raw : [raw]) as unknown[];
    let active = true;
    const found: StatusCheckResult[] = [];
    for (const entry of entries.slice(0, 8)) {
      if (!entry || typeof entry !== "object") return unavailable("malformed credentialStatus");
      const e = entry as JsonObject;
      if (e.type !== "BitstringStatusListEntry") {
        return {
          outcome: "could-not-check",
          code: "status.unsupported",
          params: { type: String(e.type).slice(0, 80) },
        };
      }
      const index = Number(e.statusListIndex);
      const url = e.statusListCredential;
      const purpose = e.statusPurpose;
      if (typeof url !== "string" || !Number.isSafeInteger(index) || index < 0) {
        return unavailable("malformed status entry");
      }
      if (purpose !== "revocation" && purpose !== "suspension") {
        return {
          outcome: "could-not-check",
          code: "status.unsupported",
          params: { type: String(purpose).slice(0, 80) },
        };
      }
      let list: unknown;
      try {
        list = await options.fetchCredential(url);
      } catch (error) {
        return unavailable(
          String((error as { code?: string }).code ?? (error as Error).message).slice(0, 120),
        );
      }
      const verification = await options.verifyListCredential(list);
      if (!verification.verified || verification.verdict === "invalid") {
        const failed = verification.checks.find(
          (c) => c.outcome !== "pass" && c.check !== "schema",
        );
        return unavailable(`status list not valid: ${failed?.code ?? "invalid"}`);
      }
      const doc = verification.document as JsonObject;
      if (issuerId(doc.issuer) !== issuerId(credential.issuer)) {
        return unavailable("status list signed by another issuer");
      }
      const subject = doc.credentialSubject as JsonObject | undefined;
      if (
        !subject ||
        subject.statusPurpose !== purpose ||
        typeof subject.encodedList !== "string"
      ) {
        return unavailable("status list does not match the entry");
      }
      let bit: boolean;
      try {
        bit = getBit(decodeBitstring(subject.encodedList), index);
      } catch (error) {
        return unavailable((error as Error).message.slice(0, 120));
      }
      if (bit) {
        active = false;
        found.push({
          outcome: "fail",
          code: purpose === "revocation" ? "status.revoked" : "status.suspended",
        });
      }
    }
    if (active) return { outcome: "pass", code: "status.active" };
    // Revocation outranks suspension when both are set.
    return found.find((f) => f.code === "status.revoked") ?? found[0]!;
  };
}
