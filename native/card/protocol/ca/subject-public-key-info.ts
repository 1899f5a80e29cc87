// X.509 SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) as the LDS carries it: RSA and EC keys for active
// authentication (DG15, ICAO 9303-10 §4.7.15) and DH/ECDH keys for chip authentication (DG14
// ChipAuthenticationPublicKeyInfo, BSI TR-03110-3 §A.1.1). EC keys may carry explicit domain
// parameters (RFC 3279 §2.3.5), which OpenSSL imports and matches to a named curve when it knows one.

import { createPublicKey, type KeyObject } from 'node:crypto';
import { concat } from '../../../util/bytes.ts';
import { MalformedDataError } from '../../errors.ts';
import { encodeTlv } from '../../lds/tlv.ts';
import {
  bitStringOctets,
  decodeOid,
  encodeBitString,
  encodeOid,
  encodeUnsignedInteger,
  expectTag,
  readDerChildren,
  TAG_BIT_STRING,
  TAG_INTEGER,
  TAG_OID,
  TAG_SEQUENCE,
  unsignedIntegerValue,
} from './der-primitives.ts';

export const KEY_OID = Object.freeze({
  /** PKCS #1 rsaEncryption. */
  RSA: '1.2.840.113549.1.1.1',
  /** RFC 5480 id-ecPublicKey. */
  EC_PUBLIC_KEY: '1.2.840.10045.2.1',
  /** BSI TR-03110-3 §A.1.1.2 id-PK-ECDH and id-PK-DH (DG14 chip authentication keys). */
  PK_ECDH: '0.4.0.127.0.7.2.2.1.2',
  PK_DH: '0.4.0.127.0.7.2.2.1.1',
  /** ANSI X9.42 dhpublicnumber (domain parameters p, g, q). */
  DH_PUBLIC_NUMBER: '1.2.840.10046.2.1',
  /** PKCS #3 dhKeyAgreement (domain parameters p, g), what OpenSSL writes for 'dh' keys. */
  DH_KEY_AGREEMENT: '1.2.840.113549.1.3.1',
});

/** Upper bound on RSA moduli and DH primes: beyond it a key is hostile, not merely strong. */
const MAX_MODULUS_BYTES = 1024;

/** Field sizes of the curves ICAO 9303-11 §9.5.1 standardises, by OpenSSL name (P-521 is not 66×8). */
const CURVE_BITS: Readonly<Record<string, number>> = Object.freeze({
  prime192v1: 192,
  secp224r1: 224,
  prime256v1: 256,
  secp384r1: 384,
  secp521r1: 521,
  brainpoolP192r1: 192,
  brainpoolP224r1: 224,
  brainpoolP256r1: 256,
  brainpoolP320r1: 320,
  brainpoolP384r1: 384,
  brainpoolP512r1: 512,
});

export interface RsaPublicKeyInfo {
  readonly kind: 'RSA';
  readonly spki: Uint8Array;
  readonly keyObject: KeyObject;
  /** Modulus length in bits. */
  readonly bits: number;
  readonly modulus: Uint8Array;
  readonly exponent: Uint8Array;
}

export interface EcPublicKeyInfo {
  readonly kind: 'EC';
  readonly spki: Uint8Array;
  /** Imported from the SubjectPublicKeyInfo (explicit parameters included). */
  readonly keyObject: KeyObject;
  /** OpenSSL curve name (`prime256v1`, `brainpoolP256r1`), or undefined for a curve it cannot name. */
  readonly curve: string | undefined;
  /** Field size in bits. */
  readonly bits: number;
  /** Uncompressed point 04 ‖ X ‖ Y (compressed input is expanded). */
  readonly point: Uint8Array;
  /** True when the key carried explicit domain parameters rather than a curve OID. */
  readonly explicitParameters: boolean;
}

export interface DhPublicKeyInfo {
  readonly kind: 'DH';
  readonly spki: Uint8Array;
  /** Prime length in bits. */
  readonly bits: number;
  readonly p: Uint8Array;
  readonly g: Uint8Array;
  /** Subgroup order (X9.42 parameters), when the key names one. */
  readonly q: Uint8Array | undefined;
  /** Public value y, left-padded to the length of p. */
  readonly y: Uint8Array;
}

export type PublicKeyInfo = RsaPublicKeyInfo | EcPublicKeyInfo | DhPublicKeyInfo;

function bitLength(magnitude: Uint8Array): number {
  const top = magnitude[0] ?? 0;
  return top === 0 ? 0 : (magnitude.length - 1) * 8 + (32 - Math.clz32(top));
}

function importKey(spki: Uint8Array, step: string): KeyObject {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch (err) {
    throw new MalformedDataError('public key is not importable', { step, cause: err });
  }
}

/**
 * Parses a SubjectPublicKeyInfo. RSA and EC keys are imported into a KeyObject; DH keys are decoded to
 * their domain parameters and public value. Throws MalformedDataError when the structure, the
 * algorithm or the key material is wrong (including an EC point that is not on its curve).
 */
export function parseSubjectPublicKeyInfo(spki: Uint8Array, step = 'lds.public-key'): PublicKeyInfo {
  const outer = expectTag(readDerChildren(spki, step)[0], TAG_SEQUENCE, 'SubjectPublicKeyInfo', step);
  if (outer.encodedLength !== spki.length) throw new MalformedDataError('bytes after SubjectPublicKeyInfo', { step });
  const [algorithm, subjectPublicKey, extra] = readDerChildren(outer.value, step);
  if (extra !== undefined) throw new MalformedDataError('SubjectPublicKeyInfo has more than two fields', { step });
  const algorithmFields = readDerChildren(expectTag(algorithm, TAG_SEQUENCE, 'AlgorithmIdentifier', step).value, step);
  const oid = decodeOid(expectTag(algorithmFields[0], TAG_OID, 'algorithm OID', step).value, step);
  const parameters = algorithmFields[1];
  const keyBits = bitStringOctets(expectTag(subjectPublicKey, TAG_BIT_STRING, 'subjectPublicKey', step).value, 'subjectPublicKey', step);
  const frozenSpki = spki.slice();

  switch (oid) {
    case KEY_OID.RSA:
      return parseRsa(frozenSpki, keyBits, step);
    case KEY_OID.EC_PUBLIC_KEY:
    case KEY_OID.PK_ECDH: {
      if (parameters === undefined) throw new MalformedDataError('EC key without domain parameters', { step });
      // OpenSSL knows id-ecPublicKey only; the TR-03110 alias carries the same parameters and point.
      const importable = oid === KEY_OID.EC_PUBLIC_KEY ? frozenSpki : encodeEcPublicKeyInfo(parameters.value, keyBits, parameters.tag);
      return parseEc(frozenSpki, importable, parameters.tag === TAG_SEQUENCE, step);
    }
    case KEY_OID.DH_PUBLIC_NUMBER:
    case KEY_OID.DH_KEY_AGREEMENT:
    case KEY_OID.PK_DH:
      if (parameters === undefined) throw new MalformedDataError('DH key without domain parameters', { step });
      return parseDh(frozenSpki, expectTag(parameters, TAG_SEQUENCE, 'DH parameters', step).value, keyBits, oid !== KEY_OID.DH_KEY_AGREEMENT, step);
    default:
      throw new MalformedDataError(`unsupported public key algorithm ${oid}`, { step });
  }
}

function parseRsa(spki: Uint8Array, keyBits: Uint8Array, step: string): RsaPublicKeyInfo {
  const rsaKey = expectTag(readDerChildren(keyBits, step)[0], TAG_SEQUENCE, 'RSAPublicKey', step);
  const [n, e] = readDerChildren(rsaKey.value, step);
  const modulus = unsignedIntegerValue(expectTag(n, TAG_INTEGER, 'modulus', step).value, 'modulus', step);
  const exponent = unsignedIntegerValue(expectTag(e, TAG_INTEGER, 'publicExponent', step).value, 'publicExponent', step);
  if (modulus.length > MAX_MODULUS_BYTES || modulus.length < 64) throw new MalformedDataError(`RSA modulus of ${modulus.length} bytes`, { step });
  if ((modulus[modulus.length - 1]! & 1) === 0 || exponent.length > 8) throw new MalformedDataError('implausible RSA key', { step });
  return Object.freeze({
    kind: 'RSA',
    spki,
    keyObject: importKey(spki, step),
    bits: bitLength(modulus),
    modulus: modulus.slice(),
    exponent: exponent.slice(),
  });
}

function parseEc(spki: Uint8Array, importable: Uint8Array, explicitParameters: boolean, step: string): EcPublicKeyInfo {
  const keyObject = importKey(importable, step);
  const curve = keyObject.asymmetricKeyDetails?.namedCurve;
  // A JWK cannot name brainpool curves, so take the point from OpenSSL's own SPKI: it is always
  // uncompressed, which also expands a compressed input point.
  const normalised = new Uint8Array(keyObject.export({ type: 'spki', format: 'der' }));
  const [, bitString] = readDerChildren(readDerChildren(normalised, step)[0]!.value, step);
  const point = bitStringOctets(bitString!.value, 'subjectPublicKey', step).slice();
  return Object.freeze({
    kind: 'EC',
    spki,
    keyObject,
    curve,
    bits: (curve !== undefined ? CURVE_BITS[curve] : undefined) ?? ((point.length - 1) / 2) * 8,
    point,
    explicitParameters,
  });
}

function parseDh(spki: Uint8Array, parameters: Uint8Array, keyBits: Uint8Array, x942: boolean, step: string): DhPublicKeyInfo {
  const fields = readDerChildren(parameters, step);
  const p = unsignedIntegerValue(expectTag(fields[0], TAG_INTEGER, 'DH prime', step).value, 'DH prime', step);
  const g = unsignedIntegerValue(expectTag(fields[1], TAG_INTEGER, 'DH generator', step).value, 'DH generator', step);
  if (p.length > MAX_MODULUS_BYTES || p.length < 64) throw new MalformedDataError(`DH prime of ${p.length} bytes`, { step });
  // X9.42 puts q third; PKCS #3 may put a (small) privateValueLength there instead.
  const third = fields[2];
  const q = x942 && third !== undefined ? unsignedIntegerValue(expectTag(third, TAG_INTEGER, 'DH subgroup order', step).value, 'q', step) : undefined;
  const yValue = unsignedIntegerValue(expectTag(readDerChildren(keyBits, step)[0], TAG_INTEGER, 'DH public value', step).value, 'y', step);
  if (yValue.length > p.length) throw new MalformedDataError('DH public value longer than the prime', { step });
  const y = new Uint8Array(p.length);
  y.set(yValue, p.length - yValue.length);
  return Object.freeze({ kind: 'DH', spki, bits: bitLength(p), p: p.slice(), g: g.slice(), q: q?.slice(), y });
}

/**
 * SubjectPublicKeyInfo for an EC point: `parameters` is the encoded value of a curve OID (tag 06) or of
 * explicit ECParameters (tag 30). Used to rebuild importable keys and by the simulator.
 */
export function encodeEcPublicKeyInfo(parametersValue: Uint8Array, point: Uint8Array, parametersTag = TAG_OID): Uint8Array {
  const algorithm = encodeTlv(TAG_SEQUENCE, encodeOid(KEY_OID.EC_PUBLIC_KEY), encodeTlv(parametersTag, parametersValue));
  return encodeTlv(TAG_SEQUENCE, algorithm, encodeBitString(point));
}

/**
 * SubjectPublicKeyInfo for a DH public value with X9.42 domain parameters (dhpublicnumber, as eMRTDs
 * publish CA keys) when `q` is given, else PKCS #3 (dhKeyAgreement). For the simulator and tests.
 */
export function encodeDhPublicKeyInfo(domain: { readonly p: Uint8Array; readonly g: Uint8Array; readonly q?: Uint8Array | undefined }, y: Uint8Array): Uint8Array {
  const fields = [encodeUnsignedInteger(domain.p), encodeUnsignedInteger(domain.g)];
  if (domain.q !== undefined) fields.push(encodeUnsignedInteger(domain.q));
  const oid = domain.q !== undefined ? KEY_OID.DH_PUBLIC_NUMBER : KEY_OID.DH_KEY_AGREEMENT;
  const algorithm = encodeTlv(TAG_SEQUENCE, encodeOid(oid), encodeTlv(TAG_SEQUENCE, concat(...fields)));
  return encodeTlv(TAG_SEQUENCE, algorithm, encodeBitString(encodeUnsignedInteger(y)));
}
