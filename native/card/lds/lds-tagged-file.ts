// What every LDS data-group parser shares (ICAO 9303-10 §4.6): an outer application tag that must span
// the file, and text values that are UTF-8 in practice (ICAO 9303-10 §4.7 allows ISO/IEC 10646).

import { MalformedDataError } from '../errors.ts';
import { readTlv, readTlvList, type Tlv } from './tlv.ts';

/**
 * Opens a tagged LDS file: checks the outer tag and returns the TLV and its children. Bytes after the
 * object may only be padding (0x00/0xFF), as left by a READ BINARY beyond the end of the object.
 *
 * @throws MalformedDataError (step `step`) on a wrong tag, bad lengths or trailing data.
 */
export function readTaggedFile(bytes: Uint8Array, tag: number, step: string): { readonly file: Tlv; readonly children: Tlv[] } {
  const file = readTlv(bytes, 0, step);
  if (file.tag !== tag) {
    throw new MalformedDataError(`expected file tag ${tag.toString(16).toUpperCase()}, found ${file.tag.toString(16).toUpperCase()}`, {
      step,
      offset: 0,
    });
  }
  for (let i = file.encodedLength; i < bytes.length; i++) {
    if (bytes[i] !== 0x00 && bytes[i] !== 0xff) throw new MalformedDataError('data after the end of the file object', { step, offset: i });
  }
  return { file, children: readTlvList(file.value, step) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** Text of a data element: UTF-8, or Latin-1 where the bytes are not valid UTF-8 (older chips). Never throws. */
export function decodeLdsText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

const encoder = new TextEncoder();

export function encodeLdsText(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The tags of a tag list (5C, ICAO 9303-10 §4.7.11): concatenated BER tags of one to three bytes. */
export function parseTagList(value: Uint8Array, step: string): number[] {
  const tags: number[] = [];
  let p = 0;
  while (p < value.length) {
    let tag = value[p++]!;
    if ((tag & 0x1f) === 0x1f) {
      let count = 0;
      do {
        if (p >= value.length || ++count > 2) throw new MalformedDataError('malformed tag in tag list', { step, offset: p });
        tag = tag * 256 + value[p]!;
      } while ((value[p++]! & 0x80) !== 0);
    }
    tags.push(tag);
  }
  return tags;
}

/**
 * A date element that is 8 ASCII digits (YYYYMMDD, ICAO 9303-10 §4.7.11) or, on some chips, 4 BCD bytes.
 * Returns the 8 digits, or the text as found when it is neither (never throws).
 */
export function decodeLdsDate(value: Uint8Array): string {
  if (value.length === 4 && value.every((b) => (b >> 4) < 10 && (b & 0x0f) < 10)) {
    return Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return decodeLdsText(value);
}
