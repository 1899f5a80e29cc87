// AES secure messaging (ICAO 9303-11 §9.8.6, used after PACE and chip authentication with AES): AES CBC
// with IV = E(KSenc, SSC), AES-CMAC truncated to 8 bytes, a 16-byte SSC. The cipher contexts and the
// CMAC subkeys are set up once per session, not per message.

import { AesCmacKey, CbcKey } from '../crypto/cipher.ts';
import { type CipherAlgorithm, keyLength } from '../crypto/kdf.ts';
import { MAC_LENGTH } from './sm-data-objects.ts';
import { SecureMessaging } from './secure-messaging.ts';

export type AesAlgorithm = Exclude<CipherAlgorithm, '3DES'>;

export class AesSecureMessaging extends SecureMessaging {
  readonly kind = 'AES';
  protected readonly blockSize = 16;
  private readonly encKey: CbcKey;
  private readonly macKey: AesCmacKey;

  /** Keys of the algorithm's length (16/24/32 bytes), `ssc` 16 bytes. Throws RangeError otherwise. */
  constructor(algorithm: AesAlgorithm, ksEnc: Uint8Array, ksMac: Uint8Array, ssc: Uint8Array) {
    const n = keyLength(algorithm);
    if (ksEnc.length !== n || ksMac.length !== n) throw new RangeError(`${algorithm} session keys must be ${n} bytes`);
    if (ssc.length !== 16) throw new RangeError(`AES SSC must be 16 bytes, got ${ssc.length}`);
    super(algorithm, ksEnc, ksMac, ssc);
    this.encKey = CbcKey.aes(ksEnc);
    this.macKey = new AesCmacKey(ksMac);
  }

  /** ICAO 9303-11 §9.8.6.1: the IV is the SSC encrypted under KSenc, so it changes with every message. */
  private iv(): Uint8Array {
    return this.encKey.encryptBlock(this.currentSsc);
  }

  protected encrypt(padded: Uint8Array): Uint8Array {
    return this.encKey.encrypt(this.iv(), padded);
  }

  protected decrypt(cryptogram: Uint8Array): Uint8Array {
    return this.encKey.decrypt(this.iv(), cryptogram);
  }

  protected mac(input: Uint8Array): Uint8Array {
    return this.macKey.mac(input).slice(0, MAC_LENGTH);
  }
}
