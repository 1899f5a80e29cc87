import fc from 'fast-check';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { dpiToPixelsPerMetre, encodeFingerprintPng, readPngResolution } from '../../../../../native/drivers/fingerprint/fingerprint-png.ts';
import { KioskError } from '../../../../../native/hal/errors.ts';
import { syntheticFingerprint } from '../../../../../native/sim/fingerprint/synthetic-fingerprint.ts';

const pixels = syntheticFingerprint({ width: 256, height: 288, condition: 'good', seed: 3 });
const png = encodeFingerprintPng({ width: 256, height: 288, dpi: 500, pixels });

describe('encodeFingerprintPng', () => {
  it('writes an 8-bit grayscale PNG that pngjs decodes to the same pixels', () => {
    const decoded = PNG.sync.read(Buffer.from(png));
    expect([decoded.width, decoded.height]).toEqual([256, 288]);
    // pngjs expands gray to RGBA on read: every channel carries the gray level.
    const gray = new Uint8Array(256 * 288).map((_, i) => decoded.data[4 * i]!);
    expect(Buffer.compare(gray, pixels)).toBe(0);
  });

  it('states 500 dpi in a pHYs chunk (19685 pixels per metre)', () => {
    expect(dpiToPixelsPerMetre(500)).toBe(19685);
    expect(readPngResolution(png)).toEqual({ width: 256, height: 288, bitDepth: 8, colorType: 0, dpi: 500 });
    expect(Buffer.from(png).indexOf('pHYs')).toBeLessThan(Buffer.from(png).indexOf('IDAT'));
  });

  it('refuses pixels that do not match the size with IMAGE_INVALID', () => {
    expect(() => encodeFingerprintPng({ width: 10, height: 10, dpi: 500, pixels: new Uint8Array(99) })).toThrow(expect.objectContaining({ code: 'IMAGE_INVALID' }));
  });
});

describe('readPngResolution', () => {
  it('rejects a bad signature, a bad CRC and truncation with PNG_MALFORMED', () => {
    const badCrc = png.slice();
    badCrc[40] = badCrc[40]! ^ 1;
    for (const bytes of [png.subarray(1), badCrc, png.subarray(0, 60), png.subarray(0, png.length - 12)]) {
      expect(() => readPngResolution(bytes)).toThrow(expect.objectContaining({ code: 'PNG_MALFORMED' }));
    }
  });

  it('throws only KioskError on mutated files', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: png.length }), (at, value, cut) => {
        const bytes = png.slice(0, cut);
        if (at < bytes.length) bytes[at] = value;
        try {
          readPngResolution(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(KioskError);
        }
      }),
    );
  });
});
