// The signature keys of the LDS: RSA and EC SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) as DG15 holds the
// active authentication key (ICAO 9303-10 §4.7.15): RSA for ISO/IEC 9796-2 signatures, EC for ECDSA
// (BSI TR-03111). EC keys may carry explicit domain parameters (RFC 3279 §2.3.5), which OpenSSL imports
// and matches to a named curve when it knows one. Key-agreement keys (DG14) are read by
// protocol/domain-parameters/public-key-info.ts instead.

import { createPublicKey, type KeyObject } from 'node:crypto';
import { DER, expectChildren, readDerExact, unsignedInteger } from '../asn1/der-reader.ts';
import { derOid, derSequence } from '../asn1/der-writer.ts';
import { derSubjectPublicKeyInfo, KEY_OID, readSubjectPublicKeyInfo } from '../asn1/subject-public-key-info.ts';
import { MalformedDataError } from '../errors.ts';
import { bitLength } from '../protocol/domain-parameters/modular.ts';
import { bytesToBigInt } from '../../util/bytes.ts';
import { OID } from './security-infos/security-info-oids.ts';

/** Upper bound on RSA moduli: beyond it a key is hostile, not merely strong. */
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

export type SignaturePublicKey = RsaPublicKeyInfo | EcPublicKeyInfo;

function importKey(spki: Uint8Array, step: string): KeyObject {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch (err) {
    throw new MalformedDataError('public key is not importable', { step, cause: err });
  }
}

/**
 * Parses an RSA or EC SubjectPublicKeyInfo and imports it into a KeyObject. Throws MalformedDataError
 * when the structure, the algorithm (DH included: it cannot sign) or the key material is wrong,
 * including an EC point that is not on its curve.
 */
export function parseSignaturePublicKey(spki: Uint8Array, step = 'lds.public-key'): SignaturePublicKey {
  const { algorithm, parameters, publicKey } = readSubjectPublicKeyInfo(spki, step);
  const frozenSpki = spki.slice();
  switch (algorithm) {
    case KEY_OID.RSA:
      return parseRsa(frozenSpki, publicKey, step);
    case KEY_OID.EC_PUBLIC_KEY:
    case OID.PK_ECDH: {
      if (parameters === undefined) throw new MalformedDataError('EC key without domain parameters', { step });
      // OpenSSL knows id-ecPublicKey only; the TR-03110 alias carries the same parameters and point.
      const importable = algorithm === KEY_OID.EC_PUBLIC_KEY ? frozenSpki : derSubjectPublicKeyInfo(derSequence(derOid(KEY_OID.EC_PUBLIC_KEY), parameters.raw), publicKey);
      return parseEc(frozenSpki, importable, parameters.tag === DER.SEQUENCE, step);
    }
    default:
      throw new MalformedDataError(`unsupported signature key algorithm ${algorithm}`, { step });
  }
}

function parseRsa(spki: Uint8Array, keyBits: Uint8Array, step: string): RsaPublicKeyInfo {
  const [n, e] = expectChildren(readDerExact(keyBits, step), DER.SEQUENCE, step, 'RSAPublicKey', 2);
  const modulus = unsignedInteger(n, step, 'modulus', MAX_MODULUS_BYTES + 1);
  const exponent = unsignedInteger(e, step, 'publicExponent', 9);
  if (modulus.length < 64) throw new MalformedDataError(`RSA modulus of ${modulus.length} bytes`, { step });
  if ((modulus[modulus.length - 1]! & 1) === 0 || exponent.length > 8) throw new MalformedDataError('implausible RSA key', { step });
  return Object.freeze({
    kind: 'RSA',
    spki,
    keyObject: importKey(spki, step),
    bits: bitLength(bytesToBigInt(modulus)),
    modulus: modulus.slice(),
    exponent: exponent.slice(),
  });
}

function parseEc(spki: Uint8Array, importable: Uint8Array, explicitParameters: boolean, step: string): EcPublicKeyInfo {
  const keyObject = importKey(importable, step);
  const curve = keyObject.asymmetricKeyDetails?.namedCurve;
  // A JWK cannot name brainpool curves, so take the point from OpenSSL's own SPKI: it is always
  // uncompressed, which also expands a compressed input point.
  const point = readSubjectPublicKeyInfo(new Uint8Array(keyObject.export({ type: 'spki', format: 'der' })), step).publicKey.slice();
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
