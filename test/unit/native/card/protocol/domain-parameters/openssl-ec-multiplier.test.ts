import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EcGroup, type EcPoint } from '../../../../../../native/card/protocol/domain-parameters/ec-group.ts';
import { OpenSslEcMultiplier } from '../../../../../../native/card/protocol/domain-parameters/openssl-ec-multiplier.ts';
import { standardCurveId, standardDomainParameters, type StandardCurveName } from '../../../../../../native/card/protocol/domain-parameters/standard-domain-parameters.ts';
import { toHex } from '../../../../../../native/util/bytes.ts';

const CURVES: readonly StandardCurveName[] = [
  'secp192r1',
  'brainpoolP192r1',
  'secp224r1',
  'brainpoolP224r1',
  'secp256r1',
  'brainpoolP256r1',
  'brainpoolP320r1',
  'secp384r1',
  'brainpoolP384r1',
  'brainpoolP512r1',
  'secp521r1',
];

const curve = (name: StandardCurveName) => standardDomainParameters(standardCurveId(name)) as EcGroup;

/** Encoded product, or 'identity' (encodePublicKey refuses the point at infinity). */
function product(group: EcGroup, point: EcPoint, k: bigint): string {
  const result = group.multiply(point, k);
  return group.isIdentity(result) ? 'identity' : toHex(group.encodePublicKey(result));
}

/** Scalars over [0, 2n]: the interesting edges, and random values (some above n, which reduce mod n). */
const scalars = (n: bigint) => fc.oneof(fc.constantFrom(0n, 1n, 2n, n - 1n, n, n + 1n), fc.bigInt({ min: 0n, max: 2n * n }));

describe('EcGroup.multiply on OpenSSL', () => {
  for (const name of CURVES) {
    describe(name, () => {
      const group = curve(name);
      const reference = group.withoutOpenSsl();

      it('runs on OpenSSL', () => {
        expect(group.usesOpenSsl).toBe(true);
        expect(reference.usesOpenSsl).toBe(false);
      });

      it('gives the same multiples of the standard generator as @noble/curves', () => {
        fc.assert(
          fc.property(scalars(group.order), (k) => {
            expect(product(group, group.generator, k)).toBe(product(reference, reference.generator, k));
          }),
          { numRuns: 12 },
        );
      });

      it('gives the same multiples of an arbitrary point, as the mapped generator of PACE, as @noble/curves', () => {
        fc.assert(
          fc.property(fc.bigInt({ min: 2n, max: group.order - 1n }), scalars(group.order), (j, k) => {
            const point = reference.multiply(reference.generator, j);
            const mapped = group.withGenerator(point);
            expect(mapped.usesOpenSsl).toBe(true);
            expect(product(mapped, mapped.generator, k)).toBe(product(reference, point, k));
          }),
          { numRuns: 8 },
        );
      });
    });
  }

  it('agrees on a PACE-style shared secret computed from both sides', () => {
    const group = curve('brainpoolP256r1');
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: group.order - 1n }), fc.bigInt({ min: 1n, max: group.order - 1n }), (a, b) => {
        const secretA = group.sharedSecret(group.multiply(group.multiply(group.generator, b), a));
        const secretB = group.withoutOpenSsl().sharedSecret(group.withoutOpenSsl().multiply(group.multiply(group.generator, a), b));
        expect(toHex(secretA)).toBe(toHex(secretB));
      }),
      { numRuns: 8 },
    );
  });

  it('leaves curves that are not standard to @noble/curves', () => {
    const standard = curve('brainpoolP256r1');
    const explicit = EcGroup.create('explicit 256-bit curve', standard.parameters);
    expect(explicit.usesOpenSsl).toBe(false);
    expect(product(explicit, explicit.generator, 12345n)).toBe(product(standard, standard.generator, 12345n));
  });

  it('is not used when a curve OID comes with other parameters', () => {
    const brainpool = curve('brainpoolP256r1');
    const nist = curve('secp256r1');
    const mislabelled = EcGroup.create('mislabelled', nist.parameters, { curveOid: brainpool.curveOid! });
    expect(mislabelled.usesOpenSsl).toBe(false);
    expect(OpenSslEcMultiplier.forCurve(brainpool.curveOid!, nist.parameters, nist.encodePublicKey(nist.multiply(nist.generator, 2n)))).toBeUndefined();
    expect(product(mislabelled, mislabelled.generator, 777n)).toBe(product(nist, nist.generator, 777n));
  });

  it('does not know curves outside ICAO 9303-11 Table 9', () => {
    const group = curve('brainpoolP256r1');
    const double = group.encodePublicKey(group.multiply(group.generator, 2n));
    expect(OpenSslEcMultiplier.forCurve('1.3.132.0.10', group.parameters, double)).toBeUndefined();
  });

  it('refuses, rather than multiplies, a point that is not on the curve', () => {
    const group = curve('brainpoolP256r1');
    const multiplier = OpenSslEcMultiplier.forCurve(group.curveOid!, group.parameters, group.encodePublicKey(group.multiply(group.generator, 2n)))!;
    const offCurve = group.encodePublicKey(group.multiply(group.generator, 5n));
    offCurve[64]! ^= 1;
    expect(() => multiplier.multiplyPoint(offCurve, 3n)).toThrow();
    expect(() => multiplier.multiplyGenerator(group.order)).toThrow();
  });
});
