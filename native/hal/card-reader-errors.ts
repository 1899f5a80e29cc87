// The errors every CardReader implementation raises for the same situations, so that the real driver
// and the simulator agree on codes (the contract suite in test/contract checks them).

import { DeviceUnavailableError, KioskError } from './errors.ts';

/** `connect` found no card on the reader: KioskError `NO_CARD`. */
export function noCardError(readerName: string, step: string, cause?: unknown): KioskError {
  return new KioskError('NO_CARD', `no card on reader "${readerName}"`, { userMessage: 'NO_CARD', step, cause });
}

/** Another session (this process or another application) holds the card: `READER_BUSY`. */
export function readerBusyError(readerName: string, step: string, cause?: unknown): DeviceUnavailableError {
  return new DeviceUnavailableError('READER_BUSY', `reader "${readerName}" is in use by another session`, {
    userMessage: 'READER_UNAVAILABLE',
    step,
    cause,
  });
}

/** The reader disappeared (unplugged, driver stopped) or was disposed: `READER_GONE`. */
export function readerGoneError(readerName: string, step: string, cause?: unknown): DeviceUnavailableError {
  return new DeviceUnavailableError('READER_GONE', `reader "${readerName}" is no longer available`, {
    userMessage: 'READER_UNAVAILABLE',
    step,
    cause,
  });
}

/** A session was used after `close()`: `SESSION_CLOSED`. */
export function sessionClosedError(readerName: string, step: string): DeviceUnavailableError {
  return new DeviceUnavailableError('SESSION_CLOSED', `card session on reader "${readerName}" is closed`, {
    userMessage: 'READER_UNAVAILABLE',
    step,
  });
}
