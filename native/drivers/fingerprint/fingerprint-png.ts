// A fingerprint image as a standard PNG: 8-bit grayscale (colour type 0) encoded by pngjs, plus a pHYs
// chunk (PNG spec §11.3.5.3) carrying the sensor resolution in pixels per metre, which pngjs does not
// write. Consumers that care about scale (matchers, ISO/IEC 19794-4 converters) read it back with
// readPngResolution.

import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { KioskError } from '../../hal/errors.ts';
import type { FingerprintImage } from '../../hal/fingerprint-scanner.ts';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const METRES_PER_INCH = 0.0254;
/** Largest image side accepted by the reader: far above any fingerprint sensor. */
const MAX_SIDE = 8192;

export function dpiToPixelsPerMetre(dpi: number): number {
  return Math.round(dpi / METRES_PER_INCH);
}

/** Encodes an 8-bit grayscale PNG with its resolution. Throws KioskError `IMAGE_INVALID` on inconsistent sizes. */
export function encodeFingerprintPng(image: FingerprintImage): Uint8Array {
  const { width, height, pixels } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || pixels.length !== width * height) {
    throw new KioskError('IMAGE_INVALID', `image ${width}x${height} with ${pixels.length} pixels cannot be encoded`, { step: 'fingerprint.png' });
  }
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  png.data = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  const encoded = PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  return insertAfterHeader(encoded, physChunk(dpiToPixelsPerMetre(image.dpi)));
}

function physChunk(pixelsPerMetre: number): Uint8Array {
  const data = new Uint8Array(9);
  const view = new DataView(data.buffer);
  view.setUint32(0, pixelsPerMetre);
  view.setUint32(4, pixelsPerMetre);
  data[8] = 1; // unit: metre
  return chunk('pHYs', data);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(Buffer.from(type, 'latin1'), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** IHDR is always first: signature (8) + length (4) + type (4) + 13 bytes + CRC (4) = 33. */
function insertAfterHeader(png: Uint8Array, extra: Uint8Array): Uint8Array {
  const at = 33;
  const out = new Uint8Array(png.length + extra.length);
  out.set(png.subarray(0, at), 0);
  out.set(extra, at);
  out.set(png.subarray(at), at + extra.length);
  return out;
}

export interface PngResolution {
  readonly width: number;
  readonly height: number;
  readonly colorType: number;
  readonly bitDepth: number;
  /** From pHYs when its unit is the metre, rounded to a whole dpi; undefined without one. */
  readonly dpi: number | undefined;
}

/**
 * Reads IHDR and pHYs from a PNG without decoding pixels. Walks chunk headers only, bounded by the
 * input length; throws KioskError `PNG_MALFORMED` on a bad signature, a truncated chunk or a bad CRC.
 */
export function readPngResolution(png: Uint8Array): PngResolution {
  const fail = (why: string) => new KioskError('PNG_MALFORMED', `PNG ${why}`, { step: 'fingerprint.png.read' });
  if (png.length < SIGNATURE.length || SIGNATURE.some((b, i) => png[i] !== b)) throw fail('signature missing');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let header: { width: number; height: number; bitDepth: number; colorType: number } | undefined;
  let dpi: number | undefined;
  for (let offset = SIGNATURE.length; ; ) {
    if (offset + 12 > png.length) throw fail('ends before IEND');
    const length = view.getUint32(offset);
    if (length > png.length - offset - 12) throw fail(`chunk at ${offset} overruns the file`);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) throw fail(`chunk ${JSON.stringify(type)} has a bad CRC`);
    if (type === 'IHDR') {
      if (length !== 13 || header) throw fail('IHDR is malformed');
      const d = new DataView(data.buffer, data.byteOffset, 13);
      header = { width: d.getUint32(0), height: d.getUint32(4), bitDepth: data[8]!, colorType: data[9]! };
    } else if (!header) {
      throw fail('does not start with IHDR');
    } else if (type === 'pHYs') {
      if (length !== 9) throw fail('pHYs is malformed');
      const d = new DataView(data.buffer, data.byteOffset, 9);
      if (data[8] === 1) dpi = Math.round(d.getUint32(0) * METRES_PER_INCH);
    } else if (type === 'IEND') {
      return Object.freeze({ ...header, dpi });
    }
    offset += 12 + length;
  }
}
