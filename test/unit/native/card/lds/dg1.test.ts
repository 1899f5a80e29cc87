import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { encodeDg1, parseDg1 } from '../../../../../native/card/lds/dg1.ts';
import { encodeTlv } from '../../../../../native/card/lds/tlv.ts';
import { fromHex, toHex } from '../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../helpers/vectors.ts';

interface Specimens {
  specimens: { id: string; lines: string[]; dg1_hex?: string }[];
}

const vectors = loadVector<Specimens>('mrz_specimens.json');
const bsi = vectors.specimens.find((s) => s.dg1_hex)!;

describe('parseDg1', () => {
  it('reads the BSI TR-03105-5 reference DG1', () => {
    const dg1 = parseDg1(fromHex(bsi.dg1_hex!));
    expect(dg1.mrz.lines).toEqual(bsi.lines);
    expect(dg1.mrz.documentNumber).toBe('C11T002JM');
    expect(dg1.mrz.checks.composite).toBe(true);
    expect(Object.isFrozen(dg1)).toBe(true);
  });

  it('turns an MRZ of the wrong shape into MalformedDataError', () => {
    const bytes = encodeTlv(0x61, encodeTlv(0x5f1f, new TextEncoder().encode('P<UTO')));
    expect(() => parseDg1(bytes)).toThrow(MalformedDataError);
  });

  it('rejects a file without the MRZ element', () => {
    expect(() => parseDg1(fromHex('6103020101'))).toThrow(MalformedDataError);
  });

  it('never throws anything but MalformedDataError on mutated bytes', () => {
    const original = fromHex(bsi.dg1_hex!);
    fc.assert(
      fc.property(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(original.length), (at, value, cut) => {
        const mutated = original.slice(0, cut);
        if (at < mutated.length) mutated[at] = value;
        try {
          parseDg1(mutated);
        } catch (e) {
          expect(e).toBeInstanceOf(MalformedDataError);
        }
      }),
    );
  });
});

describe('encodeDg1', () => {
  it.each(vectors.specimens.map((s) => [s.id, s] as const))('round-trips the specimen %s', (_id, s) => {
    const info = parseDg1(encodeDg1(parseDg1(encodeTlv(0x61, encodeTlv(0x5f1f, new TextEncoder().encode(s.lines.join(''))))).mrz));
    expect(info.mrz.lines).toEqual(s.lines);
  });

  it('reproduces the BSI reference DG1 byte for byte', () => {
    expect(toHex(encodeDg1(parseDg1(fromHex(bsi.dg1_hex!)).mrz))).toBe(bsi.dg1_hex);
  });
});
