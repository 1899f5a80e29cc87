// One PC/SC reader slot through pcsclite: card presence from pcscd's status changes, sessions through
// SCardConnect. Created by PcscCardReaderManager; only the composition root and tests see this class.

import { readerBusyError, readerGoneError } from '../../hal/card-reader-errors.ts';
import type { CardPresence, CardReader, CardSession, ConnectOptions } from '../../hal/card-reader.ts';
import { DeviceTimeoutError } from '../../hal/errors.ts';
import type { Event } from '../../hal/event.ts';
import { Emitter } from '../../hal/event.ts';
import { equal } from '../../util/bytes.ts';
import { PcscCardSession } from './pcsc-card-session.ts';
import { connectError } from './pcsc-errors.ts';
import type { PcscLiteReader, PcscLiteStatus } from './pcsc-lite-binding.ts';

/** The logger methods the driver uses; pino's `warn(fields, message)` fits. Never given card data. */
export interface PcscLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

export const consolePcscLogger: PcscLogger = {
  warn: (fields, message) => console.warn(`pcsc: ${message}`, fields),
};

// How long `connect` waits for pcscd's status report when the card answered before the status thread
// did (the ATR comes from the status report).
const ATR_WAIT_MS = 1000;

export class PcscCardReader implements CardReader {
  readonly name: string;
  private atr: Uint8Array | undefined;
  private session: PcscCardSession | null = null;
  private connecting = false;
  private gone = false;
  private statusSeen = false;
  private readonly firstStatusWaiters: Array<() => void> = [];
  private readonly inserted = new Emitter<CardPresence>();
  private readonly removed = new Emitter<{ readonly readerName: string }>();
  private readonly ended = new Emitter<void>();

  readonly onDidInsertCard: Event<CardPresence> = this.inserted.event;
  readonly onDidRemoveCard: Event<{ readonly readerName: string }> = this.removed.event;
  /** The reader left (unplugged, pcscd stopped) or was disposed. */
  readonly onDidEnd: Event<void> = this.ended.event;

  constructor(
    private readonly native: PcscLiteReader,
    private readonly logger: PcscLogger = consolePcscLogger,
  ) {
    this.name = native.name;
    native.on('status', (status) => this.onStatus(status));
    native.on('error', (err) => {
      if (!this.gone) this.logger.warn({ reader: this.name, error: err.message }, 'reader monitoring failed');
    });
    native.on('end', () => this.end());
  }

  get cardPresent(): boolean {
    return this.atr !== undefined;
  }

  /** Resolves after pcscd's first status report (so `cardPresent` is meaningful), or after `timeoutMs`. */
  firstStatus(timeoutMs: number): Promise<void> {
    if (this.statusSeen || this.gone) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.firstStatusWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Connects to the card (SCARD_SHARE_EXCLUSIVE unless `exclusive: false`, protocol T=1 or T=0 as the
   * card offers). Errors: KioskError `NO_CARD`; DeviceUnavailableError `READER_BUSY` while a session of
   * this reader is open or another application holds the card exclusively, `READER_GONE` after the
   * reader left or was disposed, `PCSC_UNAVAILABLE` when pcscd stopped; `CARD_UNRESPONSIVE` for a mute card.
   */
  async connect(options: ConnectOptions = {}): Promise<CardSession> {
    const step = 'pcsc.connect';
    if (this.gone) throw readerGoneError(this.name, step);
    if (this.session !== null || this.connecting) throw readerBusyError(this.name, step);
    this.connecting = true;
    try {
      const shareMode = options.exclusive === false ? this.native.SCARD_SHARE_SHARED : this.native.SCARD_SHARE_EXCLUSIVE;
      await this.releaseStaleHandle(step);
      const protocol = await new Promise<number>((resolve, reject) => {
        const protocols = this.native.SCARD_PROTOCOL_T0 | this.native.SCARD_PROTOCOL_T1;
        this.native.connect({ share_mode: shareMode, protocol: protocols }, (err, chosen) => {
          if (err) reject(connectError(err, this.name, step));
          else resolve(chosen);
        });
      });
      if (this.gone) {
        this.native.disconnect(this.native.SCARD_LEAVE_CARD, () => undefined);
        throw readerGoneError(this.name, step);
      }
      const atr = this.atr ?? (await this.waitForAtr(ATR_WAIT_MS)) ?? new Uint8Array(0);
      const session = new PcscCardSession(this.native, protocol, shareMode, atr, {
        name: this.name,
        currentAtr: () => this.atr,
        released: (closed) => {
          if (this.session === closed) this.session = null;
        },
      });
      this.session = session;
      return session;
    } finally {
      this.connecting = false;
    }
  }

  /**
   * Resolves with the card present now, or the next one inserted. Rejects with DeviceTimeoutError after
   * `timeoutMs`, or DeviceUnavailableError `READER_GONE` if the reader leaves meanwhile.
   */
  waitForCard(timeoutMs: number): Promise<CardPresence> {
    if (this.gone) return Promise.reject(readerGoneError(this.name, 'pcsc.waitForCard'));
    if (this.atr !== undefined) return Promise.resolve(Object.freeze({ readerName: this.name, atr: this.atr }));
    return new Promise<CardPresence>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        onInsert.dispose();
        onEnd.dispose();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new DeviceTimeoutError(`no card on reader "${this.name}" within ${timeoutMs} ms`, { step: 'pcsc.waitForCard' }));
      }, timeoutMs);
      const onInsert = this.inserted.event((presence) => {
        cleanup();
        resolve(presence);
      });
      const onEnd = this.ended.event(() => {
        cleanup();
        reject(readerGoneError(this.name, 'pcsc.waitForCard'));
      });
    });
  }

  /** Stops monitoring (joins pcsclite's status thread) and releases an open session (later calls: SESSION_CLOSED). */
  dispose(): void {
    if (this.gone) return;
    const session = this.session;
    this.native.close();
    this.end();
    void session?.close();
  }

  private onStatus(status: PcscLiteStatus): void {
    if (this.gone) return;
    this.markStatusSeen();
    const atr = status.atr !== undefined && status.atr.length > 0 ? new Uint8Array(status.atr) : undefined;
    // A mute card (present but no ATR) cannot be read: it counts as absent until it answers.
    const { SCARD_STATE_PRESENT, SCARD_STATE_MUTE } = this.native;
    const present = (status.state & SCARD_STATE_PRESENT) !== 0 && (status.state & SCARD_STATE_MUTE) === 0 && atr !== undefined;
    const previous = this.atr;
    if (present && previous !== undefined && equal(previous, atr)) return;
    if (previous !== undefined) {
      // Removed, or swapped for another card faster than pcscd polls: either way the old one is gone.
      this.atr = undefined;
      this.session?.markCardGone();
      this.removed.fire(Object.freeze({ readerName: this.name }));
    }
    if (present) {
      this.atr = atr;
      this.inserted.fire(Object.freeze({ readerName: this.name, atr }));
    }
  }

  private end(): void {
    if (this.gone) return;
    this.gone = true;
    this.markStatusSeen();
    // An open session stays open (its owner closes it) but every exchange is CardRemovedError now.
    this.session?.markCardGone();
    if (this.atr !== undefined) {
      this.atr = undefined;
      this.removed.fire(Object.freeze({ readerName: this.name }));
    }
    this.ended.fire();
    this.inserted.dispose();
    this.removed.dispose();
    this.ended.dispose();
  }

  private markStatusSeen(): void {
    if (this.statusSeen) return;
    this.statusSeen = true;
    for (const waiter of this.firstStatusWaiters.splice(0)) waiter();
  }

  private waitForAtr(timeoutMs: number): Promise<Uint8Array | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        subscription.dispose();
        resolve(undefined);
      }, timeoutMs);
      const subscription = this.inserted.event((presence) => {
        clearTimeout(timer);
        subscription.dispose();
        resolve(presence.atr);
      });
    });
  }

  // pcsclite silently skips SCardConnect while it believes a handle is open, so a handle left over by a
  // failed disconnect (card pulled at the wrong moment) is released first.
  private async releaseStaleHandle(step: string): Promise<void> {
    if (!this.native.connected) return;
    await new Promise<void>((resolve) => this.native.disconnect(this.native.SCARD_LEAVE_CARD, () => resolve()));
    if (this.native.connected) throw readerBusyError(this.name, step);
  }
}
