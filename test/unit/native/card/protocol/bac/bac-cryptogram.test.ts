import { describe, expect, it } from 'vitest';
import { mrzAccessKey } from '../../../../../../native/card/access-key.ts';
import {
  bacKeys,
  bacSessionKeys,
  openBacCryptogram,
  sealBacCryptogram,
} from '../../../../../../native/card/protocol/bac/bac-cryptogram.ts';
import { fromHex, toHex, xor } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';
import { BAC_VECTOR_FILE, type BacVector } from '../secure-messaging/bac-vector.ts';

const v = loadVector<BacVector>(BAC_VECTOR_FILE);
const ma = v.mutual_authentication;
const keys = bacKeys(mrzAccessKey(v.mrz.document_number, v.mrz.date_of_birth, v.mrz.date_of_expiry));

describe('bacKeys', () => {
  it('derives Kenc and Kmac of ICAO 9303-11 Appendix D.2', () => {
    expect(toHex(keys.kEnc)).toBe(v.key_derivation.kenc);
    expect(toHex(keys.kMac)).toBe(v.key_derivation.kmac);
  });
});

describe('sealBacCryptogram', () => {
  it('produces E.IFD and M.IFD of Appendix D.3 from S', () => {
    expect(ma.s).toBe(ma.rnd_ifd + ma.rnd_ic + ma.k_ifd);
    const sealed = sealBacCryptogram(keys, fromHex(ma.s));
    expect(toHex(sealed)).toBe(ma.e_ifd + ma.m_ifd);
  });

  it('produces E.IC and M.IC of Appendix D.3 from R', () => {
    expect(toHex(sealBacCryptogram(keys, fromHex(ma.r_decrypted)))).toBe(ma.e_ic + ma.m_ic);
  });
});

describe('openBacCryptogram', () => {
  it('recovers R from the chip answer of Appendix D.3', () => {
    expect(toHex(openBacCryptogram(keys, fromHex(ma.e_ic + ma.m_ic))!)).toBe(ma.r_decrypted);
  });

  it('returns null when the MAC does not verify', () => {
    const bad = fromHex(ma.e_ic + ma.m_ic);
    bad[39]! ^= 0x01;
    expect(openBacCryptogram(keys, bad)).toBeNull();
    const flipped = fromHex(ma.e_ic + ma.m_ic);
    flipped[0]! ^= 0x01;
    expect(openBacCryptogram(keys, flipped)).toBeNull();
  });

  it('returns null for anything but 40 bytes', () => {
    expect(openBacCryptogram(keys, fromHex(ma.e_ic))).toBeNull();
    expect(openBacCryptogram(keys, new Uint8Array(41))).toBeNull();
  });
});

describe('bacSessionKeys', () => {
  it('derives KSenc, KSmac and the SSC of Appendix D.3', () => {
    expect(toHex(xor(fromHex(ma.k_ifd), fromHex(ma.k_ic)))).toBe(v.session_keys.kseed_session);
    const session = bacSessionKeys(fromHex(ma.k_ifd), fromHex(ma.k_ic), fromHex(ma.rnd_ic), fromHex(ma.rnd_ifd));
    expect(toHex(session.ksEnc)).toBe(v.session_keys.ks_enc);
    expect(toHex(session.ksMac)).toBe(v.session_keys.ks_mac);
    expect(toHex(session.ssc)).toBe(v.session_keys.ssc);
  });
});
