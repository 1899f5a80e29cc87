import { describe, expect, it } from 'vitest';
import { backoffCeiling, fullJitterDelay } from '../../../../../electron/core/sync/backoff.ts';
import { CircuitBreaker } from '../../../../../electron/core/sync/circuit-breaker.ts';

const policy = { baseMs: 1000, capMs: 30_000 };

describe('fullJitterDelay', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 60].map((a) => backoffCeiling(policy, a))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('draws uniformly between zero and the ceiling', () => {
    expect(fullJitterDelay(policy, 3, () => 0)).toBe(0);
    expect(fullJitterDelay(policy, 3, () => 0.25)).toBe(2000);
    expect(fullJitterDelay(policy, 3, () => 0.999_999)).toBe(7999);
  });

  it('never returns less than the server Retry-After', () => {
    expect(fullJitterDelay(policy, 0, () => 0.5, 90_000)).toBe(90_000);
  });
});

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures, half-opens after the open period, closes on success', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 1000, now: () => now });
    const seen: string[] = [];
    breaker.onDidChangeState((s) => seen.push(s));
    breaker.recordFailure();
    breaker.recordFailure();
    const beforeThreshold = breaker.state;
    breaker.recordFailure();
    const opened = { state: breaker.state, retryInMs: breaker.retryInMs };
    now += 1000;
    const trial = breaker.state;
    breaker.recordSuccess();

    expect(beforeThreshold).toBe('closed');
    expect(opened).toEqual({ state: 'open', retryInMs: 1000 });
    expect(trial).toBe('half-open');
    expect(seen).toEqual(['open', 'half-open', 'closed']);
  });

  it('re-opens for twice as long when the trial fails, up to the maximum', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 1000, maxOpenMs: 3000, now: () => now });
    const periods: number[] = [];
    breaker.recordFailure();
    for (let i = 0; i < 3; i++) {
      periods.push(breaker.retryInMs);
      now += breaker.retryInMs;
      breaker.recordFailure();
    }
    periods.push(breaker.retryInMs);

    expect(periods).toEqual([1000, 2000, 3000, 3000]);
  });

  it('stays open at least as long as a Retry-After', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 1000, now: () => 0 });
    breaker.recordFailure(60_000);
    expect(breaker.retryInMs).toBe(60_000);
  });
});
