// The ESC/POS byte stream as a printer reads it, incrementally (bytes arrive in arbitrary chunks): the
// commands the kiosk sends (escpos-commands.ts) and the common ones around them, as operations for the
// printer simulator. Every declared length is bounded before anything is allocated; a command that is
// unknown or too large gives an error operation and the parser goes on with the next byte (a real
// printer prints garbage or ignores it, and never stops reading).

import { MonoBitmap } from '../../drivers/serial/escpos/mono-bitmap.ts';
import { PrinterError } from '../../hal/printer.ts';

export type EscPosOp =
  | { readonly kind: 'init' }
  | { readonly kind: 'justify'; readonly align: 'left' | 'center' | 'right' }
  | { readonly kind: 'lf' }
  | { readonly kind: 'feed-lines'; readonly lines: number }
  | { readonly kind: 'feed-dots'; readonly dots: number }
  | { readonly kind: 'text'; readonly bytes: Uint8Array }
  | { readonly kind: 'raster'; readonly bitmap: MonoBitmap }
  | { readonly kind: 'qr-model'; readonly model: number }
  | { readonly kind: 'qr-size'; readonly size: number }
  | { readonly kind: 'qr-ecc'; readonly level: 'L' | 'M' | 'Q' | 'H' }
  | { readonly kind: 'qr-store'; readonly data: Uint8Array }
  | { readonly kind: 'qr-print' }
  | { readonly kind: 'cut'; readonly partial: boolean }
  | { readonly kind: 'real-time-status'; readonly n: number }
  | { readonly kind: 'transmit-status'; readonly n: number }
  | { readonly kind: 'ignored'; readonly command: string }
  | { readonly kind: 'error'; readonly error: PrinterError };

/** Raster bounds of the simulated printer: 256 bytes (2048 dots) per row, 4096 rows per command. */
export const MAX_RASTER_BYTES_PER_ROW = 256;
export const MAX_RASTER_ROWS = 4096;
/** GS ( k parameter block bound (pL pH is 16-bit, so this is the format's own limit). */
const MAX_FUNCTION_BYTES = 0xffff;

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;

// ESC commands with one parameter byte that the simulator accepts and does not render.
const ESC_ONE_ARG: Readonly<Record<number, string>> = { 0x21: 'ESC !', 0x45: 'ESC E', 0x2d: 'ESC -', 0x47: 'ESC G', 0x4d: 'ESC M', 0x74: 'ESC t', 0x52: 'ESC R', 0x33: 'ESC 3', 0x20: 'ESC SP', 0x7b: 'ESC {' };
const GS_ONE_ARG: Readonly<Record<number, string>> = { 0x21: 'GS !', 0x42: 'GS B', 0x68: 'GS h', 0x77: 'GS w', 0x48: 'GS H', 0x66: 'GS f' };
const GS_TWO_ARGS: Readonly<Record<number, string>> = { 0x4c: 'GS L', 0x57: 'GS W' };
const QR_ECC = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' } as const;

type Step = { readonly used: number; readonly op?: EscPosOp; readonly skip?: number } | 'more';

const bad = (message: string): EscPosOp => ({ kind: 'error', error: new PrinterError('PRINTER_ERROR', message, { step: 'sim.escpos' }) });

export class EscPosStreamParser {
  private buffer = new Uint8Array(4096);
  private start = 0;
  private end = 0;
  /** Bytes of an over-long command still to discard. */
  private skipping = 0;

  push(chunk: Uint8Array): EscPosOp[] {
    this.append(chunk);
    const ops: EscPosOp[] = [];
    for (;;) {
      if (this.skipping > 0) {
        const n = Math.min(this.skipping, this.end - this.start);
        this.skipping -= n;
        this.start += n;
        if (this.skipping > 0) break;
      }
      if (this.start === this.end) break;
      const step = parseOne(this.buffer.subarray(this.start, this.end));
      if (step === 'more') break;
      this.start += step.used;
      if (step.skip) this.skipping = step.skip;
      if (step.op) ops.push(step.op);
    }
    if (this.start === this.end) this.start = this.end = 0;
    return ops;
  }

  private append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buffer.length) {
      const live = this.end - this.start;
      const size = Math.max(this.buffer.length, 2 ** Math.ceil(Math.log2(live + chunk.length)));
      const next = size === this.buffer.length ? this.buffer : new Uint8Array(size);
      next.set(this.buffer.subarray(this.start, this.end), 0);
      this.buffer = next;
      this.end = live;
      this.start = 0;
    }
    this.buffer.set(chunk, this.end);
    this.end += chunk.length;
  }
}

/** Parses the command at the start of `b`: how many bytes it used and the op, or 'more'. */
function parseOne(b: Uint8Array): Step {
  const first = b[0]!;
  if (first === 0x0a) return { used: 1, op: { kind: 'lf' } };
  if (first === DLE) return parseDle(b);
  if (first === ESC) return parseEsc(b);
  if (first === GS) return parseGs(b);
  if (first < 0x20) return { used: 1 };
  let n = 1;
  while (n < b.length && b[n]! >= 0x20) n += 1;
  return { used: n, op: { kind: 'text', bytes: b.slice(0, n) } };
}

function parseDle(b: Uint8Array): Step {
  if (b.length < 2) return 'more';
  const cmd = b[1]!;
  if (cmd === 0x04 || cmd === 0x05) {
    if (b.length < 3) return 'more';
    return cmd === 0x04 ? { used: 3, op: { kind: 'real-time-status', n: b[2]! } } : { used: 3, op: { kind: 'ignored', command: 'DLE ENQ' } };
  }
  if (cmd === 0x14) return b.length < 5 ? 'more' : { used: 5, op: { kind: 'ignored', command: 'DLE DC4' } };
  return { used: 1, op: bad(`unknown command DLE 0x${hex(cmd)}`) };
}

function parseEsc(b: Uint8Array): Step {
  if (b.length < 2) return 'more';
  const cmd = b[1]!;
  if (cmd === 0x40) return { used: 2, op: { kind: 'init' } };
  if (cmd === 0x32) return { used: 2, op: { kind: 'ignored', command: 'ESC 2' } };
  if (b.length < 3) return 'more';
  const n = b[2]!;
  if (cmd === 0x61) return { used: 3, op: { kind: 'justify', align: n % 48 === 1 ? 'center' : n % 48 === 2 ? 'right' : 'left' } };
  if (cmd === 0x64) return { used: 3, op: { kind: 'feed-lines', lines: n } };
  if (cmd === 0x4a) return { used: 3, op: { kind: 'feed-dots', dots: n } };
  const name = ESC_ONE_ARG[cmd];
  if (name) return { used: 3, op: { kind: 'ignored', command: name } };
  return { used: 1, op: bad(`unknown command ESC 0x${hex(cmd)}`) };
}

function parseGs(b: Uint8Array): Step {
  if (b.length < 2) return 'more';
  const cmd = b[1]!;
  if (cmd === 0x76) return parseRaster(b);
  if (cmd === 0x28) return parseFunction(b);
  if (b.length < 3) return 'more';
  const m = b[2]!;
  if (cmd === 0x56) {
    if (m === 0 || m === 1 || m === 48 || m === 49) return { used: 3, op: { kind: 'cut', partial: m % 48 === 1 } };
    if (m === 65 || m === 66) return b.length < 4 ? 'more' : { used: 4, op: { kind: 'cut', partial: m === 66 } };
    return { used: 3, op: bad(`GS V with mode ${m}`) };
  }
  if (cmd === 0x72) return { used: 3, op: { kind: 'transmit-status', n: m } };
  const one = GS_ONE_ARG[cmd];
  if (one) return { used: 3, op: { kind: 'ignored', command: one } };
  const two = GS_TWO_ARGS[cmd];
  if (two) return b.length < 4 ? 'more' : { used: 4, op: { kind: 'ignored', command: two } };
  return { used: 1, op: bad(`unknown command GS 0x${hex(cmd)}`) };
}

/** GS v 0 m xL xH yL yH d1..dk */
function parseRaster(b: Uint8Array): Step {
  if (b.length < 8) return 'more';
  if (b[2] !== 0x30 && b[2] !== 0) return { used: 2, op: bad('GS v without 0') };
  const bytesPerRow = b[4]! | (b[5]! << 8);
  const rows = b[6]! | (b[7]! << 8);
  const size = bytesPerRow * rows;
  if (bytesPerRow > MAX_RASTER_BYTES_PER_ROW || rows > MAX_RASTER_ROWS) {
    return { used: 8, skip: size, op: bad(`GS v 0 image of ${bytesPerRow} x ${rows} bytes exceeds ${MAX_RASTER_BYTES_PER_ROW} x ${MAX_RASTER_ROWS}`) };
  }
  if (b.length < 8 + size) return 'more';
  return { used: 8 + size, op: { kind: 'raster', bitmap: new MonoBitmap(bytesPerRow * 8, rows, b.slice(8, 8 + size)) } };
}

/** GS ( k pL pH cn fn [m] d... — only cn 49 (QR code) is rendered. */
function parseFunction(b: Uint8Array): Step {
  if (b.length < 5) return 'more';
  if (b[2] !== 0x6b) {
    // GS ( <other> pL pH ...: skip it whole.
    const length = b[3]! | (b[4]! << 8);
    return { used: 5, skip: length, op: { kind: 'ignored', command: `GS ( 0x${hex(b[2]!)}` } };
  }
  const length = b[3]! | (b[4]! << 8);
  if (length < 2 || length > MAX_FUNCTION_BYTES) return { used: 5, skip: length, op: bad(`GS ( k with parameter length ${length}`) };
  if (b.length < 5 + length) return 'more';
  const body = b.subarray(5, 5 + length);
  const used = 5 + length;
  const [cn, fn] = [body[0]!, body[1]!];
  if (cn !== 49) return { used, op: { kind: 'ignored', command: `GS ( k cn ${cn}` } };
  switch (fn) {
    case 65:
      return { used, op: { kind: 'qr-model', model: (body[2] ?? 50) - 48 } };
    case 67:
      return { used, op: { kind: 'qr-size', size: body[2] ?? 3 } };
    case 69: {
      const level = QR_ECC[(body[2] ?? 48) as keyof typeof QR_ECC];
      return level ? { used, op: { kind: 'qr-ecc', level } } : { used, op: bad(`QR error correction ${body[2]}`) };
    }
    case 80:
      return { used, op: { kind: 'qr-store', data: body.slice(3) } };
    case 81:
      return { used, op: { kind: 'qr-print' } };
    default:
      return { used, op: { kind: 'ignored', command: `GS ( k fn ${fn}` } };
  }
}

const hex = (n: number) => n.toString(16).padStart(2, '0');
