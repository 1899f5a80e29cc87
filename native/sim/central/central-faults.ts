// What can go wrong between a kiosk and the central service, as the simulator injects it. Each rate is
// a probability per request, drawn from a seeded generator so a failing run can be replayed.

export interface CentralFaults {
  /** Added to every reply, in ms. */
  readonly latencyMs: number;
  /** Probability of a latency spike, and its length in ms. */
  readonly latencySpikeRate: number;
  readonly latencySpikeMs: number;
  /** Probability of a 500/502/503 answer before the request is processed. */
  readonly serverErrorRate: number;
  /** Probability of 429 Too Many Requests with Retry-After: retryAfterSeconds. */
  readonly rateLimitRate: number;
  readonly retryAfterSeconds: number;
  /** Probability that the connection is reset (destroyed) before the request is processed. */
  readonly resetRate: number;
  /** Probability that the reply body is dribbled out in small chunks, slowBodyChunkDelayMs apart. */
  readonly slowBodyRate: number;
  readonly slowBodyChunkDelayMs: number;
  /** Probability that the request is processed and committed, then the connection dies before the reply. */
  readonly lostResponseRate: number;
}

export const NO_FAULTS: CentralFaults = Object.freeze({
  latencyMs: 0,
  latencySpikeRate: 0,
  latencySpikeMs: 0,
  serverErrorRate: 0,
  rateLimitRate: 0,
  retryAfterSeconds: 1,
  resetRate: 0,
  slowBodyRate: 0,
  slowBodyChunkDelayMs: 5,
  lostResponseRate: 0,
});

export type InjectedFault = 'latency-spike' | 'server-error' | 'rate-limit' | 'reset' | 'slow-body' | 'lost-response';

/** Checks ranges; throws RangeError naming the field. */
export function checkFaults(faults: CentralFaults): CentralFaults {
  for (const [key, value] of Object.entries(faults)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`fault ${key} must be a finite number >= 0`);
    if (key.endsWith('Rate') && value > 1) throw new RangeError(`fault ${key} is a probability (0..1)`);
  }
  return Object.freeze({ ...faults });
}

/**
 * Parses `name=value` fault specs from the command line, e.g. `serverErrorRate=0.3`. Throws RangeError
 * for an unknown name or a bad value.
 */
export function parseFaultSpecs(specs: readonly string[], base: CentralFaults = NO_FAULTS): CentralFaults {
  const faults: Record<string, number> = { ...base };
  for (const spec of specs) {
    const m = /^([a-zA-Z]+)=([0-9.]+)$/.exec(spec);
    if (!m || !(m[1]! in NO_FAULTS)) throw new RangeError(`unknown fault '${spec}'; use NAME=VALUE with NAME one of ${Object.keys(NO_FAULTS).join(', ')}`);
    faults[m[1]!] = Number(m[2]);
  }
  return checkFaults(faults as unknown as CentralFaults);
}
