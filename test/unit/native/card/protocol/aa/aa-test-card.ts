// Test helper: a CardChannel that decodes each command APDU and answers INTERNAL AUTHENTICATE with an
// active-authentication chip, or with a fixed status word, or by losing the card.
import { CommandApdu } from '../../../../../../native/card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../../../../../native/card/apdu/response-apdu.ts';
import type { CardChannel } from '../../../../../../native/hal/card-reader.ts';
import { CardRemovedError } from '../../../../../../native/hal/errors.ts';
import type { ActiveAuthenticationResponder } from '../../../../../../native/sim/chip/chip-protocol-roles.ts';

export class AaTestCard implements CardChannel {
  readonly atr = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
  readonly extendedLengthSupported = true;
  readonly commands: CommandApdu[] = [];
  /** When set, INTERNAL AUTHENTICATE answers this status word instead of signing. */
  refuseWith: number | undefined;
  removed = false;

  constructor(private readonly chip: ActiveAuthenticationResponder) {}

  async transmit(bytes: Uint8Array): Promise<Uint8Array> {
    if (this.removed) throw new CardRemovedError();
    const command = CommandApdu.decode(bytes);
    this.commands.push(command);
    if (command.ins !== 0x88) return ResponseApdu.status(0x6d00).encode();
    if (this.refuseWith !== undefined) return ResponseApdu.status(this.refuseWith).encode();
    return new ResponseApdu(this.chip.internalAuthenticate(command.data), 0x9000).encode();
  }
}
