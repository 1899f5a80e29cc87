// Chooses the secure-messaging implementation for the cipher agreed by BAC, PACE or chip authentication.

import type { CipherAlgorithm } from '../crypto/kdf.ts';
import { AesSecureMessaging } from './aes-secure-messaging.ts';
import type { SecureMessaging } from './secure-messaging.ts';
import { TdesSecureMessaging } from './tdes-secure-messaging.ts';

/**
 * A fresh secure-messaging session. `ssc` is the counter before the first command (BAC: from the
 * nonces; PACE and CA: zero). Keys and SSC are copied. Throws RangeError when a key or the SSC has the
 * wrong length for `algorithm` (3DES: 16-byte keys, 8-byte SSC; AES: 16/24/32-byte keys, 16-byte SSC).
 */
export function createSecureMessaging(algorithm: CipherAlgorithm, ksEnc: Uint8Array, ksMac: Uint8Array, ssc: Uint8Array): SecureMessaging {
  return algorithm === '3DES' ? new TdesSecureMessaging(ksEnc, ksMac, ssc) : new AesSecureMessaging(algorithm, ksEnc, ksMac, ssc);
}
