// Stand-ins for the chip-side protocols, to test the simulator's routing and access rules on their
// own: "secure messaging" that only checks the SM class bits, and a BAC that accepts a known cryptogram.

import { CommandApdu } from '../../../../../native/card/apdu/command-apdu.ts';
import type { ResponseApdu } from '../../../../../native/card/apdu/response-apdu.ts';
import type { BacResponder, SecureMessagingResponder } from '../../../../../native/sim/chip/chip-protocol-roles.ts';

/** Commands arrive with CLA 0C and are passed on as CLA 00; a command data byte 0xEE counts as a bad MAC. */
export class TransparentSecureMessaging implements SecureMessagingResponder {
  readonly algorithm = '3DES';
  corruptNextMac = false;
  wrapped = 0;

  unwrapCommand(command: CommandApdu): CommandApdu {
    if (command.data[0] === 0xee) throw new Error('bad MAC');
    return new CommandApdu({ cla: command.cla & ~0x0c, ins: command.ins, p1: command.p1, p2: command.p2, data: command.data, ne: command.ne, extended: command.extended });
  }

  wrapResponse(response: ResponseApdu): ResponseApdu {
    this.wrapped++;
    return response;
  }
}

/** Accepts EXTERNAL AUTHENTICATE data whose first byte is 0x01 and answers 40 bytes of 0x02. */
export class TransparentBac implements BacResponder {
  sm: TransparentSecureMessaging | null = null;

  getChallenge(): Uint8Array {
    return Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
  }

  externalAuthenticate(data: Uint8Array): { responseData: Uint8Array; sm: SecureMessagingResponder } | null {
    if (data[0] !== 0x01) return null;
    this.sm = new TransparentSecureMessaging();
    return { responseData: new Uint8Array(40).fill(2), sm: this.sm };
  }
}
