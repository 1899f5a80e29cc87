// The PC/SC seam. The card stack (native/card) sees only CardChannel; the application sees CardReader.
// Implementations: PcscCardReader (native/drivers/pcsc, real readers through pcscd) and SimCardReader
// (native/sim, the chip simulator in-process). One contract suite (test/contract) runs against both.

import type { Disposable, Event } from './event.ts';

/**
 * A logical connection to one card. Bytes in, bytes out.
 *
 * Obligations:
 * - `transmit` sends one command APDU and resolves with the full response including SW1 SW2.
 *   It never interprets status words (61xx/6Cxx handling lives in native/card/apdu).
 * - A card that leaves the field during or before `transmit` rejects with `CardRemovedError`.
 * - A reader failure rejects with `DeviceUnavailableError`; calls after `close()` reject with it too.
 * - `transmit` calls are serialised by the caller; implementations may reject overlapping calls.
 */
export interface CardChannel {
  /** Answer-to-reset of the card in this session. */
  readonly atr: Uint8Array;
  /** Whether the reader carries extended-length APDUs (ISO 7816-4 §5.1); `undefined` if unknown. */
  readonly extendedLengthSupported: boolean | undefined;
  transmit(command: Uint8Array): Promise<Uint8Array>;
}

/** A CardChannel that is held open on a reader and must be released. */
export interface CardSession extends CardChannel {
  /** Warm reset: the card restarts and any secure-messaging session is lost. Resolves with the new ATR. */
  reset(): Promise<Uint8Array>;
  /** Releases the card (and the exclusive lock). Idempotent. */
  close(): Promise<void>;
}

export interface CardPresence {
  readonly readerName: string;
  readonly atr: Uint8Array;
}

export interface ConnectOptions {
  /** Exclusive access during a read, so another application cannot interleave APDUs (default true). */
  readonly exclusive?: boolean;
}

/** One card reader slot. */
export interface CardReader extends Disposable {
  readonly name: string;
  /** True while a card is present in the field. */
  readonly cardPresent: boolean;
  readonly onDidInsertCard: Event<CardPresence>;
  readonly onDidRemoveCard: Event<{ readonly readerName: string }>;
  /**
   * Connects to the card currently present. Rejects with `KioskError` code `NO_CARD` when there is none,
   * `DeviceUnavailableError` when the reader is gone.
   */
  connect(options?: ConnectOptions): Promise<CardSession>;
  /**
   * Resolves when a card is present (immediately if one is), or rejects with `DeviceTimeoutError`
   * after `timeoutMs`.
   */
  waitForCard(timeoutMs: number): Promise<CardPresence>;
}

/** The set of readers on this machine, with hot-plug. */
export interface CardReaderManager extends Disposable {
  readonly readers: readonly CardReader[];
  readonly onDidAddReader: Event<CardReader>;
  readonly onDidRemoveReader: Event<{ readonly name: string }>;
  /** Resolves once the initial reader list is known. */
  ready(): Promise<void>;
}
