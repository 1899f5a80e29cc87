// The simulated printer's paper: what the head has printed since the last cut, as a growing 1-bit
// image the width of the head. Raster images print as sent; the QR code is drawn from the stored data
// with a QR encoder (@paulmillr/qr), the way the printer's firmware draws it; plain text (code page
// bytes) prints in a 12 x 24 font like ESC/POS font A. A cut hands back the ticket as a bitmap and a PNG.

import encodeQR from '@paulmillr/qr';
import { PNG } from 'pngjs';
import { MonoBitmap } from '../../drivers/serial/escpos/mono-bitmap.ts';
import type { TextRasterizer } from '../../drivers/serial/escpos/text-rasterizer.ts';

/** ESC 2 default line spacing: 1/6 inch at 203 dpi. */
const LINE_DOTS = 34;
const TEXT_SIZE = 22;
/** Longest ticket kept (about 1 m of paper): more is cut off, bounding memory. */
export const MAX_TICKET_ROWS = 8000;

export class PaperRoll {
  private strips: MonoBitmap[] = [];
  private rows = 0;
  private align: 'left' | 'center' | 'right' = 'left';
  private line = '';
  qrSize = 3;
  qrLevel: 'L' | 'M' | 'Q' | 'H' = 'L';
  qrData: Uint8Array | undefined;
  /** Payloads of the QR codes on the current ticket. */
  qrPayloads: string[] = [];

  constructor(
    readonly widthDots: number,
    private readonly text: () => TextRasterizer,
  ) {}

  get printedRows(): number {
    return this.rows;
  }

  reset(): void {
    this.align = 'left';
    this.line = '';
    this.qrSize = 3;
    this.qrLevel = 'L';
    this.qrData = undefined;
  }

  justify(align: 'left' | 'center' | 'right'): void {
    this.align = align;
  }

  addText(bytes: Uint8Array): void {
    // Code page 437's printable ASCII range is all the simulator draws; the kiosk never prints text this way.
    this.line += Array.from(bytes, (b) => (b < 0x7f ? String.fromCharCode(b) : '?')).join('');
  }

  lineFeed(): void {
    if (this.line === '') {
      this.feed(LINE_DOTS);
      return;
    }
    const rendered = this.text().render(this.line, TEXT_SIZE, 'regular');
    this.line = '';
    const strip = new MonoBitmap(this.widthDots, Math.max(LINE_DOTS, rendered.height));
    strip.draw(rendered, this.x(rendered.width), 0);
    this.add(strip);
  }

  feed(dots: number): void {
    if (this.line !== '') this.lineFeed();
    if (dots > 0) this.add(new MonoBitmap(this.widthDots, Math.min(dots, MAX_TICKET_ROWS)));
  }

  raster(image: MonoBitmap): void {
    const strip = new MonoBitmap(this.widthDots, image.height);
    strip.draw(image, this.x(image.width), 0);
    this.add(strip);
  }

  /** GS ( k fn 181: draws the stored data as a model 2 QR code; returns false when nothing is stored. */
  printQr(): boolean {
    if (!this.qrData) return false;
    const payload = new TextDecoder().decode(this.qrData);
    const ecc = ({ L: 'low', M: 'medium', Q: 'quartile', H: 'high' } as const)[this.qrLevel];
    const modules = encodeQR(payload, 'raw', { ecc, border: 0 });
    const size = modules.length * this.qrSize;
    // The quiet zone the standard asks for (4 modules) above and below; the paper margin gives the sides.
    const quiet = 4 * this.qrSize;
    const strip = new MonoBitmap(this.widthDots, size + 2 * quiet);
    const x0 = this.x(size);
    modules.forEach((row, y) => row.forEach((dark, x) => dark && strip.fillRect(x0 + x * this.qrSize, quiet + y * this.qrSize, this.qrSize, this.qrSize)));
    this.add(strip);
    this.qrPayloads.push(payload);
    return true;
  }

  /** Ends the ticket: the printed image since the last cut (undefined when nothing was printed). */
  cut(): MonoBitmap | undefined {
    if (this.line !== '') this.lineFeed();
    const strips = this.strips;
    const height = this.rows;
    this.strips = [];
    this.rows = 0;
    if (height === 0) return undefined;
    const ticket = new MonoBitmap(this.widthDots, height);
    let y = 0;
    for (const s of strips) {
      ticket.data.set(s.data, y * ticket.bytesPerRow);
      y += s.height;
    }
    return ticket;
  }

  private x(width: number): number {
    if (this.align === 'center') return Math.max(0, Math.floor((this.widthDots - width) / 2));
    if (this.align === 'right') return Math.max(0, this.widthDots - width);
    return 0;
  }

  private add(strip: MonoBitmap): void {
    const room = MAX_TICKET_ROWS - this.rows;
    if (room <= 0) return;
    const s = strip.height > room ? strip.rows(0, room) : strip;
    this.strips.push(s);
    this.rows += s.height;
  }
}

/** A 1-bit image as an 8-bit grayscale PNG (black dots on white paper), with a `margin` of white around it. */
export function monoBitmapToPng(bitmap: MonoBitmap, margin = 16): Uint8Array {
  const width = bitmap.width + 2 * margin;
  const height = bitmap.height + 2 * margin;
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  const gray = Buffer.alloc(width * height, 0xff);
  for (let y = 0; y < bitmap.height; y += 1) {
    for (let x = 0; x < bitmap.width; x += 1) if (bitmap.get(x, y)) gray[(y + margin) * width + x + margin] = 0;
  }
  png.data = gray;
  return new Uint8Array(PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false }));
}
