/** Whether a string holds C0 control characters or DEL (NUL included: PostgreSQL text refuses it). */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** The string with C0 control characters and DEL replaced by U+FFFD. */
export function replaceControlCharacters(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? "\uFFFD" : char;
  }
  return out;
}
