import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeLe,
  encodeLe,
  parseProtectedBody,
  SecureMessagingError,
} from '../../../../../../native/card/protocol/secure-messaging/sm-data-objects.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';

const MAC = '8E080102030405060708';

function failureOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof SecureMessagingError) return err.failure;
    throw err;
  }
  return undefined;
}

describe('parseProtectedBody', () => {
  it('finds DO87, DO99 and DO8E of a response and the bytes the MAC covers', () => {
    const body = fromHex(`8709019FF0EC34F9922651${'99029000'}${MAC}`);
    const parsed = parseProtectedBody(body, 0x99, 'test');
    expect(parsed.cryptogram?.tag).toBe(0x87);
    expect(toHex(parsed.cryptogram!.value)).toBe('019FF0EC34F9922651');
    expect(toHex(parsed.trailer!)).toBe('9000');
    expect(toHex(parsed.mac)).toBe('0102030405060708');
    expect(parsed.macCoverage).toBe(15);
    expect(Object.isFrozen(parsed)).toBe(true);
  });

  it('reads a DO85 cryptogram with a long-form length', () => {
    const body = fromHex(`858181${'AA'.repeat(0x81)}970100${MAC}`);
    const parsed = parseProtectedBody(body, 0x97, 'test');
    expect(parsed.cryptogram?.tag).toBe(0x85);
    expect(parsed.cryptogram!.value.length).toBe(0x81);
  });

  it('reports a missing DO8E as missing', () => {
    expect(failureOf(() => parseProtectedBody(fromHex('99029000'), 0x99, 'test'))).toBe('missing');
    expect(failureOf(() => parseProtectedBody(new Uint8Array(0), 0x97, 'test'))).toBe('missing');
  });

  it.each([
    ['objects out of order', `99029000870901AABBCCDDEEFF0011${MAC}`],
    ['a repeated object', `9902900099029000${MAC}`],
    ['the other direction’s trailer', `970100${MAC}`],
    ['an unknown object', `5301AA${MAC}`],
    ['bytes after DO8E', `99029000${MAC}00`],
    ['a short MAC', '99029000 8E0401020304'],
    ['a truncated object', '8710AABB'],
  ])('reports %s as incorrect', (_what, hex) => {
    expect(failureOf(() => parseProtectedBody(fromHex(hex), 0x99, 'test'))).toBe('incorrect');
  });

  it('never fails with anything but SecureMessagingError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(0x97 as const, 0x99 as const), (bytes, trailer) => {
        try {
          parseProtectedBody(bytes, trailer, 'fuzz');
        } catch (err) {
          expect(err).toBeInstanceOf(SecureMessagingError);
          expect((err as SecureMessagingError).code).toBe('SM_ERROR');
        }
      }),
    );
  });
});

describe('encodeLe', () => {
  it('maps 256 to 00 and 65536 to 0000', () => {
    expect(toHex(encodeLe(256, false))).toBe('00');
    expect(toHex(encodeLe(65536, true))).toBe('0000');
    expect(toHex(encodeLe(4, true))).toBe('0004');
  });

  it('refuses an Ne over 256 in a short command', () => {
    expect(() => encodeLe(257, false)).toThrow(RangeError);
  });

  it('round-trips through decodeLe', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65536 }), fc.boolean(), (ne, forceExtended) => {
        const extended = forceExtended || ne > 256;
        expect(decodeLe(encodeLe(ne, extended), 'test')).toEqual({ ne, extended });
      }),
    );
  });
});

describe('decodeLe', () => {
  it('refuses a DO97 that is neither 1 nor 2 bytes', () => {
    expect(failureOf(() => decodeLe(new Uint8Array(0), 'test'))).toBe('incorrect');
    expect(failureOf(() => decodeLe(new Uint8Array(3), 'test'))).toBe('incorrect');
  });
});
