// A 1-bit image in the layout ESC/POS raster commands use (GS v 0): rows of ceil(width / 8) bytes,
// most significant bit leftmost, 1 = a black dot. Used by the ticket renderer and the printer simulator.

import { PrinterError } from '../../../hal/printer.ts';

/** Largest image either side handles: 8192 x 8192 dots (8 MB of bits) bounds every allocation. */
export const MAX_BITMAP_DOTS = 8192;

export class MonoBitmap {
  readonly bytesPerRow: number;
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    data?: Uint8Array,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0 || width > MAX_BITMAP_DOTS || height > MAX_BITMAP_DOTS) {
      throw new PrinterError('INVALID_TICKET', `bitmap of ${width} x ${height} dots is outside 0..${MAX_BITMAP_DOTS}`, { step: 'printer.render' });
    }
    this.bytesPerRow = Math.ceil(width / 8);
    const size = this.bytesPerRow * height;
    if (data && data.length !== size) throw new PrinterError('INVALID_TICKET', `bitmap data of ${data.length} bytes, expected ${size}`, { step: 'printer.render' });
    this.data = data ?? new Uint8Array(size);
  }

  get(x: number, y: number): boolean {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return false;
    return ((this.data[y * this.bytesPerRow + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1;
  }

  set(x: number, y: number, black = true): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = y * this.bytesPerRow + (x >> 3);
    const mask = 0x80 >> (x & 7);
    this.data[i] = black ? this.data[i]! | mask : this.data[i]! & ~mask;
  }

  /** Fills a rectangle (clipped to the image). */
  fillRect(x: number, y: number, w: number, h: number): void {
    for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy += 1) {
      for (let xx = Math.max(0, x); xx < Math.min(this.width, x + w); xx += 1) this.set(xx, yy);
    }
  }

  /** Copies the black dots of `source` with its top-left corner at (x, y) (clipped). */
  draw(source: MonoBitmap, x: number, y: number): void {
    for (let sy = 0; sy < source.height; sy += 1) {
      for (let sx = 0; sx < source.width; sx += 1) if (source.get(sx, sy)) this.set(x + sx, y + sy);
    }
  }

  /** Rows [top, top + rows) as a new bitmap (a band of a GS v 0 command). */
  rows(top: number, rows: number): MonoBitmap {
    const h = Math.max(0, Math.min(rows, this.height - top));
    return new MonoBitmap(this.width, h, this.data.slice(top * this.bytesPerRow, (top + h) * this.bytesPerRow));
  }

  /** Black dots, for tests and statistics. */
  countBlack(): number {
    let n = 0;
    for (const byte of this.data) {
      let b = byte;
      while (b) {
        n += b & 1;
        b >>= 1;
      }
    }
    return n;
  }
}

/** Stacks bitmaps vertically, left-aligned, on a canvas `width` dots wide. */
export function stack(width: number, parts: readonly MonoBitmap[]): MonoBitmap {
  const height = parts.reduce((h, p) => h + p.height, 0);
  const out = new MonoBitmap(width, height);
  let y = 0;
  for (const part of parts) {
    out.draw(part, 0, y);
    y += part.height;
  }
  return out;
}
