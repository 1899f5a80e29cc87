// READ BINARY on the chip's side (ISO 7816-4 §11.2.3, ICAO 9303-10 §3.6): the even INS B0 with the
// offset in P1-P2 or a short EF identifier in P1, and the odd INS B1 whose offset travels in DO54 and
// whose data comes back in DO53, for offsets beyond 32767.

import type { CommandApdu } from '../../card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../card/apdu/response-apdu.ts';
import { SW } from '../../card/apdu/status-word.ts';
import { encodeTlv, readTlv } from '../../card/lds/tlv.ts';

export const INS_READ_BINARY = 0xb0;
export const INS_READ_BINARY_ODD = 0xb1;

/** Which file a READ BINARY addresses. */
export type ReadBinaryFile =
  | { readonly kind: 'current' }
  | { readonly kind: 'sfi'; readonly sfi: number }
  | { readonly kind: 'fid'; readonly fid: number };

export interface ReadBinaryRequest {
  readonly file: ReadBinaryFile;
  readonly offset: number;
  readonly odd: boolean;
  /** Ne of the (plain) command. */
  readonly ne: number;
}

/** Decodes the addressing of a READ BINARY, or returns the status word that refuses it. */
export function parseReadBinary(command: CommandApdu): ReadBinaryRequest | number {
  if (command.ne === 0) return SW.WRONG_LENGTH;
  if (command.ins === INS_READ_BINARY) {
    if (command.data.length > 0) return SW.WRONG_LENGTH;
    if ((command.p1 & 0x80) !== 0) {
      // ISO 7816-4 §7.2.2: b8 set, b7-b6 zero, b5-b1 the SFI; the offset is then P2 alone.
      const sfi = command.p1 & 0x1f;
      if ((command.p1 & 0x60) !== 0 || sfi === 0 || sfi === 0x1f) return SW.INCORRECT_P1P2;
      return { file: { kind: 'sfi', sfi }, offset: command.p2, odd: false, ne: command.ne };
    }
    return { file: { kind: 'current' }, offset: (command.p1 << 8) | command.p2, odd: false, ne: command.ne };
  }
  // Odd INS: P1-P2 = 0000 (current EF), 00 0x (SFI in b5-b1), else a file identifier.
  const p1p2 = (command.p1 << 8) | command.p2;
  let file: ReadBinaryFile;
  if (p1p2 === 0) file = { kind: 'current' };
  else if (p1p2 < 0x1f) file = { kind: 'sfi', sfi: p1p2 };
  else file = { kind: 'fid', fid: p1p2 };
  const offset = offsetObject(command.data);
  if (offset === null) return SW.WRONG_DATA;
  return { file, offset, odd: true, ne: command.ne };
}

/** DO54 with a 1..3-byte offset, or null when the data field is anything else. */
function offsetObject(data: Uint8Array): number | null {
  try {
    const tlv = readTlv(data, 0, 'sim.readBinary');
    if (tlv.tag !== 0x54 || tlv.encodedLength !== data.length || tlv.value.length < 1 || tlv.value.length > 3) return null;
    let offset = 0;
    for (const b of tlv.value) offset = offset * 256 + b;
    return offset;
  } catch {
    return null;
  }
}

/**
 * Answers a READ BINARY of `content`: up to Ne bytes from the offset, 6282 with what remains when the
 * file ends first, 6B00 when the offset is at or past the end.
 */
export function readSlice(content: Uint8Array, request: ReadBinaryRequest): ResponseApdu {
  const { offset, ne } = request;
  if (offset >= content.length) return ResponseApdu.status(SW.WRONG_P1P2);
  const remaining = content.length - offset;
  if (!request.odd) {
    const n = Math.min(ne, remaining);
    return new ResponseApdu(content.slice(offset, offset + n), n < ne ? SW.WARNING_END_OF_FILE : SW.NO_ERROR);
  }
  // The DO53 header counts against Ne: take the largest n with n + header(n) <= Ne.
  let n = Math.min(remaining, ne - doHeaderLength(Math.min(remaining, ne)));
  while (n > 0 && n + doHeaderLength(n) > ne) n--;
  if (n <= 0) return ResponseApdu.status(SW.WRONG_LENGTH);
  const body = encodeTlv(0x53, content.slice(offset, offset + n));
  return new ResponseApdu(body, n === remaining && body.length < ne ? SW.WARNING_END_OF_FILE : SW.NO_ERROR);
}

function doHeaderLength(n: number): number {
  if (n < 0x80) return 2;
  if (n <= 0xff) return 3;
  if (n <= 0xffff) return 4;
  return 5;
}
