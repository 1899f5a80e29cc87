// The transport under a fingerprint protocol family: a duplex byte stream. Implementations: HidByteLink
// (native/drivers/hid, 64-byte reports over node-hid or the simulator's HID device) and SerialByteLink
// (serialport). Packet framing belongs to the family, not to the link, so a new family reuses both.

import type { Disposable, Event } from '../../hal/event.ts';

export interface ByteLink extends Disposable {
  /** Technician-facing name, e.g. `hid 2109:7638` or `/dev/ttyUSB0@57600`. */
  readonly name: string;
  readonly isOpen: boolean;
  /** Bytes as they arrive, in order; chunks may split or join the family's packets anywhere. */
  readonly onDidReceive: Event<Uint8Array>;
  /**
   * Fires once when the link is lost without `close()` (unplugged, port hung up), with the cause.
   * Afterwards `isOpen` is false and `write` rejects.
   */
  readonly onDidDisconnect: Event<Error>;
  /**
   * Sends bytes; resolves once they are handed to the OS. Rejects with DeviceUnavailableError
   * `FINGERPRINT_DISCONNECTED` when the link is closed or lost.
   */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Optional liveness check for links whose loss the OS may not report (a hung-up pty or serial line
   * raises no event until the port is used): resolves false, after firing `onDidDisconnect`, when the
   * link is gone. The protocol probes before it calls a silent device a timeout.
   */
  probe?(): Promise<boolean>;
  /** Closes the link (idempotent). Does not fire `onDidDisconnect`. */
  close(): Promise<void>;
}

/** Opens a fresh link; rejects with DeviceUnavailableError when the device is absent. */
export type ByteLinkOpener = () => Promise<ByteLink>;
