// The ATR a PC/SC reader reports for a contactless ISO 14443-4 card (PC/SC Part 3 §3.1.3.2.3):
// 3B 8n 80 01, n historical bytes, TCK. The historical bytes carry the card-capabilities object
// (ISO 7816-4 §8.1.1.2.7) so that a reader can tell whether the chip takes extended-length APDUs.

import { concat } from '../../util/bytes.ts';

/**
 * Builds the ATR of a contactless chip. The historical bytes are the category indicator 0x80 and a
 * card-capabilities object (tag 7, length 3) whose third byte has b7 set when extended Lc/Le work.
 */
export function contactlessAtr(extendedLength: boolean): Uint8Array {
  // Second byte 0x31: SELECT by full DF name and by file identifier, data units of one byte.
  const historical = Uint8Array.of(0x80, 0x73, 0x80, 0x31, extendedLength ? 0xc0 : 0x80);
  const body = concat(Uint8Array.of(0x3b, 0x80 | historical.length, 0x80, 0x01), historical);
  // ISO 7816-3 §8.2.5: TCK makes the XOR of T0..TCK zero.
  let tck = 0;
  for (const byte of body.subarray(1)) tck ^= byte;
  return concat(body, Uint8Array.of(tck));
}
