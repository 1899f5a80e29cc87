// The chip's static chip-authentication key pair as the simulator holds it: the group exactly as a
// terminal reads it from DG14 (the SubjectPublicKeyInfo of the public key), and the private scalar from
// the key's PKCS #8 encoding (RFC 5208; RFC 5915 ECPrivateKey for EC, an INTEGER for DH).

import { createPublicKey, type KeyObject } from 'node:crypto';
import { DER, expectChildren, expectTag, readDerExact, unsignedInteger } from '../../card/asn1/der-reader.ts';
import type { KeyAgreementGroup } from '../../card/protocol/domain-parameters/key-agreement-group.ts';
import { decodeSubjectPublicKeyInfo } from '../../card/protocol/domain-parameters/public-key-info.ts';
import { bytesToBigInt } from '../../util/bytes.ts';

const STEP = 'sim.ca-key';

export interface ChipStaticKey {
  readonly group: KeyAgreementGroup;
  readonly privateKey: bigint;
}

/**
 * The static key of an 'ec' KeyObject on a curve the card stack knows, or of a 'dh' one. Throws
 * CardError `UNSUPPORTED` for another key type or curve.
 */
export function chipStaticKey(privateKey: KeyObject): ChipStaticKey {
  const spki = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
  const { group } = decodeSubjectPublicKeyInfo(spki);
  const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
  // PrivateKeyInfo ::= SEQUENCE { version, privateKeyAlgorithm, privateKey OCTET STRING, [0] attributes, [1] publicKey }
  const [, , octets] = expectChildren(readDerExact(pkcs8, STEP), DER.SEQUENCE, STEP, 'PrivateKeyInfo', 5);
  const inner = readDerExact(expectTag(octets, DER.OCTET_STRING, STEP, 'privateKey').value, STEP);
  const scalar =
    group.kind === 'ECDH'
      ? expectTag(expectChildren(inner, DER.SEQUENCE, STEP, 'ECPrivateKey', 4)[1], DER.OCTET_STRING, STEP, 'ECPrivateKey.privateKey').value
      : unsignedInteger(inner, STEP, 'DH private value', 1025);
  return Object.freeze({ group, privateKey: bytesToBigInt(scalar) });
}
