/** A boolean stored in an `integer` column on both engines. */
export type Flag = 0 | 1;

export function toFlag(value: boolean): Flag {
  return value ? 1 : 0;
}

export function fromFlag(value: number): boolean {
  return value !== 0;
}

/** Serialises a JSON value for a `text` column (the same on both engines; no `jsonb`). */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) {
    throw new TypeError("[avala/db] toJsonText needs a JSON value (got undefined or a function)");
  }
  return text;
}

/** Parses a `text` column written by `toJsonText`; validate the result before trusting it. */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text);
}
