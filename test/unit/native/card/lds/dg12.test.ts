import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { encodeDg12, parseDg12, type Dg12Content } from '../../../../../native/card/lds/dg12.ts';
import { encodeTlv } from '../../../../../native/card/lds/tlv.ts';
import { fromHex } from '../../../../../native/util/bytes.ts';

const content = {
  issuingAuthority: 'CỤC CẢNH SÁT THỬ NGHIỆM',
  dateOfIssue: '20210510',
  otherPersons: ['NGUYỄN<<CON<MỘT', 'NGUYỄN<<CON<HAI'],
  endorsements: 'KHÔNG',
  taxOrExitRequirements: 'KHÔNG',
  frontImage: Uint8Array.of(0xff, 0xd8, 0xff, 0x01),
  rearImage: Uint8Array.of(0xff, 0xd8, 0xff, 0x02),
  personalizationTime: '20210510103000',
  personalizationSystemSerial: 'SIM-0001',
} satisfies Dg12Content;

describe('parseDg12', () => {
  it('reads every element of an encoded DG12, with the tag list', () => {
    const info = parseDg12(encodeDg12(content));
    expect(info).toMatchObject(content);
    expect(info.tags).toEqual([0x5f19, 0x5f26, 0x5f1a, 0x5f1b, 0x5f1c, 0x5f1d, 0x5f1e, 0x5f55, 0x5f56]);
    expect(Object.isFrozen(info)).toBe(true);
  });

  it('reads the front and rear images under the ICAO tags 5F1D and 5F1E', () => {
    const bytes = encodeTlv(0x6c, encodeTlv(0x5c, fromHex('5F1D5F1E')), encodeTlv(0x5f1d, Uint8Array.of(1)), encodeTlv(0x5f1e, Uint8Array.of(2)));
    const info = parseDg12(bytes);
    expect(info.frontImage).toEqual(Uint8Array.of(1));
    expect(info.rearImage).toEqual(Uint8Array.of(2));
  });

  it('reads a date of issue stored as 4 BCD bytes', () => {
    expect(parseDg12(encodeTlv(0x6c, encodeTlv(0x5c, fromHex('5F26')), encodeTlv(0x5f26, fromHex('20210510')))).dateOfIssue).toBe('20210510');
  });

  it.each([
    ['a missing tag list', encodeTlv(0x6c, encodeTlv(0x5f19, Uint8Array.of(0x41)))],
    ['an other-persons count that disagrees', encodeTlv(0x6c, encodeTlv(0x5c, fromHex('5F1A')), encodeTlv(0xa0, fromHex('020103'), encodeTlv(0x5f1a, Uint8Array.of(0x41))))],
    ['a truncated tag list', encodeTlv(0x6c, encodeTlv(0x5c, fromHex('5F')))],
  ])('rejects %s', (_what, bytes) => {
    expect(() => parseDg12(bytes)).toThrow(MalformedDataError);
  });

  it('never throws anything but MalformedDataError on mutated bytes', () => {
    const original = encodeDg12(content);
    fc.assert(
      fc.property(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(original.length), (at, value, cut) => {
        const mutated = original.slice(0, cut);
        if (at < mutated.length) mutated[at] = value;
        try {
          parseDg12(mutated);
        } catch (e) {
          expect(e).toBeInstanceOf(MalformedDataError);
        }
      }),
    );
  });
});

describe('encodeDg12', () => {
  const text = fc.string({ unit: fc.constantFrom(...'ABCĐỄỮ<0123456789 '.split('')), maxLength: 20 });
  const opt = fc.option(text, { nil: undefined });

  it('round-trips random content', () => {
    fc.assert(
      fc.property(
        fc.record({
          issuingAuthority: opt,
          dateOfIssue: fc.option(fc.stringMatching(/^\d{8}$/), { nil: undefined }),
          otherPersons: fc.array(text, { maxLength: 3 }),
          endorsements: opt,
          taxOrExitRequirements: opt,
          frontImage: fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined }),
          rearImage: fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined }),
          personalizationTime: fc.option(fc.stringMatching(/^\d{14}$/), { nil: undefined }),
          personalizationSystemSerial: opt,
        }),
        (c) => {
          const { tags: _tags, ...info } = parseDg12(encodeDg12(c));
          expect(info).toEqual(c);
        },
      ),
    );
  });
});
