// One PC/SC connection to a card (SCardConnect ... SCardDisconnect) behind the CardSession contract.

import { sessionClosedError } from '../../hal/card-reader-errors.ts';
import type { CardSession } from '../../hal/card-reader.ts';
import { CardRemovedError, KioskError } from '../../hal/errors.ts';
import { connectError, transmitError } from './pcsc-errors.ts';
import type { PcscLiteReader } from './pcsc-lite-binding.ts';

/**
 * Room for the largest response APDU: 65536 data bytes (extended Le = 0000) plus SW1 SW2
 * (ISO 7816-4 §5.1). pcsclite allocates exactly this much per exchange.
 */
export const MAX_RESPONSE_LENGTH = 65536 + 2;

/** The largest command APDU: header, extended Lc (3), 65535 data bytes, extended Le (2). */
export const MAX_COMMAND_LENGTH = 4 + 3 + 65535 + 2;

/** What the session needs from the reader that opened it. */
export interface PcscSessionHost {
  readonly name: string;
  /** The ATR pcscd last reported, if a card is present. */
  currentAtr(): Uint8Array | undefined;
  /** The session has released the card; the reader may open a new one. */
  released(session: PcscCardSession): void;
}

export class PcscCardSession implements CardSession {
  readonly extendedLengthSupported: boolean | undefined = undefined;
  private currentAtr: Uint8Array;
  private closed = false;
  private cardGone = false;
  // Exchanges, reset and close run one after another: pcsclite keeps a single card handle per reader.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly native: PcscLiteReader,
    private protocol: number,
    private readonly shareMode: number,
    atr: Uint8Array,
    private readonly host: PcscSessionHost,
  ) {
    this.currentAtr = atr;
  }

  get atr(): Uint8Array {
    return this.currentAtr;
  }

  /** The reader saw the card (or the reader itself) go: every later exchange is CardRemovedError. */
  markCardGone(): void {
    this.cardGone = true;
  }

  /**
   * Sends one command APDU (short or extended) and resolves with data ‖ SW1 SW2. Errors:
   * CardRemovedError when the card or reader went away (a response without a status word counts as
   * that too); DeviceUnavailableError `SESSION_CLOSED` after `close()`, `PCSC_UNAVAILABLE` when pcscd
   * stopped, `PCSC_ERROR` for other PC/SC failures; KioskError `INVALID_INPUT` for a command shorter
   * than a header or longer than the largest extended APDU.
   */
  transmit(command: Uint8Array): Promise<Uint8Array> {
    const step = 'pcsc.transmit';
    return this.enqueue(step, async () => {
      if (command.length < 4 || command.length > MAX_COMMAND_LENGTH) {
        throw new KioskError('INVALID_INPUT', `command APDU of ${command.length} bytes is not transmittable`, { step });
      }
      const response = await new Promise<Buffer>((resolve, reject) => {
        this.native.transmit(Buffer.from(command), MAX_RESPONSE_LENGTH, this.protocol, (err, data) => {
          if (err) reject(transmitError(err, this.host.name, step));
          else resolve(data);
        });
      }).catch((err: unknown) => {
        if (err instanceof CardRemovedError) this.cardGone = true;
        throw err;
      });
      if (response.length < 2) {
        this.cardGone = true;
        // Every card answer ends in SW1 SW2. A "successful" exchange without one is a card that left
        // mid-command (vpcd reports a closed connection this way).
        throw new CardRemovedError(`card on reader "${this.host.name}" answered without a status word`, { step });
      }
      return new Uint8Array(response);
    });
  }

  /**
   * Warm reset: SCardDisconnect with SCARD_RESET_CARD, then SCardConnect again in the same share mode
   * (pcsclite 1.0.1 has no SCardReconnect; the lock is released for that instant). Resolves with the ATR
   * pcscd reports. Errors as for `transmit`; a card gone during the reset is CardRemovedError.
   */
  reset(): Promise<Uint8Array> {
    const step = 'pcsc.reset';
    return this.enqueue(step, async () => {
      await this.disconnect(this.native.SCARD_RESET_CARD, step);
      try {
        const protocols = this.native.SCARD_PROTOCOL_T0 | this.native.SCARD_PROTOCOL_T1;
        this.protocol = await new Promise<number>((resolve, reject) => {
          this.native.connect({ share_mode: this.shareMode, protocol: protocols }, (err, protocol) => {
            if (err) reject(err);
            else resolve(protocol);
          });
        });
      } catch (err) {
        this.cardGone = true;
        const mapped = connectError(err, this.host.name, step);
        if (mapped.code !== 'NO_CARD') throw mapped;
        throw new CardRemovedError(`card left reader "${this.host.name}" during reset`, { step, cause: err });
      }
      this.currentAtr = this.host.currentAtr() ?? this.currentAtr;
      return this.currentAtr;
    });
  }

  /** Releases the card and the exclusive lock (SCARD_LEAVE_CARD). Idempotent; never rejects. */
  close(): Promise<void> {
    if (this.closed) return this.queue.then(noop, noop);
    this.closed = true;
    const done = this.queue.then(noop, noop).then(async () => {
      // Leave the card powered: unpowering makes some contactless readers report a removal and a
      // fresh insertion, and the next session runs access control afresh anyway.
      await this.disconnect(this.native.SCARD_LEAVE_CARD, 'pcsc.close').catch(noop);
      this.host.released(this);
    });
    this.queue = done;
    return done;
  }

  private enqueue<T>(step: string, operation: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.closed) throw sessionClosedError(this.host.name, step);
      if (this.cardGone) throw new CardRemovedError(`card left reader "${this.host.name}"`, { step });
      return operation();
    };
    const result = this.queue.then(run, run);
    this.queue = result.then(noop, noop);
    return result;
  }

  private disconnect(disposition: number, step: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.native.disconnect(disposition, (err) => {
        if (err) reject(transmitError(err, this.host.name, step));
        else resolve();
      });
    });
  }
}

function noop(): void {}
