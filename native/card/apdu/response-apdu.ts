// ISO/IEC 7816-4 §5.1 response APDU: data field followed by SW1 SW2.

import { concat } from '../../util/bytes.ts';
import { MalformedDataError } from '../errors.ts';

export class ResponseApdu {
  readonly data: Uint8Array;
  readonly sw: number;

  constructor(data: Uint8Array, sw: number) {
    if (!Number.isInteger(sw) || sw < 0 || sw > 0xffff) throw new RangeError(`status word must be 16 bits, got ${sw}`);
    this.data = data;
    this.sw = sw;
    Object.freeze(this);
  }

  get sw1(): number {
    return this.sw >> 8;
  }

  get sw2(): number {
    return this.sw & 0xff;
  }

  encode(): Uint8Array {
    return concat(this.data, Uint8Array.of(this.sw1, this.sw2));
  }

  static decode(bytes: Uint8Array): ResponseApdu {
    if (bytes.length < 2) {
      throw new MalformedDataError(`response APDU of ${bytes.length} bytes has no status word`, { step: 'apdu.response' });
    }
    const n = bytes.length;
    return new ResponseApdu(bytes.slice(0, n - 2), (bytes[n - 2]! << 8) | bytes[n - 1]!);
  }

  static status(sw: number): ResponseApdu {
    return new ResponseApdu(new Uint8Array(0), sw);
  }
}
