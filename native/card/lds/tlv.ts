// BER-TLV as used by ICAO 9303-10 §4 and ISO 7816-4 §5.2: multi-byte tags, definite lengths up to
// four length bytes. Every length is checked against the bytes actually present before anything is
// allocated, so hostile input cannot make the parser allocate more than it was given.

import { concat } from '../../util/bytes.ts';
import { MalformedDataError } from '../errors.ts';

export interface Tlv {
  /** Tag as an integer (e.g. 0x5F1F, 0x7F61). */
  readonly tag: number;
  /** Value bytes (a view into the input). */
  readonly value: Uint8Array;
  /** Offset of the tag in the buffer it was read from. */
  readonly offset: number;
  /** Total encoded length (tag + length + value). */
  readonly encodedLength: number;
}

const STEP = 'tlv';

/** True when the tag's first byte marks a constructed encoding (bit 6). */
export function isConstructed(tag: number): boolean {
  let first = tag;
  while (first > 0xff) first >>>= 8;
  return (first & 0x20) !== 0;
}

/** Reads one TLV at `offset`. Throws MalformedDataError when it does not fit in `bytes`. */
export function readTlv(bytes: Uint8Array, offset = 0, step = STEP): Tlv {
  let p = offset;
  const need = (n: number, what: string) => {
    if (p + n > bytes.length) throw new MalformedDataError(`truncated ${what}`, { step, offset: p });
  };
  need(1, 'tag');
  let tag = bytes[p++]!;
  if ((tag & 0x1f) === 0x1f) {
    // Subsequent tag bytes: bit 8 set means another follows. ICAO tags have at most 3 bytes.
    let count = 0;
    do {
      need(1, 'tag');
      if (++count > 3) throw new MalformedDataError('tag longer than 4 bytes', { step, offset });
      tag = (tag << 8) | bytes[p]!;
    } while ((bytes[p++]! & 0x80) !== 0);
  }
  need(1, 'length');
  let length = bytes[p++]!;
  if (length === 0x80) throw new MalformedDataError('indefinite length is not allowed', { step, offset: p - 1 });
  if (length > 0x80) {
    const n = length & 0x7f;
    if (n > 4) throw new MalformedDataError(`length of ${n} bytes`, { step, offset: p - 1 });
    need(n, 'length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[p++]!;
  }
  if (length > bytes.length - p) {
    throw new MalformedDataError(`value of ${length} bytes overruns the ${bytes.length - p} available`, { step, offset });
  }
  return Object.freeze({ tag: tag >>> 0, value: bytes.subarray(p, p + length), offset, encodedLength: p + length - offset });
}

/** Reads consecutive TLVs filling `bytes` exactly. Padding bytes 0x00/0xFF between objects are skipped. */
export function readTlvList(bytes: Uint8Array, step = STEP): Tlv[] {
  const out: Tlv[] = [];
  let p = 0;
  while (p < bytes.length) {
    if (bytes[p] === 0x00 || bytes[p] === 0xff) {
      p++;
      continue;
    }
    const tlv = readTlv(bytes, p, step);
    out.push(tlv);
    p += tlv.encodedLength;
  }
  return out;
}

/** Reads a TLV and requires its tag. */
export function expectTlv(bytes: Uint8Array, tag: number, step = STEP, offset = 0): Tlv {
  const tlv = readTlv(bytes, offset, step);
  if (tlv.tag !== tag) {
    throw new MalformedDataError(`expected tag ${tag.toString(16).toUpperCase()}, found ${tlv.tag.toString(16).toUpperCase()}`, { step, offset });
  }
  return tlv;
}

/** The first child with `tag`, or undefined. */
export function findTlv(children: readonly Tlv[], tag: number): Tlv | undefined {
  return children.find((c) => c.tag === tag);
}

/** The first child with `tag`, or a MalformedDataError naming what is missing. */
export function requireTlv(children: readonly Tlv[], tag: number, step = STEP): Tlv {
  const tlv = findTlv(children, tag);
  if (!tlv) throw new MalformedDataError(`missing tag ${tag.toString(16).toUpperCase()}`, { step });
  return tlv;
}

export function encodeTag(tag: number): Uint8Array {
  if (tag < 0 || !Number.isInteger(tag)) throw new RangeError(`invalid tag ${tag}`);
  const out: number[] = [];
  let t = tag;
  do {
    out.unshift(t & 0xff);
    t >>>= 8;
  } while (t > 0);
  return Uint8Array.from(out);
}

export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  if (length <= 0xff) return Uint8Array.of(0x81, length);
  if (length <= 0xffff) return Uint8Array.of(0x82, length >> 8, length & 0xff);
  if (length <= 0xffffff) return Uint8Array.of(0x83, length >> 16, (length >> 8) & 0xff, length & 0xff);
  throw new RangeError(`length ${length} too large`);
}

/** Encodes tag ‖ length ‖ value; several values are concatenated (convenient for constructed tags). */
export function encodeTlv(tag: number, ...values: Uint8Array[]): Uint8Array {
  const value = values.length === 1 ? values[0]! : concat(...values);
  return concat(encodeTag(tag), encodeLength(value.length), value);
}
