// ISO/IEC 7816-4 §5.1 command APDUs: cases 1-4, short and extended length.

import { MalformedDataError } from '../errors.ts';

export interface CommandApduFields {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** Command data (Lc is derived from it). */
  readonly data?: Uint8Array;
  /** Expected response length Ne; 0 or undefined = no Le field. 256 (short) / 65536 (extended) = "all". */
  readonly ne?: number;
  /** Force extended-length encoding even when short would do. */
  readonly extended?: boolean;
}

const EMPTY = new Uint8Array(0);

export class CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
  readonly ne: number;
  readonly extended: boolean;

  constructor(fields: CommandApduFields) {
    for (const [name, v] of [['cla', fields.cla], ['ins', fields.ins], ['p1', fields.p1], ['p2', fields.p2]] as const) {
      if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`${name} must be a byte, got ${v}`);
    }
    const data = fields.data ?? EMPTY;
    const ne = fields.ne ?? 0;
    if (data.length > 65535) throw new RangeError(`command data of ${data.length} bytes exceeds 65535`);
    if (!Number.isInteger(ne) || ne < 0 || ne > 65536) throw new RangeError(`Ne must be 0..65536, got ${ne}`);
    this.cla = fields.cla;
    this.ins = fields.ins;
    this.p1 = fields.p1;
    this.p2 = fields.p2;
    this.data = data;
    this.ne = ne;
    this.extended = fields.extended === true || data.length > 255 || ne > 256;
    Object.freeze(this);
  }

  with(fields: Partial<CommandApduFields>): CommandApdu {
    return new CommandApdu({ ...this.fields(), ...fields });
  }

  fields(): CommandApduFields {
    return { cla: this.cla, ins: this.ins, p1: this.p1, p2: this.p2, data: this.data, ne: this.ne, extended: this.extended };
  }

  /** Serialises per ISO 7816-4 §5.1 (cases 1, 2S/E, 3S/E, 4S/E). */
  encode(): Uint8Array {
    const nc = this.data.length;
    const header = [this.cla, this.ins, this.p1, this.p2];
    const out: number[] = [...header];
    if (!this.extended) {
      if (nc > 0) out.push(nc, ...this.data);
      if (this.ne > 0) out.push(this.ne === 256 ? 0 : this.ne);
    } else {
      out.push(0x00);
      if (nc > 0) out.push(nc >> 8, nc & 0xff, ...this.data);
      if (this.ne > 0) {
        const le = this.ne === 65536 ? 0 : this.ne;
        out.push(le >> 8, le & 0xff);
      }
    }
    return Uint8Array.from(out);
  }

  /** Parses a command APDU (the simulator's side). Throws MalformedDataError on any inconsistency. */
  static decode(bytes: Uint8Array): CommandApdu {
    const step = 'apdu.decode';
    if (bytes.length < 4) throw new MalformedDataError(`command APDU of ${bytes.length} bytes is shorter than a header`, { step });
    const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
    const body = bytes.subarray(4);
    if (body.length === 0) return new CommandApdu({ cla, ins, p1, p2 });
    if (body.length === 1) return new CommandApdu({ cla, ins, p1, p2, ne: body[0] === 0 ? 256 : body[0]! });
    if (body[0] !== 0) {
      // Short: Lc data [Le]
      const lc = body[0]!;
      if (body.length === 1 + lc) return new CommandApdu({ cla, ins, p1, p2, data: body.slice(1) });
      if (body.length === 2 + lc) {
        const le = body[1 + lc]!;
        return new CommandApdu({ cla, ins, p1, p2, data: body.slice(1, 1 + lc), ne: le === 0 ? 256 : le });
      }
      throw new MalformedDataError(`short APDU body of ${body.length} bytes does not match Lc ${lc}`, { step });
    }
    // Extended: 00 then Le(2) or Lc(2) data [Le(2)]
    if (body.length === 3) {
      const le = (body[1]! << 8) | body[2]!;
      return new CommandApdu({ cla, ins, p1, p2, ne: le === 0 ? 65536 : le, extended: true });
    }
    if (body.length < 3) throw new MalformedDataError('truncated extended-length APDU', { step });
    const lc = (body[1]! << 8) | body[2]!;
    if (lc === 0) throw new MalformedDataError('extended Lc of zero', { step });
    if (body.length === 3 + lc) return new CommandApdu({ cla, ins, p1, p2, data: body.slice(3), extended: true });
    if (body.length === 5 + lc) {
      const le = (body[3 + lc]! << 8) | body[4 + lc]!;
      return new CommandApdu({ cla, ins, p1, p2, data: body.slice(3, 3 + lc), ne: le === 0 ? 65536 : le, extended: true });
    }
    throw new MalformedDataError(`extended APDU body of ${body.length} bytes does not match Lc ${lc}`, { step });
  }

  /** `00 B0 0000 Lc=0 Le=223`: header and lengths only, never data (traces carry no personal data). */
  describe(): string {
    const h = [this.cla, this.ins, this.p1, this.p2].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
    return `${h} Lc=${this.data.length} Le=${this.ne}${this.extended ? ' ext' : ''}`;
  }
}
