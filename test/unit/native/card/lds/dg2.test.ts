import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { encodeDg2, parseDg2 } from '../../../../../native/card/lds/dg2.ts';
import { encodeFaceImageRecord, parseFaceImageRecord } from '../../../../../native/card/lds/face-image-record.ts';
import { encodeTlv } from '../../../../../native/card/lds/tlv.ts';
import { concat, fromHex } from '../../../../../native/util/bytes.ts';

function makeJpeg(width: number, height: number): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = (i * 7) & 0xff;
    data[i + 1] = (i * 3) & 0xff;
    data[i + 2] = 0x80;
    data[i + 3] = 0xff;
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, 80).data);
}

// A JPEG 2000 file starts with its signature box; the rest does not matter to DG2.
const jp2 = concat(fromHex('0000000C6A5020200D0A870A'), fromHex('00000014667479706A703220'));
const j2k = fromHex('FF4FFF51002F000000000010');

describe('parseDg2', () => {
  const photo = makeJpeg(24, 32);

  it('extracts a JPEG portrait with its size from an encoded DG2', () => {
    const dg2 = parseDg2(encodeDg2([{ bytes: photo, width: 24, height: 32, gender: 1 }]));
    expect(dg2.faces).toHaveLength(1);
    const face = dg2.faces[0]!;
    expect(face.mimeType).toBe('image/jpeg');
    expect(face.bytes).toEqual(photo);
    expect(face.width).toBe(24);
    expect(face.height).toBe(32);
    expect(face.gender).toBe(1);
    expect(face.imageDataType).toBe(0);
    expect(dg2.templates[0]!.header).toEqual({ version: 0x0101, biometricType: 2, biometricSubtype: undefined, formatOwner: 0x0101, formatType: 0x0008 });
    expect(jpeg.decode(face.bytes).width).toBe(24);
    expect(Object.isFrozen(dg2)).toBe(true);
    expect(Object.isFrozen(face)).toBe(true);
  });

  it('recognises JPEG 2000 files and raw codestreams', () => {
    const dg2 = parseDg2(encodeDg2([{ bytes: jp2, width: 10, height: 12 }, { bytes: j2k, width: 8, height: 8 }]));
    expect(dg2.faces.map((f) => [f.mimeType, f.container, f.imageDataType])).toEqual([
      ['image/jp2', 'jp2', 1],
      ['image/jp2', 'j2k', 1],
    ]);
  });

  it('accepts the constructed biometric data block tag 7F2E', () => {
    const record = encodeFaceImageRecord([{ bytes: photo, width: 24, height: 32 }]);
    const template = encodeTlv(0x7f60, encodeTlv(0xa1, encodeTlv(0x81, Uint8Array.of(2))), encodeTlv(0x7f2e, record));
    const dg2 = parseDg2(encodeTlv(0x75, encodeTlv(0x7f61, encodeTlv(0x02, Uint8Array.of(1)), template)));
    expect(dg2.faces[0]!.bytes).toEqual(photo);
  });

  it('reads feature points', () => {
    const points = [{ type: 1, code: 0x41, x: 10, y: 20 }];
    const [face] = parseFaceImageRecord(encodeFaceImageRecord([{ bytes: photo, width: 24, height: 32, featurePoints: points }]));
    expect(face!.featurePoints).toEqual(points);
    expect(face!.bytes).toEqual(photo);
  });

  it.each([
    ['an instance count that disagrees', (b: Uint8Array) => replaceAt(b, fromHex('0201017F60'), fromHex('0201027F60'))],
    ['an image that is neither JPEG nor JPEG 2000', (b: Uint8Array) => b.map((x, i) => (i === b.length - photo.length ? 0 : x))],
    ['a wrong facial format identifier', (b: Uint8Array) => replaceAt(b, new TextEncoder().encode('FAC\0'), new TextEncoder().encode('FIR\0'))],
  ])('rejects %s', (_what, mutate) => {
    const bytes = encodeDg2([{ bytes: photo, width: 24, height: 32 }]);
    expect(() => parseDg2(mutate(bytes))).toThrow(MalformedDataError);
  });

  it('rejects a facial block length that points past the record', () => {
    const record = encodeFaceImageRecord([{ bytes: photo, width: 24, height: 32 }]);
    record[14] = 0x7f;
    expect(() => parseFaceImageRecord(record)).toThrow(MalformedDataError);
  });

  it('never throws anything but MalformedDataError on mutated or truncated bytes', () => {
    const original = encodeDg2([{ bytes: makeJpeg(8, 8), width: 8, height: 8, featurePoints: [{ type: 1, code: 0x11, x: 1, y: 2 }] }]);
    fc.assert(
      fc.property(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(original.length), (at, value, cut) => {
        const mutated = original.slice(0, cut);
        if (at < mutated.length) mutated[at] = value;
        for (const bytes of [mutated, mutated.subarray(0, 80)]) {
          try {
            parseDg2(bytes);
          } catch (e) {
            expect(e).toBeInstanceOf(MalformedDataError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('encodeDg2', () => {
  it('refuses bytes that are not an image', () => {
    expect(() => encodeDg2([{ bytes: Uint8Array.of(1, 2, 3), width: 1, height: 1 }])).toThrow(RangeError);
  });

  it('round-trips several images in order', () => {
    const images = [makeJpeg(8, 16), jp2, makeJpeg(16, 8)];
    const dg2 = parseDg2(encodeDg2(images.map((bytes, i) => ({ bytes, width: 8 + i, height: 9 + i }))));
    expect(dg2.faces.map((f) => f.bytes)).toEqual(images);
    expect(dg2.faces.map((f) => [f.width, f.height])).toEqual([
      [8, 9],
      [9, 10],
      [10, 11],
    ]);
  });
});

function replaceAt(bytes: Uint8Array, find: Uint8Array, replacement: Uint8Array): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i + find.length <= out.length; i++) {
    if (find.every((b, j) => out[i + j] === b)) {
      out.set(replacement, i);
      return out;
    }
  }
  throw new Error('pattern not found');
}
