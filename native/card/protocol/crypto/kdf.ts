// ICAO 9303-11 §9.7.1 key derivation: K = H(shared secret ‖ counter), truncated and (for 3DES)
// parity-adjusted. Counter 1 = encryption key, 2 = MAC key, 3 = PACE password key (π).

import { createHash } from 'node:crypto';
import { concat, uintBE } from '../../../util/bytes.ts';
import { adjustDesParity } from './cipher.ts';

export type CipherAlgorithm = '3DES' | 'AES-128' | 'AES-192' | 'AES-256';

export const KDF_ENC = 1;
export const KDF_MAC = 2;
export const KDF_PACE = 3;

export function keyLength(algorithm: CipherAlgorithm): number {
  switch (algorithm) {
    case '3DES':
    case 'AES-128':
      return 16;
    case 'AES-192':
      return 24;
    case 'AES-256':
      return 32;
  }
}

/** Derives one key from `secret` (BAC Kseed, PACE/CA shared secret, or π input) and `counter`. */
export function deriveKey(secret: Uint8Array, counter: number, algorithm: CipherAlgorithm): Uint8Array {
  const input = concat(secret, uintBE(counter, 4));
  if (algorithm === '3DES') {
    const h = createHash('sha1').update(input).digest();
    return adjustDesParity(new Uint8Array(h.subarray(0, 16)));
  }
  const hash = algorithm === 'AES-128' ? 'sha1' : 'sha256';
  const h = createHash(hash).update(input).digest();
  return new Uint8Array(h.subarray(0, keyLength(algorithm)));
}
