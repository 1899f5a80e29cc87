import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { encodeEfCom, parseEfCom } from '../../../../../native/card/lds/ef-com.ts';
import { fromHex, toHex } from '../../../../../native/util/bytes.ts';

describe('parseEfCom', () => {
  // ICAO 9303-10 §4.6.1 example layout: LDS 1.7, Unicode 4.0.0, DG1, DG2, DG3, DG13, DG14, DG15 (a CCCD).
  const cccdCom = fromHex('60185F0104303130375F36063034303030305C066175636D6E6F');

  it('reads the versions and the data groups a CCCD lists', () => {
    const com = parseEfCom(cccdCom);
    expect(com.ldsVersion).toBe('0107');
    expect(com.unicodeVersion).toBe('040000');
    expect(com.tags).toEqual([0x61, 0x75, 0x63, 0x6d, 0x6e, 0x6f]);
    expect(com.dataGroups).toEqual([1, 2, 3, 13, 14, 15]);
    expect(Object.isFrozen(com)).toBe(true);
  });

  it('keeps unknown tags in the tag list but not in the data groups', () => {
    const com = parseEfCom(fromHex('60045C02613F'));
    expect(com.tags).toEqual([0x61, 0x3f]);
    expect(com.dataGroups).toEqual([1]);
    expect(com.ldsVersion).toBeUndefined();
  });

  it('tolerates padding after the object but not other data', () => {
    expect(parseEfCom(fromHex('60045C026175FFFF')).dataGroups).toEqual([1, 2]);
    expect(() => parseEfCom(fromHex('60045C02617501'))).toThrow(MalformedDataError);
  });

  it.each([
    ['a wrong outer tag', '61045C026175'],
    ['a missing tag list', '60065F0102303130'],
    ['a version that is not digits', '600A5F0104414243445C0161'],
    ['a truncated file', '60105C026175'],
  ])('rejects %s', (_what, hex) => {
    expect(() => parseEfCom(fromHex(hex))).toThrow(MalformedDataError);
  });

  it('never throws anything but MalformedDataError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          parseEfCom(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(MalformedDataError);
        }
      }),
    );
  });
});

describe('encodeEfCom', () => {
  const cccdCom = fromHex('60185F0104303130375F36063034303030305C066175636D6E6F');

  it('encodes the CCCD data-group list byte for byte', () => {
    expect(toHex(encodeEfCom({ dataGroups: [1, 2, 3, 13, 14, 15] }))).toBe(toHex(cccdCom));
  });

  it('round-trips any set of data groups', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 16 }), { maxLength: 16 }), (groups) => {
        expect(parseEfCom(encodeEfCom({ dataGroups: groups })).dataGroups).toEqual(groups);
      }),
    );
  });

  it('refuses a data group that does not exist', () => {
    expect(() => encodeEfCom({ dataGroups: [17] })).toThrow(RangeError);
  });
});
