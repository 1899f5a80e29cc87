// DG15, the active authentication public key (ICAO 9303-10 §4.7.15): tag 6F around an X.509
// SubjectPublicKeyInfo, RSA (ISO/IEC 9796-2 signatures) or EC (ECDSA, BSI TR-03111).

import type { KeyObject } from 'node:crypto';
import { parseSignaturePublicKey } from './signature-public-key.ts';
import { encodeTlv, expectTlv } from './tlv.ts';

/** ICAO 9303-10 Table 38: application tag of DG15. */
export const DG15_TAG = 0x6f;

const STEP = 'lds.dg15';

export interface Dg15Info {
  readonly algorithm: 'RSA' | 'EC';
  /** The SubjectPublicKeyInfo exactly as the chip stores it (DER). */
  readonly spki: Uint8Array;
  /** The key imported into node:crypto (explicit EC domain parameters included). */
  readonly keyObject: KeyObject;
  /** OpenSSL curve name for EC keys (`brainpoolP256r1`), undefined for RSA or an unnamed curve. */
  readonly curve: string | undefined;
  /** RSA modulus length or EC field size, in bits. */
  readonly bits: number;
}

/**
 * Parses the content of EF.DG15. Bytes after the 6F object (file padding) are ignored. Throws
 * MalformedDataError (step `lds.dg15`) when the tag, the lengths or the key are wrong, or when the key
 * is neither RSA nor EC.
 */
export function parseDg15(bytes: Uint8Array): Dg15Info {
  const outer = expectTlv(bytes, DG15_TAG, STEP);
  const info = parseSignaturePublicKey(outer.value, STEP);
  return Object.freeze({
    algorithm: info.kind,
    spki: info.spki,
    keyObject: info.keyObject,
    curve: info.kind === 'EC' ? info.curve : undefined,
    bits: info.bits,
  });
}

/**
 * Encodes DG15 around a public key: a KeyObject (exported as SPKI with a named curve) or SPKI DER bytes
 * taken as they are (to reproduce explicit domain parameters). For the chip simulator.
 */
export function encodeDg15(publicKey: KeyObject | Uint8Array): Uint8Array {
  const spki = publicKey instanceof Uint8Array ? publicKey : new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  return encodeTlv(DG15_TAG, spki);
}
