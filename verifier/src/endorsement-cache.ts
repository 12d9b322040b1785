import { createHash } from "node:crypto";
import type { Check, VerificationResult } from "@avala/credentials";
import { BoundedCache, verdictOf } from "@avala/credentials";

/**
 * What verifying an embedded endorsement found that does not change from one request to the
 * next (its contexts, schema, proof and issuer binding), kept by the SHA-256 of its exact JSON
 * text: every credential of a cohort carries its issuer's endorsement, byte for byte the same,
 * and its signature need not be checked again for each. A changed byte is another key, so a
 * hit can never make an altered endorsement count; only results where every such check passed
 * are kept (a key that could not be fetched is tried again next time). Its validity and its
 * status are judged afresh on every use (status lists are never cached). Bounded (least
 * recently used out) and each entry kept at most `ttlMs`: the DID documents' cache time, so a
 * rotated did:web key is seen as soon as without this cache.
 */
export interface EndorsementCache {
  /**
   * The endorsement's verification: `verifyFull` (every check) when the cache does not hold it,
   * else the stable checks it holds with `verifyCurrent`'s validity and status.
   */
  verify(
    endorsement: unknown,
    verifyFull: () => Promise<VerificationResult>,
    verifyCurrent: () => Promise<VerificationResult>,
  ): Promise<VerificationResult>;
}

export const endorsementCacheLimits = { entries: 256 } as const;

/** The checks judged afresh on every use (`verifyCurrent` runs these). */
export const currentEndorsementChecks = ["validity", "status"] as const;

const isCurrent = (check: Check) =>
  (currentEndorsementChecks as readonly string[]).includes(check.check);

interface Entry {
  /** The checks that do not change between requests, every one passed. */
  stable: Check[];
  expires: number;
}

/** Key: SHA-256 of the JSON text; undefined for anything `JSON.stringify` does not make text of. */
function keyOf(endorsement: unknown): string | undefined {
  if (!endorsement || typeof endorsement !== "object" || Array.isArray(endorsement)) {
    return undefined;
  }
  try {
    return createHash("sha256").update(JSON.stringify(endorsement)).digest("base64url");
  } catch {
    return undefined;
  }
}

export function createEndorsementCache(options: {
  ttlMs: number;
  now?: () => number;
}): EndorsementCache {
  const now = options.now ?? Date.now;
  const entries = new BoundedCache<string, Entry>(endorsementCacheLimits.entries);
  return {
    async verify(endorsement, verifyFull, verifyCurrent) {
      const key = keyOf(endorsement);
      const entry = key === undefined ? undefined : entries.get(key);
      if (!entry || entry.expires <= now()) {
        const full = await verifyFull();
        const stable = full.checks.filter((c) => !isCurrent(c));
        if (key !== undefined && full.document && stable.every((c) => c.outcome === "pass")) {
          entries.set(key, { stable: structuredClone(stable), expires: now() + options.ttlMs });
        }
        return full;
      }
      const current = await verifyCurrent();
      const checks = [...structuredClone(entry.stable), ...current.checks.filter(isCurrent)];
      const verdict = verdictOf(checks);
      const out: VerificationResult = { verified: verdict !== "invalid", verdict, checks };
      if (current.document) out.document = current.document;
      return out;
    },
  };
}
