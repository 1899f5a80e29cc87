import { describe, expect, it } from 'vitest';
import { encodeSubjectPublicKeyInfo } from '../../../../../../native/card/protocol/domain-parameters/public-key-info.ts';
import { standardDomainParameters } from '../../../../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { chipAuthenticationData, verifyChipAuthenticationMapping } from '../../../../../../native/card/protocol/pace/chip-authentication-mapping.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';
import { point, type CamVector } from './pace-test-support.ts';

const v = loadVector<CamVector>('pace_9303p11_appI_cam.json');
/** The SubjectPublicKeyInfo inside the appendix's ChipAuthenticationPublicKeyInfo (after its OID). */
const spki = fromHex(v.chip_authentication_public_key_info).subarray(13, 13 + 0x54);
const caIc = fromHex(v.chip_authentication_data_ca_ic);
const icMapping = point(v.ic_mapping_public_x, v.ic_mapping_public_y);

describe('chipAuthenticationData', () => {
  it('computes CA_IC of Appendix I from the mapping and static private keys', () => {
    const group = standardDomainParameters(13);
    const ca = chipAuthenticationData(group, BigInt(`0x${v.ic_static_private_derived_not_in_appendix}`), BigInt(`0x${v.ic_mapping_private}`));
    expect(toHex(ca)).toBe(v.chip_authentication_data_ca_ic);
  });
});

describe('verifyChipAuthenticationMapping', () => {
  it('accepts CA_IC of Appendix I against the DG14 key, given as parts or as a PACE result', () => {
    expect(verifyChipAuthenticationMapping(caIc, spki, icMapping)).toBe(true);
    expect(verifyChipAuthenticationMapping({ chipAuthenticationData: caIc, icMappingPublicKey: icMapping }, spki)).toBe(true);
  });

  it('rejects a changed CA_IC, a changed mapping key or another static key', () => {
    const changed = caIc.slice();
    changed[31]! ^= 1;
    expect(verifyChipAuthenticationMapping(changed, spki, icMapping)).toBe(false);
    const group = standardDomainParameters(13);
    const otherMapping = group.encodePublicKey(group.multiply(group.generator, 7n));
    expect(verifyChipAuthenticationMapping(caIc, spki, otherMapping)).toBe(false);
    const otherKey = encodeSubjectPublicKeyInfo(group, group.encodePublicKey(group.multiply(group.generator, 11n)), 'standardized');
    expect(verifyChipAuthenticationMapping(caIc, otherKey, icMapping)).toBe(false);
  });

  it('returns false for out-of-range CA_IC, an invalid mapping key or missing evidence', () => {
    const group = standardDomainParameters(13);
    expect(verifyChipAuthenticationMapping(new Uint8Array(32), spki, icMapping)).toBe(false);
    expect(verifyChipAuthenticationMapping(fromHex(group.order.toString(16)), spki, icMapping)).toBe(false);
    const offCurve = icMapping.slice();
    offCurve[64]! ^= 1;
    expect(verifyChipAuthenticationMapping(caIc, spki, offCurve)).toBe(false);
    expect(verifyChipAuthenticationMapping({ icMappingPublicKey: icMapping }, spki)).toBe(false);
  });

  it('cannot check a DH key (CAM is ECDH only) and says so', () => {
    const dh = standardDomainParameters(0);
    const dhKey = encodeSubjectPublicKeyInfo(dh, dh.encodePublicKey(dh.multiply(dh.generator, 3n)));
    expect(() => verifyChipAuthenticationMapping(caIc, dhKey, icMapping)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
  });
});
