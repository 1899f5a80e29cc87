// The symmetric steps of PACE, ICAO 9303-11 §4.4.3 and §9.7-9.8: the password key K(π), nonce
// encryption, session keys, authentication tokens, the Integrated Mapping pseudo-random function and
// the encryption of the Chip Authentication Mapping data.

import { bytesToBigInt, concat, padIso9797M2, unpadIso9797M2 } from '../../../util/bytes.ts';
import { CardError } from '../../errors.ts';
import { pacePasswordBytes, type AccessKey } from '../../access-key.ts';
import { derOid } from '../../asn1/der-writer.ts';
import { encodeTlv } from '../../lds/tlv.ts';
import type { KeyAgreement } from '../../lds/security-infos/security-info-oids.ts';
import { aesCbc, aesCmac, aesEcb, retailMac, tdesCbc } from '../crypto/cipher.ts';
import { deriveKey, KDF_ENC, KDF_MAC, KDF_PACE, type CipherAlgorithm } from '../crypto/kdf.ts';
import { bitLength, mod } from '../domain-parameters/modular.ts';

export interface SessionKeys {
  readonly ksEnc: Uint8Array;
  readonly ksMac: Uint8Array;
}

/** Cipher block length: the nonce length and the SSC length. */
export function blockLength(cipher: CipherAlgorithm): 8 | 16 {
  return cipher === '3DES' ? 8 : 16;
}

/** K(π) = KDF(π, 3) (ICAO 9303-11 §4.4.3.1, §9.7.3): π is SHA-1(MRZ information) or the CAN. */
export function passwordKey(key: AccessKey, cipher: CipherAlgorithm): Uint8Array {
  return deriveKey(pacePasswordBytes(key), KDF_PACE, cipher);
}

function cbcZeroIv(cipher: CipherAlgorithm, key: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  const iv = new Uint8Array(blockLength(cipher));
  return cipher === '3DES' ? tdesCbc(key, iv, data, encrypt) : aesCbc(key, iv, data, encrypt);
}

/**
 * s = D(K(π), z) (ICAO 9303-11 §4.4.3.1): CBC with a zero IV. Throws CardError MALFORMED_DATA when z
 * is empty or not whole blocks.
 */
export function decryptNonce(kPi: Uint8Array, z: Uint8Array, cipher: CipherAlgorithm): Uint8Array {
  if (z.length === 0 || z.length % blockLength(cipher) !== 0) {
    throw new CardError('MALFORMED_DATA', `encrypted nonce of ${z.length} bytes`, { step: 'pace.getNonce' });
  }
  return cbcZeroIv(cipher, kPi, z, false);
}

/** z = E(K(π), s), the chip's side of `decryptNonce`. */
export function encryptNonce(kPi: Uint8Array, s: Uint8Array, cipher: CipherAlgorithm): Uint8Array {
  return cbcZeroIv(cipher, kPi, s, true);
}

/** KSenc = KDF(K, 1), KSmac = KDF(K, 2) from the shared secret (ICAO 9303-11 §9.7.1). */
export function sessionKeys(sharedSecret: Uint8Array, cipher: CipherAlgorithm): SessionKeys {
  return Object.freeze({ ksEnc: deriveKey(sharedSecret, KDF_ENC, cipher), ksMac: deriveKey(sharedSecret, KDF_MAC, cipher) });
}

/**
 * The authentication token input (ICAO 9303-11 §4.4.3.4, §9.4.4 public key data objects):
 * 7F49 { 06 protocol OID, 86 EC point | 84 DH value }.
 */
export function tokenInput(protocol: string, keyAgreement: KeyAgreement, publicKey: Uint8Array): Uint8Array {
  return encodeTlv(0x7f49, derOid(protocol), encodeTlv(keyAgreement === 'ECDH' ? 0x86 : 0x84, publicKey));
}

/** T = MAC(KSmac, token input), 8 bytes: retail MAC over padded input (3DES) or truncated CMAC (AES). */
export function authenticationToken(ksMac: Uint8Array, cipher: CipherAlgorithm, input: Uint8Array): Uint8Array {
  if (cipher === '3DES') return retailMac(ksMac, padIso9797M2(input, 8));
  return aesCmac(ksMac, input).slice(0, 8);
}

/** ICAO 9303-11 §4.4.3.3.2 constants for a 128-bit key: c0 derives the next key, c1 the output block. */
const IM_C0 = Uint8Array.of(0xa6, 0x68, 0x89, 0x2a, 0x7c, 0x41, 0xe3, 0xca, 0x73, 0x9f, 0x40, 0xb0, 0x57, 0xd8, 0x59, 0x04);
const IM_C1 = Uint8Array.of(0xa4, 0xe1, 0x36, 0xac, 0x72, 0x5f, 0x73, 0x8b, 0x01, 0xc1, 0xf6, 0x02, 0x17, 0xc1, 0x88, 0xad);

/**
 * R_p(s, t) of the Integrated Mapping (ICAO 9303-11 §4.4.3.3.2): key_0 = E(t, s), then per block
 * x_i = E(key_i, c1) and key_(i+1) = E(key_i, c0), for n = ⌈(|p| + 64) / 128⌉ blocks; the result is
 * int(x_1 ‖ ... ‖ x_n) mod p. Implemented for AES-128, the cipher of the worked example (Appendix H);
 * other ciphers give CardError UNSUPPORTED.
 */
export function integratedMappingPrf(s: Uint8Array, t: Uint8Array, prime: bigint, cipher: CipherAlgorithm): bigint {
  if (cipher !== 'AES-128') throw new CardError('UNSUPPORTED', `integrated mapping with ${cipher}`, { step: 'pace.mapNonce' });
  if (s.length !== 16 || t.length !== 16) throw new CardError('MALFORMED_DATA', 'integrated mapping nonces must be 16 bytes', { step: 'pace.mapNonce' });
  const blocks = Math.ceil((bitLength(prime) + 64) / 128);
  let key = aesEcb(t, s, true);
  const out: Uint8Array[] = [];
  for (let i = 0; i < blocks; i++) {
    out.push(aesEcb(key, IM_C1, true));
    key = aesEcb(key, IM_C0, true);
  }
  return mod(bytesToBigInt(concat(...out)), prime);
}

/** IV of the CAM data: E(KSenc, -1), i.e. the SM IV for SSC = FF..FF (ICAO 9303-11 §4.4.3.5.1). */
function camIv(ksEnc: Uint8Array): Uint8Array {
  return aesEcb(ksEnc, new Uint8Array(16).fill(0xff), true);
}

/** A_IC = E(KSenc, CA_IC) with ISO 9797-1 method 2 padding (the chip's side). */
export function encryptChipAuthenticationData(ksEnc: Uint8Array, caIc: Uint8Array): Uint8Array {
  return aesCbc(ksEnc, camIv(ksEnc), padIso9797M2(caIc, 16), true);
}

/** CA_IC = D(KSenc, A_IC). Throws CardError AUTHENTICATION_FAILED when the length or padding is wrong. */
export function decryptChipAuthenticationData(ksEnc: Uint8Array, aIc: Uint8Array): Uint8Array {
  const step = 'pace.mutualAuthenticate';
  if (aIc.length === 0 || aIc.length % 16 !== 0) throw new CardError('AUTHENTICATION_FAILED', `chip authentication data of ${aIc.length} bytes`, { step });
  const plain = unpadIso9797M2(aesCbc(ksEnc, camIv(ksEnc), aIc, false));
  if (!plain || plain.length === 0) throw new CardError('AUTHENTICATION_FAILED', 'chip authentication data has bad padding', { step });
  return new Uint8Array(plain);
}
