// X.509 SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), the envelope of every public key the LDS carries:
//   SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
// The two readers of keys build on this split: lds/signature-public-key.ts (RSA and EC keys of DG15 for
// active authentication) and protocol/domain-parameters/public-key-info.ts (DH and ECDH keys of DG14 for
// chip authentication and PACE-CAM, with their domain parameters).

import { DER, type DerNode, decodeBitString, decodeOid, expectChildren, readDerExact } from './der-reader.ts';
import { derBitString, derSequence } from './der-writer.ts';

/** Algorithm OIDs of SubjectPublicKeyInfo that are not BSI's (those are in security-info-oids.ts). */
export const KEY_OID = Object.freeze({
  /** PKCS #1 rsaEncryption. */
  RSA: '1.2.840.113549.1.1.1',
  /** RFC 5480 id-ecPublicKey. */
  EC_PUBLIC_KEY: '1.2.840.10045.2.1',
  /** ANSI X9.42 dhpublicnumber (domain parameters p, g, q). */
  DH_PUBLIC_NUMBER: '1.2.840.10046.2.1',
  /** PKCS #3 dhKeyAgreement (domain parameters p, g), what OpenSSL writes for 'dh' keys. */
  DH_KEY_AGREEMENT: '1.2.840.113549.1.3.1',
});

export interface SubjectPublicKeyInfoParts {
  /** AlgorithmIdentifier.algorithm, dotted. */
  readonly algorithm: string;
  /** AlgorithmIdentifier.parameters, when present (a view into the input). */
  readonly parameters: DerNode | undefined;
  /** The octets of the subjectPublicKey BIT STRING (a view into the input). */
  readonly publicKey: Uint8Array;
}

/**
 * Splits a SubjectPublicKeyInfo that must fill `der` exactly. Throws MalformedDataError (with `step`)
 * for trailing bytes, a missing or extra field, a wrong tag, or a BIT STRING with unused bits.
 */
export function readSubjectPublicKeyInfo(der: Uint8Array, step: string): SubjectPublicKeyInfoParts {
  const [algorithm, key] = expectChildren(readDerExact(der, step), DER.SEQUENCE, step, 'SubjectPublicKeyInfo', 2);
  const [oid, parameters] = expectChildren(algorithm, DER.SEQUENCE, step, 'AlgorithmIdentifier', 2);
  return Object.freeze({
    algorithm: decodeOid(oid, step, 'AlgorithmIdentifier.algorithm'),
    parameters,
    publicKey: decodeBitString(key, step, 'subjectPublicKey'),
  });
}

/** SubjectPublicKeyInfo DER from an encoded AlgorithmIdentifier and the key octets. */
export function derSubjectPublicKeyInfo(algorithmIdentifier: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return derSequence(algorithmIdentifier, derBitString(publicKey));
}
