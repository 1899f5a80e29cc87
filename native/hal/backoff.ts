// Exponential backoff with jitter and a cap, for reconnecting devices. The jitter keeps several devices
// on one USB hub (or several kiosks behind one switch) from retrying in lockstep; the cap bounds how long
// a replugged device waits to be noticed when its driver cannot report the replug itself.

export interface BackoffOptions {
  /** Delay before the first retry, before jitter (default 500 ms). */
  readonly initialMs?: number;
  /** Largest delay, before jitter (default 30 s). */
  readonly maxMs?: number;
  /** Growth per attempt (default 2). */
  readonly factor?: number;
  /**
   * Fraction of the delay that is random (default 0.5, "equal jitter"): the delay lies in
   * [base × (1 − jitter), base]. 0 gives fixed delays, 1 "full jitter".
   */
  readonly jitter?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = Object.freeze({ initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 });

/** The delay before the base is randomised: initial × factor^attempt, capped at maxMs. */
export function backoffBaseMs(attempt: number, options: BackoffOptions = {}): number {
  const { initialMs, maxMs, factor } = { ...DEFAULT_BACKOFF, ...options };
  const n = Math.max(0, Math.floor(attempt));
  // factor^n overflows to Infinity long before n does; Math.min keeps the cap.
  return Math.min(maxMs, initialMs * factor ** n);
}

/**
 * The delay before retry number `attempt` (0 for the first retry), in ms. `random` returns [0, 1)
 * (Math.random by default; tests pass a fixed one).
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const jitter = Math.min(1, Math.max(0, options.jitter ?? DEFAULT_BACKOFF.jitter));
  const base = backoffBaseMs(attempt, options);
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(base * (1 - jitter * r));
}
