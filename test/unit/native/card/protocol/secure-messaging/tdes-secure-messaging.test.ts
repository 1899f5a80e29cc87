import { describe, expect, it } from 'vitest';
import { CommandApdu } from '../../../../../../native/card/apdu/command-apdu.ts';
import { TdesSecureMessaging } from '../../../../../../native/card/protocol/secure-messaging/tdes-secure-messaging.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';
import { BAC_VECTOR_FILE, type BacVector } from './bac-vector.ts';

const v = loadVector<BacVector>(BAC_VECTOR_FILE);

describe('TdesSecureMessaging', () => {
  it('wraps READ BINARY as in ICAO 9303-11 Appendix D.4 (zero IV, retail MAC, 8-byte SSC)', () => {
    // The vector's SSC is the one after the increment, so start one below it.
    const start = fromHex(v.secure_messaging[1]!.ssc);
    start[7]! -= 1;
    const fromStart = new TdesSecureMessaging(fromHex(v.session_keys.ks_enc), fromHex(v.session_keys.ks_mac), start);
    const wire = fromStart.wrap(CommandApdu.decode(fromHex(v.secure_messaging[1]!.unprotected_command)));
    expect(toHex(wire.encode())).toBe(v.secure_messaging[1]!.protected_command);
    expect(toHex(fromStart.ssc)).toBe(v.secure_messaging[1]!.ssc);
    expect(fromStart.kind).toBe('3DES');
  });

  it('refuses a 3-key 3DES key, which retail MAC cannot use', () => {
    expect(() => new TdesSecureMessaging(new Uint8Array(24), new Uint8Array(24), new Uint8Array(8))).toThrow(RangeError);
  });
});
