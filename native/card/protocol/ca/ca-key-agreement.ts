// Key agreement of chip authentication (ICAO 9303-11 §6.2.1, BSI TR-03110-3 §B.1): an ephemeral
// DH or ECDH key on the chip key's domain parameters, and the shared secret K as the KDF wants it —
// for DH the octet string of length |p|, for ECDH the x-coordinate of the shared point (TR-03111
// §4.3.1). Used by the terminal (ChipAuthentication) and by the chip simulator.

import { createDiffieHellman, createECDH, randomBytes, type DiffieHellman, type ECDH, type KeyObject } from 'node:crypto';
import { bytesToBigInt } from '../../../util/bytes.ts';
import { MalformedDataError } from '../../errors.ts';
import {
  decodeOid,
  expectTag,
  leftPad,
  readDerChildren,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
  unsignedIntegerValue,
} from './der-primitives.ts';
import { KEY_OID, parseSubjectPublicKeyInfo, type PublicKeyInfo } from './subject-public-key-info.ts';

export type AgreementDomain =
  | { readonly kind: 'ECDH'; readonly curve: string; readonly fieldBytes: number }
  | { readonly kind: 'DH'; readonly p: Uint8Array; readonly g: Uint8Array; readonly q: Uint8Array | undefined };

/** A random source: `length` fresh bytes. */
export type RandomSource = (length: number) => Uint8Array;

const defaultRandom: RandomSource = (length) => new Uint8Array(randomBytes(length));

/** Domain and public value of a chip's static key (DG14), or MalformedDataError for a key CA cannot use. */
export function agreementDomainOf(info: PublicKeyInfo, step: string): { readonly domain: AgreementDomain; readonly publicValue: Uint8Array } {
  if (info.kind === 'DH') return { domain: Object.freeze({ kind: 'DH', p: info.p, g: info.g, q: info.q }), publicValue: info.y };
  if (info.kind === 'EC') {
    if (info.curve === undefined) throw new MalformedDataError('chip authentication key is on a curve OpenSSL cannot name', { step });
    return { domain: Object.freeze({ kind: 'ECDH', curve: info.curve, fieldBytes: (info.point.length - 1) / 2 }), publicValue: info.point };
  }
  throw new MalformedDataError('an RSA key cannot do chip authentication', { step });
}

/** One party's DH or ECDH key pair on a domain. */
export class AgreementKeyPair {
  private constructor(
    readonly domain: AgreementDomain,
    /** DH: y left-padded to |p|; ECDH: uncompressed point. */
    readonly publicValue: Uint8Array,
    /** The node:crypto party holding the private value (creating a DH one checks p, which is slow). */
    private readonly party: { readonly kind: 'ECDH'; readonly ecdh: ECDH } | { readonly kind: 'DH'; readonly dh: DiffieHellman },
  ) {}

  /**
   * A fresh ephemeral key. The ECDH scalar is drawn until OpenSSL accepts it (1 ≤ d < n); the DH
   * exponent is drawn below q when the domain names q, else one byte shorter than p.
   */
  static generate(domain: AgreementDomain, random: RandomSource = defaultRandom): AgreementKeyPair {
    for (let attempt = 0; attempt < 64; attempt++) {
      if (domain.kind === 'ECDH') {
        const d = random(domain.fieldBytes);
        // P-521's field has one bit in its top octet; other fields fill theirs.
        if (domain.curve === 'secp521r1') d[0]! &= 0x01;
        const pair = AgreementKeyPair.tryCreate(domain, d);
        if (pair) return pair;
      } else {
        const x = random(domain.q !== undefined ? domain.q.length : domain.p.length - 1);
        const value = bytesToBigInt(x);
        if (value > 1n && (domain.q === undefined || value < bytesToBigInt(domain.q))) return AgreementKeyPair.tryCreate(domain, x)!;
      }
    }
    throw new RangeError('the random source gave no usable private key in 64 draws');
  }

  /**
   * The chip's static key pair from its private KeyObject ('ec' on a named curve, or 'dh'), read from
   * its PKCS #8 encoding (RFC 5208; RFC 5915 ECPrivateKey). Throws MalformedDataError otherwise.
   */
  static fromPrivateKey(privateKey: KeyObject): AgreementKeyPair {
    const step = 'ca.private-key';
    const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
    const [, algorithm, privateOctets] = readDerChildren(expectTag(readDerChildren(pkcs8, step)[0], TAG_SEQUENCE, 'PrivateKeyInfo', step).value, step);
    const algorithmFields = readDerChildren(expectTag(algorithm, TAG_SEQUENCE, 'AlgorithmIdentifier', step).value, step);
    const oid = decodeOid(expectTag(algorithmFields[0], TAG_OID, 'algorithm OID', step).value, step);
    const inner = readDerChildren(expectTag(privateOctets, TAG_OCTET_STRING, 'privateKey', step).value, step);

    if (oid === KEY_OID.EC_PUBLIC_KEY) {
      const curve = privateKey.asymmetricKeyDetails?.namedCurve;
      if (curve === undefined) throw new MalformedDataError('EC private key on an unnamed curve', { step });
      const d = expectTag(readDerChildren(expectTag(inner[0], TAG_SEQUENCE, 'ECPrivateKey', step).value, step)[1], TAG_OCTET_STRING, 'EC private key', step);
      const fieldBytes = (createECDH(curve).generateKeys().length - 1) / 2;
      return AgreementKeyPair.tryCreate({ kind: 'ECDH', curve, fieldBytes }, d.value)!;
    }
    if (oid === KEY_OID.DH_KEY_AGREEMENT || oid === KEY_OID.DH_PUBLIC_NUMBER) {
      const params = readDerChildren(expectTag(algorithmFields[1], TAG_SEQUENCE, 'DH parameters', step).value, step);
      const integer = (i: number, what: string) => unsignedIntegerValue(expectTag(params[i], TAG_INTEGER, what, step).value, what, step).slice();
      const q = oid === KEY_OID.DH_PUBLIC_NUMBER ? integer(2, 'q') : undefined;
      const x = unsignedIntegerValue(expectTag(inner[0], TAG_INTEGER, 'DH private value', step).value, 'x', step);
      return AgreementKeyPair.tryCreate({ kind: 'DH', p: integer(0, 'p'), g: integer(1, 'g'), q }, x)!;
    }
    throw new MalformedDataError(`private key algorithm ${oid} cannot do chip authentication`, { step });
  }

  private static tryCreate(domain: AgreementDomain, privateValue: Uint8Array): AgreementKeyPair | undefined {
    if (domain.kind === 'ECDH') {
      const ecdh = createECDH(domain.curve);
      try {
        ecdh.setPrivateKey(privateValue);
      } catch {
        return undefined;
      }
      return new AgreementKeyPair(domain, new Uint8Array(ecdh.getPublicKey()), { kind: 'ECDH', ecdh });
    }
    const dh = createDiffieHellman(domain.p, domain.g);
    dh.setPrivateKey(privateValue);
    const y = new Uint8Array(dh.generateKeys());
    return new AgreementKeyPair(domain, leftPad(y, domain.p.length, 'DH public value', 'ca.key-agreement'), { kind: 'DH', dh });
  }

  /**
   * The shared secret with the peer's public value (uncompressed point, or y of at most |p| octets).
   * Throws MalformedDataError when the peer's key is not a valid element of the domain (point off the
   * curve, y outside 2..p−2, or outside the order-q subgroup).
   */
  sharedSecret(peerPublicValue: Uint8Array, step = 'ca.key-agreement'): Uint8Array {
    if (this.party.kind === 'ECDH') {
      try {
        return new Uint8Array(this.party.ecdh.computeSecret(peerPublicValue));
      } catch (err) {
        throw new MalformedDataError('peer public key is not a point on the curve', { step, cause: err });
      }
    }
    const domain = this.domain as Extract<AgreementDomain, { kind: 'DH' }>;
    const p = bytesToBigInt(domain.p);
    const y = bytesToBigInt(peerPublicValue);
    if (peerPublicValue.length > domain.p.length || y < 2n || y > p - 2n) throw new MalformedDataError('peer DH public value out of range', { step });
    if (domain.q !== undefined && modPow(y, bytesToBigInt(domain.q), p) !== 1n) {
      throw new MalformedDataError('peer DH public value is outside the subgroup', { step });
    }
    return leftPad(new Uint8Array(this.party.dh.computeSecret(peerPublicValue)), domain.p.length, 'DH shared secret', step);
  }
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** Convenience for the terminal: the chip's domain and public value straight from SPKI DER. */
export function chipKeyAgreementInfo(spki: Uint8Array, step: string): { readonly domain: AgreementDomain; readonly publicValue: Uint8Array } {
  return agreementDomainOf(parseSubjectPublicKeyInfo(spki, step), step);
}
