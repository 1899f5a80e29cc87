// The one strict DER walker (ITU-T X.690 §10) of the card stack: CMS, X.509 and LDS structures of
// passive authentication, SecurityInfos, public keys of DG14/DG15 and the OIDs of PACE and CA. It builds
// on the bounded BER-TLV reader, so every length is checked against the bytes present before anything
// is sliced, and every failure is a MalformedDataError naming the parser step.

import { readTlv } from '../lds/tlv.ts';
import { MalformedDataError } from '../errors.ts';

/** Universal and context tags used by the structures we walk. */
export const DER = Object.freeze({
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  PRINTABLE_STRING: 0x13,
  TELETEX_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  /** [n] constructed context-specific tag. */
  context: (n: number): number => 0xa0 | n,
  /** [n] primitive context-specific tag. */
  contextPrimitive: (n: number): number => 0x80 | n,
});

export interface DerNode {
  readonly tag: number;
  /** Content octets (a view into the input). */
  readonly value: Uint8Array;
  /** The complete encoding: tag ‖ length ‖ value (a view into the input). */
  readonly raw: Uint8Array;
}

/** Reads the DER element at `offset`. */
export function readDer(bytes: Uint8Array, step: string, offset = 0): DerNode {
  const tlv = readTlv(bytes, offset, step);
  return { tag: tlv.tag, value: tlv.value, raw: bytes.subarray(offset, offset + tlv.encodedLength) };
}

/** Reads one DER element that must fill `bytes` exactly (no trailing bytes). */
export function readDerExact(bytes: Uint8Array, step: string): DerNode {
  const node = readDer(bytes, step);
  if (node.raw.length !== bytes.length) {
    throw new MalformedDataError(`${bytes.length - node.raw.length} trailing bytes`, { step, offset: node.raw.length });
  }
  return node;
}

/**
 * The children of a constructed element. `max` bounds how many are accepted, so a hostile list of
 * thousands of empty elements cannot make a caller loop or allocate without limit.
 */
export function derChildren(node: DerNode, step: string, max = 64): DerNode[] {
  const out: DerNode[] = [];
  let p = 0;
  while (p < node.value.length) {
    if (out.length >= max) throw new MalformedDataError(`more than ${max} elements`, { step });
    const child = readDer(node.value, step, p);
    out.push(child);
    p += child.raw.length;
  }
  return out;
}

/** Requires the tag of a node, naming what was expected. */
export function expectTag(node: DerNode | undefined, tag: number, step: string, what: string): DerNode {
  if (!node) throw new MalformedDataError(`missing ${what}`, { step });
  if (node.tag !== tag) {
    throw new MalformedDataError(`${what}: expected tag ${hexTag(tag)}, found ${hexTag(node.tag)}`, { step });
  }
  return node;
}

/** Reads a constructed element of `tag` and returns its children. */
export function expectChildren(node: DerNode | undefined, tag: number, step: string, what: string, max = 64): DerNode[] {
  return derChildren(expectTag(node, tag, step, what), step, max);
}

function hexTag(tag: number): string {
  return tag.toString(16).toUpperCase().padStart(2, '0');
}

/** X.690 §8.19: OBJECT IDENTIFIER content octets to dotted form. */
export function decodeOid(node: DerNode | undefined, step: string, what = 'object identifier'): string {
  const v = expectTag(node, DER.OID, step, what).value;
  if (v.length === 0 || v.length > 64) throw new MalformedDataError(`${what}: ${v.length} bytes`, { step });
  const arcs: bigint[] = [];
  let acc = 0n;
  for (let i = 0; i < v.length; i++) {
    const b = v[i]!;
    if (acc === 0n && b === 0x80) throw new MalformedDataError(`${what}: non-minimal arc`, { step });
    acc = (acc << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(acc);
      acc = 0n;
    } else if (i === v.length - 1) {
      throw new MalformedDataError(`${what}: truncated arc`, { step });
    }
  }
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/** INTEGER content octets (two's complement), bounded to `maxBytes`. Returns the raw magnitude bytes. */
export function integerBytes(node: DerNode | undefined, step: string, what = 'integer', maxBytes = 64): Uint8Array {
  const v = expectTag(node, DER.INTEGER, step, what).value;
  if (v.length === 0 || v.length > maxBytes) throw new MalformedDataError(`${what}: ${v.length} bytes`, { step });
  return v;
}

/**
 * The magnitude of a non-negative INTEGER (X.690 §8.3), without the sign octet or leading zeros, bounded
 * to `maxBytes` content octets. Throws MalformedDataError for an empty, negative or longer value.
 */
export function unsignedInteger(node: DerNode | undefined, step: string, what = 'integer', maxBytes = 64): Uint8Array {
  const v = integerBytes(node, step, what, maxBytes);
  if ((v[0]! & 0x80) !== 0) throw new MalformedDataError(`${what}: negative`, { step });
  let start = 0;
  while (start < v.length - 1 && v[start] === 0) start++;
  return v.subarray(start);
}

/** A non-negative INTEGER below 2^32 (version numbers, data group numbers, salt lengths). */
export function decodeSmallInteger(node: DerNode | undefined, step: string, what = 'integer'): number {
  const v = integerBytes(node, step, what, 5);
  if ((v[0]! & 0x80) !== 0) throw new MalformedDataError(`${what}: negative`, { step });
  if (v.length === 5 && v[0] !== 0) throw new MalformedDataError(`${what}: too large`, { step });
  let n = 0;
  for (const b of v) n = n * 256 + b;
  return n;
}

/** BIT STRING content without the unused-bits octet; only whole-octet strings are accepted. */
export function decodeBitString(node: DerNode | undefined, step: string, what = 'bit string'): Uint8Array {
  const v = expectTag(node, DER.BIT_STRING, step, what).value;
  if (v.length === 0 || v[0] !== 0) throw new MalformedDataError(`${what}: unused bits`, { step });
  return v.subarray(1);
}

const TIME_PATTERN = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

/** RFC 5280 §4.1.2.5: UTCTime (YY < 50 means 20YY) or GeneralizedTime, both in UTC with seconds. */
export function decodeTime(node: DerNode | undefined, step: string, what = 'time'): Date {
  if (!node || (node.tag !== DER.UTC_TIME && node.tag !== DER.GENERALIZED_TIME)) {
    throw new MalformedDataError(`${what}: expected UTCTime or GeneralizedTime`, { step });
  }
  const text = latin1(node.value);
  const m = TIME_PATTERN.exec(text);
  const wantYearDigits = node.tag === DER.UTC_TIME ? 2 : 4;
  if (!m || m[1]!.length !== wantYearDigits) throw new MalformedDataError(`${what}: not a UTC time`, { step });
  let year = Number(m[1]);
  if (wantYearDigits === 2) year += year < 50 ? 2000 : 1900;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new MalformedDataError(`${what}: invalid date`, { step });
  }
  return date;
}

/** Directory-string types of X.520 decoded to text. */
export function decodeString(node: DerNode, step: string, what = 'string'): string {
  switch (node.tag) {
    case DER.UTF8_STRING:
      return new TextDecoder('utf-8', { fatal: false }).decode(node.value);
    case DER.PRINTABLE_STRING:
    case DER.IA5_STRING:
    case DER.TELETEX_STRING:
      return latin1(node.value);
    case DER.BMP_STRING:
      return decodeUtf16(node.value, 2);
    case DER.UNIVERSAL_STRING:
      return decodeUtf16(node.value, 4);
    default:
      throw new MalformedDataError(`${what}: tag ${hexTag(node.tag)} is not a string`, { step });
  }
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function decodeUtf16(bytes: Uint8Array, width: 2 | 4): string {
  let s = '';
  for (let i = 0; i + width <= bytes.length; i += width) {
    let cp = 0;
    for (let j = 0; j < width; j++) cp = cp * 256 + bytes[i + j]!;
    s += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
  }
  return s;
}
