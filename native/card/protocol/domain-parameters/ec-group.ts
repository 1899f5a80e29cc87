// ECDH groups over prime fields (BSI TR-03111 §2.3), on @noble/curves' Weierstrass arithmetic. The
// same class serves the standard curves, the PACE mapped generators and explicit ECParameters. On the
// standard curves, scalar multiplication runs on OpenSSL (openssl-ec-multiplier.ts), about five times
// faster and just as constant-time; explicit curves, and any OpenSSL refusal, take @noble/curves.

import { weierstrass, type WeierstrassPoint, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { bytesToBigInt, concat, uintBE } from '../../../util/bytes.ts';
import { CardError, MalformedDataError } from '../../errors.ts';
import type { KeyAgreementGroup } from './key-agreement-group.ts';
import { byteLength, mod, modInverse, modPow, randomBelow } from './modular.ts';
import { OpenSslEcMultiplier } from './openssl-ec-multiplier.ts';

export type EcPoint = WeierstrassPoint<bigint>;

export interface EcCurveParameters {
  readonly p: bigint;
  readonly a: bigint;
  readonly b: bigint;
  readonly gx: bigint;
  readonly gy: bigint;
  readonly n: bigint;
  readonly h: bigint;
}

const STEP = 'domainParameters.ec';

export class EcGroup implements KeyAgreementGroup<EcPoint> {
  readonly kind = 'ECDH' as const;
  readonly prime: bigint;
  readonly order: bigint;
  readonly publicKeyLength: number;
  /** Bytes of one coordinate (|p|). */
  readonly fieldLength: number;

  private constructor(
    readonly name: string,
    readonly standardId: number | undefined,
    /** The named-curve OID (RFC 5480 / RFC 5639), when there is one. */
    readonly curveOid: string | undefined,
    readonly parameters: EcCurveParameters,
    private readonly Point: WeierstrassPointCons<bigint>,
    readonly generator: EcPoint,
    /** The OpenSSL fast path, for the standard curves OpenSSL knows. */
    private readonly native: OpenSslEcMultiplier | undefined,
  ) {
    this.prime = parameters.p;
    this.order = parameters.n;
    this.fieldLength = byteLength(parameters.p);
    this.publicKeyLength = 1 + 2 * this.fieldLength;
    Object.freeze(this);
  }

  /**
   * A curve from its parameters. Throws MalformedDataError when they do not describe a curve (the
   * generator off the curve, a singular curve), which matters for explicit parameters read from a chip.
   */
  static create(name: string, parameters: EcCurveParameters, ids: { standardId?: number; curveOid?: string } = {}): EcGroup {
    let Point: WeierstrassPointCons<bigint>;
    try {
      Point = weierstrass({ p: parameters.p, n: parameters.n, h: parameters.h, a: parameters.a, b: parameters.b, Gx: parameters.gx, Gy: parameters.gy });
    } catch (err) {
      throw new MalformedDataError('invalid elliptic curve parameters', { step: STEP, cause: err });
    }
    const frozen = Object.freeze({ ...parameters });
    const native = ids.curveOid === undefined ? undefined : OpenSslEcMultiplier.forCurve(ids.curveOid, frozen, encodeUncompressed(Point.BASE.double(), byteLength(parameters.p)));
    return new EcGroup(name, ids.standardId, ids.curveOid, frozen, Point, Point.BASE, native);
  }

  /** The same curve's group with OpenSSL turned off: the reference the fast path is tested against. */
  withoutOpenSsl(): EcGroup {
    return new EcGroup(this.name, this.standardId, this.curveOid, this.parameters, this.Point, this.generator, undefined);
  }

  /** Whether `multiply` runs on OpenSSL. */
  get usesOpenSsl(): boolean {
    return this.native !== undefined;
  }

  /** Constant-time in `scalar` on both paths (OpenSSL's ladder, or @noble/curves' multiply). */
  multiply(element: EcPoint, scalar: bigint): EcPoint {
    const k = mod(scalar, this.order);
    if (k === 0n) return this.Point.ZERO;
    if (this.native !== undefined && !element.is0()) {
      try {
        const product = element.equals(this.Point.BASE)
          ? this.native.multiplyGenerator(k)
          : this.native.multiplyPoint(encodeUncompressed(element, this.fieldLength), k);
        return this.decodePublicKey(product);
      } catch {
        // OpenSSL refused (it should not for a valid point and scalar): the reference path is always right.
      }
    }
    return element.multiply(k);
  }

  combine(a: EcPoint, b: EcPoint): EcPoint {
    return a.add(b);
  }

  equals(a: EcPoint, b: EcPoint): boolean {
    return a.equals(b);
  }

  isIdentity(element: EcPoint): boolean {
    return element.is0();
  }

  withGenerator(generator: EcPoint): EcGroup {
    this.requireFinite(generator);
    return new EcGroup(this.name, this.standardId, this.curveOid, this.parameters, this.Point, generator, this.native);
  }

  encodePublicKey(element: EcPoint): Uint8Array {
    this.requireFinite(element);
    return encodeUncompressed(element, this.fieldLength);
  }

  /** Accepts only the uncompressed form 04‖X‖Y of a point on the curve, in the subgroup, not infinity. */
  decodePublicKey(bytes: Uint8Array): EcPoint {
    if (bytes.length !== this.publicKeyLength || bytes[0] !== 0x04) {
      throw new MalformedDataError(`EC public key of ${bytes.length} bytes is not an uncompressed ${this.name} point`, { step: STEP });
    }
    const x = bytesToBigInt(bytes.subarray(1, 1 + this.fieldLength));
    const y = bytesToBigInt(bytes.subarray(1 + this.fieldLength));
    if (x >= this.prime || y >= this.prime) throw new MalformedDataError('EC point coordinate not in the field', { step: STEP });
    try {
      const point = this.Point.fromAffine({ x, y });
      point.assertValidity();
      return point;
    } catch (err) {
      throw new MalformedDataError('EC point is not on the curve', { step: STEP, cause: err });
    }
  }

  /**
   * A static key's point as a SubjectPublicKeyInfo may carry it (BSI TR-03111 §3.2.1, X9.62 §4.3.6):
   * compressed 02/03‖X as well as 04‖X‖Y, then validated as by `decodePublicKey`.
   */
  decodeEncodedPoint(bytes: Uint8Array): EcPoint {
    if (bytes.length !== 1 + this.fieldLength || (bytes[0] !== 0x02 && bytes[0] !== 0x03)) return this.decodePublicKey(bytes);
    let point: EcPoint;
    try {
      point = this.Point.fromBytes(bytes);
    } catch (err) {
      throw new MalformedDataError('compressed EC point is not on the curve', { step: STEP, cause: err });
    }
    return this.decodePublicKey(encodeUncompressed(point, this.fieldLength));
  }

  sharedSecret(element: EcPoint): Uint8Array {
    this.requireFinite(element);
    return uintBE(element.toAffine().x, this.fieldLength);
  }

  randomPrivateKey(random: (n: number) => Uint8Array): bigint {
    return randomBelow(this.order, random);
  }

  /**
   * The point encoding f_G of ICAO 9303-11 §4.4.3.3.2 (Integrated Mapping; a simplified SWU map of
   * Brier et al.), defined for p ≡ 3 mod 4, followed by cofactor multiplication.
   */
  mapToGroup(t: bigint): EcPoint {
    const { p, a, b, h } = this.parameters;
    if (p % 4n !== 3n) throw new CardError('UNSUPPORTED', `${this.name} does not support the integrated mapping`, { step: STEP });
    const tt = mod(t, p);
    const alpha = mod(-tt * tt, p);
    const denominator = mod(alpha * alpha + alpha, p);
    if (denominator === 0n || a === 0n) throw new MalformedDataError('integrated mapping input has no image', { step: STEP });
    const x2 = mod(-b * modInverse(a, p) * (1n + modInverse(denominator, p)), p);
    const x3 = mod(alpha * x2, p);
    const h2 = mod(x2 * x2 * x2 + a * x2 + b, p);
    const u = mod(tt * tt * tt * h2, p);
    const A = modPow(h2, p - 1n - (p + 1n) / 4n, p);
    const [x, y] = mod(A * A * h2, p) === 1n ? [x2, mod(A * h2, p)] : [x3, mod(A * u, p)];
    const point = this.Point.fromAffine({ x, y });
    const mapped = h === 1n ? point : point.multiplyUnsafe(h);
    try {
      mapped.assertValidity();
    } catch (err) {
      throw new MalformedDataError('integrated mapping produced an invalid point', { step: STEP, cause: err });
    }
    return mapped;
  }

  private requireFinite(element: EcPoint): void {
    if (element.is0()) throw new MalformedDataError('point at infinity', { step: STEP });
  }
}

function encodeUncompressed(point: EcPoint, fieldLength: number): Uint8Array {
  const { x, y } = point.toAffine();
  return concat(Uint8Array.of(0x04), uintBE(x, fieldLength), uintBE(y, fieldLength));
}
