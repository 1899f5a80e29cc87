// Translates PC/SC return codes (as pcsclite reports them, inside the error text) into the kiosk's typed
// errors. The codes are pcsc-lite's (pcsclite.h, same values as Windows' winerror.h SCARD_*).

import { noCardError, readerBusyError, readerGoneError } from '../../hal/card-reader-errors.ts';
import { CardRemovedError, DeviceUnavailableError, KioskError } from '../../hal/errors.ts';

export const SCARD = Object.freeze({
  E_CANCELLED: 0x80100002,
  E_INVALID_HANDLE: 0x80100003,
  E_UNKNOWN_READER: 0x80100009,
  E_TIMEOUT: 0x8010000a,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  E_PROTO_MISMATCH: 0x8010000f,
  F_COMM_ERROR: 0x80100013,
  E_NOT_TRANSACTED: 0x80100016,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
});

/** The SCARD_* code pcsclite put into an error message (`... error: No smart card inserted.(0x8010000c)`). */
export function pcscErrorCode(err: unknown): number | undefined {
  if (!(err instanceof Error)) return undefined;
  const match = /\(0x([0-9a-fA-F]{1,8})\)\s*$/.exec(err.message);
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 16);
}

// A contactless card that leaves the field shows up in many ways depending on the moment: pcscd has
// already noticed (REMOVED_CARD, NO_SMARTCARD), the reader lost it mid-exchange (NOT_TRANSACTED,
// UNRESPONSIVE, COMM_ERROR) or someone reset it (RESET_CARD: the session state is gone either way).
const CARD_GONE = new Set<number>([
  SCARD.W_REMOVED_CARD,
  SCARD.E_NO_SMARTCARD,
  SCARD.W_RESET_CARD,
  SCARD.W_UNPOWERED_CARD,
  SCARD.W_UNRESPONSIVE_CARD,
  SCARD.E_NOT_TRANSACTED,
  SCARD.F_COMM_ERROR,
]);
const READER_GONE = new Set<number>([SCARD.E_READER_UNAVAILABLE, SCARD.E_UNKNOWN_READER, SCARD.E_INVALID_HANDLE]);
const SERVICE_GONE = new Set<number>([SCARD.E_NO_SERVICE, SCARD.E_SERVICE_STOPPED]);

/** pcscd cannot be reached: the daemon is stopped or its socket is missing. */
export function pcscUnavailable(cause: unknown, step: string): DeviceUnavailableError {
  return new DeviceUnavailableError(
    'PCSC_UNAVAILABLE',
    'the PC/SC daemon pcscd is not running or not reachable (start it: systemctl start pcscd.socket)',
    { userMessage: 'READER_UNAVAILABLE', step, cause },
  );
}

/**
 * Maps a failed SCardTransmit / SCardDisconnect: anything that means the card (or its reader) is gone
 * becomes CardRemovedError, the daemon gone becomes PCSC_UNAVAILABLE, the rest DeviceUnavailableError
 * `PCSC_ERROR` carrying the PC/SC message (which holds no card data).
 */
export function transmitError(err: unknown, readerName: string, step: string): KioskError {
  const code = pcscErrorCode(err);
  if (code !== undefined && (CARD_GONE.has(code) || READER_GONE.has(code))) {
    return new CardRemovedError(`card left reader "${readerName}"`, { step, cause: err });
  }
  if (code !== undefined && SERVICE_GONE.has(code)) return pcscUnavailable(err, step);
  return pcscFailure(err, readerName, step);
}

/** Maps a failed SCardConnect. */
export function connectError(err: unknown, readerName: string, step: string): KioskError {
  const code = pcscErrorCode(err);
  if (code === SCARD.E_NO_SMARTCARD || code === SCARD.W_REMOVED_CARD) return noCardError(readerName, step, err);
  if (code === SCARD.E_SHARING_VIOLATION) return readerBusyError(readerName, step, err);
  if (code === SCARD.W_UNRESPONSIVE_CARD || code === SCARD.W_UNPOWERED_CARD || code === SCARD.E_PROTO_MISMATCH) {
    return new KioskError('CARD_UNRESPONSIVE', `the card on reader "${readerName}" does not answer`, {
      userMessage: 'CARD_UNREADABLE',
      step,
      cause: err,
    });
  }
  if (code !== undefined && READER_GONE.has(code)) return readerGoneError(readerName, step, err);
  if (code !== undefined && SERVICE_GONE.has(code)) return pcscUnavailable(err, step);
  return pcscFailure(err, readerName, step);
}

function pcscFailure(err: unknown, readerName: string, step: string): DeviceUnavailableError {
  const text = err instanceof Error ? err.message : 'unknown error';
  return new DeviceUnavailableError('PCSC_ERROR', `PC/SC failure on reader "${readerName}": ${text}`, {
    userMessage: 'READER_UNAVAILABLE',
    step,
    cause: err,
  });
}
