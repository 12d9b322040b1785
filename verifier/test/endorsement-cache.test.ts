import type { Credential } from "@avala/credentials";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EndorsementCache } from "../src/endorsement-cache.js";
import { createEndorsementCache } from "../src/endorsement-cache.js";
import type { CredentialVerification, VerifyOptions } from "../src/index.js";
import { verify } from "../src/index.js";
import type { FixtureWorld } from "../src/testing.js";
import { createFixtureWorld } from "../src/testing.js";

/**
 * The endorsement cache: an issuer's embedded endorsement is signature-checked once (per DID
 * cache time), its status and validity on every verification, and a changed byte is a new
 * endorsement, checked in full.
 */
let world: FixtureWorld;

beforeAll(async () => {
  world = await createFixtureWorld();
});

afterAll(async () => {
  await world?.server.close();
});

/** A cache that counts how often an endorsement was verified in full (its signature checked). */
function countingCache(clock: { now: number }) {
  const inner = createEndorsementCache({ ttlMs: 60_000, now: () => clock.now });
  const counts = { stable: 0 };
  const cache: EndorsementCache = {
    verify: (endorsement, full, current) =>
      inner.verify(
        endorsement,
        () => {
          counts.stable++;
          return full();
        },
        current,
      ),
  };
  return { cache, counts };
}

async function trustOf(endorsements: Credential[], options: Partial<VerifyOptions>) {
  const { credential } = await world.issue({ issuer: world.entidad, endorsements });
  const result = (await verify(credential, world.verifyOptions(options))) as CredentialVerification;
  return result.trust?.status;
}

describe("endorsement cache", () => {
  it("checks a signature once, status and validity every time, a changed byte in full", async () => {
    const clock = { now: 0 };
    const { cache, counts } = countingCache(clock);
    const options = { endorsementCache: cache };
    const endorsement = await world.endorse(world.sep, world.entidad, {
      statusIndex: 51_001,
      validUntil: new Date(world.now.getTime() + 86_400_000),
    });
    expect(await trustOf([endorsement], options)).toBe("accredited");
    expect(await trustOf([structuredClone(endorsement)], options)).toBe("accredited");
    expect(counts.stable).toBe(1);

    // Revoked: the list is read on every use, the cached signature does not help it.
    await world.setStatus(world.sep, "revocation", 51_001, true);
    expect(await trustOf([endorsement], options)).toBe("unknown");
    await world.setStatus(world.sep, "revocation", 51_001, false);
    expect(await trustOf([endorsement], options)).toBe("accredited");
    // Expired at the verifier's clock: judged at each verification's instant.
    const later = new Date(world.now.getTime() + 2 * 86_400_000);
    const expired = await verify(
      (await world.issue({ issuer: world.entidad, endorsements: [endorsement] })).credential,
      world.verifyOptions({ ...options, now: later }),
    );
    expect((expired as CredentialVerification).trust?.status).not.toBe("accredited");
    expect(counts.stable).toBe(1);

    // One character changed in what the endorser signed: a new key, checked, refused.
    const tampered = structuredClone(endorsement);
    tampered.validFrom = String(tampered.validFrom).replace(/\d(?=Z$)/, (d) =>
      String((Number(d) + 1) % 10),
    );
    expect(tampered.validFrom).not.toBe(endorsement.validFrom);
    expect(await trustOf([tampered], options)).toBe("unknown");
    expect(counts.stable).toBe(2);
    // Refused results are not kept: the same tampered copy is checked again.
    expect(await trustOf([tampered], options)).toBe("unknown");
    expect(counts.stable).toBe(3);

    // After the DID cache time the signature is checked again.
    clock.now += 60_001;
    expect(await trustOf([endorsement], options)).toBe("accredited");
    expect(counts.stable).toBe(4);
  });
});
