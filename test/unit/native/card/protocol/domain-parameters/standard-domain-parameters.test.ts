import { createECDH } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../../native/card/errors.ts';
import { DhGroup } from '../../../../../../native/card/protocol/domain-parameters/dh-group.ts';
import { EcGroup, type EcPoint } from '../../../../../../native/card/protocol/domain-parameters/ec-group.ts';
import type { KeyAgreementGroup } from '../../../../../../native/card/protocol/domain-parameters/key-agreement-group.ts';
import {
  STANDARD_DOMAIN_PARAMETER_IDS,
  standardCurveId,
  standardDomainParameters,
} from '../../../../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { bytesToBigInt, fromHex, toHex } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';

/** OpenSSL's names for the curves of ICAO 9303-11 Table 9, by id. */
const OPENSSL_NAMES: Readonly<Record<number, string>> = {
  8: 'prime192v1',
  9: 'brainpoolP192r1',
  10: 'secp224r1',
  11: 'brainpoolP224r1',
  12: 'prime256v1',
  13: 'brainpoolP256r1',
  14: 'brainpoolP320r1',
  15: 'secp384r1',
  16: 'brainpoolP384r1',
  17: 'brainpoolP512r1',
  18: 'secp521r1',
};

describe('standardDomainParameters', () => {
  it('knows ids 0-2 and 8-18 of ICAO 9303-11 Table 9', () => {
    expect(STANDARD_DOMAIN_PARAMETER_IDS).toEqual([0, 1, 2, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(standardCurveId('brainpoolP256r1')).toBe(13);
  });

  for (const [id, name] of Object.entries(OPENSSL_NAMES)) {
    it(`computes the same public keys as OpenSSL on ${name} (id ${id})`, () => {
      const group = standardDomainParameters(Number(id)) as EcGroup;
      expect(group).toBeInstanceOf(EcGroup);
      const ecdh = createECDH(name);
      ecdh.generateKeys();
      const mine = group.multiply(group.generator, bytesToBigInt(ecdh.getPrivateKey()));
      expect(toHex(group.encodePublicKey(mine))).toBe(toHex(ecdh.getPublicKey()));
      expect(group.isIdentity(group.multiply(group.generator, group.order))).toBe(true);
    });
  }

  it('holds the RFC 5114 §2.1 group of the Appendix G.2 example as id 0', () => {
    const v = loadVector<{ group: { p: string; g: string; q: string } }>('pace_9303p11_appG2_dh_gm.json');
    const group = standardDomainParameters(0) as DhGroup;
    expect(group).toBeInstanceOf(DhGroup);
    expect(group.parameters).toEqual({ p: BigInt(`0x${v.group.p}`), g: BigInt(`0x${v.group.g}`), q: BigInt(`0x${v.group.q}`) });
  });

  it('holds 2048-bit groups with 224- and 256-bit subgroups as ids 1 and 2', () => {
    for (const [id, qBits] of [[1, 224], [2, 256]] as const) {
      const group = standardDomainParameters(id);
      expect([group.prime.toString(2).length, group.order.toString(2).length]).toEqual([2048, qBits]);
      expect(group.publicKeyLength).toBe(256);
    }
  });

  it('refuses reserved and proprietary ids as UNSUPPORTED', () => {
    for (const id of [3, 7, 19, 32]) expect(() => standardDomainParameters(id)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
  });
});

describe('EcGroup', () => {
  const group = standardDomainParameters(13) as KeyAgreementGroup<EcPoint>;

  it('round-trips public keys of any private key', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: group.order - 1n }), (k) => {
        const p = group.multiply(group.generator, k);
        expect(group.equals(group.decodePublicKey(group.encodePublicKey(p)), p)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('rejects points that are not uncompressed points of the curve', () => {
    const valid = group.encodePublicKey(group.multiply(group.generator, 5n));
    const offCurve = valid.slice();
    offCurve[64]! ^= 1;
    const compressed = Uint8Array.of(0x02, ...valid.subarray(1, 33));
    const xTooBig = valid.slice();
    xTooBig.fill(0xff, 1, 33);
    for (const bad of [offCurve, compressed, xTooBig, valid.subarray(0, 64), new Uint8Array(65), Uint8Array.of(0)]) {
      expect(() => group.decodePublicKey(bad)).toThrow(MalformedDataError);
    }
  });

  it('does not encode the point at infinity nor take it as a generator', () => {
    const infinity = group.multiply(group.generator, 0n);
    expect(group.isIdentity(infinity)).toBe(true);
    expect(() => group.encodePublicKey(infinity)).toThrow(MalformedDataError);
    expect(() => group.sharedSecret(infinity)).toThrow(MalformedDataError);
    expect(() => group.withGenerator(infinity)).toThrow(MalformedDataError);
  });

  it('draws private keys in [1, n-1] from the random source, masking surplus bits', () => {
    const key = fromHex('FF'.repeat(32));
    const draws = [key, fromHex(`00${'11'.repeat(31)}`)];
    expect(group.randomPrivateKey(() => draws.shift()!)).toBe(bytesToBigInt(fromHex(`00${'11'.repeat(31)}`)));
  });

  it('rejects parameters that describe no curve', () => {
    const p = (group as unknown as EcGroup).parameters;
    expect(() => EcGroup.create('broken', { ...p, gy: p.gy + 1n })).toThrow(MalformedDataError);
  });
});

describe('DhGroup', () => {
  const group = standardDomainParameters(0) as KeyAgreementGroup<bigint>;

  it('round-trips public keys and agrees on shared secrets', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: group.order - 1n }), fc.bigInt({ min: 1n, max: group.order - 1n }), (a, b) => {
        const pa = group.decodePublicKey(group.encodePublicKey(group.multiply(group.generator, a)));
        const pb = group.multiply(group.generator, b);
        expect(toHex(group.sharedSecret(group.multiply(pb, a)))).toBe(toHex(group.sharedSecret(group.multiply(pa, b))));
      }),
      { numRuns: 10 },
    );
  });

  it('rejects values outside the prime-order subgroup', () => {
    const p = group.prime;
    const enc = (v: bigint) => fromHex(v.toString(16).padStart(256, '0'));
    for (const bad of [0n, 1n, 2n, p - 1n]) expect(() => group.decodePublicKey(enc(bad))).toThrow(MalformedDataError);
    expect(() => group.decodePublicKey(new Uint8Array(129).fill(1))).toThrow(MalformedDataError);
    expect(() => group.decodePublicKey(new Uint8Array(0))).toThrow(MalformedDataError);
  });

  it('accepts a public key sent without leading zero bytes', () => {
    let k = 1n;
    let y = group.multiply(group.generator, k);
    while (y >= 1n << 1016n) y = group.multiply(group.generator, ++k);
    const encoded = group.encodePublicKey(y);
    expect(encoded[0]).toBe(0);
    expect(group.decodePublicKey(encoded.subarray(1))).toBe(y);
  });

  it('rejects inconsistent parameters', () => {
    const p = (group as unknown as DhGroup).parameters;
    expect(() => DhGroup.create('broken', { ...p, q: p.q + 2n })).toThrow(MalformedDataError);
    expect(() => DhGroup.create('broken', { ...p, g: 1n })).toThrow(MalformedDataError);
  });
});
