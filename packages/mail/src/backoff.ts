/** How a message that could not be sent is tried again. */
export interface RetryPolicy {
  /** Delay after the first failed attempt, ms; it doubles with each further attempt. */
  baseMs: number;
  /** The longest delay, ms. */
  maxMs: number;
  /** Attempts in all; after the last one fails the message is given up ("failed"). */
  maxAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseMs: 60_000,
  maxMs: 6 * 60 * 60_000,
  maxAttempts: 8,
};

/**
 * The wait after failed attempt number `attempt` (1, 2, …): exponential back-off
 * (`baseMs · 2^(attempt-1)`, at most `maxMs`) with "equal jitter": between half of that and all
 * of it, so that many messages that failed together do not all come back at the same moment.
 * Below the ceiling a later attempt never waits less than the one before it.
 */
export function retryDelayMs(
  attempt: number,
  policy: Pick<RetryPolicy, "baseMs" | "maxMs">,
  random: () => number = Math.random,
): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError("[avala/mail] attempt numbers start at 1");
  }
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt - 1, 40));
  const share = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (share * ceiling) / 2);
}

/** Whether another attempt is allowed after `attempts` have been made. */
export function mayRetry(attempts: number, policy: Pick<RetryPolicy, "maxAttempts">): boolean {
  return attempts < policy.maxAttempts;
}
