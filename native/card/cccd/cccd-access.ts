// The keys that may unlock a CCCD chip, derived from what the front of the card shows (its QR code).
// MRZ key (ICAO 9303-11 §9.7.2): document number = the last 9 digits of the 12-digit ID (the MRZ's
// document-number field; the full ID sits in the optional data), date of birth YYMMDD, and a date of
// expiry from the age rule (expiry-rule.ts). CAN: believed to be the last 6 digits of the ID (public
// reader code; unconfirmed), so it is tried after the MRZ keys.

import { canAccessKey, type AccessKey } from '../access-key.ts';
import { CardError } from '../errors.ts';
import { mrzAccessKeyFromMrz } from '../lds/mrz/mrz.ts';
import { parseIsoDate, toMrzDate, type CivilDate } from './civil-date.ts';
import { expiryCandidates, expiryCandidatesWithoutIssue } from './expiry-rule.ts';

export interface CccdKeySource {
  /** 12 digits */
  readonly idNumber: string;
  /** ISO 'YYYY-MM-DD' */
  readonly dateOfBirth: string;
  /** ISO 'YYYY-MM-DD'; when absent every renewal birthday still to come is tried. */
  readonly dateOfIssue?: string | undefined;
}

export interface CccdAccessOptions {
  /** Needed only without a date of issue: the kiosk's current date. */
  readonly today?: CivilDate;
  /** Append the CAN guess (default true). */
  readonly includeCan?: boolean;
}

const STEP = 'cccd.access';

/** The MRZ document number of a CCCD: the last 9 digits of the 12-digit ID. */
export function cccdDocumentNumber(idNumber: string): string {
  if (!/^\d{12}$/.test(idNumber)) throw new CardError('INVALID_INPUT', 'CCCD ID number must be 12 digits', { step: STEP });
  return idNumber.slice(3);
}

/** The CAN guess: the last 6 digits of the 12-digit ID. */
export function cccdCanGuess(idNumber: string): string {
  return cccdDocumentNumber(idNumber).slice(-6);
}

/**
 * Candidate access keys for a CCCD, most likely first: one MRZ key per expiry candidate, then the CAN
 * guess. Trying them in order costs one failed authentication per wrong key.
 *
 * @throws CardError INVALID_INPUT (step 'cccd.access' / 'cccd.expiry') when the ID is not 12 digits, a
 *   date is malformed, or there is no date of issue and no `today`.
 */
export function cccdAccessKeys(source: CccdKeySource, options: CccdAccessOptions = {}): readonly AccessKey[] {
  const documentNumber = cccdDocumentNumber(source.idNumber);
  const birth = parseIsoDate(source.dateOfBirth);
  if (!birth) throw new CardError('INVALID_INPUT', 'date of birth must be YYYY-MM-DD', { step: STEP });
  let expiries;
  if (source.dateOfIssue !== undefined) expiries = expiryCandidates(birth, source.dateOfIssue);
  else if (options.today) expiries = expiryCandidatesWithoutIssue(birth, options.today);
  else throw new CardError('INVALID_INPUT', 'without a date of issue the current date is needed', { step: STEP });

  const keys: AccessKey[] = expiries.map((e) =>
    mrzAccessKeyFromMrz({ documentNumber, dateOfBirth: toMrzDate(birth), dateOfExpiry: e.mrzDate }),
  );
  if (options.includeCan !== false) keys.push(canAccessKey(cccdCanGuess(source.idNumber)));
  return Object.freeze(keys);
}
