// A line-based MRZ / QR scanner at byte level: it writes what a real one writes when a document is held
// under it (each MRZ line, or the QR text, followed by the configured suffix). Control surface:
// scanMrz, scanQr, sendLine, sendBytes; the cable is the SimSerialPort's (unplug / plug).

import type { Disposable } from '../../hal/event.ts';
import { DeviceUnavailableError } from '../../hal/errors.ts';
import type { SerialLink } from '../../drivers/serial/serial-link.ts';
import type { SerialSimulator } from './sim-serial-port.ts';

export interface DocumentScannerSimOptions {
  /** Line terminator the scanner is configured with (default CR LF). */
  readonly suffix?: '\r\n' | '\r' | '\n';
  /** AIM symbology identifier prefixed to QR reads (e.g. ']Q1'), as some scanners are set up. */
  readonly qrPrefix?: string;
}

export interface MrzScanOptions {
  /** Pause between lines (real readers: a few ms); longer than the driver's timeout tears the MRZ. */
  readonly interLineDelayMs?: number;
  /** Send only the first `n` lines (a document pulled away mid-read). */
  readonly onlyLines?: number;
}

const encoder = new TextEncoder();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class DocumentScannerSim implements SerialSimulator {
  private link: SerialLink | undefined;
  private readonly suffix: string;
  /** Bytes written to the host, for tests. */
  bytesSent = 0;

  constructor(private readonly options: DocumentScannerSimOptions = {}) {
    this.suffix = options.suffix ?? '\r\n';
  }

  attach(link: SerialLink): Disposable {
    this.link = link;
    // A scanner ignores what the host sends (this family has no commands).
    const sub = link.onDidReceive(() => undefined);
    return {
      dispose: () => {
        sub.dispose();
        if (this.link === link) this.link = undefined;
      },
    };
  }

  get connected(): boolean {
    return this.link?.isOpen === true;
  }

  /** One MRZ read: each line followed by the suffix, `interLineDelayMs` apart. */
  async scanMrz(lines: readonly string[], options: MrzScanOptions = {}): Promise<void> {
    const count = Math.min(lines.length, options.onlyLines ?? lines.length);
    for (let i = 0; i < count; i += 1) {
      if (i > 0 && options.interLineDelayMs) await sleep(options.interLineDelayMs);
      await this.sendLine(lines[i]!);
    }
  }

  /** One QR read: the text (UTF-8), with the optional AIM prefix, and the suffix. */
  scanQr(text: string): Promise<void> {
    return this.sendLine(`${this.options.qrPrefix ?? ''}${text}`);
  }

  sendLine(text: string): Promise<void> {
    return this.sendBytes(encoder.encode(text + this.suffix));
  }

  async sendBytes(bytes: Uint8Array): Promise<void> {
    const link = this.link;
    if (!link?.isOpen) throw new DeviceUnavailableError('SIM_NOT_CONNECTED', 'no host is connected to the scanner simulator', { step: 'sim.scanner' });
    this.bytesSent += bytes.length;
    await link.write(bytes);
  }
}
