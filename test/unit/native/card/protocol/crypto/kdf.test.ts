import { describe, expect, it } from 'vitest';
import { bacKeySeed, mrzAccessKey, mrzInformation } from '../../../../../../native/card/access-key.ts';
import { deriveKey, KDF_ENC, KDF_MAC } from '../../../../../../native/card/protocol/crypto/kdf.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';

interface BacVector {
  mrz: { document_number: string; date_of_birth: string; date_of_expiry: string };
  key_derivation: { mrz_information_ascii: string; kseed: string; kenc: string; kmac: string };
}

describe('deriveKey', () => {
  const v = loadVector<BacVector>('bac_9303p11_appD.json');
  const key = mrzAccessKey(v.mrz.document_number, v.mrz.date_of_birth, v.mrz.date_of_expiry);

  it('builds the MRZ information of ICAO 9303-11 Appendix D.2', () => {
    expect(mrzInformation(key)).toBe(v.key_derivation.mrz_information_ascii);
  });

  it('derives Kseed, Kenc and Kmac of Appendix D.1', () => {
    const seed = bacKeySeed(key);
    expect(toHex(seed)).toBe(v.key_derivation.kseed);
    expect(toHex(deriveKey(seed, KDF_ENC, '3DES'))).toBe(v.key_derivation.kenc);
    expect(toHex(deriveKey(fromHex(v.key_derivation.kseed), KDF_MAC, '3DES'))).toBe(v.key_derivation.kmac);
  });
});
