// Scalar multiplication on OpenSSL (node:crypto) for the standard curves: the fast path of EcGroup.multiply.
// @noble/curves' constant-time multiply takes ~7 ms on an arbitrary brainpoolP256r1 point; OpenSSL does
// the same in ~1 ms. Both paths here are constant-time in the scalar: OpenSSL computes every
// single-point product k·P on a curve with known order and cofactor with its Montgomery ladder
// (ec_scalar_mul_ladder, crypto/ec/ec_mult.c), or with the dedicated constant-time code of P-256.
//
// - k·G (the curve's standard generator): ECDH.setPrivateKey(k) derives the public key k·G.
// - k·P (any other point, e.g. the PACE mapped generator or the chip's mapping key): an SEC 1
//   ECPrivateKey (RFC 5915) holding k, with explicit ECParameters whose base point is P and without a
//   public key; OpenSSL derives the "public key" k·P on import, and the SPKI export carries it.
//   P must be a point of the prime-order group (every point, as all standard curves have cofactor 1).

import { createECDH, createPrivateKey, createPublicKey, getCurves } from 'node:crypto';
import { derContext, derInteger, derOctetString, derOid, derSequence } from '../../asn1/der-writer.ts';
import { concat, equal, uintBE } from '../../../util/bytes.ts';
import type { EcCurveParameters } from './ec-group.ts';
import { byteLength } from './modular.ts';

/** OpenSSL's names of the curves of ICAO 9303-11 Table 9, by curve OID (RFC 5480, RFC 5639). */
const OPENSSL_CURVE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  '1.2.840.10045.3.1.1': 'prime192v1',
  '1.3.36.3.3.2.8.1.1.3': 'brainpoolP192r1',
  '1.3.132.0.33': 'secp224r1',
  '1.3.36.3.3.2.8.1.1.5': 'brainpoolP224r1',
  '1.2.840.10045.3.1.7': 'prime256v1',
  '1.3.36.3.3.2.8.1.1.7': 'brainpoolP256r1',
  '1.3.36.3.3.2.8.1.1.9': 'brainpoolP320r1',
  '1.3.132.0.34': 'secp384r1',
  '1.3.36.3.3.2.8.1.1.11': 'brainpoolP384r1',
  '1.3.36.3.3.2.8.1.1.13': 'brainpoolP512r1',
  '1.3.132.0.35': 'secp521r1',
});

const PRIME_FIELD = '1.2.840.10045.1.1';

export class OpenSslEcMultiplier {
  private readonly fieldLength: number;
  private readonly scalarLength: number;
  /** ECParameters (SEC 1 §C.2) before and after the base point, which changes per call. */
  private readonly parametersHead: Uint8Array;
  private readonly parametersTail: Uint8Array;

  private constructor(
    /** The OpenSSL curve name. */
    readonly curveName: string,
    parameters: EcCurveParameters,
  ) {
    const { p, a, b, n, h } = parameters;
    this.fieldLength = byteLength(p);
    this.scalarLength = byteLength(n);
    this.parametersHead = concat(
      derInteger(1),
      derSequence(derOid(PRIME_FIELD), derInteger(p)),
      derSequence(derOctetString(uintBE(a, this.fieldLength)), derOctetString(uintBE(b, this.fieldLength))),
    );
    this.parametersTail = concat(derInteger(n), derInteger(h));
    Object.freeze(this);
  }

  /**
   * The multiplier for a named curve, or undefined when OpenSSL does not know the curve or its generator
   * or double of the generator differ from `parameters` (`double` is 2·G in 04‖X‖Y, computed by the
   * caller) — a safety net against a curve OID attached to other parameters.
   */
  static forCurve(curveOid: string, parameters: EcCurveParameters, double: Uint8Array): OpenSslEcMultiplier | undefined {
    const curveName = OPENSSL_CURVE_NAMES[curveOid];
    if (curveName === undefined || !getCurves().includes(curveName) || parameters.h !== 1n) return undefined;
    const multiplier = new OpenSslEcMultiplier(curveName, parameters);
    const length = multiplier.fieldLength;
    const generator = concat(Uint8Array.of(0x04), uintBE(parameters.gx, length), uintBE(parameters.gy, length));
    try {
      if (!equal(multiplier.multiplyGenerator(1n), generator) || !equal(multiplier.multiplyGenerator(2n), double)) return undefined;
      if (!equal(multiplier.multiplyPoint(generator, 2n), double)) return undefined;
    } catch {
      return undefined;
    }
    return multiplier;
  }

  /** k·G for the standard generator G, 04‖X‖Y. `k` must be in [1, n - 1]; OpenSSL throws otherwise. */
  multiplyGenerator(k: bigint): Uint8Array {
    const ecdh = createECDH(this.curveName);
    const scalar = uintBE(k, this.scalarLength);
    try {
      ecdh.setPrivateKey(scalar);
    } finally {
      scalar.fill(0);
    }
    return new Uint8Array(ecdh.getPublicKey());
  }

  /**
   * k·P for a point P (04‖X‖Y) of the curve, 04‖X‖Y. `k` must be in [1, n - 1]. Throws when OpenSSL
   * refuses the key (P off the curve, k out of range).
   */
  multiplyPoint(point: Uint8Array, k: bigint): Uint8Array {
    const parameters = derSequence(this.parametersHead, derOctetString(point), this.parametersTail);
    // RFC 5915 ECPrivateKey { version 1, privateKey, [0] parameters }; no publicKey, so OpenSSL derives it.
    const der = derSequence(derInteger(1), derOctetString(uintBE(k, this.scalarLength)), derContext(0, parameters));
    let spki: Uint8Array;
    try {
      const privateKey = createPrivateKey({ key: Buffer.from(der.buffer, der.byteOffset, der.byteLength), format: 'der', type: 'sec1' });
      spki = new Uint8Array(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }));
    } finally {
      der.fill(0);
    }
    // The SPKI ends with the BIT STRING of the uncompressed point.
    const pointLength = 1 + 2 * this.fieldLength;
    const product = spki.slice(spki.length - pointLength);
    if (product[0] !== 0x04 || spki[spki.length - pointLength - 1] !== 0x00) throw new RangeError('OpenSSL returned no uncompressed point');
    return product;
  }
}
