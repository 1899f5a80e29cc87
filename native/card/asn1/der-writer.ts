// DER encoders (ITU-T X.690 §10): the OIDs and keys of PACE and CA commands, and what the simulator and
// the test PKI build (CMS SignedData, LDS security objects, X.509 certificates, CRLs, master lists, keys).

import { concat } from '../../util/bytes.ts';
import { encodeTlv } from '../lds/tlv.ts';
import { DER } from './der-reader.ts';

export function derSequence(...parts: Uint8Array[]): Uint8Array {
  return encodeTlv(DER.SEQUENCE, concat(...parts));
}

/** SET OF: X.690 §11.6 requires the encodings in ascending order. */
export function derSetOf(...parts: Uint8Array[]): Uint8Array {
  const sorted = [...parts].sort(compareBytes);
  return encodeTlv(DER.SET, concat(...sorted));
}

/** [n] EXPLICIT or IMPLICIT constructed context tag around already encoded content. */
export function derContext(n: number, ...parts: Uint8Array[]): Uint8Array {
  return encodeTlv(DER.context(n), concat(...parts));
}

/** [n] IMPLICIT primitive context tag (e.g. keyIdentifier in AuthorityKeyIdentifier). */
export function derContextPrimitive(n: number, value: Uint8Array): Uint8Array {
  return encodeTlv(DER.contextPrimitive(n), value);
}

/** INTEGER from a non-negative number, bigint or unsigned big-endian magnitude. */
export function derInteger(value: number | bigint | Uint8Array): Uint8Array {
  let bytes: Uint8Array;
  if (value instanceof Uint8Array) {
    let start = 0;
    while (start < value.length - 1 && value[start] === 0) start++;
    bytes = value.subarray(start);
    if (bytes.length === 0) bytes = Uint8Array.of(0);
  } else {
    let v = BigInt(value);
    if (v < 0n) throw new RangeError('negative integers are not needed here');
    const out: number[] = [];
    do {
      out.unshift(Number(v & 0xffn));
      v >>= 8n;
    } while (v > 0n);
    bytes = Uint8Array.from(out);
  }
  // A leading 1 bit would make the two's complement value negative.
  if ((bytes[0]! & 0x80) !== 0) bytes = concat(Uint8Array.of(0), bytes);
  return encodeTlv(DER.INTEGER, bytes);
}

/**
 * Contents octets of a dotted OID (X.690 §8.19), without tag or length, as PACE and CA commands carry
 * them in tag 80. Throws RangeError on a string that is not a dotted OID.
 */
export function derOidValue(dotted: string): Uint8Array {
  if (!/^[0-2](\.\d+)+$/.test(dotted)) throw new RangeError(`not a dotted OID: ${dotted}`);
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const out: number[] = [];
  const all = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  for (const arc of all) {
    const group: number[] = [];
    let v = arc;
    do {
      group.unshift(Number(v & 0x7fn) | (group.length === 0 ? 0 : 0x80));
      v >>= 7n;
    } while (v > 0n);
    out.push(...group);
  }
  return Uint8Array.from(out);
}

export function derOid(dotted: string): Uint8Array {
  return encodeTlv(DER.OID, derOidValue(dotted));
}

export function derOctetString(value: Uint8Array): Uint8Array {
  return encodeTlv(DER.OCTET_STRING, value);
}

export function derBitString(value: Uint8Array): Uint8Array {
  return encodeTlv(DER.BIT_STRING, concat(Uint8Array.of(0), value));
}

export function derBoolean(value: boolean): Uint8Array {
  return Uint8Array.of(DER.BOOLEAN, 1, value ? 0xff : 0x00);
}

export function derNull(): Uint8Array {
  return Uint8Array.of(DER.NULL, 0);
}

export function derPrintableString(text: string): Uint8Array {
  return encodeTlv(DER.PRINTABLE_STRING, new TextEncoder().encode(text));
}

export function derUtf8String(text: string): Uint8Array {
  return encodeTlv(DER.UTF8_STRING, new TextEncoder().encode(text));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function derTime(date: Date): Uint8Array {
  const year = date.getUTCFullYear();
  const pad = (n: number) => String(n).padStart(2, '0');
  const rest = `${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  if (year >= 1950 && year < 2050) return encodeTlv(DER.UTC_TIME, new TextEncoder().encode(`${pad(year % 100)}${rest}`));
  return encodeTlv(DER.GENERALIZED_TIME, new TextEncoder().encode(`${String(year).padStart(4, '0')}${rest}`));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
