// The receipt-printer seam. The check-in flow hands a Ticket (title, big queue number, lines, a QR
// payload, footer); the printer renders it (Vietnamese text as a raster image, since ESC/POS code pages
// lack Vietnamese), queues it and prints it. A ticket that cannot print now is kept and printed when the
// printer is ready again: nothing is lost. Implementation: EscPosPrinter (native/drivers/serial/escpos)
// over a serial link, or over the byte-level simulator (native/sim/serial/escpos-printer-sim.ts) that
// renders what it prints to a PNG; test/contract/printer.contract.ts runs against both.

import type { Device } from './device.ts';
import { KioskError, type KioskErrorOptions, type UserMessageKey } from './errors.ts';
import type { Event } from './event.ts';

/** What a queue ticket shows, top to bottom. Text is Unicode (Vietnamese with diacritics). */
export interface Ticket {
  /** e.g. 'BỆNH VIỆN ĐA KHOA TỈNH' */
  readonly title: string;
  /** The queue number printed large, e.g. 'A042'. */
  readonly queueNumber: string;
  /** Body lines (department, room, time); long lines wrap. */
  readonly lines: readonly string[];
  /** Printed as a QR code (ESC/POS GS ( k) when present. */
  readonly qrPayload?: string;
  /** Small text at the bottom. */
  readonly footer?: string;
}

/** The printer's own state as its status replies report it (ESC/POS DLE EOT 1..4). */
export interface PrinterStatus {
  readonly online: boolean;
  readonly paperOut: boolean;
  readonly paperNearEnd: boolean;
  readonly coverOpen: boolean;
  /** Cutter jam, head overheat, or another error the printer reports. */
  readonly error: boolean;
}

export interface PrintResult {
  readonly jobId: number;
  /** Printing attempts it took (1 when the printer was ready). */
  readonly attempts: number;
  /** Bytes sent to the printer for the successful attempt. */
  readonly bytes: number;
}

export type PrintJobEvent =
  | { readonly kind: 'queued'; readonly jobId: number; readonly pending: number }
  | { readonly kind: 'printed'; readonly jobId: number; readonly attempts: number }
  | { readonly kind: 'deferred'; readonly jobId: number; readonly reason: PrinterErrorCode; readonly pending: number };

export type PrinterErrorCode =
  | 'PAPER_OUT'
  | 'COVER_OPEN'
  | 'PRINTER_OFFLINE'
  | 'PRINTER_ERROR'
  /** The printer did not answer a status query within its deadline. */
  | 'PRINTER_NOT_RESPONDING'
  /** A status reply without the fixed bits of ESC/POS real-time status. */
  | 'ESCPOS_BAD_STATUS'
  /** The ticket does not fit the model's bounds (field named in the message). */
  | 'INVALID_TICKET'
  /** The font that renders Vietnamese text cannot be loaded. */
  | 'PRINTER_FONT_MISSING';

const USER_MESSAGE: Readonly<Record<PrinterErrorCode, UserMessageKey>> = Object.freeze({
  PAPER_OUT: 'PRINTER_PAPER_OUT',
  COVER_OPEN: 'PRINTER_COVER_OPEN',
  PRINTER_OFFLINE: 'PRINTER_UNAVAILABLE',
  PRINTER_ERROR: 'PRINTER_UNAVAILABLE',
  PRINTER_NOT_RESPONDING: 'PRINTER_UNAVAILABLE',
  ESCPOS_BAD_STATUS: 'PRINTER_UNAVAILABLE',
  INVALID_TICKET: 'INTERNAL',
  PRINTER_FONT_MISSING: 'PRINTER_UNAVAILABLE',
});

/**
 * A printer failure. `jobId` is set when a ticket was queued and is kept for a retry (`queued` true): the
 * person is told to ask staff, and the ticket prints once the printer is ready again.
 */
export class PrinterError extends KioskError {
  declare readonly code: PrinterErrorCode;
  readonly jobId: number | undefined;

  constructor(code: PrinterErrorCode, message: string, options: KioskErrorOptions & { readonly jobId?: number } = {}) {
    super(code, message, { userMessage: USER_MESSAGE[code], step: 'printer.print', ...options });
    this.jobId = options.jobId;
  }

  /** The ticket stays in the queue and prints when the printer is ready. */
  get queued(): boolean {
    return this.jobId !== undefined;
  }
}

/**
 * A receipt printer.
 *
 * Obligations:
 * - `print` validates the ticket (PrinterError INVALID_TICKET, nothing queued), queues it and resolves
 *   once it printed. When the printer cannot print (paper out, cover open, offline, no answer) it rejects
 *   with PrinterError whose `jobId` names the kept job; the job prints in order once the printer is ready
 *   (`onDidChangeJob` fires `printed` then). Jobs print one at a time, in the order queued.
 * - `health` follows the status replies: `faulted` with reason PAPER_OUT / COVER_OPEN / PRINTER_OFFLINE /
 *   PRINTER_ERROR, `busy` while printing, `absent` after the port vanished, `ready` otherwise.
 * - `selfTest()` queries the status and prints a test ticket.
 */
export interface Printer extends Device {
  readonly role: 'printer';
  readonly onDidChangeJob: Event<PrintJobEvent>;
  /** Jobs queued and not yet printed. */
  readonly pendingJobs: number;
  print(ticket: Ticket): Promise<PrintResult>;
  queryStatus(): Promise<PrinterStatus>;
}
