import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { DER, decodeOid, decodeSmallInteger, decodeTime, derChildren, integerBytes, readDerExact } from '../../../../../native/card/asn1/der-reader.ts';
import { derInteger, derOid, derSetOf, derTime, derUtf8String } from '../../../../../native/card/asn1/der-writer.ts';
import { fromHex, toHex } from '../../../../../native/util/bytes.ts';

const STEP = 'test';

describe('derOid', () => {
  it('encodes the LDS security object OID as X.690 requires', () => {
    expect(toHex(derOid('2.23.136.1.1.1'))).toBe('0606678108010101');
  });

  it('round-trips any OID through decodeOid', () => {
    const oid = fc
      .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 39 }), fc.array(fc.bigInt({ min: 0n, max: (1n << 56n) - 1n }), { maxLength: 6 }))
      .map(([a, b, rest]) => [String(a), String(b), ...rest.map(String)].join('.'));
    fc.assert(fc.property(oid, (text) => {
        expect(decodeOid(readDerExact(derOid(text), STEP), STEP)).toBe(text);
      }),
    );
  });

  it('rejects a non-minimal arc', () => {
    expect(() => decodeOid(readDerExact(fromHex('0603808101'), STEP), STEP)).toThrow(MalformedDataError);
  });
});

describe('derInteger', () => {
  it('adds a zero byte before a high bit and round-trips', () => {
    expect(toHex(derInteger(0x80))).toBe('02020080');
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        expect(decodeSmallInteger(readDerExact(derInteger(n), STEP), STEP)).toBe(n);
      }),
    );
  });

  it('bounds the integer length', () => {
    expect(() => integerBytes(readDerExact(derInteger(1n << 600n), STEP), STEP, 'serial', 40)).toThrow(MalformedDataError);
  });
});

describe('derTime', () => {
  it('uses UTCTime before 2050 and GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)', () => {
    expect(derTime(new Date('2045-12-31T23:59:59Z'))[0]).toBe(DER.UTC_TIME);
    expect(derTime(new Date('2050-01-01T00:00:00Z'))[0]).toBe(DER.GENERALIZED_TIME);
  });

  it('round-trips whole seconds', () => {
    const date = fc.integer({ min: Date.UTC(1950, 0, 1) / 1000, max: Date.UTC(2200, 0, 1) / 1000 }).map((s) => new Date(s * 1000));
    fc.assert(fc.property(date, (d) => {
        expect(decodeTime(readDerExact(derTime(d), STEP), STEP).getTime()).toBe(d.getTime());
      }),
    );
  });

  it('rejects an impossible date', () => {
    expect(() => decodeTime(readDerExact(new Uint8Array([0x17, 13, ...new TextEncoder().encode('250230000000Z')]), STEP), STEP)).toThrow(MalformedDataError);
  });
});

describe('derSetOf', () => {
  it('sorts its elements by encoding (X.690 §11.6)', () => {
    const set = readDerExact(derSetOf(derUtf8String('b'), derUtf8String('a'), derInteger(5)), STEP);
    expect(derChildren(set, STEP).map((c) => toHex(c.raw))).toEqual(['020105', '0C0161', '0C0162']);
  });
});

describe('derChildren', () => {
  it('refuses more elements than the caller allows', () => {
    const many = readDerExact(new Uint8Array([0x30, 10, 5, 0, 5, 0, 5, 0, 5, 0, 5, 0]), STEP);
    expect(() => derChildren(many, STEP, 4)).toThrow(/more than 4/);
  });
});
