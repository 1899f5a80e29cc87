// A tiny VirtualCard for reader tests, until (and besides) the ICAO chip simulator: it answers a
// handful of proprietary instructions so that the reader path (events, sessions, reset, extended
// length) can be exercised without any card protocol.
//
//   00 A4 .. ..        SELECT: 9000, and the card remembers it was selected (session state)
//   00 5A 00 00 01     STATE: 01 if selected since the last power-on, else 00; 9000
//   00 EE 00 00 Lc ..  ECHO: the command data back; 9000
//   00 E0 P1 P2 ..     GENERATE: P1P2 bytes of the pattern i & 0xFF; 9000 (use an extended Le over 256)
//   anything else      6D00

import { CommandApdu } from '../../native/card/apdu/command-apdu.ts';
import { CardRemovedError } from '../../native/hal/errors.ts';
import type { VirtualCard } from '../../native/sim/chip/virtual-card.ts';
import { concat, fromHex } from '../../native/util/bytes.ts';

export const ECHO_INS = Object.freeze({ SELECT: 0xa4, STATE: 0x5a, ECHO: 0xee, GENERATE: 0xe0 });

/** ATR of a contactless card as a PC/SC reader reports it (PC/SC part 3 §3.1.3.2.3): T=1, TCK last. */
export const ECHO_CARD_ATR = withTck(fromHex('3B8880014543484F434152440000'));

const SW_OK = Uint8Array.of(0x90, 0x00);

export class EchoCard implements VirtualCard {
  powerOnCount = 0;
  commandCount = 0;
  /** When set, the next command rejects with CardRemovedError (the card leaves mid-command). */
  removeOnNextCommand = false;
  private selected = false;

  constructor(readonly atr: Uint8Array = ECHO_CARD_ATR) {}

  powerOn(): Uint8Array {
    this.powerOnCount++;
    this.selected = false;
    return this.atr;
  }

  powerOff(): void {
    this.selected = false;
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    this.commandCount++;
    if (this.removeOnNextCommand) {
      this.removeOnNextCommand = false;
      return Promise.reject(new CardRemovedError('echo card removed mid-command'));
    }
    let apdu: CommandApdu;
    try {
      apdu = CommandApdu.decode(command);
    } catch {
      return Promise.resolve(Uint8Array.of(0x67, 0x00));
    }
    switch (apdu.ins) {
      case ECHO_INS.SELECT:
        this.selected = true;
        return Promise.resolve(SW_OK);
      case ECHO_INS.STATE:
        return Promise.resolve(Uint8Array.of(this.selected ? 1 : 0, 0x90, 0x00));
      case ECHO_INS.ECHO:
        return Promise.resolve(concat(apdu.data, SW_OK));
      case ECHO_INS.GENERATE:
        return Promise.resolve(concat(pattern((apdu.p1 << 8) | apdu.p2), SW_OK));
      default:
        return Promise.resolve(Uint8Array.of(0x6d, 0x00));
    }
  }
}

/** The bytes GENERATE answers with: `length` bytes of i & 0xFF. */
export function pattern(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => i & 0xff);
}

function withTck(body: Uint8Array): Uint8Array {
  // ISO 7816-3 §8.2.5: TCK makes the XOR of T0..TCK zero.
  let tck = 0;
  for (const byte of body.subarray(1)) tck ^= byte;
  return concat(body, Uint8Array.of(tck));
}
