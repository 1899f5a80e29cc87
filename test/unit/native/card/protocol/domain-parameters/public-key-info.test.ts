import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../../native/card/errors.ts';
import { derInteger, derOctetString, derOid, derSequence } from '../../../../../../native/card/asn1/der-writer.ts';
import type { EcGroup, EcPoint } from '../../../../../../native/card/protocol/domain-parameters/ec-group.ts';
import type { KeyAgreementGroup } from '../../../../../../native/card/protocol/domain-parameters/key-agreement-group.ts';
import {
  decodeSubjectPublicKeyInfo,
  encodeAlgorithmIdentifier,
  encodeSubjectPublicKeyInfo,
  groupFromAlgorithmIdentifier,
} from '../../../../../../native/card/protocol/domain-parameters/public-key-info.ts';
import { standardDomainParameters } from '../../../../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { concat, fromHex, toHex, uintBE } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';

const cam = loadVector<{ chip_authentication_public_key_info: string; ic_static_public_x: string; ic_static_public_y: string }>('pace_9303p11_appI_cam.json');

/** ECParameters (RFC 3279 §2.3.5) of `group` with `generator` as the base point. */
function explicitParameters(group: EcGroup, generator = group.generator): Uint8Array {
  const { p, a, b, n, h } = group.parameters;
  const field = (v: bigint) => derOctetString(uintBE(v, group.fieldLength));
  return derSequence(
    derOid('1.2.840.10045.2.1'),
    derSequence(derInteger(1), derSequence(derOid('1.2.840.10045.1.1'), derInteger(p)), derSequence(field(a), field(b)), derOctetString(group.encodePublicKey(generator)), derInteger(n), derInteger(h)),
  );
}

describe('decodeSubjectPublicKeyInfo', () => {
  it('reads the standardized-parameter key of Appendix I', () => {
    const spki = fromHex(cam.chip_authentication_public_key_info).subarray(13, 13 + 0x54);
    const { group, publicKey } = decodeSubjectPublicKeyInfo(spki);
    expect(group.standardId).toBe(13);
    expect(toHex(group.encodePublicKey(publicKey))).toBe(`04${cam.ic_static_public_x}${cam.ic_static_public_y}`);
  });

  it('round-trips EC and DH keys in the standardized and named forms', () => {
    for (const id of [0, 2, 12, 13, 18]) {
      const group = standardDomainParameters(id);
      const key = group.encodePublicKey(group.multiply(group.generator, 123456789n));
      for (const form of ['standardized', 'named'] as const) {
        const decoded = decodeSubjectPublicKeyInfo(encodeSubjectPublicKeyInfo(group, key, form));
        expect(decoded.group).toBe(group);
        expect(toHex(decoded.group.encodePublicKey(decoded.publicKey))).toBe(toHex(key));
      }
    }
  });

  it('rejects a key that is not on the curve', () => {
    const group = standardDomainParameters(13);
    const key = group.encodePublicKey(group.generator);
    key[64]! ^= 1;
    expect(() => decodeSubjectPublicKeyInfo(encodeSubjectPublicKeyInfo(group, key))).toThrow(MalformedDataError);
  });
});

describe('groupFromAlgorithmIdentifier', () => {
  it('recognises explicit parameters of a standard curve as that curve', () => {
    const group = standardDomainParameters(13) as EcGroup;
    expect(groupFromAlgorithmIdentifier(explicitParameters(group))).toBe(group);
  });

  it('builds a group from explicit parameters of a curve it does not know', () => {
    const standard = standardDomainParameters(12) as unknown as KeyAgreementGroup<EcPoint> & EcGroup;
    const otherGenerator = standard.multiply(standard.generator, 2n);
    const group = groupFromAlgorithmIdentifier(explicitParameters(standard, otherGenerator)) as KeyAgreementGroup<EcPoint>;
    expect(group.standardId).toBeUndefined();
    expect(group.name).toBe('explicit 256-bit curve');
    expect(toHex(group.encodePublicKey(group.generator))).toBe(toHex(standard.encodePublicKey(otherGenerator)));
  });

  it('reads X9.42 DH parameters', () => {
    const group = standardDomainParameters(1);
    expect(groupFromAlgorithmIdentifier(encodeAlgorithmIdentifier(group, 'named'))).toBe(group);
  });

  it('reports unknown algorithms and curves as UNSUPPORTED and broken ones as MALFORMED_DATA', () => {
    expect(() => groupFromAlgorithmIdentifier(derSequence(derOid('1.2.840.113549.1.1.1'), fromHex('0500')))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    expect(() => groupFromAlgorithmIdentifier(derSequence(derOid('1.2.840.10045.2.1'), derOid('1.3.132.0.10')))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    const group = standardDomainParameters(13) as EcGroup;
    const broken = explicitParameters(group);
    broken[broken.length - 40]! ^= 0x01;
    expect(() => groupFromAlgorithmIdentifier(broken)).toThrow(expect.objectContaining({ code: 'MALFORMED_DATA' }));
    expect(() => groupFromAlgorithmIdentifier(concat(encodeAlgorithmIdentifier(group), Uint8Array.of(0)))).toThrow(MalformedDataError);
  });
});
