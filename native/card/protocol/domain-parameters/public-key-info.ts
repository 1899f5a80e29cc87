// Domain parameters and public keys as the LDS carries them: AlgorithmIdentifier (in
// PACEDomainParameterInfo, ChipAuthenticationDomainParameterInfo) and SubjectPublicKeyInfo (in
// ChipAuthenticationPublicKeyInfo). Forms: standardized ids (BSI TR-03110-3 A.2.1.1), named curves
// (RFC 5480), explicit ECParameters (BSI TR-03111 §5.1.1, RFC 3279 §2.3.5) and X9.42 DH (RFC 3279 §2.3.3).

import { bytesToBigInt, concat } from '../../../util/bytes.ts';
import { CardError, MalformedDataError } from '../../errors.ts';
import {
  DER,
  decodeBitString,
  decodeOid,
  decodeSmallInteger,
  expectChildren,
  expectTag,
  integerBytes,
  readDerExact,
  type DerNode,
} from '../../lds/sod/der-reader.ts';
import { derBitString, derInteger, derOid, derSequence } from '../../lds/sod/der-writer.ts';
import { OID } from '../../lds/security-infos/security-info-oids.ts';
import { DhGroup } from './dh-group.ts';
import { EcGroup } from './ec-group.ts';
import type { KeyAgreementGroup } from './key-agreement-group.ts';
import { STANDARD_DOMAIN_PARAMETER_IDS, standardDomainParameters, standardGroupByCurveOid } from './standard-domain-parameters.ts';

const STEP = 'domainParameters.publicKeyInfo';
/** X9.62 prime-field. */
const PRIME_FIELD = '1.2.840.10045.1.1';
/** 8192-bit DH primes and 521-bit curves are the largest anyone deploys; beyond is hostile input. */
const MAX_DH_BYTES = 1024;
const MAX_EC_BYTES = 67;

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
  return groupFromNode(readDerExact(der, STEP));
}

function groupFromNode(node: DerNode): KeyAgreementGroup {
  const [algorithm, parameters] = expectChildren(node, DER.SEQUENCE, STEP, 'AlgorithmIdentifier', 2);
  const oid = decodeOid(algorithm, STEP, 'AlgorithmIdentifier.algorithm');
  if (oid === OID.STANDARDIZED_DOMAIN_PARAMETERS) return standardDomainParameters(decodeSmallInteger(parameters, STEP, 'standardized domain parameter id'));
  if (oid === OID.EC_PUBLIC_KEY) {
    if (parameters?.tag === DER.OID) {
      const curveOid = decodeOid(parameters, STEP, 'namedCurve');
      const group = standardGroupByCurveOid(curveOid);
      if (!group) throw new CardError('UNSUPPORTED', `curve ${curveOid} is not supported`, { step: STEP });
      return group;
    }
    return explicitEcGroup(parameters);
  }
  if (oid === OID.DH_PUBLIC_NUMBER) {
    const [p, g, q] = expectChildren(parameters, DER.SEQUENCE, STEP, 'DomainParameters', 5);
    const value = (n: DerNode | undefined, what: string) => bytesToBigInt(integerBytes(n, STEP, what, MAX_DH_BYTES + 1));
    const dh = { p: value(p, 'DH p'), g: value(g, 'DH g'), q: value(q, 'DH q') };
    return sameAsStandard(dh.p, (group) => group instanceof DhGroup && group.parameters.g === dh.g && group.parameters.q === dh.q) ??
      DhGroup.create(`explicit ${dh.p.toString(2).length}-bit MODP`, dh);
  }
  throw new CardError('UNSUPPORTED', `domain parameters of algorithm ${oid} are not supported`, { step: STEP });
}

function explicitEcGroup(node: DerNode | undefined): KeyAgreementGroup {
  const [version, fieldId, curve, base, order, cofactor] = expectChildren(node, DER.SEQUENCE, STEP, 'ECParameters', 6);
  if (decodeSmallInteger(version, STEP, 'ECParameters.version') !== 1) throw new MalformedDataError('ECParameters version is not 1', { step: STEP });
  const [fieldType, prime] = expectChildren(fieldId, DER.SEQUENCE, STEP, 'FieldID', 2);
  if (decodeOid(fieldType, STEP, 'FieldID.fieldType') !== PRIME_FIELD) throw new CardError('UNSUPPORTED', 'only prime-field curves are supported', { step: STEP });
  const int = (n: DerNode | undefined, what: string) => bytesToBigInt(integerBytes(n, STEP, what, MAX_EC_BYTES));
  const p = int(prime, 'FieldID.prime');
  const [a, b] = expectChildren(curve, DER.SEQUENCE, STEP, 'Curve', 3);
  const octets = (n: DerNode | undefined, what: string) => {
    const v = expectTag(n, DER.OCTET_STRING, STEP, what).value;
    if (v.length > MAX_EC_BYTES) throw new MalformedDataError(`${what} of ${v.length} bytes`, { step: STEP });
    return v;
  };
  const g = octets(base, 'ECParameters.base');
  const fieldLength = Math.ceil(p.toString(2).length / 8);
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
  return sameAsStandard(p, same) ?? EcGroup.create(`explicit ${p.toString(2).length}-bit curve`, parameters);
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
 * A SubjectPublicKeyInfo's group and validated public key (EC point 04‖X‖Y in a BIT STRING, or a DH
 * INTEGER in a BIT STRING). Throws as `groupFromAlgorithmIdentifier`, and MalformedDataError for an
 * invalid key.
 */
export function decodeSubjectPublicKeyInfo(der: Uint8Array): DecodedPublicKey {
  const [algorithm, key] = expectChildren(readDerExact(der, STEP), DER.SEQUENCE, STEP, 'SubjectPublicKeyInfo', 2);
  const group = groupFromNode(expectTag(algorithm, DER.SEQUENCE, STEP, 'AlgorithmIdentifier'));
  const bits = decodeBitString(key, STEP, 'subjectPublicKey');
  if (group.kind === 'ECDH') return Object.freeze({ group, publicKey: group.decodePublicKey(bits) });
  let value = integerBytes(readDerExact(bits, STEP), STEP, 'DH public key', MAX_DH_BYTES + 1);
  while (value.length > 1 && value[0] === 0) value = value.subarray(1);
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
  return derSequence(encodeAlgorithmIdentifier(group, form), derBitString(concat(key)));
}
