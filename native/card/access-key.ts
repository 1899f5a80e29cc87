// The secrets that unlock a chip: the MRZ-derived key (BAC, PACE with MRZ) or the CAN (PACE).
// ICAO 9303-11 §9.7.2 (MRZ information) and §4.4.1 (PACE passwords).

import { createHash } from 'node:crypto';
import { CardError } from './errors.ts';
import { checkDigit } from './lds/mrz/check-digit.ts';

export interface MrzAccessKey {
  readonly kind: 'mrz';
  /** Document number as printed in the MRZ (9 characters for CCCD: the last 9 digits of the ID). */
  readonly documentNumber: string;
  /** YYMMDD */
  readonly dateOfBirth: string;
  /** YYMMDD */
  readonly dateOfExpiry: string;
}

export interface CanAccessKey {
  readonly kind: 'can';
  /** Card Access Number: 6 digits. */
  readonly can: string;
}

export type AccessKey = MrzAccessKey | CanAccessKey;

const DATE = /^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

export function mrzAccessKey(documentNumber: string, dateOfBirth: string, dateOfExpiry: string): MrzAccessKey {
  const step = 'accessKey.mrz';
  const doc = documentNumber.toUpperCase();
  if (!/^[0-9A-Z<]{1,}$/.test(doc)) throw new CardError('INVALID_INPUT', 'document number must be letters, digits or <', { step });
  if (!DATE.test(dateOfBirth)) throw new CardError('INVALID_INPUT', 'date of birth must be YYMMDD', { step });
  if (!DATE.test(dateOfExpiry)) throw new CardError('INVALID_INPUT', 'date of expiry must be YYMMDD', { step });
  return Object.freeze({ kind: 'mrz', documentNumber: doc, dateOfBirth, dateOfExpiry });
}

export function canAccessKey(can: string): CanAccessKey {
  if (!/^\d{6}$/.test(can)) throw new CardError('INVALID_INPUT', 'CAN must be 6 digits', { step: 'accessKey.can' });
  return Object.freeze({ kind: 'can', can });
}

/**
 * MRZ information (ICAO 9303-11 §9.7.2): document number padded with '<' to at least 9 characters,
 * date of birth and expiry, each followed by its check digit.
 */
export function mrzInformation(key: MrzAccessKey): string {
  const doc = key.documentNumber.padEnd(9, '<');
  return doc + checkDigit(doc) + key.dateOfBirth + checkDigit(key.dateOfBirth) + key.dateOfExpiry + checkDigit(key.dateOfExpiry);
}

/** BAC Kseed: the first 16 bytes of SHA-1(MRZ information) (ICAO 9303-11 §9.7.2). */
export function bacKeySeed(key: MrzAccessKey): Uint8Array {
  const h = createHash('sha1').update(mrzInformation(key), 'latin1').digest();
  return new Uint8Array(h.subarray(0, 16));
}

/** PACE password bytes before K(π) derivation: SHA-1(MRZ information) for MRZ, the CAN's ASCII for CAN. */
export function pacePasswordBytes(key: AccessKey): Uint8Array {
  if (key.kind === 'can') return new TextEncoder().encode(key.can);
  return new Uint8Array(createHash('sha1').update(mrzInformation(key), 'latin1').digest());
}

/** PACE password reference (ICAO 9303-11 §4.4.4.1, MSE:Set AT tag 83): 1 = MRZ, 2 = CAN. */
export function pacePasswordReference(key: AccessKey): number {
  return key.kind === 'mrz' ? 1 : 2;
}

/** A description safe for logs: never the key itself. */
export function describeAccessKey(key: AccessKey): string {
  return key.kind === 'mrz' ? 'MRZ key' : 'CAN';
}
