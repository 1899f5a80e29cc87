// Bytes from a line-based scanner to text lines. Scanners end each read with CR, LF or CR LF (their
// "suffix" setting); some prefix an AIM symbology identifier (']Q1' for QR, ISO/IEC 15424). Lines are
// bounded: a line longer than `maxLineBytes` is dropped up to its terminator, with one error, and the
// buffer never grows past the bound.

import { ScanError } from '../../../hal/document-scanner.ts';

export type DecodedLine = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'error'; readonly error: ScanError };

/** Default bound: a CCCD QR with a long address is ~300 bytes of UTF-8; newer layouts append fields. */
export const DEFAULT_MAX_LINE_BYTES = 2048;

const CR = 0x0d;
const LF = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });
// AIM identifier: ']' + symbology letter + modifier character.
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;
// C0 controls other than TAB, DEL, and C1 controls: never part of an MRZ or of the QR layouts we read.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

export class LineDecoder {
  private readonly buffer: Uint8Array;
  private length = 0;
  private overflowing = false;
  private lastWasCr = false;

  constructor(readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES) {
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1 || maxLineBytes > 65536) {
      throw new ScanError('SCAN_LINE_TOO_LONG', 'maxLineBytes must be an integer between 1 and 65536', { step: 'scanner.config' });
    }
    this.buffer = new Uint8Array(maxLineBytes);
  }

  /** Feeds a chunk; returns the lines (and errors) it completed, in order. Empty lines are skipped. */
  push(chunk: Uint8Array): DecodedLine[] {
    const out: DecodedLine[] = [];
    for (const byte of chunk) {
      if (byte === LF && this.lastWasCr) {
        // The LF of a CR LF pair: the line already ended at the CR.
        this.lastWasCr = false;
        continue;
      }
      this.lastWasCr = byte === CR;
      if (byte === CR || byte === LF) {
        this.endLine(out);
        continue;
      }
      if (this.overflowing) continue;
      if (this.length === this.maxLineBytes) {
        this.overflowing = true;
        this.length = 0;
        out.push({ kind: 'error', error: new ScanError('SCAN_LINE_TOO_LONG', `scanned line longer than ${this.maxLineBytes} bytes`) });
        continue;
      }
      this.buffer[this.length++] = byte;
    }
    return out;
  }

  /** Drops a partial line (after an unplug). */
  reset(): void {
    this.length = 0;
    this.overflowing = false;
    this.lastWasCr = false;
  }

  private endLine(out: DecodedLine[]): void {
    if (this.overflowing) {
      this.overflowing = false;
      return;
    }
    if (this.length === 0) return;
    const bytes = this.buffer.subarray(0, this.length);
    this.length = 0;
    out.push(decodeLine(bytes));
  }
}

/** One line's bytes (without terminator) to text: UTF-8, NFC, AIM prefix and surrounding blanks removed. */
export function decodeLine(bytes: Uint8Array): DecodedLine {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    return { kind: 'error', error: new ScanError('SCAN_NOT_TEXT', `scanned line of ${bytes.length} bytes is not UTF-8 (scanner code page?)`, { cause }) };
  }
  text = text.replace(/^\uFEFF/, '').replace(AIM_PREFIX, '').trim().normalize('NFC');
  if (CONTROL.test(text)) {
    return { kind: 'error', error: new ScanError('SCAN_NOT_TEXT', `scanned line of ${bytes.length} bytes contains control characters`) };
  }
  return { kind: 'line', text };
}
