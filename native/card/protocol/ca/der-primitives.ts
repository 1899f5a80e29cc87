// The few DER primitives (ITU-T X.690 §8.3, §8.6, §8.19) that public keys of DG14/DG15 and the AA/CA
// commands need: INTEGER, BIT STRING and OBJECT IDENTIFIER contents, decoded with bounds and encoded
// for the simulator. Tags and lengths come from the bounded reader in lds/tlv.ts.

import { concat } from '../../../util/bytes.ts';
import { MalformedDataError } from '../../errors.ts';
import { encodeTlv, readTlv, type Tlv } from '../../lds/tlv.ts';

export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_NULL = 0x05;
export const TAG_OID = 0x06;
export const TAG_SEQUENCE = 0x30;

/** Reads the TLVs that fill `bytes` exactly (no padding tolerated, unlike `readTlvList`). */
export function readDerChildren(bytes: Uint8Array, step: string): Tlv[] {
  const out: Tlv[] = [];
  let p = 0;
  while (p < bytes.length) {
    const tlv = readTlv(bytes, p, step);
    out.push(tlv);
    p += tlv.encodedLength;
  }
  return out;
}

/** Requires `tlv` to exist and carry `tag`; names `what` in the error. */
export function expectTag(tlv: Tlv | undefined, tag: number, what: string, step: string): Tlv {
  if (tlv === undefined) throw new MalformedDataError(`missing ${what}`, { step });
  if (tlv.tag !== tag) {
    throw new MalformedDataError(`${what}: expected tag ${tag.toString(16).toUpperCase()}, found ${tlv.tag.toString(16).toUpperCase()}`, {
      step,
      offset: tlv.offset,
    });
  }
  return tlv;
}

/**
 * The magnitude of a non-negative INTEGER's contents, without the sign octet (X.690 §8.3). Throws
 * MalformedDataError for an empty or negative value.
 */
export function unsignedIntegerValue(value: Uint8Array, what: string, step: string): Uint8Array {
  if (value.length === 0) throw new MalformedDataError(`${what}: empty INTEGER`, { step });
  if ((value[0]! & 0x80) !== 0) throw new MalformedDataError(`${what}: negative INTEGER`, { step });
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  return value.subarray(start);
}

/** DER INTEGER of a non-negative magnitude given as big-endian bytes (leading zeros are dropped). */
export function encodeUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.length === 0 ? Uint8Array.of(0) : magnitude.subarray(start);
  return encodeTlv(TAG_INTEGER, (trimmed[0]! & 0x80) !== 0 ? concat(Uint8Array.of(0), trimmed) : trimmed);
}

/** The octets of a BIT STRING with no unused bits (public keys are whole octets). */
export function bitStringOctets(value: Uint8Array, what: string, step: string): Uint8Array {
  if (value.length === 0 || value[0] !== 0) throw new MalformedDataError(`${what}: BIT STRING with unused bits`, { step });
  return value.subarray(1);
}

export function encodeBitString(octets: Uint8Array): Uint8Array {
  return encodeTlv(TAG_BIT_STRING, Uint8Array.of(0), octets);
}

/** Dotted form of an OBJECT IDENTIFIER's contents (X.690 §8.19). Arcs above 2^53 are refused. */
export function decodeOid(value: Uint8Array, step: string): string {
  if (value.length === 0 || value.length > 64) throw new MalformedDataError(`OID of ${value.length} bytes`, { step });
  const arcs: number[] = [];
  let arc = 0;
  for (let i = 0; i < value.length; i++) {
    const b = value[i]!;
    if (arc === 0 && b === 0x80) throw new MalformedDataError('OID arc with a leading 0x80 octet', { step });
    arc = arc * 128 + (b & 0x7f);
    if (arc > Number.MAX_SAFE_INTEGER / 128) throw new MalformedDataError('OID arc too large', { step });
    if ((b & 0x80) === 0) {
      arcs.push(arc);
      arc = 0;
    } else if (i === value.length - 1) {
      throw new MalformedDataError('truncated OID arc', { step });
    }
  }
  const first = arcs[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** Contents octets of a dotted OID (no tag or length). Throws RangeError on a malformed string. */
export function encodeOidValue(oid: string): Uint8Array {
  if (!/^[0-2](\.\d+)+$/.test(oid)) throw new RangeError(`not a dotted OID: ${oid}`);
  const arcs = oid.split('.').map(Number);
  const out: number[] = [];
  const push = (n: number) => {
    const groups = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    out.push(...groups);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return Uint8Array.from(out);
}

export function encodeOid(oid: string): Uint8Array {
  return encodeTlv(TAG_OID, encodeOidValue(oid));
}

/** Big-endian magnitude left-padded with zeros to `length` octets; MalformedDataError if it is longer. */
export function leftPad(magnitude: Uint8Array, length: number, what: string, step: string): Uint8Array {
  let start = 0;
  while (start < magnitude.length && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  if (trimmed.length > length) throw new MalformedDataError(`${what} longer than ${length} bytes`, { step });
  const out = new Uint8Array(length);
  out.set(trimmed, length - trimmed.length);
  return out;
}
