import { describe, expect, it } from 'vitest';
import { backoffBaseMs, backoffDelayMs, DEFAULT_BACKOFF } from '../../../../native/hal/backoff.ts';

describe('backoff', () => {
  describe('backoffBaseMs', () => {
    it('doubles from 500 ms by default and stops at 30 s', () => {
      const bases = Array.from({ length: 9 }, (_, attempt) => backoffBaseMs(attempt));

      expect(bases).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    });

    it('stays at the cap for attempt numbers whose power overflows', () => {
      expect(backoffBaseMs(10_000)).toBe(DEFAULT_BACKOFF.maxMs);
    });

    it('treats a negative or fractional attempt as the nearest attempt below', () => {
      expect(backoffBaseMs(-3, { initialMs: 100 })).toBe(100);
      expect(backoffBaseMs(1.9, { initialMs: 100 })).toBe(200);
    });
  });

  describe('backoffDelayMs', () => {
    it('lies between half the base and the base with the default equal jitter', () => {
      expect(backoffDelayMs(2, {}, () => 0)).toBe(2000);
      expect(backoffDelayMs(2, {}, () => 0.999999)).toBe(1000);
      expect(backoffDelayMs(2, {}, () => 0.5)).toBe(1500);
    });

    it('is the base itself without jitter, and down to zero with full jitter', () => {
      expect(backoffDelayMs(3, { jitter: 0 }, () => 0.7)).toBe(4000);
      expect(backoffDelayMs(3, { jitter: 1 }, () => 0.75)).toBe(1000);
    });

    it('clamps a random source that strays outside [0, 1)', () => {
      expect(backoffDelayMs(0, {}, () => 7)).toBe(250);
      expect(backoffDelayMs(0, {}, () => -1)).toBe(500);
    });
  });
});
