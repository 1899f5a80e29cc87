// Test helper: SubjectPublicKeyInfo with explicit ECParameters (RFC 3279 §2.3.5), as some chips encode
// their DG14/DG15 keys, built from noble's curve constants so the encoding is independent of OpenSSL's.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { brainpoolP256r1 } from '@noble/curves/misc.js';
import { p256 } from '@noble/curves/nist.js';
import { derInteger, derOctetString, derOid, derSequence } from '../../../../../../native/card/asn1/der-writer.ts';
import { derSubjectPublicKeyInfo, KEY_OID } from '../../../../../../native/card/asn1/subject-public-key-info.ts';
import { parseSignaturePublicKey } from '../../../../../../native/card/lds/signature-public-key.ts';
import { concat, uintBE } from '../../../../../../native/util/bytes.ts';

const CURVES = { prime256v1: p256, brainpoolP256r1 } as const;

/** The same public key re-encoded with explicit domain parameters; `compressed` writes a compressed point. */
export function explicitSpki(publicKey: KeyObject, curve: keyof typeof CURVES, compressed = false): Uint8Array {
  const c = CURVES[curve].Point.CURVE();
  const size = 32;
  const info = parseSignaturePublicKey(new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })));
  if (info.kind !== 'EC') throw new Error('not an EC key');
  const point = compressed ? concat(Uint8Array.of(2 + (info.point[64]! & 1)), info.point.subarray(1, 33)) : info.point;
  const parameters = derSequence(
    derInteger(1),
    derSequence(derOid('1.2.840.10045.1.1'), derInteger(c.p)),
    derSequence(derOctetString(uintBE(c.a, size)), derOctetString(uintBE(c.b, size))),
    derOctetString(concat(Uint8Array.of(4), uintBE(c.Gx, size), uintBE(c.Gy, size))),
    derInteger(c.n),
    derInteger(1),
  );
  const spki = derSubjectPublicKeyInfo(derSequence(derOid(KEY_OID.EC_PUBLIC_KEY), parameters), point);
  createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  return spki;
}
