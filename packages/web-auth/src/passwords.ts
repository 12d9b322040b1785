import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Password hashing with scrypt (node:crypto). The stored form names its parameters, so the cost
 * can be raised later and old hashes still verify:
 * `scrypt$<log2 N>$<r>$<p>$<salt base64url>$<hash base64url>`.
 */
export interface ScryptCost {
  /** log2 of N, the CPU/memory cost. 15 (N = 32768, 32 MiB with r = 8) by default. */
  log2N: number;
  r: number;
  p: number;
}

export const defaultScryptCost: ScryptCost = { log2N: 15, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Longest password accepted: scrypt would take anything, but nobody types more. */
export const MAX_PASSWORD_LENGTH = 1024;
export const MIN_PASSWORD_LENGTH = 10;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  const options: ScryptOptions = {
    N,
    r: cost.r,
    p: cost.p,
    // scrypt needs 128 * N * r bytes; leave headroom over node's 32 MiB default.
    maxmem: 256 * N * cost.r,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(
  password: string,
  cost: ScryptCost = defaultScryptCost,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, cost);
  return [
    "scrypt",
    cost.log2N,
    cost.r,
    cost.p,
    salt.toString("base64url"),
    key.toString("base64url"),
  ].join("$");
}

const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([\w-]{16,})\$([\w-]{32,})$/;

/** Whether `password` matches a stored hash; the comparison takes the same time either way. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = STORED.exec(stored);
  if (!match) return false;
  const cost = { log2N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (cost.log2N < 10 || cost.log2N > 20 || cost.r < 1 || cost.p < 1) return false;
  const expected = Buffer.from(match[5]!, "base64url");
  const actual = await derive(password, Buffer.from(match[4]!, "base64url"), cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification without an account, so that "no such e-mail" and
 * "wrong password" cannot be told apart by timing.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword("not a password of anyone");
  await verifyPassword(password, await dummyHash);
  return false;
}
