// Domain parameters and public keys as the LDS carries them: AlgorithmIdentifier (in
// PACEDomainParameterInfo, ChipAuthenticationDomainParameterInfo) and SubjectPublicKeyInfo (in
// ChipAuthenticationPublicKeyInfo, read for chip authentication and PACE-CAM). Forms: standardized ids
// (BSI TR-03110-3 A.2.1.1), named curves (RFC 5480), explicit ECParameters (BSI TR-03111 §5.1.1,
// RFC 3279 §2.3.5) and X9.42 DH (RFC 3279 §2.3.3); a static key may also be labelled id-PK-ECDH/id-PK-DH,
// carry a compressed point, or come as PKCS #3 DH (what OpenSSL writes).

import { bytesToBigInt, concat } from '../../../util/bytes.ts';
import { DER, decodeOid, decodeSmallInteger, expectChildren, expectTag, readDerExact, unsignedInteger, type DerNode } from '../../asn1/der-reader.ts';
import { derInteger, derOid, derSequence } from '../../asn1/der-writer.ts';
import { derSubjectPublicKeyInfo, KEY_OID, readSubjectPublicKeyInfo } from '../../asn1/subject-public-key-info.ts';
import { CardError, MalformedDataError } from '../../errors.ts';
import { OID } from '../../lds/security-infos/security-info-oids.ts';
import { DhGroup } from './dh-group.ts';
import { EcGroup } from './ec-group.ts';
import type { KeyAgreementGroup } from './key-agreement-group.ts';
import { bitLength, byteLength } from './modular.ts';
import { STANDARD_DOMAIN_PARAMETER_IDS, standardDomainParameters, standardGroupByCurveOid } from './standard-domain-parameters.ts';

const STEP = 'domainParameters.publicKeyInfo';
/** X9.62 prime-field. */
const PRIME_FIELD = '1.2.840.10045.1.1';
/** 8192-bit DH primes and 521-bit curves are the largest anyone deploys; beyond is hostile input. */
const MAX_DH_BYTES = 1024;
const MAX_EC_BYTES = 67;
/** A DH prime below 512 bits protects nothing. */
const MIN_DH_BYTES = 64;

export interface DecodedPublicKey {
  readonly group: KeyAgreementGroup;
  /** A validated element of `group`. */
  readonly publicKey: unknown;
}

/**
 * The group an AlgorithmIdentifier DER names. Throws MalformedDataError when it does not parse or the
 * parameters are inconsistent, CardError UNSUPPORTED for algorithms or curves we do not know.
 */
export function groupFromAlgorithmIdentifier(der: Uint8Array): KeyAgreementGroup {
  const [algorithm, parameters] = expectChildren(readDerExact(der, STEP), DER.SEQUENCE, STEP, 'AlgorithmIdentifier', 2);
  return groupOf(decodeOid(algorithm, STEP, 'AlgorithmIdentifier.algorithm'), parameters, false);
}

/**
 * `staticKey`: the AlgorithmIdentifier of a SubjectPublicKeyInfo, which may also use the TR-03110 key
 * OIDs and PKCS #3 DH parameters; PACE domain parameters may not (a PKCS #3 group has no order q).
 */
function groupOf(oid: string, parameters: DerNode | undefined, staticKey: boolean): KeyAgreementGroup {
  if (oid === OID.STANDARDIZED_DOMAIN_PARAMETERS) return standardDomainParameters(decodeSmallInteger(parameters, STEP, 'standardized domain parameter id'));
  if (oid === OID.EC_PUBLIC_KEY || (staticKey && oid === OID.PK_ECDH)) {
    if (parameters?.tag === DER.OID) {
      const curveOid = decodeOid(parameters, STEP, 'namedCurve');
      const group = standardGroupByCurveOid(curveOid);
      if (!group) throw new CardError('UNSUPPORTED', `curve ${curveOid} is not supported`, { step: STEP });
      return group;
    }
    return explicitEcGroup(parameters);
  }
  if (oid === OID.DH_PUBLIC_NUMBER || (staticKey && oid === OID.PK_DH)) return dhGroup(parameters, staticKey ? 'optional' : 'required');
  if (staticKey && oid === KEY_OID.DH_KEY_AGREEMENT) return dhGroup(parameters, 'none');
  throw new CardError('UNSUPPORTED', `domain parameters of algorithm ${oid} are not supported`, { step: STEP });
}

/**
 * X9.42 DomainParameters { p, g, q, ... } (`q` required, or optional for a static key), or PKCS #3
 * DHParameter { p, g, privateValueLength OPTIONAL } (`none`). Without q the group is all of Z*p, of
 * order p − 1, whose only membership check is 1 < y < p − 1.
 */
function dhGroup(parameters: DerNode | undefined, q: 'required' | 'optional' | 'none'): KeyAgreementGroup {
  const [p, g, third] = expectChildren(parameters, DER.SEQUENCE, STEP, 'DomainParameters', 5);
  const value = (n: DerNode | undefined, what: string) => bytesToBigInt(unsignedInteger(n, STEP, what, MAX_DH_BYTES + 1));
  const prime = value(p, 'DH p');
  if (byteLength(prime) < MIN_DH_BYTES) throw new MalformedDataError(`DH prime of ${byteLength(prime)} bytes`, { step: STEP });
  const generator = value(g, 'DH g');
  if (q === 'none' || (q === 'optional' && third === undefined)) {
    return DhGroup.create(`PKCS #3 ${bitLength(prime)}-bit MODP`, { p: prime, g: generator, q: prime - 1n });
  }
  const dh = { p: prime, g: generator, q: value(third, 'DH q') };
  return sameAsStandard(dh.p, (group) => group instanceof DhGroup && group.parameters.g === dh.g && group.parameters.q === dh.q) ??
    DhGroup.create(`explicit ${bitLength(dh.p)}-bit MODP`, dh);
}

function explicitEcGroup(node: DerNode | undefined): KeyAgreementGroup {
  const [version, fieldId, curve, base, order, cofactor] = expectChildren(node, DER.SEQUENCE, STEP, 'ECParameters', 6);
  if (decodeSmallInteger(version, STEP, 'ECParameters.version') !== 1) throw new MalformedDataError('ECParameters version is not 1', { step: STEP });
  const [fieldType, prime] = expectChildren(fieldId, DER.SEQUENCE, STEP, 'FieldID', 2);
  if (decodeOid(fieldType, STEP, 'FieldID.fieldType') !== PRIME_FIELD) throw new CardError('UNSUPPORTED', 'only prime-field curves are supported', { step: STEP });
  const int = (n: DerNode | undefined, what: string) => bytesToBigInt(unsignedInteger(n, STEP, what, MAX_EC_BYTES));
  const p = int(prime, 'FieldID.prime');
  const [a, b] = expectChildren(curve, DER.SEQUENCE, STEP, 'Curve', 3);
  const octets = (n: DerNode | undefined, what: string) => {
    const v = expectTag(n, DER.OCTET_STRING, STEP, what).value;
    if (v.length > MAX_EC_BYTES) throw new MalformedDataError(`${what} of ${v.length} bytes`, { step: STEP });
    return v;
  };
  const g = octets(base, 'ECParameters.base');
  const fieldLength = byteLength(p);
  if (g.length !== 1 + 2 * fieldLength || g[0] !== 0x04) throw new MalformedDataError('ECParameters.base is not an uncompressed point', { step: STEP });
  const parameters = {
    p,
    a: bytesToBigInt(octets(a, 'Curve.a')),
    b: bytesToBigInt(octets(b, 'Curve.b')),
    gx: bytesToBigInt(g.subarray(1, 1 + fieldLength)),
    gy: bytesToBigInt(g.subarray(1 + fieldLength)),
    n: int(order, 'ECParameters.order'),
    h: cofactor ? int(cofactor, 'ECParameters.cofactor') : 1n,
  };
  if (p < 5n || parameters.a >= p || parameters.b >= p || parameters.n < 2n || parameters.h < 1n) {
    throw new MalformedDataError('inconsistent ECParameters', { step: STEP });
  }
  const same = (group: KeyAgreementGroup) => {
    if (!(group instanceof EcGroup)) return false;
    const s = group.parameters;
    return s.a === parameters.a && s.b === parameters.b && s.gx === parameters.gx && s.gy === parameters.gy && s.n === parameters.n && s.h === parameters.h;
  };
  return sameAsStandard(p, same) ?? EcGroup.create(`explicit ${bitLength(p)}-bit curve`, parameters);
}

/** Explicit parameters equal to a standard set get the standard group (its name and id). */
function sameAsStandard(prime: bigint, matches: (group: KeyAgreementGroup) => boolean): KeyAgreementGroup | undefined {
  for (const id of STANDARD_DOMAIN_PARAMETER_IDS) {
    const group = standardDomainParameters(id);
    if (group.prime === prime && matches(group)) return group;
  }
  return undefined;
}

/**
 * A SubjectPublicKeyInfo's group and validated public key (EC point in a BIT STRING, uncompressed or
 * compressed, or a DH INTEGER in a BIT STRING). Throws as `groupFromAlgorithmIdentifier`, and
 * MalformedDataError for an invalid key.
 */
export function decodeSubjectPublicKeyInfo(der: Uint8Array): DecodedPublicKey {
  const { algorithm, parameters, publicKey } = readSubjectPublicKeyInfo(der, STEP);
  const group = groupOf(algorithm, parameters, true);
  if (group instanceof EcGroup) return Object.freeze({ group, publicKey: group.decodeEncodedPoint(publicKey) });
  const value = unsignedInteger(readDerExact(publicKey, STEP), STEP, 'DH public key', MAX_DH_BYTES + 1);
  return Object.freeze({ group, publicKey: group.decodePublicKey(value) });
}

export type AlgorithmIdentifierForm = 'standardized' | 'named';

/**
 * AlgorithmIdentifier DER for a standard group: `standardized` gives { 0.4.0.127.0.7.1.2, INTEGER id }
 * (the form of ICAO 9303-11 Appendix I), `named` gives { id-ecPublicKey, curve OID } or
 * { dhpublicnumber, { p, g, q } }. Throws RangeError for a group without a standard id.
 */
export function encodeAlgorithmIdentifier(group: KeyAgreementGroup, form: AlgorithmIdentifierForm = 'named'): Uint8Array {
  if (form === 'standardized') {
    if (group.standardId === undefined) throw new RangeError(`${group.name} has no standard id`);
    return derSequence(derOid(OID.STANDARDIZED_DOMAIN_PARAMETERS), derInteger(group.standardId));
  }
  if (group instanceof EcGroup) {
    if (!group.curveOid) throw new RangeError(`${group.name} has no curve OID`);
    return derSequence(derOid(OID.EC_PUBLIC_KEY), derOid(group.curveOid));
  }
  if (group instanceof DhGroup) {
    const { p, g, q } = group.parameters;
    return derSequence(derOid(OID.DH_PUBLIC_NUMBER), derSequence(derInteger(p), derInteger(g), derInteger(q)));
  }
  throw new RangeError(`cannot encode ${group.name}`);
}

/** SubjectPublicKeyInfo DER around an encoded public key (`group.encodePublicKey`), for the simulator's DG14. */
export function encodeSubjectPublicKeyInfo(group: KeyAgreementGroup, encodedPublicKey: Uint8Array, form: AlgorithmIdentifierForm = 'named'): Uint8Array {
  const key = group.kind === 'ECDH' ? encodedPublicKey : derInteger(encodedPublicKey);
  return derSubjectPublicKeyInfo(encodeAlgorithmIdentifier(group, form), concat(key));
}
