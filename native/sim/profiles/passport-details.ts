// DG11 (additional personal details) and DG12 (additional document details) of the synthetic passport,
// ICAO 9303-10 §4.7.11 and §4.7.12: a tag list (5C) then the listed data elements. Built here from the
// TLV encoder because no LDS encoder for these groups exists yet; the holder does not exist.

import { encodeTlv } from '../../card/lds/tlv.ts';
import { concat } from '../../util/bytes.ts';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Elements in order; the tag list names them (two-byte tags, as 9303-10 Table 47 lists them). */
function taggedGroup(groupTag: number, elements: readonly (readonly [number, Uint8Array])[]): Uint8Array {
  const tagList = concat(...elements.map(([tag]) => Uint8Array.of(tag >> 8, tag & 0xff)));
  return encodeTlv(groupTag, encodeTlv(0x5c, tagList), ...elements.map(([tag, value]) => encodeTlv(tag, value)));
}

/** DG11: full name (5F0E), personal number (5F10), full date of birth (5F2B), place of birth (5F11), address (5F42). */
export function passportDg11(): Uint8Array {
  return taggedGroup(0x6b, [
    [0x5f0e, text('SAMPLE<<ALEX<JORDAN')],
    [0x5f10, text('ZE184226B')],
    [0x5f2b, text('19850704')],
    [0x5f11, text('HARBOUR CITY<UTO')],
    [0x5f42, text('1 SPECIMEN STREET<HARBOUR CITY<UTO')],
  ]);
}

/** DG12: issuing authority (5F19), date of issue (5F26), personalisation time (5F55). */
export function passportDg12(): Uint8Array {
  return taggedGroup(0x6c, [
    [0x5f19, text('UTOPIA PASSPORT OFFICE')],
    [0x5f26, text('20230102')],
    [0x5f55, text('20230102093000')],
  ]);
}
