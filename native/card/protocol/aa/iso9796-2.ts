// ISO/IEC 9796-2 digital signature scheme 1 with partial message recovery, the RSA signature of
// active authentication (ICAO 9303-11 §6.1.2): the chip signs M = M1 ‖ M2, where M1 is its own nonce
// (recovered from the signature) and M2 the terminal's challenge. The message representative is
//   F = header(6A) ‖ M1 ‖ H(M1 ‖ M2) ‖ trailer(BC for SHA-1, or hashId ‖ CC)
// and the signature is F^d mod n. Some signers return n − F^d instead (the 'min(J^d, n − J^d)' form of
// the standard's RSA mechanism); the verifier tells them apart by F ending in the nibble C.

import { bytesToBigInt, equal, uintBE } from '../../../util/bytes.ts';
import { byteLength, modPow } from '../domain-parameters/modular.ts';
import { aaHashOfTrailerId, digest, digestLength, trailerIdOfHash, type AaHash } from './aa-hash.ts';

/** Trailer octet for the implicit hash (SHA-1). */
export const TRAILER_IMPLICIT = 0xbc;
/** Last octet of a two-octet trailer naming the hash. */
export const TRAILER_EXPLICIT = 0xcc;
/** Header: bits '01', partial recovery '1', then nibble A (no padding) or B (padding 'BB…BA' follows). */
const HEADER_PARTIAL = 0x6a;
const HEADER_PARTIAL_PADDED = 0x6b;

export type RecoveryFailure = 'signature-out-of-range' | 'bad-representative' | 'unknown-hash' | 'hash-mismatch';

export type RecoveryResult =
  | { readonly ok: true; readonly hash: AaHash; readonly m1: Uint8Array }
  | { readonly ok: false; readonly reason: RecoveryFailure };

/**
 * Verifies a 9796-2 scheme 1 signature with the RSA public key (`modulus`, `exponent`) over the
 * non-recoverable part `m2`, and returns the recovered M1 and the hash the trailer names. Never throws
 * for bad signatures: the reason says which check failed.
 */
export function verifyMessageRecovery(signature: Uint8Array, modulus: Uint8Array, exponent: Uint8Array, m2: Uint8Array): RecoveryResult {
  const n = bytesToBigInt(modulus);
  const s = bytesToBigInt(signature);
  const k = byteLength(n);
  if (signature.length > k || s === 0n || s >= n) return Object.freeze({ ok: false, reason: 'signature-out-of-range' });
  const candidate = modPow(s, bytesToBigInt(exponent), n);
  const j = (candidate & 0xfn) === 0xcn ? candidate : n - candidate;
  if ((j & 0xfn) !== 0xcn) return Object.freeze({ ok: false, reason: 'bad-representative' });
  const f = uintBE(j, k);

  let hash: AaHash | undefined = 'SHA-1';
  let trailerLength = 1;
  if (f[k - 1] === TRAILER_EXPLICIT) {
    hash = aaHashOfTrailerId(f[k - 2]!);
    trailerLength = 2;
  } else if (f[k - 1] !== TRAILER_IMPLICIT) {
    return Object.freeze({ ok: false, reason: 'bad-representative' });
  }
  if (hash === undefined) return Object.freeze({ ok: false, reason: 'unknown-hash' });

  let start = 1;
  if (f[0] === HEADER_PARTIAL_PADDED) {
    while (start < k && f[start] === 0xbb) start++;
    if (f[start] !== 0xba) return Object.freeze({ ok: false, reason: 'bad-representative' });
    start++;
  } else if (f[0] !== HEADER_PARTIAL) {
    return Object.freeze({ ok: false, reason: 'bad-representative' });
  }
  const hashStart = k - trailerLength - digestLength(hash);
  if (hashStart < start) return Object.freeze({ ok: false, reason: 'bad-representative' });
  const m1 = f.slice(start, hashStart);
  if (!equal(digest(hash, m1, m2), f.subarray(hashStart, k - trailerLength))) return Object.freeze({ ok: false, reason: 'hash-mismatch' });
  return Object.freeze({ ok: true, hash, m1 });
}

/**
 * Builds the message representative F for a modulus of `modulusBits` (a multiple of 8, so that F,
 * whose top bit is 0, stays below n). `m1` must be exactly as long as the capacity left by the header,
 * the digest and the trailer: see `recoverableCapacity`. SHA-1 uses the implicit trailer BC unless
 * `explicitTrailer` asks for 33 CC. Throws RangeError on a wrong M1 length.
 */
export function messageRepresentative(modulusBits: number, hash: AaHash, m1: Uint8Array, m2: Uint8Array, explicitTrailer = false): Uint8Array {
  const k = modulusBits / 8;
  const explicit = explicitTrailer || hash !== 'SHA-1';
  const capacity = recoverableCapacity(modulusBits, hash, explicit);
  if (!Number.isInteger(k) || m1.length !== capacity) throw new RangeError(`M1 must be ${capacity} bytes for a ${modulusBits}-bit key`);
  const f = new Uint8Array(k);
  f[0] = HEADER_PARTIAL;
  f.set(m1, 1);
  f.set(digest(hash, m1, m2), 1 + m1.length);
  if (explicit) f.set([trailerIdOfHash(hash), TRAILER_EXPLICIT], k - 2);
  else f[k - 1] = TRAILER_IMPLICIT;
  return f;
}

/** Length of M1 that fills the representative (header 1, digest, trailer 1 or 2 octets). */
export function recoverableCapacity(modulusBits: number, hash: AaHash, explicitTrailer: boolean): number {
  return Math.ceil(modulusBits / 8) - 1 - digestLength(hash) - (explicitTrailer || hash !== 'SHA-1' ? 2 : 1);
}
