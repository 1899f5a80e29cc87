import { describe, expect, it } from 'vitest';
import { DhGroup } from '../../../../../../native/card/protocol/domain-parameters/dh-group.ts';
import type { EcPoint } from '../../../../../../native/card/protocol/domain-parameters/ec-group.ts';
import type { KeyAgreementGroup } from '../../../../../../native/card/protocol/domain-parameters/key-agreement-group.ts';
import { standardDomainParameters } from '../../../../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { genericMapping, integratedMapping } from '../../../../../../native/card/protocol/pace/pace-mapping.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';
import { point, type CamVector, type DhGmVector, type EcdhGmVector, type ImVector } from './pace-test-support.ts';

const g1 = loadVector<EcdhGmVector>('pace_9303p11_appG1_ecdh_gm.json');
const g2 = loadVector<DhGmVector>('pace_9303p11_appG2_dh_gm.json');
const h = loadVector<ImVector>('pace_9303p11_appH_im.json');
const i1 = loadVector<CamVector>('pace_9303p11_appI_cam.json');

const brainpool = standardDomainParameters(13) as KeyAgreementGroup<EcPoint>;
const modp1024 = standardDomainParameters(0) as KeyAgreementGroup<bigint>;
const scalar = (hex: string) => BigInt(`0x${hex}`);
const dhHex = (group: KeyAgreementGroup<bigint>, value: bigint) => toHex(group.encodePublicKey(value));

describe('genericMapping', () => {
  it('maps the nonce of Appendix G.1 to the ECDH generator, from both sides', () => {
    const ifdPublic = brainpool.multiply(brainpool.generator, scalar(g1.ifd_mapping_private));
    const icPublic = brainpool.multiply(brainpool.generator, scalar(g1.ic_mapping_private));
    expect(toHex(brainpool.encodePublicKey(ifdPublic))).toBe(`04${g1.ifd_mapping_public_x}${g1.ifd_mapping_public_y}`);
    expect(toHex(brainpool.encodePublicKey(icPublic))).toBe(`04${g1.ic_mapping_public_x}${g1.ic_mapping_public_y}`);
    const h1 = brainpool.multiply(icPublic, scalar(g1.ifd_mapping_private));
    expect(toHex(brainpool.encodePublicKey(h1))).toBe(`04${g1.mapping_shared_point_h_x}${g1.mapping_shared_point_h_y}`);

    const terminal = genericMapping(brainpool, fromHex(g1.nonce_s), scalar(g1.ifd_mapping_private), icPublic);
    const chip = genericMapping(brainpool, fromHex(g1.nonce_s), scalar(g1.ic_mapping_private), ifdPublic);
    const expected = `04${g1.mapped_generator_x}${g1.mapped_generator_y}`;
    expect(toHex(terminal.encodePublicKey(terminal.generator))).toBe(expected);
    expect(toHex(chip.encodePublicKey(chip.generator))).toBe(expected);
  });

  it('leads to the ephemeral keys and shared secret of Appendix G.1', () => {
    const icMapping = brainpool.decodePublicKey(point(g1.ic_mapping_public_x, g1.ic_mapping_public_y));
    const mapped = genericMapping(brainpool, fromHex(g1.nonce_s), scalar(g1.ifd_mapping_private), icMapping);
    const ifdEphemeral = mapped.multiply(mapped.generator, scalar(g1.ifd_ephemeral_private));
    const icEphemeral = mapped.multiply(mapped.generator, scalar(g1.ic_ephemeral_private));
    expect(toHex(mapped.encodePublicKey(ifdEphemeral))).toBe(`04${g1.ifd_ephemeral_public_x}${g1.ifd_ephemeral_public_y}`);
    expect(toHex(mapped.encodePublicKey(icEphemeral))).toBe(`04${g1.ic_ephemeral_public_x}${g1.ic_ephemeral_public_y}`);
    expect(toHex(mapped.sharedSecret(mapped.multiply(icEphemeral, scalar(g1.ifd_ephemeral_private))))).toBe(g1.shared_secret_k);
    expect(toHex(mapped.sharedSecret(mapped.multiply(ifdEphemeral, scalar(g1.ic_ephemeral_private))))).toBe(g1.shared_secret_k);
  });

  it('maps the nonce of Appendix G.2 to the DH generator and shared secret', () => {
    expect(modp1024).toBeInstanceOf(DhGroup);
    expect(modp1024.prime).toBe(scalar(g2.group.p));
    expect(modp1024.order).toBe(scalar(g2.group.q));
    const ifdPublic = modp1024.multiply(modp1024.generator, scalar(g2.ifd_mapping_private));
    const icPublic = modp1024.multiply(modp1024.generator, scalar(g2.ic_mapping_private));
    expect(dhHex(modp1024, ifdPublic)).toBe(g2.ifd_mapping_public);
    expect(dhHex(modp1024, icPublic)).toBe(g2.ic_mapping_public);
    expect(dhHex(modp1024, modp1024.multiply(icPublic, scalar(g2.ifd_mapping_private)))).toBe(g2.mapping_shared_h);

    const mapped = genericMapping(modp1024, fromHex(g2.nonce_s), scalar(g2.ifd_mapping_private), icPublic);
    expect(dhHex(mapped, mapped.generator)).toBe(g2.mapped_generator);
    const ifdEphemeral = mapped.multiply(mapped.generator, scalar(g2.ifd_ephemeral_private));
    const icEphemeral = mapped.multiply(mapped.generator, scalar(g2.ic_ephemeral_private));
    expect(dhHex(mapped, ifdEphemeral)).toBe(g2.ifd_ephemeral_public);
    expect(dhHex(mapped, icEphemeral)).toBe(g2.ic_ephemeral_public);
    expect(toHex(mapped.sharedSecret(mapped.multiply(icEphemeral, scalar(g2.ifd_ephemeral_private))))).toBe(g2.shared_secret_k);
  });

  it('maps the nonce of Appendix I (CAM uses the generic mapping)', () => {
    const icMapping = brainpool.multiply(brainpool.generator, scalar(i1.ic_mapping_private));
    expect(toHex(brainpool.encodePublicKey(icMapping))).toBe(`04${i1.ic_mapping_public_x}${i1.ic_mapping_public_y}`);
    const mapped = genericMapping(brainpool, fromHex(i1.nonce_s), scalar(i1.ifd_mapping_private), icMapping);
    expect(toHex(mapped.encodePublicKey(mapped.generator))).toBe(`04${i1.mapped_generator_x}${i1.mapped_generator_y}`);
    const ifdEphemeral = mapped.multiply(mapped.generator, scalar(i1.ifd_ephemeral_private));
    expect(toHex(mapped.encodePublicKey(ifdEphemeral))).toBe(`04${i1.ifd_ephemeral_public_x}${i1.ifd_ephemeral_public_y}`);
    const icEphemeral = mapped.decodePublicKey(point(i1.ic_ephemeral_public_x, i1.ic_ephemeral_public_y));
    expect(toHex(mapped.sharedSecret(mapped.multiply(icEphemeral, scalar(i1.ifd_ephemeral_private))))).toBe(i1.shared_secret_k);
  });

  it('refuses a peer mapping key that makes H the identity', () => {
    // A DH "public key" of p - 1 has order 2; decodePublicKey refuses it, and so does withGenerator.
    expect(() => modp1024.decodePublicKey(modp1024.encodePublicKey(modp1024.generator).fill(0xff))).toThrow(
      expect.objectContaining({ code: 'MALFORMED_DATA' }),
    );
    const negatedS = brainpool.multiply(brainpool.generator, brainpool.order - scalar(g1.nonce_s));
    // H = 1·(−s·G) cancels s·G: the mapped generator would be the point at infinity.
    expect(() => genericMapping(brainpool, fromHex(g1.nonce_s), 1n, negatedS)).toThrow(expect.objectContaining({ code: 'MALFORMED_DATA' }));
  });
});

describe('integratedMapping', () => {
  it('maps s and t of Appendix H.1 to the ECDH generator and shared secret', () => {
    const v = h.h1_ecdh;
    const mapped = integratedMapping(brainpool, fromHex(v.nonce_s), fromHex(v.nonce_t), 'AES-128');
    expect(toHex(mapped.encodePublicKey(mapped.generator))).toBe(`04${v.mapped_generator_x}${v.mapped_generator_y}`);
    const ifdEphemeral = mapped.multiply(mapped.generator, scalar(v.ifd_ephemeral_private));
    expect(toHex(mapped.encodePublicKey(ifdEphemeral))).toBe(`04${v.ifd_ephemeral_public_x}${v.ifd_ephemeral_public_y}`);
    const icEphemeral = mapped.decodePublicKey(point(v.ic_ephemeral_public_x, v.ic_ephemeral_public_y));
    expect(toHex(mapped.sharedSecret(mapped.multiply(icEphemeral, scalar(v.ifd_ephemeral_private))))).toBe(v.shared_secret_k);
  });

  it('maps s and t of Appendix H.2 to the DH generator and shared secret', () => {
    const v = h.h2_dh;
    const mapped = integratedMapping(modp1024, fromHex(v.nonce_s), fromHex(v.nonce_t), 'AES-128');
    expect(dhHex(mapped, mapped.generator)).toBe(v.mapped_generator);
    const ifdEphemeral = mapped.multiply(mapped.generator, scalar(v.ifd_ephemeral_private));
    expect(dhHex(mapped, ifdEphemeral)).toBe(v.ifd_ephemeral_public);
    const icEphemeral = mapped.decodePublicKey(fromHex(v.ic_ephemeral_public));
    expect(toHex(mapped.sharedSecret(mapped.multiply(icEphemeral, scalar(v.ifd_ephemeral_private))))).toBe(v.shared_secret_k);
  });

  it('is unsupported on NIST P-224, whose prime is not 3 mod 4', () => {
    expect(() => integratedMapping(standardDomainParameters(10), fromHex(h.h1_ecdh.nonce_s), fromHex(h.h1_ecdh.nonce_t), 'AES-128')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED' }),
    );
  });
});
