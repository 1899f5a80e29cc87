// A ByteLink over 64-byte HID reports (framing in hid-report-framing.ts), on node-hid's HIDAsync or any
// HidDeviceHandle. Reports are written one at a time in order; a malformed input report is dropped and
// counted, and the protocol above notices the missing bytes (checksum or fragment timeout) and retries.

import { scannerGoneError } from '../../hal/fingerprint-errors.ts';
import { EventedByteLink } from '../fingerprint/evented-byte-link.ts';
import type { HidDeviceHandle } from './hid-device-handle.ts';
import { decodeHidReport, encodeHidReports, withReportId } from './hid-report-framing.ts';

export class HidByteLink extends EventedByteLink {
  private writing: Promise<unknown> = Promise.resolve();
  malformedReports = 0;

  constructor(
    private readonly handle: HidDeviceHandle,
    readonly name: string,
  ) {
    super();
    handle.on('data', (data: Buffer) => {
      if (!this.open) return;
      let bytes: Uint8Array;
      try {
        bytes = decodeHidReport(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch {
        this.malformedReports++;
        return;
      }
      if (bytes.length > 0) this.received.fire(bytes);
    });
    handle.on('error', (error: Error) => this.lose(error));
  }

  write(bytes: Uint8Array): Promise<void> {
    const run = this.writing.then(async () => {
      for (const report of encodeHidReports(bytes)) {
        if (!this.open) throw scannerGoneError(this.name, 'hid.write');
        try {
          await this.handle.write(withReportId(report));
        } catch (cause) {
          this.lose(cause instanceof Error ? cause : new Error(String(cause)));
          throw scannerGoneError(this.name, 'hid.write', cause);
        }
      }
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.handle.removeAllListeners('data');
    try {
      await this.handle.close();
    } catch {
      // Already gone: closing a vanished device is not an error.
    }
  }

  private lose(cause: Error): void {
    if (!this.open) return;
    this.open = false;
    this.handle.removeAllListeners('data');
    void this.handle.close().catch(() => undefined);
    this.disconnected.fire(cause);
  }
}
