/** The encodings a key's text may use: `base64` only, or 64 hex characters else base64. */
export type MasterKeyEncoding = "base64" | "hex-or-base64";

/** The key's bytes from its text, or undefined unless they are 32; never throws. */
export function parseMasterKey(text: string, encoding: MasterKeyEncoding): Buffer | undefined {
  const bytes =
    encoding === "hex-or-base64" && /^[0-9a-f]{64}$/i.test(text)
      ? Buffer.from(text, "hex")
      : Buffer.from(text, "base64");
  return bytes.length === 32 ? bytes : undefined;
}
