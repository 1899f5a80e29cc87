// ESC/POS status replies. DLE EOT n (real-time status) answers one byte whose fixed bits are
// bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0 (so 0x12 is "nothing to report"); the other bits:
//   n = 1 printer:       bit 3 offline, bit 5 waiting for online recovery, bit 6 feed button pressed
//   n = 2 offline cause: bit 2 cover open, bit 3 paper fed by button, bit 5 printing stopped by paper end,
//                        bit 6 error occurred
//   n = 3 error cause:   bit 2 recoverable error, bit 3 autocutter error, bit 5 unrecoverable error,
//                        bit 6 auto-recoverable error (head temperature)
//   n = 4 paper sensor:  bits 2-3 paper near end, bits 5-6 paper end
// GS r 1 (transmit status) answers: bits 0-1 paper near end, bits 2-3 paper end, bits 4 and 7 = 0.

import { PrinterError, type PrinterStatus } from '../../../hal/printer.ts';
import type { RealTimeStatusKind } from './escpos-commands.ts';

const FIXED_MASK = 0b1001_0011;
const FIXED_VALUE = 0b0001_0010;

export interface RealTimeStatusBytes {
  readonly printer: number;
  readonly offlineCause: number;
  readonly errorCause: number;
  readonly paper: number;
}

/** @throws PrinterError ESCPOS_BAD_STATUS when the byte lacks the fixed bits of a DLE EOT reply. */
export function checkRealTimeStatusByte(kind: RealTimeStatusKind, byte: number): number {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || (byte & FIXED_MASK) !== FIXED_VALUE) {
    throw new PrinterError('ESCPOS_BAD_STATUS', `DLE EOT ${kind} reply 0x${(byte & 0xff).toString(16).padStart(2, '0')} lacks the fixed bits`, {
      step: 'printer.status',
    });
  }
  return byte;
}

/**
 * The four DLE EOT replies as a PrinterStatus.
 *
 * @throws PrinterError ESCPOS_BAD_STATUS when a byte lacks the fixed bits.
 */
export function parseRealTimeStatus(bytes: RealTimeStatusBytes): PrinterStatus {
  const printer = checkRealTimeStatusByte(1, bytes.printer);
  const offline = checkRealTimeStatusByte(2, bytes.offlineCause);
  const error = checkRealTimeStatusByte(3, bytes.errorCause);
  const paper = checkRealTimeStatusByte(4, bytes.paper);
  return Object.freeze({
    online: (printer & 0x08) === 0,
    paperOut: (paper & 0x60) !== 0 || (offline & 0x20) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    coverOpen: (offline & 0x04) !== 0,
    error: (offline & 0x40) !== 0 || (error & 0x6c) !== 0,
  });
}

export interface PaperSensorStatus {
  readonly paperNearEnd: boolean;
  readonly paperOut: boolean;
}

/** GS r 1 reply. @throws PrinterError ESCPOS_BAD_STATUS when bit 4 or bit 7 is set. */
export function parseTransmitPaperStatus(byte: number): PaperSensorStatus {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || (byte & 0x90) !== 0) {
    throw new PrinterError('ESCPOS_BAD_STATUS', `GS r 1 reply 0x${(byte & 0xff).toString(16).padStart(2, '0')} has fixed bits set`, { step: 'printer.status' });
  }
  return Object.freeze({ paperNearEnd: (byte & 0x03) !== 0, paperOut: (byte & 0x0c) !== 0 });
}

/** The DLE EOT replies a printer in `status` sends (the simulator's side). */
export function encodeRealTimeStatus(status: PrinterStatus & { readonly waitingForRecovery?: boolean }): RealTimeStatusBytes {
  const offline = !status.online || status.paperOut || status.coverOpen || status.error;
  return Object.freeze({
    printer: FIXED_VALUE | (offline ? 0x08 : 0) | (offline ? 0x20 : 0),
    offlineCause: FIXED_VALUE | (status.coverOpen ? 0x04 : 0) | (status.paperOut ? 0x20 : 0) | (status.error ? 0x40 : 0),
    errorCause: FIXED_VALUE | (status.error ? 0x08 : 0),
    paper: FIXED_VALUE | (status.paperNearEnd || status.paperOut ? 0x0c : 0) | (status.paperOut ? 0x60 : 0),
  });
}

export function encodeTransmitPaperStatus(status: PaperSensorStatus): number {
  return (status.paperNearEnd || status.paperOut ? 0x03 : 0) | (status.paperOut ? 0x0c : 0);
}

/** Which state keeps the printer from printing, most specific first; undefined when it can print. */
export function blockingReason(status: PrinterStatus): 'PAPER_OUT' | 'COVER_OPEN' | 'PRINTER_ERROR' | 'PRINTER_OFFLINE' | undefined {
  if (status.coverOpen) return 'COVER_OPEN';
  if (status.paperOut) return 'PAPER_OUT';
  if (status.error) return 'PRINTER_ERROR';
  if (!status.online) return 'PRINTER_OFFLINE';
  return undefined;
}
