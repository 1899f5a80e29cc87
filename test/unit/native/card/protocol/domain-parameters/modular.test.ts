import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitLength, mod, modInverse, modPow, randomBelow } from '../../../../../../native/card/protocol/domain-parameters/modular.ts';

describe('modPow', () => {
  it('agrees with repeated multiplication', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -1000n, max: 1000n }), fc.integer({ min: 0, max: 40 }), fc.bigInt({ min: 2n, max: 100000n }), (b, e, m) => {
        let expected = 1n;
        for (let i = 0; i < e; i++) expected = (expected * b) % m;
        expect(modPow(b, BigInt(e), m)).toBe(mod(expected, m));
      }),
    );
  });
});

describe('modInverse', () => {
  it('inverts units modulo a prime and refuses non-units', () => {
    const p = 0xfffffffbn;
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: p - 1n }), (a) => {
        expect(mod(a * modInverse(a, p), p)).toBe(1n);
      }),
    );
    expect(() => modInverse(6n, 9n)).toThrow(RangeError);
  });
});

describe('randomBelow', () => {
  it('redraws until the value is in range and gives up on a broken source', () => {
    const draws = [Uint8Array.of(0), Uint8Array.of(0xff), Uint8Array.of(0x05)];
    expect(randomBelow(10n, () => draws.shift()!)).toBe(5n);
    expect(() => randomBelow(10n, () => Uint8Array.of(0))).toThrow(RangeError);
    expect(bitLength(10n)).toBe(4);
  });
});
