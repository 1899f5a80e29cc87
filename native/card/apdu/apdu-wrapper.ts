// The secure-messaging seam (ICAO 9303-11 §9.8): a wrapper protects commands and checks responses.
// Implemented by native/card/protocol/secure-messaging (3DES and AES).

import type { CommandApdu } from './command-apdu.ts';
import type { ResponseApdu } from './response-apdu.ts';

export interface ApduWrapper {
  /** Protects a plain command; advances the send sequence counter. */
  wrap(command: CommandApdu): CommandApdu;
  /**
   * Verifies and decrypts a protected response; advances the SSC. Throws CardError `SM_ERROR` when the
   * MAC or the SM objects are wrong. A bare status word without SM objects (the chip ended the session)
   * is returned as it came.
   */
  unwrap(response: ResponseApdu): ResponseApdu;
  /** `3DES` or `AES`, for traces and diagnostics. */
  readonly kind: string;
}
