// The ESC/POS commands the kiosk sends (Epson ESC/POS command reference; the same bytes are understood
// by the common 58/80 mm kiosk printers): initialise, alignment, feed, raster image (GS v 0), QR code
// (GS ( k, cn 49), cut (GS V), real-time status (DLE EOT n) and transmit status (GS r n).

import { PrinterError } from '../../../hal/printer.ts';
import type { MonoBitmap } from './mono-bitmap.ts';

export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

/** ESC @: clears the buffer and resets modes. */
export const initialize = (): Uint8Array => Uint8Array.of(ESC, 0x40);

/** ESC a n: 0 left, 1 centre, 2 right. */
export const justify = (where: 'left' | 'center' | 'right'): Uint8Array => Uint8Array.of(ESC, 0x61, where === 'left' ? 0 : where === 'center' ? 1 : 2);

/** ESC d n: prints the buffer and feeds n lines. */
export const feedLines = (n: number): Uint8Array => Uint8Array.of(ESC, 0x64, clampByte(n));

/** GS V 66 n: feeds to the cutter (+ n motion units) and cuts, leaving one point uncut (partial cut). */
export const feedAndCut = (n = 0): Uint8Array => Uint8Array.of(GS, 0x56, 66, clampByte(n));

/** DLE EOT n (n = 1..4): the printer answers one status byte at once, even when offline. */
export const realTimeStatus = (n: RealTimeStatusKind): Uint8Array => Uint8Array.of(DLE, EOT, n);

/** GS r 1: transmit paper sensor status (answered after the data before it is processed). */
export const transmitPaperStatus = (): Uint8Array => Uint8Array.of(GS, 0x72, 1);

export type RealTimeStatusKind = 1 | 2 | 3 | 4;

/** GS v 0 limits: xL xH and yL yH are 16-bit. */
const MAX_RASTER_BYTES_PER_ROW = 0xffff;

/**
 * GS v 0 m xL xH yL yH d1..dk (m = 0: normal density), split into bands of at most `bandRows` rows,
 * because printers limit the size of one raster command.
 */
export function rasterImage(bitmap: MonoBitmap, bandRows = 256): Uint8Array {
  if (bitmap.bytesPerRow > MAX_RASTER_BYTES_PER_ROW) throw new PrinterError('INVALID_TICKET', 'raster image too wide', { step: 'printer.encode' });
  const parts: Uint8Array[] = [];
  for (let top = 0; top < bitmap.height; top += bandRows) {
    const band = bitmap.rows(top, bandRows);
    const header = Uint8Array.of(GS, 0x76, 0x30, 0, bitmap.bytesPerRow & 0xff, bitmap.bytesPerRow >> 8, band.height & 0xff, band.height >> 8);
    parts.push(header, band.data);
  }
  return concatAll(parts);
}

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
const QR_ECC: Readonly<Record<QrErrorCorrection, number>> = Object.freeze({ L: 48, M: 49, Q: 50, H: 51 });

/** GS ( k store limit (function 180): k <= 7089. */
export const MAX_QR_STORE_BYTES = 7089;

/**
 * The QR sequence of GS ( k (cn = 49): select model 2 (fn 165), module size (fn 167), error correction
 * (fn 169), store the data (fn 180), print it (fn 181).
 */
export function qrCode(payload: Uint8Array, moduleSize: number, errorCorrection: QrErrorCorrection): Uint8Array {
  if (payload.length < 1 || payload.length > MAX_QR_STORE_BYTES) {
    throw new PrinterError('INVALID_TICKET', `QR payload of ${payload.length} bytes (1..${MAX_QR_STORE_BYTES})`, { step: 'printer.encode' });
  }
  if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16) throw new PrinterError('INVALID_TICKET', 'QR module size must be 1..16', { step: 'printer.encode' });
  const storeLength = payload.length + 3;
  return concatAll([
    Uint8Array.of(GS, 0x28, 0x6b, 4, 0, 49, 65, 50, 0),
    Uint8Array.of(GS, 0x28, 0x6b, 3, 0, 49, 67, moduleSize),
    Uint8Array.of(GS, 0x28, 0x6b, 3, 0, 49, 69, QR_ECC[errorCorrection]),
    Uint8Array.of(GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 49, 80, 48),
    payload,
    Uint8Array.of(GS, 0x28, 0x6b, 3, 0, 49, 81, 48),
  ]);
}

export function concatAll(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function clampByte(n: number): number {
  return Math.max(0, Math.min(255, Math.trunc(n)));
}
