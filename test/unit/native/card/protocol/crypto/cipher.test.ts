import { createCipheriv, createDecipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aesCmac, AesCmacKey, CbcKey, desCbc, RetailMacKey } from '../../../../../../native/card/protocol/crypto/cipher.ts';
import { concat, fromHex, toHex } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';
import { BAC_VECTOR_FILE, type BacVector } from '../secure-messaging/bac-vector.ts';

const v = loadVector<BacVector>(BAC_VECTOR_FILE);

/** A fresh OpenSSL context per call: the behaviour the kept-open contexts must reproduce. */
function freshCbc(algorithm: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array, encrypt: boolean): string {
  const c = encrypt ? createCipheriv(algorithm, key, iv) : createDecipheriv(algorithm, key, iv);
  c.setAutoPadding(false);
  return toHex(concat(c.update(data), c.final()));
}

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const blocks = (size: number) => fc.integer({ min: 0, max: 20 }).chain((n) => bytes(n * size));

describe('CbcKey', () => {
  for (const [name, blockSize, keyLength, algorithm, create] of [
    ['AES-128', 16, 16, 'aes-128-cbc', CbcKey.aes],
    ['AES-256', 16, 32, 'aes-256-cbc', CbcKey.aes],
    ['2-key 3DES', 8, 16, 'des-ede-cbc', CbcKey.tdes],
  ] as const) {
    it(`gives ${name} the outputs of a fresh context per message, over a session of mixed messages`, () => {
      const message = fc.record({ iv: bytes(blockSize), data: blocks(blockSize), encrypt: fc.boolean() });
      fc.assert(
        fc.property(bytes(keyLength), fc.array(message, { minLength: 1, maxLength: 12 }), (key, messages) => {
          const kept = create(key);
          for (const { iv, data, encrypt } of messages) {
            const out = encrypt ? kept.encrypt(iv, data) : kept.decrypt(iv, data);
            expect(toHex(out)).toBe(freshCbc(algorithm, key, iv, data, encrypt));
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  it('encrypts single blocks as ECB does', () => {
    const key = fromHex('2B7E151628AED2A6ABF7158809CF4F3C');
    const aes = CbcKey.aes(key);
    // FIPS 197 / SP 800-38A F.1.1 ECB-AES128 block 1, asked twice to cross the kept chaining value.
    for (let i = 0; i < 2; i++) expect(toHex(aes.encryptBlock(fromHex('6BC1BEE22E409F96E93D7E117393172A')))).toBe('3AD77BB40D7A3660A89ECAF32466EF97');
  });

  it('refuses data that is not whole blocks, IVs of the wrong length and keys of the wrong length', () => {
    const aes = CbcKey.aes(new Uint8Array(16));
    expect(() => aes.encrypt(new Uint8Array(16), new Uint8Array(15))).toThrow(RangeError);
    expect(() => aes.decrypt(new Uint8Array(8), new Uint8Array(16))).toThrow(RangeError);
    expect(() => CbcKey.aes(new Uint8Array(15))).toThrow(RangeError);
    expect(() => CbcKey.tdes(new Uint8Array(8))).toThrow(RangeError);
    expect(() => CbcKey.des(new Uint8Array(16))).toThrow(RangeError);
  });
});

describe('AesCmacKey', () => {
  // NIST SP 800-38B Appendix D.1 (RFC 4493 §4), AES-128.
  const key = fromHex('2B7E151628AED2A6ABF7158809CF4F3C');
  const message = fromHex(
    '6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E5130C81C46A35CE411E5FBC1191A0A52EFF69F2445DF4F9B17AD2B417BE66C3710',
  );
  const examples = [
    [0, 'BB1D6929E95937287FA37D129B756746'],
    [16, '070A16B46B4D4144F79BDD9DD04A287C'],
    [40, 'DFA66747DE9AE63030CA32611497C827'],
    [64, '51F0BEBF7E3B9D92FC49741779363CFE'],
  ] as const;

  it('computes the SP 800-38B examples, in any order, under one key', () => {
    const cmac = new AesCmacKey(key);
    for (const [length, tag] of [...examples, ...examples.slice().reverse()]) expect(toHex(cmac.mac(message.subarray(0, length)))).toBe(tag);
  });

  it('gives the same tags as a fresh key per message', () => {
    fc.assert(
      fc.property(bytes(16), fc.array(fc.uint8Array({ maxLength: 80 }), { minLength: 1, maxLength: 8 }), (k, messages) => {
        const cmac = new AesCmacKey(k);
        for (const m of messages) expect(toHex(cmac.mac(m))).toBe(toHex(aesCmac(k, m)));
      }),
      { numRuns: 30 },
    );
  });
});

describe('RetailMacKey', () => {
  /** ISO/IEC 9797-1 MAC algorithm 3 from fresh single-DES contexts. */
  function reference(key16: Uint8Array, padded: Uint8Array): string {
    const zero = new Uint8Array(8);
    const cbc = desCbc(key16.subarray(0, 8), zero, padded, true);
    const d = desCbc(key16.subarray(8), zero, cbc.subarray(cbc.length - 8), false);
    return toHex(desCbc(key16.subarray(0, 8), zero, d, true));
  }

  it('gives the same MACs as fresh contexts per message, over a session', () => {
    fc.assert(
      fc.property(bytes(16), fc.array(fc.integer({ min: 1, max: 10 }).chain((n) => bytes(n * 8)), { minLength: 1, maxLength: 8 }), (k, messages) => {
        const mac = new RetailMacKey(k);
        for (const m of messages) expect(toHex(mac.mac(m))).toBe(reference(k, m));
      }),
      { numRuns: 30 },
    );
  });

  it('computes every command and response MAC of ICAO 9303-11 Appendix D.4 under one key', () => {
    const mac = new RetailMacKey(fromHex(v.session_keys.ks_mac));
    for (const step of v.secure_messaging) {
      expect(toHex(mac.mac(fromHex(step.n)))).toBe(step.cc);
      expect(toHex(mac.mac(fromHex(step.k)))).toBe(step.response_cc);
    }
  });
});
