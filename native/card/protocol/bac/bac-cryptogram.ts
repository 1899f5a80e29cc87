// The cryptography of BAC mutual authentication (ICAO 9303-11 §4.3.3, Appendix D.3), shared by the
// terminal (BacProtocol) and the chip simulator (BacChip) so that both compute it one way.

import { concat, equal, padIso9797M2, xor } from '../../../util/bytes.ts';
import { bacKeySeed, type MrzAccessKey } from '../../access-key.ts';
import { retailMac, tdesCbc } from '../crypto/cipher.ts';
import { deriveKey, KDF_ENC, KDF_MAC } from '../crypto/kdf.ts';

const ZERO_IV = new Uint8Array(8);
/** E (32 bytes) ‖ M (8 bytes): the EXTERNAL AUTHENTICATE data in both directions. */
export const BAC_CRYPTOGRAM_LENGTH = 40;
const PLAIN_LENGTH = 32;

/** The document basic access keys Kenc and Kmac, derived from the MRZ (ICAO 9303-11 §9.7.2). */
export interface BacKeys {
  readonly kEnc: Uint8Array;
  readonly kMac: Uint8Array;
}

export interface BacSessionKeys {
  readonly ksEnc: Uint8Array;
  readonly ksMac: Uint8Array;
  /** Last 4 bytes of RND.IC ‖ last 4 bytes of RND.IFD (ICAO 9303-11 §9.8.2). */
  readonly ssc: Uint8Array;
}

export function bacKeys(key: MrzAccessKey): BacKeys {
  const seed = bacKeySeed(key);
  return Object.freeze({ kEnc: deriveKey(seed, KDF_ENC, '3DES'), kMac: deriveKey(seed, KDF_MAC, '3DES') });
}

/** E = 3DES-CBC(Kenc, 0, plain) and M = retail MAC(Kmac, pad(E)); returns E ‖ M. `plain` is 32 bytes. */
export function sealBacCryptogram(keys: BacKeys, plain: Uint8Array): Uint8Array {
  if (plain.length !== PLAIN_LENGTH) throw new RangeError(`BAC plaintext must be ${PLAIN_LENGTH} bytes`);
  const e = tdesCbc(keys.kEnc, ZERO_IV, plain, true);
  return concat(e, retailMac(keys.kMac, padIso9797M2(e, 8)));
}

/**
 * Checks M over E and decrypts E. Returns the 32 plain bytes, or null when the length is not 40 or the
 * MAC does not verify (nothing is decrypted then).
 */
export function openBacCryptogram(keys: BacKeys, cryptogram: Uint8Array): Uint8Array | null {
  if (cryptogram.length !== BAC_CRYPTOGRAM_LENGTH) return null;
  const e = cryptogram.subarray(0, PLAIN_LENGTH);
  if (!equal(retailMac(keys.kMac, padIso9797M2(e, 8)), cryptogram.subarray(PLAIN_LENGTH))) return null;
  return tdesCbc(keys.kEnc, ZERO_IV, e, false);
}

/** KSseed = K.IFD ⊕ K.IC, then KSenc/KSmac and the SSC (ICAO 9303-11 §4.3.3.3, §9.8.2). */
export function bacSessionKeys(kIfd: Uint8Array, kIc: Uint8Array, rndIc: Uint8Array, rndIfd: Uint8Array): BacSessionKeys {
  const seed = xor(kIfd, kIc);
  return Object.freeze({
    ksEnc: deriveKey(seed, KDF_ENC, '3DES'),
    ksMac: deriveKey(seed, KDF_MAC, '3DES'),
    ssc: concat(rndIc.subarray(4, 8), rndIfd.subarray(4, 8)),
  });
}
