import { describe, expect, it } from 'vitest';
import { canAccessKey, mrzAccessKey } from '../../../../../../native/card/access-key.ts';
import { OID } from '../../../../../../native/card/lds/security-infos/security-info-oids.ts';
import {
  authenticationToken,
  decryptChipAuthenticationData,
  decryptNonce,
  encryptChipAuthenticationData,
  encryptNonce,
  integratedMappingPrf,
  passwordKey,
  sessionKeys,
  tokenInput,
} from '../../../../../../native/card/protocol/pace/pace-crypto.ts';
import { standardDomainParameters } from '../../../../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { aesEcb } from '../../../../../../native/card/protocol/crypto/cipher.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';
import { point, type CamVector, type DhGmVector, type EcdhGmVector, type ImVector } from './pace-test-support.ts';

const g1 = loadVector<EcdhGmVector>('pace_9303p11_appG1_ecdh_gm.json');
const g2 = loadVector<DhGmVector>('pace_9303p11_appG2_dh_gm.json');
const h = loadVector<ImVector>('pace_9303p11_appH_im.json');
const i1 = loadVector<CamVector>('pace_9303p11_appI_cam.json');
const g1Key = mrzAccessKey(g1.password.document_number, g1.password.date_of_birth, g1.password.date_of_expiry);
const camKey = mrzAccessKey('C11T002JM', '960812', '231031');

describe('passwordKey', () => {
  it('derives K(π) from the MRZ of Appendix G', () => {
    expect(toHex(passwordKey(g1Key, 'AES-128'))).toBe(g1.k_pi);
    expect(toHex(passwordKey(g1Key, 'AES-128'))).toBe(g2.k_pi);
  });

  it('derives K(π) from the CAN 123456 of Appendix H', () => {
    expect(toHex(passwordKey(canAccessKey('123456'), 'AES-128'))).toBe(h.h1_ecdh.k_pi);
  });
});

describe('decryptNonce', () => {
  it('recovers s in Appendices G.1, G.2, H.1, H.2 and I', () => {
    const kPi = passwordKey(g1Key, 'AES-128');
    expect(toHex(decryptNonce(kPi, fromHex(g1.encrypted_nonce_z), 'AES-128'))).toBe(g1.nonce_s);
    expect(toHex(decryptNonce(kPi, fromHex(g2.encrypted_nonce_z), 'AES-128'))).toBe(g2.nonce_s);
    const kPiCan = fromHex(h.h1_ecdh.k_pi);
    expect(toHex(decryptNonce(kPiCan, fromHex(h.h1_ecdh.encrypted_nonce_z), 'AES-128'))).toBe(h.h1_ecdh.nonce_s);
    expect(toHex(decryptNonce(kPiCan, fromHex(h.h2_dh.encrypted_nonce_z), 'AES-128'))).toBe(h.h2_dh.nonce_s);
    expect(toHex(decryptNonce(passwordKey(camKey, 'AES-128'), fromHex(i1.encrypted_nonce_z), 'AES-128'))).toBe(i1.nonce_s);
  });

  it('is undone by encryptNonce, with 3DES too', () => {
    const kPi = passwordKey(g1Key, '3DES');
    const s = fromHex('0123456789ABCDEF');
    expect(toHex(decryptNonce(kPi, encryptNonce(kPi, s, '3DES'), '3DES'))).toBe(toHex(s));
    expect(toHex(encryptNonce(fromHex(g1.k_pi), fromHex(g1.nonce_s), 'AES-128'))).toBe(g1.encrypted_nonce_z);
  });

  it('refuses an encrypted nonce that is not whole blocks', () => {
    expect(() => decryptNonce(fromHex(g1.k_pi), new Uint8Array(15), 'AES-128')).toThrow(expect.objectContaining({ code: 'MALFORMED_DATA' }));
    expect(() => decryptNonce(fromHex(g1.k_pi), new Uint8Array(0), 'AES-128')).toThrow(expect.objectContaining({ code: 'MALFORMED_DATA' }));
  });
});

describe('sessionKeys', () => {
  it('derives KSenc and KSmac of every worked example', () => {
    for (const v of [g1, g2, h.h1_ecdh, h.h2_dh, i1]) {
      const keys = sessionKeys(fromHex(v.shared_secret_k), 'AES-128');
      expect([toHex(keys.ksEnc), toHex(keys.ksMac)]).toEqual([v.ks_enc, v.ks_mac]);
    }
  });
});

describe('tokenInput', () => {
  it('builds the 7F49 inputs of Appendix G.1 (ECDH, tag 86)', () => {
    expect(toHex(tokenInput(g1.pace_oid, 'ECDH', point(g1.ic_ephemeral_public_x, g1.ic_ephemeral_public_y)))).toBe(g1.token_input_t_ifd);
    expect(toHex(tokenInput(g1.pace_oid, 'ECDH', point(g1.ifd_ephemeral_public_x, g1.ifd_ephemeral_public_y)))).toBe(g1.token_input_t_ic);
  });

  it('builds the 7F49 inputs of Appendix G.2 (DH, tag 84)', () => {
    expect(toHex(tokenInput(g2.pace_oid, 'DH', fromHex(g2.ic_ephemeral_public)))).toBe(g2.token_input_t_ifd);
    expect(toHex(tokenInput(g2.pace_oid, 'DH', fromHex(g2.ifd_ephemeral_public)))).toBe(g2.token_input_t_ic);
  });
});

describe('authenticationToken', () => {
  it('computes T_IFD and T_IC of Appendices G.1, G.2, H.1, H.2 and I', () => {
    const cases = [
      { v: g1, ka: 'ECDH', ic: point(g1.ic_ephemeral_public_x, g1.ic_ephemeral_public_y), ifd: point(g1.ifd_ephemeral_public_x, g1.ifd_ephemeral_public_y) },
      { v: g2, ka: 'DH', ic: fromHex(g2.ic_ephemeral_public), ifd: fromHex(g2.ifd_ephemeral_public) },
      {
        v: h.h1_ecdh,
        ka: 'ECDH',
        ic: point(h.h1_ecdh.ic_ephemeral_public_x, h.h1_ecdh.ic_ephemeral_public_y),
        ifd: point(h.h1_ecdh.ifd_ephemeral_public_x, h.h1_ecdh.ifd_ephemeral_public_y),
      },
      { v: h.h2_dh, ka: 'DH', ic: fromHex(h.h2_dh.ic_ephemeral_public), ifd: fromHex(h.h2_dh.ifd_ephemeral_public) },
      { v: i1, ka: 'ECDH', ic: point(i1.ic_ephemeral_public_x, i1.ic_ephemeral_public_y), ifd: point(i1.ifd_ephemeral_public_x, i1.ifd_ephemeral_public_y) },
    ] as const;
    for (const { v, ka, ic, ifd } of cases) {
      const ksMac = fromHex(v.ks_mac);
      expect(toHex(authenticationToken(ksMac, 'AES-128', tokenInput(v.pace_oid, ka, ic)))).toBe(v.t_ifd);
      expect(toHex(authenticationToken(ksMac, 'AES-128', tokenInput(v.pace_oid, ka, ifd)))).toBe(v.t_ic);
    }
  });

  it('uses an 8-byte retail MAC with 3DES', () => {
    const input = tokenInput(`${OID.PACE_ECDH_GM}.1`, 'ECDH', point(g1.ic_ephemeral_public_x, g1.ic_ephemeral_public_y));
    const key = fromHex('0123456789ABCDEFFEDCBA9876543210');
    const token = authenticationToken(key, '3DES', input);
    expect(token).toHaveLength(8);
    expect(toHex(token)).not.toBe(toHex(authenticationToken(key, '3DES', input.subarray(1))));
  });
});

describe('integratedMappingPrf', () => {
  it('computes R(s,t) mod p of Appendix H.1 (brainpoolP256r1)', () => {
    const p = standardDomainParameters(13).prime;
    const r = integratedMappingPrf(fromHex(h.h1_ecdh.nonce_s), fromHex(h.h1_ecdh.nonce_t), p, 'AES-128');
    expect(r).toBe(BigInt(`0x${h.h1_ecdh.r_s_t}`) % p);
    expect(r.toString(16).toUpperCase().padStart(64, '0')).toBe(h.h1_ecdh.r_mod_p);
  });

  it('computes R(s,t) mod p of Appendix H.2 (1024-bit MODP)', () => {
    const p = standardDomainParameters(0).prime;
    const r = integratedMappingPrf(fromHex(h.h2_dh.nonce_s), fromHex(h.h2_dh.nonce_t), p, 'AES-128');
    expect(r).toBe(BigInt(`0x${h.h2_dh.r_s_t}`) % p);
    expect(r).toBe(BigInt(`0x${h.h2_dh.r_mod_p}`));
  });

  it('is unsupported with ciphers other than AES-128', () => {
    const p = standardDomainParameters(13).prime;
    expect(() => integratedMappingPrf(fromHex(h.h1_ecdh.nonce_s), fromHex(h.h1_ecdh.nonce_t), p, 'AES-256')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED' }),
    );
  });
});

describe('encryptChipAuthenticationData', () => {
  const ksEnc = fromHex(i1.ks_enc);

  it('uses the IV E(KSenc, FF..FF) of Appendix I', () => {
    expect(toHex(aesEcb(ksEnc, new Uint8Array(16).fill(0xff), true))).toBe(i1.ca_iv);
  });

  it('produces A_IC of Appendix I from CA_IC, and decryptChipAuthenticationData reverses it', () => {
    expect(toHex(encryptChipAuthenticationData(ksEnc, fromHex(i1.chip_authentication_data_ca_ic)))).toBe(i1.encrypted_chip_authentication_data_a_ic);
    expect(toHex(decryptChipAuthenticationData(ksEnc, fromHex(i1.encrypted_chip_authentication_data_a_ic)))).toBe(i1.chip_authentication_data_ca_ic);
  });

  it('rejects A_IC with a wrong length or padding as AUTHENTICATION_FAILED', () => {
    const aIc = fromHex(i1.encrypted_chip_authentication_data_a_ic);
    expect(() => decryptChipAuthenticationData(ksEnc, aIc.subarray(1))).toThrow(expect.objectContaining({ code: 'AUTHENTICATION_FAILED' }));
    expect(() => decryptChipAuthenticationData(ksEnc, aIc.subarray(0, 32))).toThrow(expect.objectContaining({ code: 'AUTHENTICATION_FAILED' }));
  });
});
