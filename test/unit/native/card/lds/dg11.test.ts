import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { encodeDg11, parseDg11, type Dg11Content } from '../../../../../native/card/lds/dg11.ts';
import { encodeTlv } from '../../../../../native/card/lds/tlv.ts';
import { fromHex } from '../../../../../native/util/bytes.ts';

// A synthetic person.
const content = {
  fullName: 'NGUYỄN<<VĂN<THỬ<NGHIỆM',
  otherNames: ['NGUYEN<<VAN<THU<NGHIEM', 'NGUYỄN<<THỬ'],
  personalNumber: '001099012345',
  fullDateOfBirth: '19990315',
  placeOfBirth: 'HÀ NỘI',
  address: 'SỐ 1<ĐƯỜNG KIỂM THỬ<HÀ NỘI',
  telephone: '+84000000000',
  profession: 'KỸ SƯ THỬ NGHIỆM',
  title: 'ÔNG',
  personalSummary: 'DỮ LIỆU GIẢ',
  proofOfCitizenship: Uint8Array.of(0xff, 0xd8, 0xff, 0xe0),
  otherValidTdNumbers: 'C0000001<C0000002',
  custodyInformation: 'KHÔNG',
} satisfies Dg11Content;

describe('parseDg11', () => {
  it('reads every element of an encoded DG11, with the tag list', () => {
    const info = parseDg11(encodeDg11(content));
    expect(info).toMatchObject(content);
    expect(info.tags).toEqual([0x5f0e, 0x5f0f, 0x5f10, 0x5f2b, 0x5f11, 0x5f42, 0x5f12, 0x5f13, 0x5f14, 0x5f15, 0x5f16, 0x5f17, 0x5f18]);
    expect(Object.isFrozen(info)).toBe(true);
  });

  it('reads a date of birth stored as 4 BCD bytes', () => {
    const bytes = encodeTlv(0x6b, encodeTlv(0x5c, fromHex('5F2B')), encodeTlv(0x5f2b, fromHex('19990315')));
    expect(parseDg11(bytes).fullDateOfBirth).toBe('19990315');
  });

  it('leaves absent elements undefined', () => {
    const info = parseDg11(encodeDg11({ personalNumber: '001099012345' }));
    expect(info.fullName).toBeUndefined();
    expect(info.otherNames).toEqual([]);
    expect(info.tags).toEqual([0x5f10]);
  });

  it.each([
    ['a missing tag list', encodeTlv(0x6b, encodeTlv(0x5f10, fromHex('3132')))],
    ['an other-names count that disagrees', encodeTlv(0x6b, encodeTlv(0x5c, fromHex('5F0F')), encodeTlv(0xa0, fromHex('020102'), encodeTlv(0x5f0f, fromHex('41'))))],
    ['a wrong outer tag', encodeTlv(0x6c, encodeTlv(0x5c, fromHex('5F10')))],
    ['a truncated element', fromHex('6B085C025F105F100541')],
  ])('rejects %s', (_what, bytes) => {
    expect(() => parseDg11(bytes)).toThrow(MalformedDataError);
  });

  it('never throws anything but MalformedDataError on mutated bytes', () => {
    const original = encodeDg11(content);
    fc.assert(
      fc.property(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(original.length), (at, value, cut) => {
        const mutated = original.slice(0, cut);
        if (at < mutated.length) mutated[at] = value;
        try {
          parseDg11(mutated);
        } catch (e) {
          expect(e).toBeInstanceOf(MalformedDataError);
        }
      }),
    );
  });
});

describe('encodeDg11', () => {
  const text = fc.string({ unit: fc.constantFrom(...'ABCĐỄỮ<0123456789 '.split('')), maxLength: 20 });
  const opt = fc.option(text, { nil: undefined });

  it('round-trips random content', () => {
    fc.assert(
      fc.property(
        fc.record({
          fullName: opt,
          otherNames: fc.array(text, { maxLength: 3 }),
          personalNumber: opt,
          fullDateOfBirth: fc.option(fc.stringMatching(/^\d{8}$/), { nil: undefined }),
          placeOfBirth: opt,
          address: opt,
          telephone: opt,
          profession: opt,
          title: opt,
          personalSummary: opt,
          proofOfCitizenship: fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined }),
          otherValidTdNumbers: opt,
          custodyInformation: opt,
        }),
        (c) => {
          const { tags: _tags, ...info } = parseDg11(encodeDg11(c));
          expect(info).toEqual(c);
        },
      ),
    );
  });
});
