// Basic Access Control, terminal side (ICAO 9303-11 §4.3, worked example in Appendix D): GET CHALLENGE,
// EXTERNAL AUTHENTICATE with the MRZ-derived keys, then 3DES secure messaging under the session keys.

import { randomBytes } from 'node:crypto';
import { concat, equal } from '../../../util/bytes.ts';
import type { MrzAccessKey } from '../../access-key.ts';
import type { ApduTransport } from '../../apdu/apdu-transport.ts';
import { CommandApdu } from '../../apdu/command-apdu.ts';
import { SW, swHex } from '../../apdu/status-word.ts';
import { CardError, MalformedDataError } from '../../errors.ts';
import { createSecureMessaging } from '../secure-messaging/create-secure-messaging.ts';
import type { SecureMessaging } from '../secure-messaging/secure-messaging.ts';
import { BAC_CRYPTOGRAM_LENGTH, bacKeys, bacSessionKeys, openBacCryptogram, sealBacCryptogram } from './bac-cryptogram.ts';

export interface BacResult {
  readonly ksEnc: Uint8Array;
  readonly ksMac: Uint8Array;
  /** The SSC before the first protected command. */
  readonly ssc: Uint8Array;
  readonly wrapper: SecureMessaging;
}

const INS_GET_CHALLENGE = 0x84;
const INS_EXTERNAL_AUTHENTICATE = 0x82;
const CHALLENGE_LENGTH = 8;
const KEY_MATERIAL_LENGTH = 16;

/** Status words that mean the chip has no BAC at all (e.g. a PACE-only card), not a wrong key. */
const NOT_SUPPORTED = new Set<number>([SW.INS_NOT_SUPPORTED, SW.CLA_NOT_SUPPORTED, SW.FUNCTION_NOT_SUPPORTED]);

function defaultRandom(n: number): Uint8Array {
  return new Uint8Array(randomBytes(n));
}

export class BacProtocol {
  /**
   * `random(n)` supplies RND.IFD (8 bytes, first call) and K.IFD (16 bytes, second call); injectable so
   * the Appendix D example can be replayed. Defaults to the system CSPRNG.
   */
  constructor(
    private readonly transport: ApduTransport,
    private readonly random: (n: number) => Uint8Array = defaultRandom,
  ) {}

  /**
   * Runs BAC with the MRZ key. Any secure messaging in force on the transport is dropped first (the
   * commands go plain); on success the new 3DES wrapper is installed on the transport and returned.
   *
   * Errors (CardError): `ACCESS_DENIED` when the chip refuses the cryptogram (wrong MRZ: 6300, 6982,
   * ...), step `bac.externalAuthenticate`; `AUTHENTICATION_FAILED` when the chip's answer does not carry a
   * valid MAC or does not echo RND.IFD; `UNSUPPORTED` when the chip has no BAC; `MALFORMED_DATA` for a
   * challenge that is not 8 bytes; other status words via CardError.fromStatus. Channel errors pass.
   */
  async run(key: MrzAccessKey): Promise<BacResult> {
    this.transport.wrapper = null;
    const keys = bacKeys(key);

    const rndIc = await this.getChallenge();
    const rndIfd = this.draw(CHALLENGE_LENGTH);
    const kIfd = this.draw(KEY_MATERIAL_LENGTH);

    const step = 'bac.externalAuthenticate';
    const command = new CommandApdu({
      cla: 0x00,
      ins: INS_EXTERNAL_AUTHENTICATE,
      p1: 0x00,
      p2: 0x00,
      data: sealBacCryptogram(keys, concat(rndIfd, rndIc, kIfd)),
      ne: BAC_CRYPTOGRAM_LENGTH,
    });
    const response = await this.transport.send(command, step);
    if (response.sw !== SW.NO_ERROR) {
      if (NOT_SUPPORTED.has(response.sw)) throw new CardError('UNSUPPORTED', `${step}: chip does not support BAC`, { step, sw: response.sw });
      throw new CardError('ACCESS_DENIED', `${step}: chip refused the MRZ key with SW ${swHex(response.sw)}`, { step, sw: response.sw });
    }

    // ICAO 9303-11 §4.3.3.2 step 3: verify M.IC, decrypt, and check that RND.IC ‖ RND.IFD came back.
    const r = openBacCryptogram(keys, response.data);
    if (r === null) throw new CardError('AUTHENTICATION_FAILED', `${step}: chip cryptogram does not verify`, { step, sw: response.sw });
    if (!equal(r.subarray(0, 8), rndIc) || !equal(r.subarray(8, 16), rndIfd)) {
      throw new CardError('AUTHENTICATION_FAILED', `${step}: chip did not return the terminal's challenge`, { step, sw: response.sw });
    }
    const session = bacSessionKeys(kIfd, r.subarray(16, 32), rndIc, rndIfd);
    const wrapper = createSecureMessaging('3DES', session.ksEnc, session.ksMac, session.ssc);
    this.transport.wrapper = wrapper;
    return Object.freeze({ ksEnc: session.ksEnc, ksMac: session.ksMac, ssc: session.ssc, wrapper });
  }

  private async getChallenge(): Promise<Uint8Array> {
    const step = 'bac.getChallenge';
    const command = new CommandApdu({ cla: 0x00, ins: INS_GET_CHALLENGE, p1: 0x00, p2: 0x00, ne: CHALLENGE_LENGTH });
    const response = await this.transport.send(command, step);
    if (NOT_SUPPORTED.has(response.sw)) throw new CardError('UNSUPPORTED', `${step}: chip does not support GET CHALLENGE`, { step, sw: response.sw });
    if (response.sw !== SW.NO_ERROR) throw CardError.fromStatus(response.sw, step);
    if (response.data.length !== CHALLENGE_LENGTH) {
      throw new MalformedDataError(`challenge of ${response.data.length} bytes`, { step, sw: response.sw });
    }
    return response.data;
  }

  private draw(n: number): Uint8Array {
    const bytes = this.random(n);
    if (bytes.length !== n) throw new RangeError(`random source returned ${bytes.length} bytes, wanted ${n}`);
    return bytes;
  }
}
