import { GuardedFetchError } from "./errors.js";

/**
 * How many requests one unit of work (one incoming request, one verification) may send. Create
 * one per unit of work and pass it with every fetch made on its behalf: each request sent,
 * redirect hops included, is charged before it starts, and once `limit` requests have been
 * charged every further one is refused with `budget-exhausted`, before any DNS look-up or
 * connection. Answers from a cache send nothing and cost nothing.
 */
export interface FetchBudget {
  /** Most requests this budget pays for. */
  readonly limit: number;
  /** Requests charged so far. */
  readonly used: number;
  /** Requests refused because the budget was used up. */
  readonly refused: number;
  /** Charges one request to `url`, or throws `GuardedFetchError("budget-exhausted")`. */
  charge(url: string): void;
}

/** A budget of `limit` requests (an integer >= 1; anything else is a programming error). */
export function createFetchBudget(limit: number): FetchBudget {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new TypeError("createFetchBudget: limit must be an integer >= 1");
  }
  let used = 0;
  let refused = 0;
  return {
    limit,
    get used() {
      return used;
    },
    get refused() {
      return refused;
    },
    charge(url) {
      if (used >= limit) {
        refused++;
        throw new GuardedFetchError(
          "budget-exhausted",
          url,
          `The budget of ${limit} requests for this work is used up`,
        );
      }
      used++;
    },
  };
}
