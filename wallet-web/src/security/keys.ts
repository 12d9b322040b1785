import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

/**
 * Keys derived from the master key with HKDF-SHA-256, one per purpose, so that no two uses
 * share a key: encrypting secrets at rest, and MAC-ing CSRF tokens.
 */
export interface WalletKeys {
  /** AES-256-GCM key for holder private keys and share tokens at rest. */
  sealKey: Buffer;
  /** HMAC-SHA-256 key for CSRF tokens. */
  csrfKey: Buffer;
}

export function deriveWalletKeys(masterKey: Uint8Array): WalletKeys {
  if (masterKey.byteLength !== 32) throw new TypeError("The master key must be 32 bytes.");
  const derive = (info: string) =>
    Buffer.from(hkdfSync("sha256", masterKey, "avala-wallet", info, 32));
  return { sealKey: derive("seal v1"), csrfKey: derive("csrf v1") };
}

const SEALED_PREFIX = "v1.";

/**
 * Encrypts a secret with AES-256-GCM under `key`, with a random 96-bit nonce. `context` (e.g. the
 * owning account's public id) is authenticated but not stored: a sealed value moved to another
 * row or account no longer opens.
 */
export function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** Opens a value made by `seal`; throws when it was altered, moved or sealed under another key. */
export function open(key: Buffer, sealed: string, context: string): string {
  if (!sealed.startsWith(SEALED_PREFIX)) throw new Error("Not a sealed value.");
  const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), "base64url");
  if (raw.length < 28) throw new Error("Not a sealed value.");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** A random token for URLs and cookies: 256 bits, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** How tokens are stored: SHA-256, hex. A leaked table gives no usable session or share link. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function hmac(key: Buffer, message: string): string {
  return createHmac("sha256", key).update(message, "utf8").digest("base64url");
}

/** Constant-time comparison of two strings (false when lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
