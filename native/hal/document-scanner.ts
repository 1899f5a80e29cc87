// The document-scanner seam: a line-based MRZ / 2D-barcode reader (serial, or a USB scanner in serial
// emulation). What it reads arrives as ScanEvents, already turned into card-unlock material for the card
// stack: an MRZ gives the BAC / PACE-MRZ key, a CCCD front QR the candidate keys of cccdAccessKeys.
// Implementation: SerialDocumentScanner (native/drivers/serial/scanner) over a serial link, or over the
// byte-level simulator (native/sim/serial/document-scanner-sim.ts); test/contract/document-scanner.contract.ts
// runs against both.

import type { AccessKey } from '../card/access-key.ts';
import type { CccdQrData } from '../card/cccd/cccd-qr.ts';
import type { MrzInfo } from '../card/lds/mrz/mrz-info.ts';
import type { Device } from './device.ts';
import { KioskError, type KioskErrorOptions } from './errors.ts';
import type { Event } from './event.ts';

/** A complete MRZ (TD1: 3 lines of 30, TD2: 2 of 36, TD3: 2 of 44) and the key it yields. */
export interface MrzScan {
  readonly kind: 'mrz';
  readonly info: MrzInfo;
  /** One MRZ key (BAC / PACE with MRZ). */
  readonly keys: readonly AccessKey[];
  /** Every check digit matched; when false the key is still offered (the chip may accept it). */
  readonly checksPass: boolean;
}

/**
 * The QR on the front of a CCCD, or a VNeID electronic-ID QR in the same 7-field layout, with the candidate
 * keys (one MRZ key per expiry candidate, then the CAN guess).
 */
export interface CccdQrScan {
  readonly kind: 'cccd-qr';
  readonly data: CccdQrData;
  readonly keys: readonly AccessKey[];
}

/** A QR or barcode the kiosk does not interpret (a hospital appointment code, a URL): kept as read. */
export interface UnknownScan {
  readonly kind: 'unknown';
  readonly text: string;
}

/** Something was scanned but cannot be used; `error.userMessage` tells the person to scan again. */
export interface ScanErrorEvent {
  readonly kind: 'error';
  readonly error: KioskError;
}

export type ScanEvent = MrzScan | CccdQrScan | UnknownScan | ScanErrorEvent;

export type ScanErrorCode =
  /** A line longer than the configured bound (no terminator): discarded up to the next terminator. */
  | 'SCAN_LINE_TOO_LONG'
  /** The bytes are not UTF-8 text, or contain control characters. */
  | 'SCAN_NOT_TEXT'
  /** MRZ lines stopped before the format's line count (inter-line timeout, or a line of another length). */
  | 'MRZ_INCOMPLETE'
  /** Lines have the shape of an MRZ but do not parse (CardError as `cause`). */
  | 'MRZ_INVALID'
  /** A QR in the CCCD layout whose fields are wrong (CardError as `cause`, naming the field). */
  | 'QR_INVALID';

/** A scan that cannot be used. The message names what is wrong, never the scanned content (personal data). */
export class ScanError extends KioskError {
  declare readonly code: ScanErrorCode;

  constructor(code: ScanErrorCode, message: string, options: KioskErrorOptions = {}) {
    super(code, message, { userMessage: 'SCAN_AGAIN', step: 'scanner.read', ...options });
  }
}

/**
 * A document scanner.
 *
 * Obligations:
 * - Each complete scan fires `onDidScan` once, in arrival order; bad input fires a `kind: 'error'` event
 *   and the scanner goes on reading (it never throws from its data path).
 * - `health` is `ready` while the port is open, `absent` after the port vanished (unplug) or before
 *   `open()`; `open()` may be called again after an unplug and reopens the port.
 * - `selfTest()` opens the port (and pings when the scanner family has a ping).
 */
export interface DocumentScanner extends Device {
  readonly role: 'documentScanner';
  readonly onDidScan: Event<ScanEvent>;
}
