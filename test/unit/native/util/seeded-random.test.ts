import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../native/util/seeded-random.ts';

const TWO_TO_32 = 4294967296;

describe('seededRandom', () => {
  it('draws the mulberry32 sequence the simulators and crash test were recorded with', () => {
    const forty2 = seededRandom(42);
    expect(Array.from({ length: 3 }, () => forty2() * TWO_TO_32)).toEqual([2581720956, 1925393290, 3661312704]);
    const one = seededRandom(1);
    expect(Array.from({ length: 2 }, () => one() * TWO_TO_32)).toEqual([2693262067, 11749833]);
  });

  it('uses only the low 32 bits of the seed', () => {
    const wide = seededRandom(42 + TWO_TO_32);
    const narrow = seededRandom(42);
    expect(Array.from({ length: 4 }, wide)).toEqual(Array.from({ length: 4 }, narrow));
  });

  it('stays within [0, 1)', () => {
    const r = seededRandom(0xdeadbeef);
    const draws = Array.from({ length: 1000 }, r);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
