// Test helper: SubjectPublicKeyInfo with explicit ECParameters (RFC 3279 §2.3.5), as some chips encode
// their DG14/DG15 keys, built from noble's curve constants so the encoding is independent of OpenSSL's.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { brainpoolP256r1 } from '@noble/curves/misc.js';
import { p256 } from '@noble/curves/nist.js';
import { encodeTlv } from '../../../../../../native/card/lds/tlv.ts';
import { encodeOid, encodeUnsignedInteger, TAG_OCTET_STRING, TAG_SEQUENCE } from '../../../../../../native/card/protocol/ca/der-primitives.ts';
import { encodeEcPublicKeyInfo, parseSubjectPublicKeyInfo } from '../../../../../../native/card/protocol/ca/subject-public-key-info.ts';
import { concat, uintBE } from '../../../../../../native/util/bytes.ts';

const CURVES = { prime256v1: p256, brainpoolP256r1 } as const;

/** The same public key re-encoded with explicit domain parameters; `compressed` writes a compressed point. */
export function explicitSpki(publicKey: KeyObject, curve: keyof typeof CURVES, compressed = false): Uint8Array {
  const c = CURVES[curve].Point.CURVE();
  const size = 32;
  const info = parseSubjectPublicKeyInfo(new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })));
  if (info.kind !== 'EC') throw new Error('not an EC key');
  const point = compressed ? concat(Uint8Array.of(2 + (info.point[64]! & 1)), info.point.subarray(1, 33)) : info.point;
  const parameters = concat(
    encodeUnsignedInteger(Uint8Array.of(1)),
    encodeTlv(TAG_SEQUENCE, encodeOid('1.2.840.10045.1.1'), encodeUnsignedInteger(uintBE(c.p, size))),
    encodeTlv(TAG_SEQUENCE, encodeTlv(TAG_OCTET_STRING, uintBE(c.a, size)), encodeTlv(TAG_OCTET_STRING, uintBE(c.b, size))),
    encodeTlv(TAG_OCTET_STRING, concat(Uint8Array.of(4), uintBE(c.Gx, size), uintBE(c.Gy, size))),
    encodeUnsignedInteger(uintBE(c.n, size)),
    encodeUnsignedInteger(Uint8Array.of(1)),
  );
  const spki = encodeEcPublicKeyInfo(parameters, point, TAG_SEQUENCE);
  createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  return spki;
}
