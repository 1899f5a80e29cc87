// Hash functions of active authentication: named by the ISO/IEC 9796-2 trailer for RSA (hash
// identifiers of ISO/IEC 10118-3) and by the DG14 ActiveAuthenticationInfo signature OID for ECDSA
// (BSI TR-03111 §5.2.1 ecdsa-plain-signatures, and ANSI X9.62 ecdsa-with-SHA*).

import { createHash } from 'node:crypto';

export type AaHash = 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'RIPEMD-160';

const NODE_NAME: Readonly<Record<AaHash, string>> = Object.freeze({
  'SHA-1': 'sha1',
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'RIPEMD-160': 'ripemd160',
});

const DIGEST_LENGTH: Readonly<Record<AaHash, number>> = Object.freeze({
  'SHA-1': 20,
  'SHA-224': 28,
  'SHA-256': 32,
  'SHA-384': 48,
  'SHA-512': 64,
  'RIPEMD-160': 20,
});

/** ISO/IEC 10118-3 hash identifiers, the first octet of a two-octet 9796-2 trailer `xx CC`. */
const TRAILER_HASH_ID: Readonly<Record<number, AaHash>> = Object.freeze({
  0x31: 'RIPEMD-160',
  0x33: 'SHA-1',
  0x34: 'SHA-256',
  0x35: 'SHA-512',
  0x36: 'SHA-384',
  0x38: 'SHA-224',
});

const ECDSA_PLAIN = '0.4.0.127.0.7.1.1.4.1';
const SIGNATURE_OID_HASH: Readonly<Record<string, AaHash>> = Object.freeze({
  [`${ECDSA_PLAIN}.1`]: 'SHA-1',
  [`${ECDSA_PLAIN}.2`]: 'SHA-224',
  [`${ECDSA_PLAIN}.3`]: 'SHA-256',
  [`${ECDSA_PLAIN}.4`]: 'SHA-384',
  [`${ECDSA_PLAIN}.5`]: 'SHA-512',
  [`${ECDSA_PLAIN}.6`]: 'RIPEMD-160',
  '1.2.840.10045.4.1': 'SHA-1',
  '1.2.840.10045.4.3.1': 'SHA-224',
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
  '1.2.840.10045.4.3.4': 'SHA-512',
});

/** The ecdsa-plain-* OID of a hash, as DG14's ActiveAuthenticationInfo names it (for the simulator). */
export function ecdsaPlainOid(hash: AaHash): string {
  return Object.entries(SIGNATURE_OID_HASH).find(([oid, h]) => h === hash && oid.startsWith(ECDSA_PLAIN))![0];
}

export function aaHashOfSignatureOid(oid: string): AaHash | undefined {
  return SIGNATURE_OID_HASH[oid];
}

export function aaHashOfTrailerId(id: number): AaHash | undefined {
  return TRAILER_HASH_ID[id];
}

export function trailerIdOfHash(hash: AaHash): number {
  return Number(Object.entries(TRAILER_HASH_ID).find(([, h]) => h === hash)![0]);
}

export function nodeHashName(hash: AaHash): string {
  return NODE_NAME[hash];
}

export function digestLength(hash: AaHash): number {
  return DIGEST_LENGTH[hash];
}

export function digest(hash: AaHash, ...parts: readonly Uint8Array[]): Uint8Array {
  const h = createHash(NODE_NAME[hash]);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}
