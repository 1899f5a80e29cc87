// A CardChannel serving plain (no secure messaging) files, for testing READ BINARY strategies without the
// full chip simulator. Behaviour follows ISO 7816-4 §11.2 as the chip simulator does.
import type { CardChannel } from '../../native/hal/card-reader.ts';
import { CommandApdu } from '../../native/card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../native/card/apdu/response-apdu.ts';
import { concat } from '../../native/util/bytes.ts';
import { encodeTlv } from '../../native/card/lds/tlv.ts';

const headerLength = (n: number): number => (n > 0xff ? 4 : n > 0x7f ? 3 : 2);

export interface FakeFileCardOptions {
  readonly files: ReadonlyMap<number, Uint8Array>; // fid -> content
  readonly extended?: boolean;
  /** Largest Le the card serves in one response (extended). */
  readonly maxExtendedLe?: number;
  readonly sfi?: boolean;
}

export class FakeFileCard implements CardChannel {
  readonly atr = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
  readonly extendedLengthSupported = undefined;
  readonly log: string[] = [];
  private current: Uint8Array | undefined;

  constructor(private readonly options: FakeFileCardOptions) {}

  async transmit(bytes: Uint8Array): Promise<Uint8Array> {
    const c = CommandApdu.decode(bytes);
    this.log.push(c.describe());
    return this.answer(c).encode();
  }

  private answer(c: CommandApdu): ResponseApdu {
    if (c.extended && !this.options.extended) return ResponseApdu.status(0x6700);
    if (c.ins === 0xa4) {
      const fid = (c.data[0]! << 8) | c.data[1]!;
      this.current = this.options.files.get(fid);
      return ResponseApdu.status(this.current ? 0x9000 : 0x6a82);
    }
    if (c.ins === 0xb0 || c.ins === 0xb1) {
      let offset: number;
      if (c.ins === 0xb1) {
        offset = (c.data[2]! << 16) | (c.data[3]! << 8) | c.data[4]!;
      } else if (c.p1 & 0x80) {
        if (this.options.sfi === false) return ResponseApdu.status(0x6a86);
        this.current = this.options.files.get(0x0100 | (c.p1 & 0x1f)) ?? this.options.files.get(0x0110 | (c.p1 & 0x1f));
        if (!this.current) return ResponseApdu.status(0x6a82);
        offset = c.p2;
      } else {
        offset = (c.p1 << 8) | c.p2;
      }
      const file = this.current;
      if (!file) return ResponseApdu.status(0x6986);
      if (c.extended && c.ne > (this.options.maxExtendedLe ?? 65536)) return ResponseApdu.status(0x6700);
      if (offset > file.length) return ResponseApdu.status(0x6b00);
      // For B1, Le covers the DO53 header too: serve the most data that fits with its header.
      let wanted = c.ne;
      if (c.ins === 0xb1) while (wanted + headerLength(wanted) > c.ne) wanted--;
      const data = file.subarray(offset, offset + wanted);
      const sw = data.length < wanted ? 0x6282 : 0x9000;
      if (c.ins === 0xb1) return new ResponseApdu(concat(encodeTlv(0x53, data)), sw);
      return new ResponseApdu(data, sw);
    }
    return ResponseApdu.status(0x6d00);
  }
}
