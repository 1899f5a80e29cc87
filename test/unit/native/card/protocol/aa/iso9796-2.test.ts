import { constants, createHash, generateKeyPairSync, privateEncrypt } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageRepresentative, recoverableCapacity, verifyMessageRecovery } from '../../../../../../native/card/protocol/aa/iso9796-2.ts';
import { parseSignaturePublicKey } from '../../../../../../native/card/lds/signature-public-key.ts';
import { bytesToBigInt, fromHex, toHex, uintBE } from '../../../../../../native/util/bytes.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
const info = parseSignaturePublicKey(new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })));
if (info.kind !== 'RSA') throw new Error('expected RSA');
const { modulus, exponent } = info;
const M2 = fromHex('F173589974BF40C6');

function rawSign(f: Uint8Array): Uint8Array {
  return new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, f));
}

describe('messageRepresentative', () => {
  it('lays out header 6A, M1, the digest and the trailer BC for SHA-1', () => {
    const m1 = new Uint8Array(recoverableCapacity(1024, 'SHA-1', false)).fill(0x11);
    const f = messageRepresentative(1024, 'SHA-1', m1, M2);
    expect(m1.length).toBe(128 - 1 - 20 - 1);
    expect(f[0]).toBe(0x6a);
    expect(f[127]).toBe(0xbc);
  });

  it('writes the two-byte trailer 34CC for SHA-256', () => {
    const m1 = new Uint8Array(recoverableCapacity(1024, 'SHA-256', true));
    const f = messageRepresentative(1024, 'SHA-256', m1, M2);
    expect(toHex(f.subarray(126))).toBe('34CC');
  });

  it('refuses an M1 that does not fill the representative', () => {
    expect(() => messageRepresentative(1024, 'SHA-1', new Uint8Array(3), M2)).toThrow(RangeError);
  });
});

describe('verifyMessageRecovery', () => {
  it('recovers M1 from a signature over any M1 and M2', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 106, maxLength: 106 }), fc.uint8Array({ minLength: 8, maxLength: 8 }), (m1, m2) => {
        const result = verifyMessageRecovery(rawSign(messageRepresentative(1024, 'SHA-1', m1, m2)), modulus, exponent, m2);
        expect(result).toEqual({ ok: true, hash: 'SHA-1', m1 });
      }),
      { numRuns: 20 },
    );
  });

  it('accepts the n − F^d form of the signature', () => {
    const f = messageRepresentative(1024, 'SHA-256', new Uint8Array(recoverableCapacity(1024, 'SHA-256', true)).fill(7), M2);
    const s = bytesToBigInt(rawSign(f));
    const alternative = uintBE(bytesToBigInt(modulus) - s, 128);
    expect(verifyMessageRecovery(alternative, modulus, exponent, M2)).toMatchObject({ ok: true, hash: 'SHA-256' });
  });

  it('reports a hash mismatch when M2 differs', () => {
    const f = messageRepresentative(1024, 'SHA-1', new Uint8Array(106), M2);
    expect(verifyMessageRecovery(rawSign(f), modulus, exponent, fromHex('0000000000000000'))).toEqual({ ok: false, reason: 'hash-mismatch' });
  });

  it('reports a bad representative for a wrong header or trailer', () => {
    const f = messageRepresentative(1024, 'SHA-1', new Uint8Array(106), M2);
    const badHeader = f.slice();
    badHeader[0] = 0x4a;
    expect(verifyMessageRecovery(rawSign(badHeader), modulus, exponent, M2)).toEqual({ ok: false, reason: 'bad-representative' });
    const badTrailer = f.slice();
    badTrailer[127] = 0xdc;
    expect(verifyMessageRecovery(rawSign(badTrailer), modulus, exponent, M2)).toEqual({ ok: false, reason: 'bad-representative' });
  });

  it('reports an unknown hash identifier in a two-byte trailer', () => {
    const f = messageRepresentative(1024, 'SHA-256', new Uint8Array(recoverableCapacity(1024, 'SHA-256', true)), M2);
    f[126] = 0x3f;
    expect(verifyMessageRecovery(rawSign(f), modulus, exponent, M2)).toEqual({ ok: false, reason: 'unknown-hash' });
  });

  it('accepts BB padding ended by BA before a shorter M1', () => {
    const m1 = new Uint8Array(102).fill(0x22);
    const f = new Uint8Array(128);
    f.set([0x6b, 0xbb, 0xbb, 0xbb, 0xba]);
    f.set(m1, 5);
    f.set(createHash('sha1').update(m1).update(M2).digest(), 107);
    f[127] = 0xbc;
    expect(verifyMessageRecovery(rawSign(f), modulus, exponent, M2)).toEqual({ ok: true, hash: 'SHA-1', m1 });
  });

  it('refuses a signature not below the modulus', () => {
    expect(verifyMessageRecovery(modulus, modulus, exponent, M2)).toEqual({ ok: false, reason: 'signature-out-of-range' });
    expect(verifyMessageRecovery(new Uint8Array(128), modulus, exponent, M2)).toEqual({ ok: false, reason: 'signature-out-of-range' });
  });
});
