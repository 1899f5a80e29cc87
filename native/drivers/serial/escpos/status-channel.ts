// One-byte status replies on a serial line: a query is written, and the next byte the printer sends is
// its answer. Queries run one at a time; a byte that arrives with no query open (line noise, a late
// answer after a timeout) is dropped and counted.

import type { DeviceUnavailableError } from '../../../hal/errors.ts';
import { PrinterError } from '../../../hal/printer.ts';

interface Waiter {
  resolve(byte: number): void;
  reject(error: Error): void;
}

export class StatusChannel {
  private waiter: Waiter | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  /** Bytes received with no query open. */
  strayBytes = 0;

  constructor(
    private readonly send: (bytes: Uint8Array) => Promise<void>,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Writes `command` and resolves with the next byte (within `timeoutMs`, counted from when the write
   * drained). Rejects with PrinterError PRINTER_NOT_RESPONDING.
   */
  query(command: Uint8Array, what: string, timeoutMs = this.timeoutMs): Promise<number> {
    const run = this.chain.then(() => this.ask(command, what, timeoutMs));
    this.chain = run.catch(() => undefined);
    return run;
  }

  receive(chunk: Uint8Array): void {
    for (const byte of chunk) {
      const w = this.waiter;
      if (w) {
        this.waiter = undefined;
        w.resolve(byte);
      } else this.strayBytes += 1;
    }
  }

  /** The line went away: the open query fails. */
  fail(error: DeviceUnavailableError): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(error);
  }

  private ask(command: Uint8Array, what: string, timeoutMs: number): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter: Waiter = {
        resolve: (b) => {
          clearTimeout(timer);
          resolve(b);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.waiter = waiter;
      this.send(command).then(
        () => {
          if (this.waiter !== waiter) return;
          timer = setTimeout(() => {
            if (this.waiter !== waiter) return;
            this.waiter = undefined;
            reject(new PrinterError('PRINTER_NOT_RESPONDING', `no reply to ${what} within ${timeoutMs} ms`, { step: 'printer.status' }));
          }, timeoutMs);
        },
        (err: unknown) => {
          if (this.waiter === waiter) this.waiter = undefined;
          waiter.reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }
}
