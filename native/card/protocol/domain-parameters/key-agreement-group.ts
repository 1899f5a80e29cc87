// The group a PACE or chip-authentication key agreement runs in: an elliptic curve (ECDH) or a
// prime-order subgroup of Z*p (DH). PACE is written once against this interface (ICAO 9303-11 §4.4).

import type { KeyAgreement } from '../../lds/security-infos/security-info-oids.ts';

/**
 * Group operations for key agreement. `E` is the element type (a curve point or a residue); code that
 * does not care uses `KeyAgreementGroup` (E = unknown) and only passes elements back to the same group.
 *
 * Obligations: `decodePublicKey` returns only valid elements of the prime-order subgroup other than
 * the identity, and throws MalformedDataError otherwise; `encodePublicKey`, `sharedSecret` and
 * `withGenerator` throw MalformedDataError for the identity.
 */
export interface KeyAgreementGroup<E = unknown> {
  readonly kind: KeyAgreement;
  /** `brainpoolP256r1`, `RFC 5114 1024-bit MODP`, `explicit 256-bit curve`, ... (for traces). */
  readonly name: string;
  /** ICAO 9303-11 §9.5.1 standard domain parameter id, when the group is one. */
  readonly standardId: number | undefined;
  /** The field prime p. */
  readonly prime: bigint;
  /** The order of the generator (n for EC, q for DH). */
  readonly order: bigint;
  readonly generator: E;
  /** Bytes of an encoded public key: 1 + 2·|p| for EC (04‖X‖Y), |p| for DH. */
  readonly publicKeyLength: number;
  /** `scalar`·P (EC) or P^`scalar` (DH); a scalar ≡ 0 mod order gives the identity. */
  multiply(element: E, scalar: bigint): E;
  /** The group operation: P + Q (EC) or P·Q mod p (DH). */
  combine(a: E, b: E): E;
  equals(a: E, b: E): boolean;
  isIdentity(element: E): boolean;
  /** The same group with another generator (the PACE mapped generator), of the same order. */
  withGenerator(generator: E): KeyAgreementGroup<E>;
  /** Uncompressed 04‖X‖Y (EC) or the |p|-byte big-endian value (DH). */
  encodePublicKey(element: E): Uint8Array;
  decodePublicKey(bytes: Uint8Array): E;
  /** The key-agreement secret: the x-coordinate (EC) or the value (DH), |p| bytes big-endian. */
  sharedSecret(element: E): Uint8Array;
  /** A private key in [1, order - 1] drawn from `random`. */
  randomPrivateKey(random: (n: number) => Uint8Array): bigint;
  /**
   * Integrated Mapping (ICAO 9303-11 §4.4.3.3.2): the point encoding f_G(x) for EC, x^((p-1)/q) for DH.
   * Throws CardError UNSUPPORTED when the group does not allow it (EC with p ≢ 3 mod 4, e.g. P-224).
   */
  mapToGroup(x: bigint): E;
}
