// Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"):
// delay = random(0, min(cap, base * 2^attempt)). Full jitter spreads a fleet of kiosks that lost the
// service at the same moment, so they do not all return at the same moment.

export interface BackoffPolicy {
  /** Ceiling of the first retry's delay. */
  readonly baseMs: number;
  /** The delay never exceeds this. */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze({ baseMs: 1_000, capMs: 5 * 60_000 });

/** The ceiling for retry number `attempt` (0 for the first retry): min(cap, base * 2^attempt). */
export function backoffCeiling(policy: BackoffPolicy, attempt: number): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 52);
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/**
 * The full-jitter delay for retry number `attempt`, at least `notBeforeMs` (a server's Retry-After).
 * `random` returns [0, 1) like Math.random; tests inject a fixed sequence.
 */
export function fullJitterDelay(policy: BackoffPolicy, attempt: number, random: () => number, notBeforeMs = 0): number {
  const jittered = Math.floor(random() * backoffCeiling(policy, attempt));
  return Math.max(jittered, Math.ceil(notBeforeMs));
}
