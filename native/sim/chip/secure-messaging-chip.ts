// The chip's side of secure messaging (ICAO 9303-11 §9.8): opens protected commands and protects
// responses. The framing, cipher and MAC are the terminal's own (SecureMessaging), run in the other
// direction, so the simulator and the reader cannot disagree by construction of two implementations.

import { CommandApdu } from '../../card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../card/apdu/response-apdu.ts';
import { SW } from '../../card/apdu/status-word.ts';
import { CardError } from '../../card/errors.ts';
import { encodeTlv } from '../../card/lds/tlv.ts';
import type { CipherAlgorithm } from '../../card/protocol/crypto/kdf.ts';
import { createSecureMessaging } from '../../card/protocol/secure-messaging/create-secure-messaging.ts';
import type { SecureMessaging } from '../../card/protocol/secure-messaging/secure-messaging.ts';
import { decodeLe, DO_LE, DO_STATUS, SecureMessagingError } from '../../card/protocol/secure-messaging/sm-data-objects.ts';

const SM_CLA_BITS = 0x0c;

export class SecureMessagingChip {
  /** Fault injection: the next wrapped response carries a wrong MAC. Cleared once used. */
  corruptNextMac = false;
  readonly algorithm: CipherAlgorithm;
  private readonly sm: SecureMessaging;
  /** Whether the command being answered had an odd INS: its response data then goes in DO'85'. */
  private oddIns = false;

  /** Same keys and starting SSC as the terminal's session. Throws RangeError on wrong lengths. */
  constructor(algorithm: CipherAlgorithm, ksEnc: Uint8Array, ksMac: Uint8Array, ssc: Uint8Array) {
    this.algorithm = algorithm;
    this.sm = createSecureMessaging(algorithm, ksEnc, ksMac, ssc);
  }

  /** The current SSC (a copy). */
  get ssc(): Uint8Array {
    return this.sm.ssc;
  }

  /**
   * Verifies and decrypts a protected command (ICAO 9303-11 §9.8.6.1), advancing the SSC, and returns
   * the plain command (CLA without the SM bits, Le from DO'97').
   * Errors: CardError `SM_ERROR`, step `sm.chip.unwrapCommand`, whose `sw` is what the chip answers
   * (and then ends the session): 6987 when SM objects are missing (plain CLA, no DO'8E'), 6988 when they
   * are wrong (MAC, padding, order, lengths).
   */
  unwrapCommand(command: CommandApdu): CommandApdu {
    const step = 'sm.chip.unwrapCommand';
    if ((command.cla & SM_CLA_BITS) !== SM_CLA_BITS) {
      throw new CardError('SM_ERROR', 'command without secure messaging in an SM session', { step, sw: SW.SM_DATA_MISSING });
    }
    try {
      const header = Uint8Array.of(command.cla, command.ins, command.p1, command.p2);
      const opened = this.sm.open(header, command.data, DO_LE, step);
      const le = opened.trailer === undefined ? { ne: 0, extended: false } : decodeLe(opened.trailer, step);
      this.oddIns = (command.ins & 1) === 1;
      return new CommandApdu({
        cla: command.cla & ~SM_CLA_BITS,
        ins: command.ins,
        p1: command.p1,
        p2: command.p2,
        data: opened.data,
        ne: le.ne,
        extended: le.extended,
      });
    } catch (err) {
      if (!(err instanceof SecureMessagingError)) throw err;
      const sw = err.failure === 'missing' ? SW.SM_DATA_MISSING : SW.SM_DATA_INCORRECT;
      throw new CardError('SM_ERROR', err.message, { step, sw, cause: err });
    }
  }

  /**
   * Protects a response (ICAO 9303-11 §9.8.6.2): data in DO'87' (DO'85' when the command had an odd
   * INS), the status word in DO'99', MAC in DO'8E'; the outer status word is the same. Advances the SSC.
   */
  wrapResponse(response: ResponseApdu): ResponseApdu {
    const body = this.sm.seal(null, response.data, this.oddIns, encodeTlv(DO_STATUS, Uint8Array.of(response.sw1, response.sw2)));
    this.oddIns = false;
    if (this.corruptNextMac) {
      this.corruptNextMac = false;
      // DO'8E' comes last, so the final byte is part of the MAC.
      body[body.length - 1]! ^= 0x01;
    }
    return new ResponseApdu(body, response.sw);
  }
}
