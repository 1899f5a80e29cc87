// Secure messaging of ICAO 9303-11 §9.8 (ISO/IEC 7816-4 §10): encrypt-then-MAC of each command and
// response under session keys, with a send sequence counter (SSC) that both sides advance before every
// message. This class frames the APDUs; the subclasses supply the cipher and the MAC (3DES, AES).

import { concat, equal, padIso9797M2, unpadIso9797M2 } from '../../../util/bytes.ts';
import type { ApduWrapper } from '../../apdu/apdu-wrapper.ts';
import { CommandApdu } from '../../apdu/command-apdu.ts';
import { ResponseApdu } from '../../apdu/response-apdu.ts';
import { isSuccess, swHex } from '../../apdu/status-word.ts';
import { encodeTlv } from '../../lds/tlv.ts';
import type { CipherAlgorithm } from '../crypto/kdf.ts';
import {
  DO_CRYPTOGRAM,
  DO_CRYPTOGRAM_BER,
  DO_LE,
  DO_MAC,
  DO_STATUS,
  encodeLe,
  parseProtectedBody,
  SecureMessagingError,
} from './sm-data-objects.ts';

const EMPTY: Uint8Array = new Uint8Array(0);
/** ICAO 9303-11 §9.8.6.1: padding-content indicator of DO'87' for ISO 9797-1 method 2. */
const PADDING_INDICATOR = 0x01;

/** The SM objects of a message that passed the MAC check, with the data decrypted. */
export interface OpenedMessage {
  /** Plain data (empty when the message carried no DO'85'/DO'87'). */
  readonly data: Uint8Array;
  /** Value of DO'97' (commands) or DO'99' (responses), when present. */
  readonly trailer: Uint8Array | undefined;
}

export abstract class SecureMessaging implements ApduWrapper {
  /** `3DES` or `AES`. */
  abstract readonly kind: '3DES' | 'AES';
  /** Cipher block length: the padding unit and the SSC length (8 for 3DES, 16 for AES). */
  protected abstract readonly blockSize: 8 | 16;

  readonly algorithm: CipherAlgorithm;
  protected readonly ksEnc: Uint8Array;
  protected readonly ksMac: Uint8Array;
  private counter: Uint8Array;

  protected constructor(algorithm: CipherAlgorithm, ksEnc: Uint8Array, ksMac: Uint8Array, ssc: Uint8Array) {
    this.algorithm = algorithm;
    this.ksEnc = new Uint8Array(ksEnc);
    this.ksMac = new Uint8Array(ksMac);
    this.counter = new Uint8Array(ssc);
  }

  /** The current send sequence counter (a copy). */
  get ssc(): Uint8Array {
    return new Uint8Array(this.counter);
  }

  /** The SSC as the subclass's cipher sees it (the AES IV is derived from it). */
  protected get currentSsc(): Uint8Array {
    return this.counter;
  }

  /** Encrypts data already padded to the block size, under the current SSC. */
  protected abstract encrypt(padded: Uint8Array): Uint8Array;
  /** Decrypts a cryptogram (a whole number of blocks) under the current SSC. */
  protected abstract decrypt(cryptogram: Uint8Array): Uint8Array;
  /** The 8-byte MAC of `input` (which starts with the SSC). */
  protected abstract mac(input: Uint8Array): Uint8Array;

  /**
   * Protects a plain command (ICAO 9303-11 §9.8.6.1): CLA |= 0C, data encrypted into DO'87' (DO'85' for
   * an odd INS), Le into DO'97', MAC into DO'8E', outer Le 00 (0000 when extended). The protected
   * command is extended when the plain one is, or when its body exceeds 255 bytes. Advances the SSC.
   */
  wrap(command: CommandApdu): CommandApdu {
    const cla = command.cla | 0x0c;
    const header = Uint8Array.of(cla, command.ins, command.p1, command.p2);
    const trailer = command.ne > 0 ? encodeTlv(DO_LE, encodeLe(command.ne, command.extended)) : EMPTY;
    const body = this.seal(header, command.data, (command.ins & 1) === 1, trailer);
    const extended = command.extended || body.length > 255;
    return new CommandApdu({ cla, ins: command.ins, p1: command.p1, p2: command.p2, data: body, ne: extended ? 65536 : 256, extended });
  }

  /**
   * Verifies and decrypts a protected response (ICAO 9303-11 §9.8.6.2). The MAC over DO'85'/DO'87' and
   * DO'99' is checked before anything is decrypted, and DO'99' must equal the response's status word.
   * A bare error status word (no data) means the chip ended the session and is returned as it came; a
   * bare success status is refused, as nothing vouches for it. Advances the SSC.
   * Errors: SecureMessagingError (CardError `SM_ERROR`, step `sm.unwrap`, `sw` = the response's).
   */
  unwrap(response: ResponseApdu): ResponseApdu {
    const step = 'sm.unwrap';
    if (response.data.length === 0) {
      this.advance();
      if (isSuccess(response.sw)) {
        throw new SecureMessagingError('missing', `unprotected SW ${swHex(response.sw)} under secure messaging`, { step, sw: response.sw });
      }
      return response;
    }
    const opened = this.open(null, response.data, DO_STATUS, step, response.sw);
    if (opened.trailer === undefined) throw new SecureMessagingError('missing', 'response without DO99', { step, sw: response.sw });
    if (opened.trailer.length !== 2 || ((opened.trailer[0]! << 8) | opened.trailer[1]!) !== response.sw) {
      throw new SecureMessagingError('incorrect', 'DO99 does not match the status word', { step, sw: response.sw });
    }
    return new ResponseApdu(opened.data, response.sw);
  }

  /**
   * Advances the SSC, then builds `[DO'85'|DO'87'] trailer DO'8E'`: `data` (if any) encrypted, the
   * already-encoded `trailer` (DO'97' or DO'99', or empty) and the MAC over SSC ‖ padded `header`
   * (commands; null for responses) ‖ the objects. Shared with the chip simulator, which seals responses.
   */
  seal(header: Uint8Array | null, data: Uint8Array, oddIns: boolean, trailer: Uint8Array): Uint8Array {
    this.advance();
    let cryptogram: Uint8Array = EMPTY;
    if (data.length > 0) {
      const encrypted = this.encrypt(padIso9797M2(data, this.blockSize));
      cryptogram = oddIns ? encodeTlv(DO_CRYPTOGRAM_BER, encrypted) : encodeTlv(DO_CRYPTOGRAM, Uint8Array.of(PADDING_INDICATOR), encrypted);
    }
    const objects = concat(cryptogram, trailer);
    return concat(objects, encodeTlv(DO_MAC, this.checksum(header, objects)));
  }

  /**
   * Advances the SSC, then parses a protected body (`trailerTag` DO'97' for commands, DO'99' for
   * responses), checks its MAC and only then decrypts. Shared with the chip simulator, which opens
   * commands. Errors: SecureMessagingError `missing` (no DO'8E') or `incorrect` (wrong MAC, padding,
   * order, lengths), carrying `step` and `sw`.
   */
  open(header: Uint8Array | null, body: Uint8Array, trailerTag: typeof DO_LE | typeof DO_STATUS, step: string, sw?: number): OpenedMessage {
    this.advance();
    let parsed;
    try {
      parsed = parseProtectedBody(body, trailerTag, step);
    } catch (err) {
      if (err instanceof SecureMessagingError && sw !== undefined) throw new SecureMessagingError(err.failure, err.message, { step, sw, cause: err });
      throw err;
    }
    const expected = this.checksum(header, body.subarray(0, parsed.macCoverage));
    if (!equal(expected, parsed.mac)) throw new SecureMessagingError('incorrect', 'MAC does not verify', { step, sw });
    if (parsed.cryptogram === undefined) return Object.freeze({ data: EMPTY, trailer: parsed.trailer });

    let encrypted = parsed.cryptogram.value;
    if (parsed.cryptogram.tag === DO_CRYPTOGRAM) {
      if (encrypted[0] !== PADDING_INDICATOR) throw new SecureMessagingError('incorrect', 'DO87 padding indicator is not 01', { step, sw });
      encrypted = encrypted.subarray(1);
    }
    if (encrypted.length === 0 || encrypted.length % this.blockSize !== 0) {
      throw new SecureMessagingError('incorrect', `cryptogram of ${encrypted.length} bytes is not whole blocks`, { step, sw });
    }
    const plain = unpadIso9797M2(this.decrypt(encrypted));
    if (plain === null) throw new SecureMessagingError('incorrect', 'decrypted data has bad padding', { step, sw });
    return Object.freeze({ data: plain.slice(), trailer: parsed.trailer });
  }

  /**
   * MAC over SSC ‖ padded header ‖ objects, padded (ISO 7816-4 §10.2.3.1: each element is padded before
   * the next; a header with no objects after it is already block-aligned and gets no second padding).
   */
  private checksum(header: Uint8Array | null, objects: Uint8Array): Uint8Array {
    const head = header === null ? this.counter : concat(this.counter, padIso9797M2(header, this.blockSize));
    return this.mac(objects.length === 0 ? head : padIso9797M2(concat(head, objects), this.blockSize));
  }

  /** SSC + 1, big-endian, wrapping at the top (ICAO 9303-11 §9.8.2). */
  private advance(): void {
    const next = new Uint8Array(this.counter);
    for (let i = next.length - 1; i >= 0; i--) {
      next[i] = (next[i]! + 1) & 0xff;
      if (next[i] !== 0) break;
    }
    this.counter = next;
  }
}
