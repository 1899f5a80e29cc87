import { generateKeyPairSync, type KeyPairKeyObjectResult } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { DG15_TAG, encodeDg15, parseDg15 } from '../../../../../native/card/lds/dg15.ts';
import { encodeTlv } from '../../../../../native/card/lds/tlv.ts';
import { toHex } from '../../../../../native/util/bytes.ts';
import { explicitSpki } from '../protocol/ca/explicit-ec-parameters.ts';

/** @types/node 20 lacks the 'dh' overload that Node 20 implements. */
const dhPair = generateKeyPairSync as unknown as (
  type: 'dh',
  options: { readonly group?: string; readonly prime?: Buffer; readonly generator?: number },
) => KeyPairKeyObjectResult;

const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
const brainpool = generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' }).publicKey;
const dh = dhPair('dh', { group: 'modp2' }).publicKey;

function spkiOf(key: typeof rsa1024): Uint8Array {
  return new Uint8Array(key.export({ type: 'spki', format: 'der' }));
}

describe('parseDg15', () => {
  it.each([
    ['RSA 1024', rsa1024, 'RSA', 1024, undefined],
    ['RSA 2048', rsa2048, 'RSA', 2048, undefined],
    ['EC P-256', p256, 'EC', 256, 'prime256v1'],
    ['EC brainpoolP256r1', brainpool, 'EC', 256, 'brainpoolP256r1'],
  ] as const)('round-trips an %s key', (_name, key, algorithm, bits, curve) => {
    const bytes = encodeDg15(key);
    const info = parseDg15(bytes);
    expect(info.algorithm).toBe(algorithm);
    expect(info.bits).toBe(bits);
    expect(info.curve).toBe(curve);
    expect(toHex(info.spki)).toBe(toHex(spkiOf(key)));
    expect(info.keyObject.equals(key)).toBe(true);
    expect(toHex(encodeDg15(info.spki))).toBe(toHex(bytes));
    expect(Object.isFrozen(info)).toBe(true);
  });

  it('reads an EC key with explicit domain parameters and names its curve', () => {
    const spki = explicitSpki(brainpool, 'brainpoolP256r1');
    const info = parseDg15(encodeDg15(spki));
    expect(info.curve).toBe('brainpoolP256r1');
    expect(info.bits).toBe(256);
    expect(toHex(info.spki)).toBe(toHex(spki));
    expect(info.keyObject.equals(brainpool)).toBe(true);
  });

  it('ignores file padding after the 6F object', () => {
    const bytes = encodeDg15(p256);
    const padded = new Uint8Array(bytes.length + 4).fill(0xff);
    padded.set(bytes);
    expect(parseDg15(padded).curve).toBe('prime256v1');
  });

  it('refuses a DH key, which cannot sign', () => {
    expect(() => parseDg15(encodeDg15(dh))).toThrow(MalformedDataError);
  });

  it('refuses another tag, a truncated file and bytes after the key inside 6F', () => {
    const bytes = encodeDg15(p256);
    expect(() => parseDg15(encodeTlv(0x6e, spkiOf(p256)))).toThrow(MalformedDataError);
    expect(() => parseDg15(bytes.subarray(0, bytes.length - 1))).toThrow(MalformedDataError);
    expect(() => parseDg15(encodeTlv(DG15_TAG, spkiOf(p256), Uint8Array.of(0x05, 0x00)))).toThrow(MalformedDataError);
  });

  it('refuses an EC point that is not on the curve', () => {
    const spki = spkiOf(p256);
    spki[spki.length - 1]! ^= 0x01;
    expect(() => parseDg15(encodeTlv(DG15_TAG, spki))).toThrow(MalformedDataError);
  });

  it('throws only MalformedDataError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseDg15(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(MalformedDataError);
        }
      }),
    );
  });

  it('either parses or throws MalformedDataError when a valid DG15 is damaged', () => {
    const bytes = encodeDg15(brainpool);
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (offset, flip) => {
        const damaged = bytes.slice();
        damaged[offset]! ^= flip;
        try {
          expect(parseDg15(damaged).algorithm).toBe('EC');
        } catch (err) {
          expect(err).toBeInstanceOf(MalformedDataError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
