// The chip's side of Basic Access Control (ICAO 9303-11 §4.3.3): answers GET CHALLENGE and EXTERNAL
// AUTHENTICATE with the document's MRZ keys, and opens 3DES secure messaging. The cryptography is the
// terminal's (bac-cryptogram.ts), run from the other end.

import { randomBytes } from 'node:crypto';
import { concat, equal } from '../../util/bytes.ts';
import type { MrzAccessKey } from '../../card/access-key.ts';
import { bacKeys, type BacKeys, bacSessionKeys, openBacCryptogram, sealBacCryptogram } from '../../card/protocol/bac/bac-cryptogram.ts';
import { SecureMessagingChip } from './secure-messaging-chip.ts';

const CHALLENGE_LENGTH = 8;
const KEY_MATERIAL_LENGTH = 16;

export class BacChip {
  private readonly keys: BacKeys;
  private challenge: Uint8Array | null = null;

  /** `random(n)` supplies RND.IC (8 bytes) and K.IC (16 bytes); defaults to the system CSPRNG. */
  constructor(
    key: MrzAccessKey,
    private readonly random: (n: number) => Uint8Array = (n) => new Uint8Array(randomBytes(n)),
  ) {
    this.keys = bacKeys(key);
  }

  /** A fresh 8-byte RND.IC, remembered for the next EXTERNAL AUTHENTICATE (a new one replaces it). */
  getChallenge(): Uint8Array {
    const rnd = this.random(CHALLENGE_LENGTH);
    if (rnd.length !== CHALLENGE_LENGTH) throw new RangeError('random source returned the wrong length');
    this.challenge = new Uint8Array(rnd);
    return new Uint8Array(rnd);
  }

  /**
   * Checks the terminal's E.IFD ‖ M.IFD against the MRZ keys and the pending challenge, then answers
   * E.IC ‖ M.IC and the secure-messaging session. Returns null (the chip answers 6300) when there is no
   * pending challenge, the length or MAC is wrong, or RND.IC does not come back. The challenge is used
   * once, whatever the outcome.
   */
  externalAuthenticate(data: Uint8Array): { responseData: Uint8Array; sm: SecureMessagingChip } | null {
    const rndIc = this.challenge;
    this.challenge = null;
    if (rndIc === null) return null;
    const s = openBacCryptogram(this.keys, data);
    if (s === null || !equal(s.subarray(8, 16), rndIc)) return null;
    const rndIfd = s.subarray(0, 8);
    const kIfd = s.subarray(16, 32);
    const kIc = this.random(KEY_MATERIAL_LENGTH);
    if (kIc.length !== KEY_MATERIAL_LENGTH) throw new RangeError('random source returned the wrong length');
    const responseData = sealBacCryptogram(this.keys, concat(rndIc, rndIfd, kIc));
    const session = bacSessionKeys(kIfd, kIc, rndIc, rndIfd);
    return { responseData, sm: new SecureMessagingChip('3DES', session.ksEnc, session.ksMac, session.ssc) };
  }
}
