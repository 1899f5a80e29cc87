import { describe, expect, it } from 'vitest';
import { AesSecureMessaging } from '../../../../../../native/card/protocol/secure-messaging/aes-secure-messaging.ts';
import { createSecureMessaging } from '../../../../../../native/card/protocol/secure-messaging/create-secure-messaging.ts';
import { TdesSecureMessaging } from '../../../../../../native/card/protocol/secure-messaging/tdes-secure-messaging.ts';
import { toHex } from '../../../../../../native/util/bytes.ts';

const bytes = (n: number, fill = 0x11): Uint8Array => new Uint8Array(n).fill(fill);

describe('createSecureMessaging', () => {
  it('gives 3DES secure messaging for 3DES', () => {
    const sm = createSecureMessaging('3DES', bytes(16), bytes(16, 0x22), bytes(8, 0));
    expect(sm).toBeInstanceOf(TdesSecureMessaging);
    expect(sm.kind).toBe('3DES');
    expect(sm.algorithm).toBe('3DES');
  });

  it.each([
    ['AES-128', 16],
    ['AES-192', 24],
    ['AES-256', 32],
  ] as const)('gives AES secure messaging for %s with %i-byte keys', (algorithm, n) => {
    const sm = createSecureMessaging(algorithm, bytes(n), bytes(n, 0x22), bytes(16, 0));
    expect(sm).toBeInstanceOf(AesSecureMessaging);
    expect(sm.kind).toBe('AES');
    expect(sm.algorithm).toBe(algorithm);
  });

  it('refuses keys or an SSC of the wrong length', () => {
    expect(() => createSecureMessaging('3DES', bytes(24), bytes(16), bytes(8))).toThrow(RangeError);
    expect(() => createSecureMessaging('3DES', bytes(16), bytes(16), bytes(16))).toThrow(RangeError);
    expect(() => createSecureMessaging('AES-128', bytes(32), bytes(32), bytes(16))).toThrow(RangeError);
    expect(() => createSecureMessaging('AES-256', bytes(32), bytes(32), bytes(8))).toThrow(RangeError);
  });

  it('copies the keys and the SSC it is given', () => {
    const ssc = bytes(16, 0);
    const sm = createSecureMessaging('AES-128', bytes(16), bytes(16), ssc);
    ssc.fill(0xff);
    expect(toHex(sm.ssc)).toBe('00'.repeat(16));
  });
});
