// The R30x image format. The sensor holds a 256 x 288 image at 500 dpi, 8 bits per pixel, but UpImage
// sends only the upper 4 bits of each pixel, two pixels per byte, high nibble first, row by row
// (36,864 bytes; R307 user manual §5.2.10 and the public readers that decode it).

import { FingerprintProtocolError } from '../../../hal/fingerprint-errors.ts';
import type { FingerprintImage } from '../../../hal/fingerprint-scanner.ts';

export const R30X_IMAGE_WIDTH = 256;
export const R30X_IMAGE_HEIGHT = 288;
export const R30X_IMAGE_DPI = 500;
export const R30X_PACKED_IMAGE_LENGTH = (R30X_IMAGE_WIDTH * R30X_IMAGE_HEIGHT) / 2;

/** Expands the 4-bit upload to 8-bit gray (each nibble n becomes n x 17, so 0..15 spans 0..255). */
export function unpackR30xImage(packed: Uint8Array): FingerprintImage {
  if (packed.length !== R30X_PACKED_IMAGE_LENGTH) {
    throw new FingerprintProtocolError('R30X_BAD_IMAGE_LENGTH', `image upload of ${packed.length} bytes, expected ${R30X_PACKED_IMAGE_LENGTH}`, { step: 'r30x.UP_IMAGE' });
  }
  const pixels = new Uint8Array(R30X_IMAGE_WIDTH * R30X_IMAGE_HEIGHT);
  for (let i = 0; i < packed.length; i++) {
    const b = packed[i]!;
    pixels[2 * i] = (b >> 4) * 17;
    pixels[2 * i + 1] = (b & 0x0f) * 17;
  }
  return Object.freeze({ width: R30X_IMAGE_WIDTH, height: R30X_IMAGE_HEIGHT, dpi: R30X_IMAGE_DPI, pixels });
}

/** Packs 8-bit gray to the upload format (keeps the upper 4 bits), as the sensor does. */
export function packR30xImage(pixels: Uint8Array): Uint8Array {
  if (pixels.length !== R30X_IMAGE_WIDTH * R30X_IMAGE_HEIGHT) {
    throw new FingerprintProtocolError('R30X_BAD_IMAGE_LENGTH', `image of ${pixels.length} pixels, expected ${R30X_IMAGE_WIDTH * R30X_IMAGE_HEIGHT}`, { step: 'r30x.pack' });
  }
  const packed = new Uint8Array(R30X_PACKED_IMAGE_LENGTH);
  for (let i = 0; i < packed.length; i++) packed[i] = (pixels[2 * i]! & 0xf0) | (pixels[2 * i + 1]! >> 4);
  return packed;
}
