// A card reader seen as a Device: health from the reader's presence in its CardReaderManager (PC/SC
// hot-plug, or the simulator's plug/unplug), and a self-test that connects to the card and reads its ATR.
// Subclasses say where the manager comes from: PcscReaderDevice (native/drivers/pcsc) and
// SimReaderDevice (native/sim). Built only on the hal interfaces, so both share one behaviour.

import type { CardReader, CardReaderManager } from './card-reader.ts';
import type { Device, DeviceHealth, SelfTestResult, SelfTestStep } from './device.ts';
import { DeviceUnavailableError, KioskError, USER_MESSAGES } from './errors.ts';
import { Emitter, type Disposable, type Event } from './event.ts';

/** The card-reader role of the registry: the CardReader a flow reads cards from, while ready. */
export interface CardReaderDevice extends Device {
  readonly role: 'cardReader';
  /** The matched reader while present, else undefined. */
  readonly reader: CardReader | undefined;
}

export interface ReaderDeviceOptions {
  readonly id: string;
  readonly driver: string;
  /** Case-insensitive part of the reader name; absent: the first reader. */
  readonly readerName?: string;
  readonly now?: () => number;
}

/** True when `name` is the reader the config asks for. */
export function readerNameMatches(name: string, pattern: string | undefined): boolean {
  return pattern === undefined || name.toLowerCase().includes(pattern.toLowerCase());
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');

export abstract class ReaderManagerDevice implements CardReaderDevice {
  readonly role = 'cardReader' as const;
  readonly id: string;
  readonly driver: string;
  private readonly pattern: string | undefined;
  private readonly now: () => number;
  private manager: CardReaderManager | undefined;
  private managerEvents: Disposable[] = [];
  private current: CardReader | undefined;
  private state: DeviceHealth;
  private testing = false;
  private disposed = false;
  private readonly changed = new Emitter<DeviceHealth>();

  readonly onDidChangeHealth: Event<DeviceHealth> = this.changed.event;

  protected constructor(options: ReaderDeviceOptions) {
    this.id = options.id;
    this.driver = options.driver;
    this.pattern = options.readerName;
    this.now = options.now ?? Date.now;
    this.state = Object.freeze({ state: 'absent', reason: 'NOT_CONNECTED', since: this.now() });
  }

  /** A fresh manager (not yet `ready()`); called on first open and again after `shouldRenew`. */
  protected abstract createManager(): CardReaderManager;

  /**
   * Whether a manager that finds no matching reader should be replaced on the next open. PC/SC: yes
   * when it sees no readers at all, since a context that outlived a pcscd restart never sees new ones.
   */
  protected abstract shouldRenew(manager: CardReaderManager): boolean;

  get health(): DeviceHealth {
    return this.state;
  }

  get reader(): CardReader | undefined {
    return this.current;
  }

  /**
   * Starts the manager and finds the reader. Idempotent while ready. Rejects with DeviceUnavailableError:
   * the manager's error (`PCSC_NOT_INSTALLED`, `PCSC_UNAVAILABLE`) or `READER_NOT_FOUND`.
   */
  async open(): Promise<void> {
    if (this.disposed) throw this.unavailable('DEVICE_DISPOSED', `card reader device '${this.id}' is disposed`);
    if (this.current !== undefined) return;
    if (this.manager !== undefined && this.shouldRenew(this.manager)) this.dropManager();
    const manager = this.manager ?? this.adoptManager();
    try {
      await manager.ready();
    } catch (err) {
      if (this.manager === manager) this.dropManager();
      const code = err instanceof KioskError ? err.code : 'READER_MANAGER_FAILED';
      const detail = err instanceof Error ? err.message : String(err);
      this.setHealth('absent', code, detail);
      throw err instanceof DeviceUnavailableError ? err : this.unavailable(code, detail, err);
    }
    if (this.disposed) throw this.unavailable('DEVICE_DISPOSED', `card reader device '${this.id}' is disposed`);
    if (this.current !== undefined) return;
    const reader = manager.readers.find((r) => readerNameMatches(r.name, this.pattern));
    if (reader === undefined) {
      const names = manager.readers.map((r) => `'${r.name}'`).join(', ') || 'none';
      const detail = `no reader ${this.pattern === undefined ? 'found' : `matches '${this.pattern}'`} (readers: ${names})`;
      this.setHealth('absent', 'READER_NOT_FOUND', detail);
      throw this.unavailable('READER_NOT_FOUND', detail);
    }
    this.attach(reader);
  }

  /**
   * Steps: `reader` (present, opening it if needed), then `connect and ATR` (connects to the card, reads
   * its ATR, releases it). With no card on the reader the second step passes with a note: the reader
   * answered, and there is nothing more to test without a card. Never rejects.
   */
  async selfTest(): Promise<SelfTestResult> {
    const started = performance.now();
    const steps: SelfTestStep[] = [];
    const timed = async (name: string, run: () => Promise<string | undefined>): Promise<boolean> => {
      const t0 = performance.now();
      try {
        const detail = await run();
        steps.push(Object.freeze({ name, ok: true, ms: performance.now() - t0, ...(detail === undefined ? {} : { detail }) }));
        return true;
      } catch (err) {
        const code = err instanceof KioskError ? `${err.code}: ` : '';
        steps.push(Object.freeze({ name, ok: false, ms: performance.now() - t0, detail: `${code}${err instanceof Error ? err.message : String(err)}` }));
        return false;
      }
    };
    const present = await timed('reader', async () => {
      await this.open();
      return this.current?.name;
    });
    if (present) {
      this.testing = true;
      this.setHealth('busy', 'SELF_TEST');
      try {
        await timed('connect and ATR', async () => {
          const reader = this.current;
          if (reader === undefined) throw this.unavailable('READER_GONE', 'the reader left during the self-test');
          if (!reader.cardPresent) return 'no card on the reader; nothing to connect to';
          const session = await reader.connect({ exclusive: false });
          try {
            return `ATR ${hex(session.atr)}`;
          } finally {
            await session.close();
          }
        });
      } finally {
        this.testing = false;
        if (this.current !== undefined) this.setHealth('ready');
      }
    }
    const ok = steps.every((s) => s.ok);
    return Object.freeze({
      ok,
      steps: Object.freeze(steps),
      totalMs: performance.now() - started,
      ...(ok ? {} : { userMessage: USER_MESSAGES.READER_UNAVAILABLE }),
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.dropManager();
    this.changed.dispose();
  }

  /** The manager in use, for subclasses' control surfaces. */
  protected get currentManager(): CardReaderManager | undefined {
    return this.manager;
  }

  private adoptManager(): CardReaderManager {
    const manager = this.createManager();
    this.manager = manager;
    this.managerEvents = [
      manager.onDidAddReader((reader) => {
        if (this.current === undefined && !this.disposed && readerNameMatches(reader.name, this.pattern)) this.attach(reader);
      }),
      manager.onDidRemoveReader(({ name }) => {
        if (this.current?.name !== name) return;
        this.current = undefined;
        this.setHealth('absent', 'READER_REMOVED', `reader '${name}' was removed`);
      }),
    ];
    return manager;
  }

  private dropManager(): void {
    for (const d of this.managerEvents) d.dispose();
    this.managerEvents = [];
    this.current = undefined;
    this.manager?.dispose();
    this.manager = undefined;
  }

  private attach(reader: CardReader): void {
    this.current = reader;
    if (!this.testing) this.setHealth('ready');
  }

  private setHealth(state: DeviceHealth['state'], reason?: string, detail?: string): void {
    const prev = this.state;
    if (prev.state === state && prev.reason === reason && prev.detail === detail) return;
    this.state = Object.freeze({
      state,
      since: this.now(),
      ...(reason === undefined ? {} : { reason }),
      ...(detail === undefined ? {} : { detail }),
    });
    if (!this.disposed) this.changed.fire(this.state);
  }

  private unavailable(code: string, message: string, cause?: unknown): DeviceUnavailableError {
    return new DeviceUnavailableError(code, message, { userMessage: 'READER_UNAVAILABLE', step: 'reader.open', cause });
  }
}
