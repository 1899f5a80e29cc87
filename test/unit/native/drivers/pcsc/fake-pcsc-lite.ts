// An in-memory stand-in for the pcsclite module, shaped like pcsclite 1.0.1 as observed against pcscd
// 1.9 + vpcd: callbacks on a later turn, errors as `SCardX error: text.(0x8010xxxx)`, `end` after
// close(), status events carrying the state bits and the ATR. A VirtualCard answers the APDUs.

import { EventEmitter } from 'node:events';
import { SCARD } from '../../../../../native/drivers/pcsc/pcsc-errors.ts';
import type { PcscLiteContext, PcscLiteFactory, PcscLiteReader, PcscLiteStatus } from '../../../../../native/drivers/pcsc/pcsc-lite-binding.ts';
import { CardRemovedError } from '../../../../../native/hal/errors.ts';
import type { VirtualCard } from '../../../../../native/sim/chip/virtual-card.ts';

// Values from pcsc-lite's pcsclite.h.
const STATE_CHANGED = 0x0002;
const STATE_EMPTY = 0x0010;
const STATE_PRESENT = 0x0020;
const STATE_MUTE = 0x0200;

export function pcscError(method: string, code: number): Error {
  return new Error(`${method} error: Simulated failure.(0x${code.toString(16).padStart(8, '0')})`);
}

const later = (fn: () => void): void => void setImmediate(fn);

export class FakePcscReader extends EventEmitter implements PcscLiteReader {
  readonly SCARD_SHARE_SHARED = 2;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_STATE_PRESENT = STATE_PRESENT;
  readonly SCARD_STATE_MUTE = STATE_MUTE;
  readonly SCARD_LEAVE_CARD = 0;
  readonly SCARD_RESET_CARD = 1;
  readonly SCARD_UNPOWER_CARD = 2;

  connected = false;
  closed = false;
  card: VirtualCard | null = null;
  /** Calls as they happened, for assertions. */
  readonly calls: string[] = [];
  readonly transmitLengths: number[] = [];
  /** The next connect / transmit fails with this error, once. */
  failNextConnect: Error | null = null;
  failNextTransmit: Error | null = null;
  /** Another application holds the card exclusively. */
  heldElsewhere = false;
  private handleValid = false;
  private events = 0;

  constructor(readonly name: string) {
    super();
  }

  insertCard(card: VirtualCard): void {
    this.card = card;
    this.emitStatus(STATE_PRESENT, card.powerOn());
  }

  removeCard(): void {
    this.card?.powerOff();
    this.card = null;
    this.handleValid = false;
    this.emitStatus(STATE_EMPTY);
  }

  emitStatus(bits: number, atr?: Uint8Array): void {
    this.events++;
    const status: PcscLiteStatus = { state: ((this.events << 16) | bits | STATE_CHANGED) >>> 0, atr: Buffer.from(atr ?? []) };
    later(() => this.emit('status', status));
  }

  connect(options: { share_mode: number; protocol: number }, callback: (err: Error | null | undefined, protocol: number) => void): void {
    this.calls.push(`connect share=${options.share_mode} protocol=${options.protocol}`);
    later(() => {
      const failure = this.failNextConnect;
      this.failNextConnect = null;
      if (failure) return callback(failure, 0);
      if (this.card === null) return callback(pcscError('SCardConnect', SCARD.E_NO_SMARTCARD), 0);
      if (this.heldElsewhere) return callback(pcscError('SCardConnect', SCARD.E_SHARING_VIOLATION), 0);
      this.connected = true;
      this.handleValid = true;
      callback(null, this.SCARD_PROTOCOL_T1);
    });
  }

  disconnect(disposition: number, callback: (err: Error | null | undefined) => void): void {
    this.calls.push(`disconnect ${disposition}`);
    later(() => {
      if (disposition === this.SCARD_RESET_CARD && this.card !== null) this.card.powerOn();
      this.connected = false;
      this.handleValid = false;
      callback(null);
    });
  }

  transmit(data: Buffer, responseLength: number, _protocol: number, callback: (err: Error | null | undefined, response: Buffer) => void): void {
    this.transmitLengths.push(responseLength);
    const failure = this.failNextTransmit;
    this.failNextTransmit = null;
    if (failure) return later(() => callback(failure, Buffer.alloc(0)));
    const card = this.card;
    if (!this.handleValid || card === null) return later(() => callback(pcscError('SCardTransmit', SCARD.W_REMOVED_CARD), Buffer.alloc(0)));
    card.transmit(Uint8Array.from(data)).then(
      (response) => callback(null, Buffer.from(response)),
      (err: unknown) => {
        if (err instanceof CardRemovedError) this.removeCard();
        callback(pcscError('SCardTransmit', SCARD.E_NOT_TRANSACTED), Buffer.alloc(0));
      },
    );
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    later(() => this.emit('end'));
  }
}

export class FakePcscContext extends EventEmitter implements PcscLiteContext {
  closed = false;
  readonly readers = new Map<string, FakePcscReader>();

  addReader(name: string): FakePcscReader {
    const reader = new FakePcscReader(name);
    this.readers.set(name, reader);
    later(() => {
      this.emit('reader', reader);
      // pcsclite asks each new reader for its status at once: an empty reader reports EMPTY.
      if (reader.card === null) reader.emitStatus(STATE_EMPTY);
    });
    return reader;
  }

  /** Unplugs a reader: pcsclite closes it, which ends it. */
  removeReader(name: string): void {
    this.readers.get(name)?.close();
    this.readers.delete(name);
  }

  close(): void {
    this.closed = true;
  }
}

/** A loader handing out one FakePcscContext; `contexts` records each one created. */
export function fakePcscLite(setup: (context: FakePcscContext) => void = () => undefined): {
  readonly loader: () => PcscLiteFactory;
  readonly contexts: FakePcscContext[];
} {
  const contexts: FakePcscContext[] = [];
  const factory: PcscLiteFactory = () => {
    const context = new FakePcscContext();
    contexts.push(context);
    setup(context);
    return context;
  };
  return { loader: () => factory, contexts };
}
