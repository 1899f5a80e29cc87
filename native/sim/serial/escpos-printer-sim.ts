// An ESC/POS receipt printer at byte level: it reads the stream (escpos-stream-parser.ts), prints on a
// simulated paper roll (paper-roll.ts) and hands each cut ticket back as a bitmap and a PNG that a test
// or a person can look at. It answers DLE EOT n at once (real-time) and GS r 1 in stream order (after
// printing what came before), like the real thing.
//
// Control surface: paper out / near end, cover open, offline, an error, silence (no replies at all),
// and paper that runs out after n more dot rows (a ticket torn mid-print). While it cannot print, print
// data is dropped (counted) and GS r is not answered, which is what a driver sees from a stopped printer.

import { Emitter, type Disposable, type Event } from '../../hal/event.ts';
import type { PrinterStatus } from '../../hal/printer.ts';
import type { SerialLink } from '../../drivers/serial/serial-link.ts';
import type { MonoBitmap } from '../../drivers/serial/escpos/mono-bitmap.ts';
import { encodeRealTimeStatus, encodeTransmitPaperStatus } from '../../drivers/serial/escpos/escpos-status.ts';
import { TextRasterizer } from '../../drivers/serial/escpos/text-rasterizer.ts';
import { EscPosStreamParser, type EscPosOp } from './escpos-stream-parser.ts';
import { PaperRoll, monoBitmapToPng } from './paper-roll.ts';
import type { SerialSimulator } from './sim-serial-port.ts';

export interface PrintedTicket {
  /** 1-based, in cut order. */
  readonly index: number;
  readonly bitmap: MonoBitmap;
  /** 8-bit grayscale PNG of the ticket. */
  readonly png: Uint8Array;
  readonly qrPayloads: readonly string[];
}

export interface EscPosPrinterSimOptions {
  /** Head width in dots (default 576). */
  readonly widthDots?: number;
  readonly text?: TextRasterizer;
  /**
   * How many of the latest cut tickets `tickets` keeps (default 50). A simulator behind a demo kiosk runs
   * for days: keeping every raster and PNG would grow without bound (about 70 KB a ticket).
   */
  readonly keepTickets?: number;
}

const LINE_DOTS = 34;

export class EscPosPrinterSim implements SerialSimulator {
  private readonly parser = new EscPosStreamParser();
  private readonly paper: PaperRoll;
  private readonly printed = new Emitter<PrintedTicket>();
  private link: SerialLink | undefined;
  private state = { paperOut: false, paperNearEnd: false, coverOpen: false, online: true, error: false };
  private silent = false;
  private rowsLeft: number | undefined;
  /** The latest cut tickets, oldest first (at most `keepTickets`); `ticketsCut` counts them all. */
  readonly tickets: PrintedTicket[] = [];
  private cutCount = 0;
  private readonly keepTickets: number;
  readonly onDidPrintTicket: Event<PrintedTicket> = this.printed.event;
  /** Counters for tests and benches. */
  readonly counts = { bytes: 0, statusQueries: 0, droppedOps: 0, errors: 0, tornTickets: 0 };

  constructor(options: EscPosPrinterSimOptions = {}) {
    let text = options.text;
    this.keepTickets = Math.max(1, options.keepTickets ?? 50);
    this.paper = new PaperRoll(options.widthDots ?? 576, () => (text ??= TextRasterizer.bundled()));
  }

  /** Every ticket cut since the simulator started, including those no longer kept in `tickets`. */
  get ticketsCut(): number {
    return this.cutCount;
  }

  attach(link: SerialLink): Disposable {
    this.link = link;
    const sub = link.onDidReceive((chunk) => this.receive(chunk));
    return {
      dispose: () => {
        sub.dispose();
        if (this.link === link) this.link = undefined;
      },
    };
  }

  get status(): PrinterStatus {
    return Object.freeze({ ...this.state });
  }

  get canPrint(): boolean {
    return this.state.online && !this.state.paperOut && !this.state.coverOpen && !this.state.error;
  }

  setPaperOut(out: boolean): void {
    this.state.paperOut = out;
    if (!out) this.rowsLeft = undefined;
  }

  setPaperNearEnd(nearEnd: boolean): void {
    this.state.paperNearEnd = nearEnd;
  }

  setCoverOpen(open: boolean): void {
    this.state.coverOpen = open;
  }

  setOffline(offline: boolean): void {
    this.state.online = !offline;
  }

  setError(error: boolean): void {
    this.state.error = error;
  }

  /** No replies at all (a printer switched off with the adapter still powered). */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  /** The roll ends after `rows` more dot rows: the ticket being printed is torn and the printer stops. */
  runOutOfPaperAfter(rows: number): void {
    this.rowsLeft = rows;
  }

  private receive(chunk: Uint8Array): void {
    this.counts.bytes += chunk.length;
    for (const op of this.parser.push(chunk)) this.apply(op);
  }

  private apply(op: EscPosOp): void {
    switch (op.kind) {
      case 'real-time-status':
        return this.answerRealTime(op.n);
      case 'transmit-status':
        this.counts.statusQueries += 1;
        if (this.canPrint && !this.silent && op.n === 1) this.reply(encodeTransmitPaperStatus(this.state));
        return;
      case 'error':
        this.counts.errors += 1;
        return;
      case 'init':
        this.paper.reset();
        return;
      case 'ignored':
        return;
    }
    if (!this.canPrint) {
      this.counts.droppedOps += 1;
      return;
    }
    this.print(op);
    this.checkPaperEnd();
  }

  private print(op: EscPosOp): void {
    const p = this.paper;
    switch (op.kind) {
      case 'justify':
        return p.justify(op.align);
      case 'lf':
        return p.lineFeed();
      case 'feed-lines':
        return p.feed(op.lines * LINE_DOTS);
      case 'feed-dots':
        return p.feed(op.dots);
      case 'text':
        return p.addText(op.bytes);
      case 'raster':
        return p.raster(op.bitmap);
      case 'qr-size':
        p.qrSize = Math.max(1, Math.min(16, op.size));
        return;
      case 'qr-ecc':
        p.qrLevel = op.level;
        return;
      case 'qr-store':
        p.qrData = op.data;
        return;
      case 'qr-print':
        if (!p.printQr()) this.counts.errors += 1;
        return;
      case 'cut':
        return this.cut();
      default:
        return;
    }
  }

  private checkPaperEnd(): void {
    if (this.rowsLeft === undefined || this.paper.printedRows <= this.rowsLeft) return;
    // The roll ran out under the head: the part printed so far is a torn stub, not a ticket.
    this.paper.cut();
    this.paper.qrPayloads = [];
    this.counts.tornTickets += 1;
    this.rowsLeft = undefined;
    this.state.paperOut = true;
  }

  private cut(): void {
    const bitmap = this.paper.cut();
    const qrPayloads = Object.freeze(this.paper.qrPayloads);
    this.paper.qrPayloads = [];
    if (!bitmap) return;
    if (this.rowsLeft !== undefined) this.rowsLeft = Math.max(0, this.rowsLeft - bitmap.height);
    this.cutCount += 1;
    const ticket: PrintedTicket = Object.freeze({ index: this.cutCount, bitmap, png: monoBitmapToPng(bitmap), qrPayloads });
    this.tickets.push(ticket);
    if (this.tickets.length > this.keepTickets) this.tickets.splice(0, this.tickets.length - this.keepTickets);
    this.printed.fire(ticket);
  }

  private answerRealTime(n: number): void {
    this.counts.statusQueries += 1;
    if (this.silent || n < 1 || n > 4) return;
    const bytes = encodeRealTimeStatus(this.state);
    this.reply([bytes.printer, bytes.offlineCause, bytes.errorCause, bytes.paper][n - 1]!);
  }

  private reply(byte: number): void {
    void this.link?.write(Uint8Array.of(byte)).catch(() => undefined);
  }
}
