/** What `throughput.ts` and its side processes (`throughput-side.ts`) share. */

export const kinds = ["plain", "cohort"] as const;
/** Avala; stock; stock with the key imported once (step one of the fast path, alone). */
export const sides = ["avala", "stock", "stock-key-once"] as const;
export type Kind = (typeof kinds)[number];
export type Operation = "sign" | "verify";
export type Side = (typeof sides)[number];

/** What the parent sends: run `count` operations starting at credential `from`, or stop. */
export type Request = { run: { from: number; count: number } } | { stop: true };
/** What a side answers: ready (warmed up), or the cost of a round, µs in all. */
export type Reply = { ready: { bytes: number } } | { cpu: number; wall: number };
