import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

/** A sealed secret: AES-256-GCM ciphertext+tag and its IV, both base64. */
export interface Sealed {
  ciphertext: string;
  iv: string;
}

const TAG_BYTES = 16;

/**
 * Authenticated encryption under one 32-byte key. `associatedData` binds a ciphertext to where
 * it belongs (e.g. organisation and key id): moved to another row, it no longer decrypts.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new TypeError("SecretBox needs a 32-byte key");
    this.#key = Buffer.from(key);
  }

  seal(plaintext: string, associatedData: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(associatedData, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return {
      ciphertext: Buffer.concat([body, cipher.getAuthTag()]).toString("base64"),
      iv: iv.toString("base64"),
    };
  }

  /** Throws when the ciphertext, IV, key or associated data do not match. */
  open(sealed: Sealed, associatedData: string): string {
    const data = Buffer.from(sealed.ciphertext, "base64");
    const iv = Buffer.from(sealed.iv, "base64");
    if (iv.length !== 12 || data.length < TAG_BYTES) throw new Error("Malformed sealed secret");
    const decipher = createDecipheriv("aes-256-gcm", this.#key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(data.subarray(0, data.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  }

  /** A compact single-string form (`iv.ciphertext`) for columns that hold one value. */
  sealText(plaintext: string, associatedData: string): string {
    const sealed = this.seal(plaintext, associatedData);
    return `${sealed.iv}.${sealed.ciphertext}`;
  }

  openText(text: string, associatedData: string): string {
    const [iv = "", ciphertext = ""] = text.split(".", 2);
    return this.open({ iv, ciphertext }, associatedData);
  }
}

/**
 * The keys the issuer derives from its master key (HKDF-SHA256, one `info` per purpose), so a
 * key used for one thing is never used for another.
 */
export interface IssuerSecrets {
  /** Encrypts organisation signing keys. */
  signingKeys: SecretBox;
  /** Encrypts CURPs of pending batch rows. */
  pendingRows: SecretBox;
  /** HMAC of claim offer ids (the claim URL token). */
  claimMac(offerId: string): string;
  /** HMAC of a normalised CURP: lets the issuer find a person's credentials, reveals nothing. */
  curpIndex(curp: string): string;
  /** The demo token when AVALA_DEMO_TOKEN is not set: stable across restarts, never stored. */
  derivedDemoToken(): string;
  /** HMAC key of the console's CSRF tokens (bound to a session or a pre-session cookie). */
  consoleCsrfKey: Buffer;
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `avala-issuer/${info}`, 32));
}

export function deriveIssuerSecrets(master: Buffer): IssuerSecrets {
  const claimKey = derive(master, "claim-token/v1");
  const curpKey = derive(master, "curp-index/v1");
  const demoKey = derive(master, "demo-token/v1");
  return {
    signingKeys: new SecretBox(derive(master, "signing-keys/v1")),
    pendingRows: new SecretBox(derive(master, "pending-rows/v1")),
    claimMac: (offerId) =>
      createHmac("sha256", claimKey).update(offerId).digest().subarray(0, 16).toString("base64url"),
    curpIndex: (curp) => createHmac("sha256", curpKey).update(curp).digest("hex"),
    derivedDemoToken: () => `avl_demo_${demoKey.subarray(0, 24).toString("base64url")}`,
    consoleCsrfKey: derive(master, "console-csrf/v1"),
  };
}
