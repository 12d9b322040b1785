import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign,
  verify,
} from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  importEd25519PrivateKey,
  importEd25519PublicKey,
  signEd25519,
  sodium,
  verifyEd25519,
} from "../src/key-objects.js";

/**
 * libsodium does Avala's Ed25519 arithmetic where it loads; OpenSSL (node:crypto) is the
 * reference: the same signatures, and exactly the same verdicts.
 */

const DER_PRIVATE = Buffer.from("302e020100300506032b657004220420", "hex");
const DER_PUBLIC = Buffer.from("302a300506032b6570032100", "hex");
const opensslPrivate = (seed: Uint8Array) =>
  createPrivateKey({ key: Buffer.concat([DER_PRIVATE, seed]), format: "der", type: "pkcs8" });
const opensslPublic = (raw: Uint8Array) =>
  createPublicKey({ key: Buffer.concat([DER_PUBLIC, raw]), format: "der", type: "spki" });
const rawPublicOf = (seed: Uint8Array) =>
  (
    createPublicKey(opensslPrivate(seed)).export({ format: "der", type: "spki" }) as Buffer
  ).subarray(DER_PUBLIC.length);

const seeds = fc.uint8Array({ minLength: 32, maxLength: 32 });
const messages = fc.uint8Array({ minLength: 0, maxLength: 300 });

describe("Ed25519 through libsodium, judged by OpenSSL", () => {
  it("loads libsodium here (else these tests would check OpenSSL against itself)", () => {
    expect(sodium).toBeDefined();
  });

  it("signs the bytes OpenSSL signs, from a 32-byte seed or a 64-byte secret with a wrong public half", () => {
    fc.assert(
      fc.property(seeds, messages, fc.boolean(), (seed, message, long) => {
        const secret = long ? Buffer.concat([seed, randomBytes(32)]) : seed;
        const key = importEd25519PrivateKey(secret)!;
        expect(Buffer.from(signEd25519(key, message))).toEqual(
          sign(null, message, opensslPrivate(seed)),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("gives OpenSSL's verdict on good, altered and malformed signatures", () => {
    fc.assert(
      fc.property(
        seeds,
        messages,
        fc.constantFrom("good", "signature", "message", "key", "short", "long", "random"),
        fc.nat(),
        (seed, message, change, at) => {
          const raw = Uint8Array.from(rawPublicOf(seed));
          let signature: Uint8Array = sign(null, message, opensslPrivate(seed));
          let data = Uint8Array.from(message);
          let keyBytes = raw;
          const flip = (bytes: Uint8Array) => {
            const copy = Uint8Array.from(bytes);
            if (copy.length > 0) copy[at % copy.length]! ^= 1 << (at % 8);
            return copy;
          };
          if (change === "signature") signature = flip(signature);
          if (change === "message") data = message.length > 0 ? flip(data) : Uint8Array.of(1);
          if (change === "key") keyBytes = flip(raw);
          if (change === "short") signature = signature.subarray(0, 63);
          if (change === "long") signature = Buffer.concat([signature, Buffer.of(0)]);
          if (change === "random") signature = randomBytes(64);
          const key = importEd25519PublicKey(keyBytes);
          if (!key) return; // a key OpenSSL does not import is refused before any signature
          expect(verifyEd25519(key, data, signature)).toBe(
            verify(null, data, opensslPublic(keyBytes), signature),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it("keeps OpenSSL's yes where libsodium is stricter (a small-order public key)", () => {
    // With the identity point as public key, [S]B = R + [k]A holds for R = [a]B, S = a mod L,
    // whatever the message: libsodium refuses such a key, OpenSSL accepts the signature.
    const seed = randomBytes(32);
    const digest = createHash("sha512").update(seed).digest();
    const scalar = Buffer.from(digest.subarray(0, 32));
    scalar[0]! &= 248;
    scalar[31]! &= 127;
    scalar[31]! |= 64;
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let a = 0n;
    for (let i = 31; i >= 0; i--) a = (a << 8n) | BigInt(scalar[i]!);
    let s = a % L;
    const sBytes = Buffer.alloc(32);
    for (let i = 0; i < 32; i++) {
      sBytes[i] = Number(s & 0xffn);
      s >>= 8n;
    }
    const signature = Buffer.concat([rawPublicOf(seed), sBytes]);
    const identity = Buffer.alloc(32);
    identity[0] = 1;
    const message = Buffer.from("any message at all");
    const key = importEd25519PublicKey(identity);
    expect(key).toBeDefined();
    expect(verify(null, message, opensslPublic(identity), signature)).toBe(true);
    expect(sodium!.crypto_sign_verify_detached(signature, message, identity)).toBe(false);
    expect(verifyEd25519(key!, message, signature)).toBe(true);
  });
});
