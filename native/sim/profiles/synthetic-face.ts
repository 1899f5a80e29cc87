// The DG2 portrait of the simulated documents: a drawn face (scripts/make-synthetic-face.ts), read from
// native/sim/assets at runtime so that jpeg-js stays a development dependency.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface SyntheticFace {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
}

const ASSET = new URL('../assets/synthetic-face.jpg', import.meta.url);
let cached: SyntheticFace | undefined;

/** The synthetic face JPEG and its size. Throws when the asset is missing or is not a baseline JPEG. */
export function syntheticFace(): SyntheticFace {
  if (cached) return cached;
  const bytes = new Uint8Array(readFileSync(fileURLToPath(ASSET)));
  const size = jpegSize(bytes);
  if (!size) throw new Error('native/sim/assets/synthetic-face.jpg is not a JPEG with a frame header');
  cached = Object.freeze({ bytes, ...size });
  return cached;
}

/** Width and height from the first SOFn segment (ITU-T T.81 §B.2.2), walking the marker segments. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let p = 2;
  while (p + 9 < bytes.length) {
    if (bytes[p] !== 0xff) return undefined;
    const marker = bytes[p + 1]!;
    const length = (bytes[p + 2]! << 8) | bytes[p + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[p + 5]! << 8) | bytes[p + 6]!, width: (bytes[p + 7]! << 8) | bytes[p + 8]! };
    }
    p += 2 + length;
  }
  return undefined;
}
