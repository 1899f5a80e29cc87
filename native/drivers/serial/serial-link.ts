// The byte seam under every serial device driver: an open, full-duplex byte link. The real one wraps
// serialport (serial-port-link.ts); the simulators hand out in-process links
// (native/sim/serial/memory-serial-link.ts). Drivers see only this, so the same driver code runs over a
// USB-serial adapter, a socat PTY pair and an in-process pair.

import { DeviceUnavailableError } from '../../hal/errors.ts';
import type { Event } from '../../hal/event.ts';

export interface SerialLinkClosed {
  /** Set when the link went away on its own (unplug, I/O error); undefined after `close()`. */
  readonly error?: Error;
}

/**
 * An open byte link.
 *
 * Obligations:
 * - `onDidReceive` fires with each chunk, in order; chunk boundaries carry no meaning.
 * - `write` resolves once the bytes left the process (drained); it rejects with DeviceUnavailableError
 *   `SERIAL_CLOSED` when the link is closed.
 * - `onDidClose` fires exactly once, whether the link was closed by `close()` or vanished.
 * - `close()` is idempotent.
 */
export interface SerialLink {
  /** For technician messages: the port path or the simulator's name. */
  readonly name: string;
  readonly isOpen: boolean;
  readonly onDidReceive: Event<Uint8Array>;
  readonly onDidClose: Event<SerialLinkClosed>;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a fresh link each call (the device calls it again to reconnect). Rejects with
 * DeviceUnavailableError `SERIAL_OPEN_FAILED` (port absent) or `SERIAL_NOT_INSTALLED`.
 */
export type SerialLinkOpener = () => Promise<SerialLink>;

export function serialClosedError(name: string, step: string): DeviceUnavailableError {
  return new DeviceUnavailableError('SERIAL_CLOSED', `serial link ${name} is closed`, { step });
}
