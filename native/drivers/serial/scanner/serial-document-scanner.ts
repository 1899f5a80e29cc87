// A line-based MRZ / 2D-barcode scanner on a serial link (driver `line-scanner`): bytes -> lines
// (line-decoder.ts) -> MRZ groups (mrz-line-grouper.ts) -> ScanEvents with card-unlock keys
// (scan-interpreter.ts). The family has no ping command, so the self-test is "the port opens".

import { civilDate, type CivilDate } from '../../../card/cccd/civil-date.ts';
import type { DocumentScanner, ScanEvent } from '../../../hal/document-scanner.ts';
import type { DeviceHealth, SelfTestResult } from '../../../hal/device.ts';
import { Emitter, type Event } from '../../../hal/event.ts';
import { DeviceHealthTracker, SelfTestRun } from '../device-health-tracker.ts';
import { SerialConnection } from '../serial-connection.ts';
import type { SerialLinkOpener } from '../serial-link.ts';
import type { LineScannerOptions } from '../serial-driver-options.ts';
import { LineDecoder } from './line-decoder.ts';
import { MrzLineGrouper, type GrouperTimers } from './mrz-line-grouper.ts';
import { interpretScan } from './scan-interpreter.ts';

export interface SerialDocumentScannerOptions extends Partial<LineScannerOptions> {
  readonly id: string;
  /** Driver name for diagnostics (default `line-scanner`). */
  readonly driver?: string;
  readonly opener: SerialLinkOpener;
  /** Today's date (local calendar), for CCCD expiry candidates; default the system clock. */
  readonly today?: () => CivilDate;
  readonly timers?: GrouperTimers;
}

function systemToday(): CivilDate {
  const d = new Date();
  return civilDate(d.getFullYear(), d.getMonth() + 1, d.getDate())!;
}

export class SerialDocumentScanner implements DocumentScanner {
  readonly role = 'documentScanner' as const;
  readonly id: string;
  readonly driver: string;
  private readonly tracker = new DeviceHealthTracker();
  private readonly scans = new Emitter<ScanEvent>();
  private readonly decoder: LineDecoder;
  private readonly grouper: MrzLineGrouper;
  private readonly connection: SerialConnection;
  private readonly today: () => CivilDate;
  readonly onDidScan: Event<ScanEvent> = this.scans.event;
  readonly onDidChangeHealth: Event<DeviceHealth> = this.tracker.onDidChange;

  constructor(options: SerialDocumentScannerOptions) {
    this.id = options.id;
    this.driver = options.driver ?? 'line-scanner';
    this.today = options.today ?? systemToday;
    this.decoder = new LineDecoder(options.maxLineBytes);
    this.grouper = new MrzLineGrouper((scan) => this.scans.fire(interpretScan(scan, { today: this.today })), options.interLineTimeoutMs, options.timers);
    this.connection = new SerialConnection({
      id: this.id,
      opener: options.opener,
      health: this.tracker,
      onData: (chunk) => this.receive(chunk),
      onClosed: () => {
        // A line torn by the unplug is not a scan.
        this.decoder.reset();
        this.grouper.reset();
      },
    });
  }

  get health(): DeviceHealth {
    return this.tracker.health;
  }

  async open(): Promise<void> {
    await this.connection.open();
    this.tracker.set('ready');
  }

  async selfTest(): Promise<SelfTestResult> {
    const run = new SelfTestRun();
    await run.step('port open', () => this.open(), () => 'line scanner (no ping command in this family)');
    return run.result();
  }

  dispose(): void {
    this.grouper.reset();
    this.connection.dispose();
    this.tracker.set('absent', 'DISPOSED');
    this.scans.dispose();
    this.tracker.dispose();
  }

  private receive(chunk: Uint8Array): void {
    for (const item of this.decoder.push(chunk)) {
      if (item.kind === 'error') {
        // A bad line also ends any MRZ in progress: the lines around it are not one document.
        this.grouper.flush();
        this.scans.fire(Object.freeze({ kind: 'error', error: item.error }));
      } else this.grouper.push(item.text);
    }
  }
}
