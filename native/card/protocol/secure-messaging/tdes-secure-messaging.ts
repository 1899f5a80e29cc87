// 3DES secure messaging (ICAO 9303-11 §9.8.6, used after BAC and PACE with 3DES): 2-key 3DES CBC with a
// zero IV, ISO 9797-1 MAC algorithm 3 (retail MAC), an 8-byte SSC. The cipher contexts are set up once
// per session, not per message.

import { CbcKey, RetailMacKey } from '../crypto/cipher.ts';
import { SecureMessaging } from './secure-messaging.ts';

const ZERO_IV = new Uint8Array(8);

export class TdesSecureMessaging extends SecureMessaging {
  readonly kind = '3DES';
  protected readonly blockSize = 8;
  private readonly encKey: CbcKey;
  private readonly macKey: RetailMacKey;

  /** `ksEnc` and `ksMac` are 16-byte 2-key 3DES keys, `ssc` 8 bytes. Throws RangeError otherwise. */
  constructor(ksEnc: Uint8Array, ksMac: Uint8Array, ssc: Uint8Array) {
    if (ksEnc.length !== 16 || ksMac.length !== 16) throw new RangeError('3DES session keys must be 16 bytes');
    if (ssc.length !== 8) throw new RangeError(`3DES SSC must be 8 bytes, got ${ssc.length}`);
    super('3DES', ksEnc, ksMac, ssc);
    this.encKey = CbcKey.tdes(ksEnc);
    this.macKey = new RetailMacKey(ksMac);
  }

  protected encrypt(padded: Uint8Array): Uint8Array {
    return this.encKey.encrypt(ZERO_IV, padded);
  }

  protected decrypt(cryptogram: Uint8Array): Uint8Array {
    return this.encKey.decrypt(ZERO_IV, cryptogram);
  }

  protected mac(input: Uint8Array): Uint8Array {
    return this.macKey.mac(input);
  }
}
