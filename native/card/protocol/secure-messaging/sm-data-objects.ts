// The secure-messaging data objects of ISO/IEC 7816-4 §10 as profiled by ICAO 9303-11 §9.8.6:
//   command body:  [DO'85' or DO'87'] [DO'97'] DO'8E'
//   response body: [DO'85' or DO'87'] [DO'99'] DO'8E'
// Shared by the terminal (SecureMessaging) and the chip simulator (SecureMessagingChip).

import { KioskError } from '../../../hal/errors.ts';
import { CardError } from '../../errors.ts';
import { readTlv } from '../../lds/tlv.ts';

/** Cryptogram of BER-TLV plain data, no padding-content indicator (odd INS, e.g. READ BINARY B1). */
export const DO_CRYPTOGRAM_BER = 0x85;
/** Padding-content indicator (01 = ISO 9797-1 method 2) followed by the cryptogram (even INS). */
export const DO_CRYPTOGRAM = 0x87;
/** Protected Le (commands). */
export const DO_LE = 0x97;
/** Protected status word (responses). */
export const DO_STATUS = 0x99;
/** Cryptographic checksum: the MAC, truncated to 8 bytes. */
export const DO_MAC = 0x8e;

/** ICAO 9303-11 §9.8.6: the MAC in DO'8E' is always 8 bytes, for 3DES and AES alike. */
export const MAC_LENGTH = 8;

/**
 * Why a protected message was refused. `missing`: an SM object the message must carry is absent (a chip
 * answers 6987); `incorrect`: the objects are present but wrong — MAC, padding, order, junk (6988).
 */
export type SmFailure = 'missing' | 'incorrect';

/** A secure-messaging failure: CardError `SM_ERROR` that also tells which SM status word applies. */
export class SecureMessagingError extends CardError {
  readonly failure: SmFailure;

  constructor(failure: SmFailure, message: string, options: { readonly step: string; readonly sw?: number; readonly cause?: unknown }) {
    super('SM_ERROR', message, options);
    this.failure = failure;
  }
}

/** The SM objects of one protected body, as found; values are views into the body. */
export interface ProtectedBody {
  /** DO'85' or DO'87', when present. */
  readonly cryptogram: { readonly tag: typeof DO_CRYPTOGRAM_BER | typeof DO_CRYPTOGRAM; readonly value: Uint8Array } | undefined;
  /** Value of DO'97' (commands) or DO'99' (responses), when present. */
  readonly trailer: Uint8Array | undefined;
  /** Value of DO'8E'. */
  readonly mac: Uint8Array;
  /** Number of leading body bytes the MAC covers (everything before DO'8E'). */
  readonly macCoverage: number;
}

/**
 * Splits a protected body into its SM objects, enforcing the order above and that DO'8E' comes last.
 * `trailerTag` is DO'97' for commands and DO'99' for responses. Throws SecureMessagingError: `missing`
 * when DO'8E' is absent, `incorrect` for unknown, repeated or misplaced objects, bad lengths or bytes
 * after DO'8E'.
 */
export function parseProtectedBody(body: Uint8Array, trailerTag: typeof DO_LE | typeof DO_STATUS, step: string): ProtectedBody {
  // Rank of each allowed object in the mandated order; anything else is refused.
  const rank = (tag: number): number => {
    if (tag === DO_CRYPTOGRAM || tag === DO_CRYPTOGRAM_BER) return 0;
    if (tag === trailerTag) return 1;
    if (tag === DO_MAC) return 2;
    return -1;
  };
  let cryptogram: ProtectedBody['cryptogram'];
  let trailer: Uint8Array | undefined;
  let lastRank = -1;
  let offset = 0;
  while (offset < body.length) {
    let tlv;
    try {
      tlv = readTlv(body, offset, step);
    } catch (err) {
      if (!(err instanceof KioskError)) throw err;
      throw new SecureMessagingError('incorrect', 'SM object does not parse', { step, cause: err });
    }
    const r = rank(tlv.tag);
    if (r < 0) throw new SecureMessagingError('incorrect', `unexpected SM object ${tlv.tag.toString(16).toUpperCase()}`, { step });
    if (r <= lastRank) throw new SecureMessagingError('incorrect', `SM object ${tlv.tag.toString(16).toUpperCase()} repeated or out of order`, { step });
    lastRank = r;
    if (r === 0) {
      cryptogram = { tag: tlv.tag === DO_CRYPTOGRAM ? DO_CRYPTOGRAM : DO_CRYPTOGRAM_BER, value: tlv.value };
    } else if (r === 1) {
      trailer = tlv.value;
    } else {
      if (tlv.value.length !== MAC_LENGTH) throw new SecureMessagingError('incorrect', `DO8E of ${tlv.value.length} bytes`, { step });
      if (offset + tlv.encodedLength !== body.length) throw new SecureMessagingError('incorrect', 'bytes after DO8E', { step });
      return Object.freeze({ cryptogram, trailer, mac: tlv.value, macCoverage: offset });
    }
    offset += tlv.encodedLength;
  }
  throw new SecureMessagingError('missing', 'no DO8E (MAC) in protected message', { step });
}

/** DO'97' value: one byte for a short command (256 -> 00), two for an extended one (65536 -> 0000). */
export function encodeLe(ne: number, extended: boolean): Uint8Array {
  if (extended) {
    const le = ne === 65536 ? 0 : ne;
    return Uint8Array.of(le >> 8, le & 0xff);
  }
  if (ne > 256) throw new RangeError(`Ne ${ne} needs an extended-length command`);
  return Uint8Array.of(ne === 256 ? 0 : ne);
}

/** Inverse of encodeLe. Throws SecureMessagingError `incorrect` for a DO'97' that is not 1 or 2 bytes. */
export function decodeLe(value: Uint8Array, step: string): { readonly ne: number; readonly extended: boolean } {
  if (value.length === 1) return { ne: value[0] === 0 ? 256 : value[0]!, extended: false };
  if (value.length === 2) {
    const le = (value[0]! << 8) | value[1]!;
    return { ne: le === 0 ? 65536 : le, extended: true };
  }
  throw new SecureMessagingError('incorrect', `DO97 of ${value.length} bytes`, { step });
}
