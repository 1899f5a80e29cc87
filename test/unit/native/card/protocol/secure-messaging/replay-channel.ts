// A CardChannel that replays a recorded exchange: each transmit must carry the next expected command
// byte for byte, and gets the recorded response. Used to run protocols against the ICAO worked examples.

import type { CardChannel } from '../../../../../../native/hal/card-reader.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';

export interface RecordedExchange {
  readonly command: string;
  readonly response: string;
}

export class ReplayChannel implements CardChannel {
  readonly atr = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
  readonly extendedLengthSupported = undefined;
  /** Hex of every command received, in order. */
  readonly received: string[] = [];
  private next = 0;

  constructor(private readonly script: readonly RecordedExchange[]) {}

  get remaining(): number {
    return this.script.length - this.next;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const hex = toHex(command);
    this.received.push(hex);
    const expected = this.script[this.next++];
    if (!expected) throw new Error(`unexpected command ${hex} after the end of the script`);
    if (expected.command !== hex) throw new Error(`command ${this.next}: expected ${expected.command}, got ${hex}`);
    return fromHex(expected.response);
  }
}
