// The machine's PC/SC readers through pcscd, with hot-plug. pcsclite is loaded on `ready()`, never at
// import time, so that the simulated profile runs on machines without PC/SC.

import type { CardReader, CardReaderManager } from '../../hal/card-reader.ts';
import { DeviceUnavailableError } from '../../hal/errors.ts';
import type { Event } from '../../hal/event.ts';
import { Emitter } from '../../hal/event.ts';
import type { PcscLogger } from './pcsc-card-reader.ts';
import { consolePcscLogger, PcscCardReader } from './pcsc-card-reader.ts';
import { pcscErrorCode, pcscUnavailable, SCARD } from './pcsc-errors.ts';
import type { PcscLiteContext, PcscLiteLoader, PcscLiteReader } from './pcsc-lite-binding.ts';
import { loadPcscLite } from './pcsc-lite-binding.ts';

export interface PcscCardReaderManagerOptions {
  /** Where pcsclite comes from; tests inject a fake or a failing loader. */
  readonly loader?: PcscLiteLoader;
  readonly logger?: PcscLogger;
  /**
   * pcsclite announces readers one by one and says nothing when there are none: `ready()` waits this
   * long for the first announcement before concluding the list is empty (default 300 ms).
   */
  readonly settleMs?: number;
}

export class PcscCardReaderManager implements CardReaderManager {
  private readonly loader: PcscLiteLoader | undefined;
  private readonly logger: PcscLogger;
  private readonly settleMs: number;
  private readonly byName = new Map<string, PcscCardReader>();
  private readonly added = new Emitter<CardReader>();
  private readonly removed = new Emitter<{ readonly name: string }>();
  private context: PcscLiteContext | null = null;
  private starting: Promise<void> | null = null;
  private disposed = false;

  readonly onDidAddReader: Event<CardReader> = this.added.event;
  readonly onDidRemoveReader: Event<{ readonly name: string }> = this.removed.event;

  constructor(options: PcscCardReaderManagerOptions = {}) {
    this.loader = options.loader;
    this.logger = options.logger ?? consolePcscLogger;
    this.settleMs = options.settleMs ?? 300;
  }

  get readers(): readonly CardReader[] {
    return [...this.byName.values()];
  }

  /**
   * Loads pcsclite, opens a PC/SC context and resolves once the initial readers and their card presence
   * are known. Idempotent. Errors: DeviceUnavailableError `PCSC_NOT_INSTALLED` (module or libpcsclite
   * missing; names the packages), `PCSC_UNAVAILABLE` (pcscd not running), `READER_GONE` after dispose.
   */
  ready(): Promise<void> {
    this.starting ??= this.start();
    return this.starting;
  }

  /** Closes every reader (joining pcsclite's threads) and the context, so that the process can exit. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const reader of this.byName.values()) reader.dispose();
    this.byName.clear();
    this.context?.close();
    this.context = null;
    this.added.dispose();
    this.removed.dispose();
  }

  private async start(): Promise<void> {
    if (this.disposed) throw disposedError();
    const factory = loadPcscLite(this.loader);
    let context: PcscLiteContext;
    try {
      context = factory();
    } catch (err) {
      const code = pcscErrorCode(err);
      if (code === SCARD.E_NO_SERVICE || code === SCARD.E_SERVICE_STOPPED || code === undefined) throw pcscUnavailable(err, 'pcsc.start');
      throw new DeviceUnavailableError('PCSC_ERROR', `cannot open a PC/SC context: ${(err as Error).message}`, {
        userMessage: 'READER_UNAVAILABLE',
        step: 'pcsc.start',
        cause: err,
      });
    }
    this.context = context;
    const firstReader = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.settleMs);
      context.on('reader', (native) => {
        this.onReader(native);
        clearTimeout(timer);
        // pcsclite announces the whole initial list in one turn of the event loop.
        setImmediate(resolve);
      });
    });
    context.on('error', (err) => {
      if (!this.disposed) this.logger.warn({ error: err.message }, 'reader list monitoring failed');
    });
    await firstReader;
    await Promise.all([...this.byName.values()].map((reader) => reader.firstStatus(1000)));
    if (this.disposed) throw disposedError();
  }

  private onReader(native: PcscLiteReader): void {
    if (this.disposed) {
      native.close();
      return;
    }
    const reader = new PcscCardReader(native, this.logger);
    this.byName.set(reader.name, reader);
    reader.onDidEnd(() => {
      if (this.byName.get(reader.name) !== reader) return;
      this.byName.delete(reader.name);
      if (!this.disposed) this.removed.fire(Object.freeze({ name: reader.name }));
    });
    this.added.fire(reader);
  }
}

function disposedError(): DeviceUnavailableError {
  return new DeviceUnavailableError('READER_GONE', 'the PC/SC reader manager was disposed', {
    userMessage: 'READER_UNAVAILABLE',
    step: 'pcsc.start',
  });
}
