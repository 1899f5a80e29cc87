// Test helper: a CardChannel in front of a ChipAuthenticationChip, with the chip's side of secure
// messaging. A command that fails the chip's MAC check is answered with a bare 6987/6988 and ends the
// session, as a real chip does; new SM keys take effect after the response that established them.
import { randomBytes } from 'node:crypto';
import { CommandApdu } from '../../../../../../native/card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../../../../../native/card/apdu/response-apdu.ts';
import { CardError } from '../../../../../../native/card/errors.ts';
import { createSecureMessaging } from '../../../../../../native/card/protocol/secure-messaging/create-secure-messaging.ts';
import type { SecureMessaging } from '../../../../../../native/card/protocol/secure-messaging/secure-messaging.ts';
import type { CardChannel } from '../../../../../../native/hal/card-reader.ts';
import type { ChipAuthenticationResponder, SecureMessagingResponder } from '../../../../../../native/sim/chip/chip-protocol-roles.ts';
import { SecureMessagingChip } from '../../../../../../native/sim/chip/secure-messaging-chip.ts';

export class CaTestCard implements CardChannel {
  readonly atr = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
  readonly extendedLengthSupported = true;
  readonly commands: CommandApdu[] = [];
  sm: SecureMessagingResponder | null = null;

  constructor(private readonly chip: ChipAuthenticationResponder) {}

  /** Opens an AES-128 session as PACE would have; returns the terminal's matching wrapper. */
  openSession(): SecureMessaging {
    const ksEnc = new Uint8Array(randomBytes(16));
    const ksMac = new Uint8Array(randomBytes(16));
    this.sm = new SecureMessagingChip('AES-128', ksEnc, ksMac, new Uint8Array(16));
    return createSecureMessaging('AES-128', ksEnc, ksMac, new Uint8Array(16));
  }

  async transmit(bytes: Uint8Array): Promise<Uint8Array> {
    let command = CommandApdu.decode(bytes);
    const current = this.sm;
    if (current) {
      try {
        command = current.unwrapCommand(command);
      } catch (err) {
        this.sm = null;
        return ResponseApdu.status(err instanceof CardError && err.sw !== undefined ? err.sw : 0x6988).encode();
      }
    }
    this.commands.push(command);
    const { response, next } = this.dispatch(command);
    const out = current ? current.wrapResponse(response) : response;
    if (next) this.sm = next;
    return out.encode();
  }

  private dispatch(command: CommandApdu): { response: ResponseApdu; next?: SecureMessagingResponder } {
    const key = (command.ins << 16) | (command.p1 << 8) | command.p2;
    switch (key) {
      case 0x2241a6: {
        const r = this.chip.mseSetKat(command.data);
        return { response: ResponseApdu.status(r.sw), ...(r.sm ? { next: r.sm } : {}) };
      }
      case 0x2241a4:
        return { response: ResponseApdu.status(this.chip.mseSetAt(command.data)) };
      case 0x860000: {
        const r = this.chip.generalAuthenticate(command.data);
        return { response: new ResponseApdu(r.data, r.sw), ...(r.sm ? { next: r.sm } : {}) };
      }
      case 0xa4020c:
        return { response: ResponseApdu.status(0x9000) };
      default:
        return { response: ResponseApdu.status(0x6d00) };
    }
  }
}
