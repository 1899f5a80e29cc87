// An ESC/POS receipt printer on a serial link (driver `escpos-serial`), with its print queue.
//
// One job at a time, in order: check the real-time status (DLE EOT 1..4), send the ticket followed by
// GS r 1, and take the GS r 1 answer as "printed" (the printer answers it only after printing what came
// before). A printer that cannot print keeps the job: `print` rejects with PrinterError naming the job,
// the job stays first in the queue and is retried every `retryIntervalMs` until it prints (a ticket
// torn by paper running out is printed again in full). Between jobs the status is polled so that
// health shows paper out / cover open before anyone needs the printer.

import type { DeviceHealth, SelfTestResult } from '../../../hal/device.ts';
import { DeviceUnavailableError, KioskError } from '../../../hal/errors.ts';
import { Emitter, type Event } from '../../../hal/event.ts';
import { PrinterError, type PrintJobEvent, type PrintResult, type Printer, type PrinterStatus, type Ticket } from '../../../hal/printer.ts';
import { DeviceHealthTracker, SelfTestRun } from '../device-health-tracker.ts';
import { SerialConnection } from '../serial-connection.ts';
import type { SerialLinkOpener } from '../serial-link.ts';
import { EscPosPrinterOptionsSchema, type EscPosPrinterOptions } from '../serial-driver-options.ts';
import { concatAll, realTimeStatus, transmitPaperStatus } from './escpos-commands.ts';
import { blockingReason, parseRealTimeStatus, parseTransmitPaperStatus } from './escpos-status.ts';
import { encodeTicketJob } from './escpos-ticket-encoder.ts';
import { StatusChannel } from './status-channel.ts';
import { TextRasterizer } from './text-rasterizer.ts';
import { parseTicket } from './ticket-schema.ts';
import { renderTicket } from './ticket-renderer.ts';

export interface EscPosPrinterConstructorOptions extends Partial<EscPosPrinterOptions> {
  readonly id: string;
  readonly driver?: string;
  readonly opener: SerialLinkOpener;
  /** Default: the bundled DejaVu Sans. */
  readonly text?: TextRasterizer;
}

interface Job {
  readonly id: number;
  readonly bytes: Uint8Array;
  attempts: number;
  /** The caller was told (resolved or rejected); later outcomes go to onDidChangeJob only. */
  settled: boolean;
  resolve(result: PrintResult): void;
  reject(error: Error): void;
}

/** The ticket `selfTest` prints: every Vietnamese tone mark on a, the special letters, and a QR. */
export const TEST_TICKET: Ticket = Object.freeze({
  title: 'KIỂM TRA MÁY IN',
  queueNumber: 'TEST',
  lines: Object.freeze(['Tiếng Việt: à á ả ã ạ ă ắ ằ ẳ ẵ ặ â ấ ầ ẩ ẫ ậ', 'đ Đ ơ ớ ờ ở ỡ ợ ư ứ ừ ử ữ ự ê ế ề ể ễ ệ ô ố ồ ổ ỗ ộ']),
  qrPayload: 'KIOSK-PRINTER-SELF-TEST',
  footer: 'Máy in hoạt động bình thường.',
});

export class EscPosPrinter implements Printer {
  readonly role = 'printer' as const;
  readonly id: string;
  readonly driver: string;
  private readonly settings: EscPosPrinterOptions;
  private readonly text: TextRasterizer | undefined;
  private readonly tracker = new DeviceHealthTracker();
  private readonly jobs = new Emitter<PrintJobEvent>();
  private readonly connection: SerialConnection;
  private readonly status: StatusChannel;
  private readonly queue: Job[] = [];
  private nextJobId = 1;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  readonly onDidChangeHealth: Event<DeviceHealth> = this.tracker.onDidChange;
  readonly onDidChangeJob: Event<PrintJobEvent> = this.jobs.event;

  constructor(options: EscPosPrinterConstructorOptions) {
    const { id, driver, opener, text, ...rest } = options;
    this.id = id;
    this.driver = driver ?? 'escpos-serial';
    this.text = text;
    this.settings = EscPosPrinterOptionsSchema.parse(rest);
    this.status = new StatusChannel((bytes) => this.connection.require('printer.write').write(bytes), this.settings.statusTimeoutMs);
    this.connection = new SerialConnection({
      id,
      opener,
      health: this.tracker,
      onData: (chunk) => this.status.receive(chunk),
      onClosed: () => this.status.fail(this.connection.gone('printer.status')),
    });
  }

  get health(): DeviceHealth {
    return this.tracker.health;
  }

  get pendingJobs(): number {
    return this.queue.length;
  }

  /** Opens the port and reads the status (health follows); then prints anything kept in the queue. */
  async open(): Promise<void> {
    await this.connection.open();
    // Parse the font now, not in front of the first person waiting for a ticket (throws PRINTER_FONT_MISSING).
    if (!this.text) TextRasterizer.bundled();
    await this.queryStatus();
    this.schedule(0);
  }

  /** DLE EOT 1..4; updates health. */
  async queryStatus(): Promise<PrinterStatus> {
    await this.connection.open();
    try {
      const ask = (n: 1 | 2 | 3 | 4) => this.status.query(realTimeStatus(n), `DLE EOT ${n}`);
      const printer = await ask(1);
      const offlineCause = await ask(2);
      const errorCause = await ask(3);
      const paper = await ask(4);
      const status = parseRealTimeStatus({ printer, offlineCause, errorCause, paper });
      this.reflect(status);
      return status;
    } catch (err) {
      if (err instanceof PrinterError && this.connection.link) this.tracker.set('faulted', err.code, err.message);
      throw err;
    }
  }

  print(ticket: Ticket): Promise<PrintResult> {
    if (this.disposed) return Promise.reject(this.connection.gone('printer.print'));
    let bytes: Uint8Array;
    try {
      const checked = parseTicket(ticket);
      const rendered = renderTicket(checked, this.text ?? TextRasterizer.bundled(), { widthDots: this.settings.widthDots });
      bytes = encodeTicketJob(rendered, this.settings);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<PrintResult>((resolve, reject) => {
      const job: Job = { id: this.nextJobId++, bytes, attempts: 0, settled: false, resolve, reject };
      this.queue.push(job);
      this.jobs.fire(Object.freeze({ kind: 'queued', jobId: job.id, pending: this.queue.length }));
      this.schedule(0);
    });
  }

  async selfTest(): Promise<SelfTestResult> {
    const run = new SelfTestRun();
    await run.step('port open', () => this.connection.open().then(() => undefined));
    await run.step('status', () => this.queryStatus(), describe);
    await run.step('test ticket', () => this.print(TEST_TICKET), (r) => `${r.bytes} bytes, ${r.attempts} attempt(s)`);
    return run.result();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const job of this.queue.splice(0)) {
      if (!job.settled) job.reject(new DeviceUnavailableError('PRINTER_DISPOSED', `printer "${this.id}" was shut down with the job queued`, { step: 'printer.print' }));
    }
    this.connection.dispose();
    this.tracker.set('absent', 'DISPOSED');
    this.jobs.dispose();
    this.tracker.dispose();
  }

  /** Runs the queue soon (0), or polls the status later when it is empty. */
  private schedule(delayMs: number): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), delayMs);
    if (delayMs > 0) this.timer.unref?.();
  }

  private async drain(): Promise<void> {
    if (this.running || this.disposed) return;
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.disposed) {
        const job = this.queue[0]!;
        try {
          await this.printJob(job);
        } catch (err) {
          this.defer(job, err);
          this.schedule(this.settings.retryIntervalMs);
          return;
        }
      }
      await this.poll();
    } finally {
      this.running = false;
    }
  }

  private async printJob(job: Job): Promise<void> {
    job.attempts += 1;
    await this.connection.open();
    const before = await this.queryStatus();
    const blocked = blockingReason(before);
    if (blocked) throw new PrinterError(blocked, `printer "${this.id}" cannot print: ${describe(before)}`, { jobId: job.id });
    this.tracker.set('busy', 'PRINTING');
    let printed = false;
    try {
      // GS r 1 after the ticket is answered once the ticket is printed.
      const reply = await this.status.query(concatAll([job.bytes, transmitPaperStatus()]), 'GS r 1 after the ticket', this.settings.printTimeoutMs);
      parseTransmitPaperStatus(reply);
      printed = true;
    } finally {
      if (this.tracker.health.state === 'busy') this.tracker.set('ready');
      if (!printed) await this.explainFailure(job);
    }
    this.queue.shift();
    const result = Object.freeze({ jobId: job.id, attempts: job.attempts, bytes: job.bytes.length });
    if (!job.settled) {
      job.settled = true;
      job.resolve(result);
    }
    this.jobs.fire(Object.freeze({ kind: 'printed', jobId: job.id, attempts: job.attempts }));
    await this.queryStatus().catch(() => undefined);
  }

  /** The ticket did not complete: ask why, so the error names paper out / cover open when it is that. */
  private async explainFailure(job: Job): Promise<never> {
    const status = await this.queryStatus().catch(() => undefined);
    const reason = status ? blockingReason(status) : undefined;
    if (status && reason) throw new PrinterError(reason, `printer "${this.id}" stopped during the ticket: ${describe(status)}`, { jobId: job.id });
    throw new PrinterError('PRINTER_NOT_RESPONDING', `printer "${this.id}" did not confirm the ticket`, { jobId: job.id });
  }

  private defer(job: Job, err: unknown): void {
    const error =
      err instanceof PrinterError && err.jobId === job.id
        ? err
        : new PrinterError(err instanceof DeviceUnavailableError ? 'PRINTER_OFFLINE' : err instanceof PrinterError ? err.code : 'PRINTER_ERROR', `job ${job.id} kept: ${err instanceof Error ? err.message : String(err)}`, {
            jobId: job.id,
            cause: err,
          });
    this.jobs.fire(Object.freeze({ kind: 'deferred', jobId: job.id, reason: error.code, pending: this.queue.length }));
    if (!job.settled) {
      job.settled = true;
      job.reject(error);
    }
  }

  /** Polls the status while idle; a job queued meanwhile runs next. */
  private async poll(): Promise<void> {
    if (this.disposed) return;
    if (this.settings.statusPollMs > 0 && this.connection.link) {
      await this.queryStatus().catch((err: unknown) => (err instanceof KioskError ? undefined : Promise.reject(err)));
    }
    if (this.queue.length > 0) this.schedule(0);
    else if (this.settings.statusPollMs > 0) this.schedule(this.settings.statusPollMs);
  }

  private reflect(status: PrinterStatus): void {
    if (this.tracker.health.state === 'busy') return;
    const reason = blockingReason(status);
    if (reason) this.tracker.set('faulted', reason, describe(status));
    else if (status.paperNearEnd) this.tracker.set('ready', 'PAPER_NEAR_END', 'paper roll near its end');
    else this.tracker.set('ready');
  }
}

function describe(status: PrinterStatus): string {
  const flags = [
    status.online ? 'online' : 'offline',
    status.paperOut ? 'paper out' : status.paperNearEnd ? 'paper near end' : 'paper ok',
    status.coverOpen ? 'cover open' : 'cover closed',
    ...(status.error ? ['error'] : []),
  ];
  return flags.join(', ');
}
