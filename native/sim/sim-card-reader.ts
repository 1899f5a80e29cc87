// An in-process card reader holding a VirtualCard (the chip simulator, or a test card). Same contract,
// preconditions and errors as PcscCardReader, plus a control surface: insertCard, removeCard, setLatency.

import { noCardError, readerBusyError, readerGoneError, sessionClosedError } from '../hal/card-reader-errors.ts';
import type { CardPresence, CardReader, CardSession, ConnectOptions } from '../hal/card-reader.ts';
import { CardRemovedError, DeviceTimeoutError, KioskError } from '../hal/errors.ts';
import type { Event } from '../hal/event.ts';
import { Emitter } from '../hal/event.ts';
import type { VirtualCard } from './chip/virtual-card.ts';

export interface SimCardReaderOptions {
  /**
   * Whether the reader carries extended-length APDUs. `false` models a short-APDU-only reader: it
   * answers an extended command with SW 6700 without passing it to the card. Default true.
   */
  readonly extendedLengthSupported?: boolean;
  /** Delay added to every exchange, to model a real reader (about 40 ms through vpcd). Default 0. */
  readonly latencyMs?: number;
}

/** The largest command APDU: header, extended Lc, 65535 data bytes, extended Le. */
const MAX_COMMAND_LENGTH = 4 + 3 + 65535 + 2;
// ISO 7816-4 §5.6: 6700 "wrong length", what a short-only reader chain answers to an extended APDU.
const SW_WRONG_LENGTH = Uint8Array.of(0x67, 0x00);

interface Insertion {
  readonly card: VirtualCard;
  readonly atr: Uint8Array;
}

export class SimCardReader implements CardReader {
  readonly extendedLengthSupported: boolean;
  private latencyMs: number;
  private insertion: Insertion | null = null;
  private session: SimCardSession | null = null;
  private gone = false;
  private readonly inserted = new Emitter<CardPresence>();
  private readonly removed = new Emitter<{ readonly readerName: string }>();
  private readonly ended = new Emitter<void>();

  readonly onDidInsertCard: Event<CardPresence> = this.inserted.event;
  readonly onDidRemoveCard: Event<{ readonly readerName: string }> = this.removed.event;
  /** The reader was removed from its manager or disposed. */
  readonly onDidEnd: Event<void> = this.ended.event;

  constructor(
    readonly name = 'Simulated Reader 00',
    options: SimCardReaderOptions = {},
  ) {
    this.extendedLengthSupported = options.extendedLengthSupported ?? true;
    this.latencyMs = options.latencyMs ?? 0;
  }

  get cardPresent(): boolean {
    return this.insertion !== null;
  }

  /** The card in the field, for tests and the demo's control panel. */
  get card(): VirtualCard | null {
    return this.insertion?.card ?? null;
  }

  /** Places `card` in the field: it is powered on and `onDidInsertCard` fires with its ATR. A card already there is removed first. */
  insertCard(card: VirtualCard): void {
    if (this.gone) throw readerGoneError(this.name, 'sim.insertCard');
    if (this.insertion !== null) this.removeCard();
    const atr = Uint8Array.from(card.powerOn());
    this.insertion = { card, atr };
    this.inserted.fire(Object.freeze({ readerName: this.name, atr }));
  }

  /** Takes the card out of the field: an open session's next exchange rejects with CardRemovedError. No-op without a card. */
  removeCard(): void {
    const insertion = this.insertion;
    if (insertion === null) return;
    this.insertion = null;
    this.session?.markCardGone();
    insertion.card.powerOff();
    this.removed.fire(Object.freeze({ readerName: this.name }));
  }

  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  /**
   * Connects to the card in the field. Errors: KioskError `NO_CARD`; DeviceUnavailableError `READER_BUSY`
   * while a session is open, `READER_GONE` after dispose. `exclusive` has no other client to exclude here.
   */
  async connect(_options: ConnectOptions = {}): Promise<CardSession> {
    const step = 'sim.connect';
    if (this.gone) throw readerGoneError(this.name, step);
    if (this.session !== null) throw readerBusyError(this.name, step);
    const insertion = this.insertion;
    if (insertion === null) throw noCardError(this.name, step);
    const session = new SimCardSession(this, insertion);
    this.session = session;
    return session;
  }

  /** Resolves with the card present now or the next one inserted; DeviceTimeoutError after `timeoutMs`, `READER_GONE` on dispose. */
  waitForCard(timeoutMs: number): Promise<CardPresence> {
    const step = 'sim.waitForCard';
    if (this.gone) return Promise.reject(readerGoneError(this.name, step));
    if (this.insertion !== null) return Promise.resolve(Object.freeze({ readerName: this.name, atr: this.insertion.atr }));
    return new Promise<CardPresence>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        onInsert.dispose();
        onEnd.dispose();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new DeviceTimeoutError(`no card on reader "${this.name}" within ${timeoutMs} ms`, { step }));
      }, timeoutMs);
      const onInsert = this.inserted.event((presence) => {
        cleanup();
        resolve(presence);
      });
      const onEnd = this.ended.event(() => {
        cleanup();
        reject(readerGoneError(this.name, step));
      });
    });
  }

  /** Releases an open session (later calls: SESSION_CLOSED) and ends the reader (`READER_GONE`). */
  dispose(): void {
    const session = this.session;
    this.unplug();
    void session?.close();
  }

  /**
   * The reader leaves as if unplugged: its card is removed, an open session's exchanges reject with
   * CardRemovedError, waiting and new connections with `READER_GONE`. Used by SimCardReaderManager.
   */
  unplug(): void {
    if (this.gone) return;
    this.removeCard();
    this.gone = true;
    this.ended.fire();
    this.inserted.dispose();
    this.removed.dispose();
    this.ended.dispose();
  }

  /** @internal The exchange itself, with the reader's latency and length limits. */
  async exchange(insertion: Insertion, command: Uint8Array): Promise<Uint8Array> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (this.insertion !== insertion) throw new CardRemovedError(`card left reader "${this.name}"`, { step: 'sim.transmit' });
    if (!this.extendedLengthSupported && isExtended(command)) return SW_WRONG_LENGTH;
    try {
      return Uint8Array.from(await insertion.card.transmit(Uint8Array.from(command)));
    } catch (err) {
      if (err instanceof CardRemovedError && this.insertion === insertion) this.removeCard();
      throw err;
    }
  }

  /** @internal */
  released(session: SimCardSession): void {
    if (this.session === session) this.session = null;
  }
}

class SimCardSession implements CardSession {
  private closed = false;
  private cardGone = false;
  private currentAtr: Uint8Array;

  constructor(
    private readonly reader: SimCardReader,
    private readonly insertion: Insertion,
  ) {
    this.currentAtr = insertion.atr;
  }

  get atr(): Uint8Array {
    return this.currentAtr;
  }

  get extendedLengthSupported(): boolean {
    return this.reader.extendedLengthSupported;
  }

  markCardGone(): void {
    this.cardGone = true;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const step = 'sim.transmit';
    this.check(step);
    if (command.length < 4 || command.length > MAX_COMMAND_LENGTH) {
      throw new KioskError('INVALID_INPUT', `command APDU of ${command.length} bytes is not transmittable`, { step });
    }
    const response = await this.reader.exchange(this.insertion, command);
    this.check(step);
    return response;
  }

  async reset(): Promise<Uint8Array> {
    this.check('sim.reset');
    this.currentAtr = Uint8Array.from(this.insertion.card.powerOn());
    return this.currentAtr;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reader.released(this);
  }

  private check(step: string): void {
    if (this.closed) throw sessionClosedError(this.reader.name, step);
    if (this.cardGone) throw new CardRemovedError(`card left reader "${this.reader.name}"`, { step });
  }
}

// ISO 7816-3 §12.1: an extended command has a zero byte where a short one has Lc or Le, and is longer than 5.
function isExtended(command: Uint8Array): boolean {
  return command.length >= 7 && command[4] === 0;
}
