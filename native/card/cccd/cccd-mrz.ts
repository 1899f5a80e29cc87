// The MRZ of a CCCD (TD1, ICAO 9303-5), as public samples show it:
//   IDVNM<last 9 digits of the ID><check digit><12-digit ID><<<check digit over the ID>
//   <YYMMDD birth><cd><sex><YYMMDD expiry><cd>VNM<<<<<<<<<<<<composite>
//   <SURNAME<<GIVEN<NAMES>
// The digit closing the upper-line optional data matches the check digit of the 12-digit ID on the
// samples seen; that reading is unconfirmed, and parsers must not depend on it.

import { CardError } from '../errors.ts';
import { checkDigit } from '../lds/mrz/check-digit.ts';
import { MRZ_NO_EXPIRY, type MrzFields, type MrzInfo } from '../lds/mrz/mrz-info.ts';
import { mrzTransliterate } from '../lds/mrz/mrz-transliterate.ts';
import { parseIsoDate, toMrzDate } from './civil-date.ts';
import { cccdDocumentNumber } from './cccd-access.ts';

export interface CccdMrzSource {
  readonly idNumber: string;
  /** Vietnamese order: family name first ('NGUYỄN VĂN THỬ NGHIỆM'). */
  readonly fullName: string;
  /** ISO 'YYYY-MM-DD' */
  readonly dateOfBirth: string;
  readonly sex: 'M' | 'F' | 'X';
  /** ISO 'YYYY-MM-DD', or null for a card without expiry. */
  readonly dateOfExpiry: string | null;
}

function mrzDate(iso: string, field: string): string {
  const d = parseIsoDate(iso);
  if (!d) throw new CardError('INVALID_INPUT', `${field} must be YYYY-MM-DD`, { step: 'cccd.mrz' });
  return toMrzDate(d);
}

/**
 * The MRZ fields of a CCCD, for the chip simulator (DG1) and tests. Names are transliterated (diacritics
 * dropped, Đ → D); the family name (first word) is the primary identifier.
 *
 * @throws CardError INVALID_INPUT on an ID that is not 12 digits or a malformed date.
 */
export function cccdMrzFields(source: CccdMrzSource): MrzFields {
  const documentNumber = cccdDocumentNumber(source.idNumber);
  const [family = '', ...given] = mrzTransliterate(source.fullName).split(' ');
  const optional = `${source.idNumber}<<`;
  return Object.freeze({
    format: 'TD1',
    documentCode: 'ID',
    issuingState: 'VNM',
    documentNumber,
    primaryIdentifier: family,
    secondaryIdentifier: given.join(' '),
    nationality: 'VNM',
    dateOfBirth: mrzDate(source.dateOfBirth, 'date of birth'),
    sex: source.sex,
    dateOfExpiry: source.dateOfExpiry === null ? MRZ_NO_EXPIRY : mrzDate(source.dateOfExpiry, 'date of expiry'),
    optionalData1: optional + checkDigit(optional),
    optionalData2: '',
  });
}

/** The 12-digit ID from a CCCD MRZ (start of the upper-line optional data), or undefined. */
export function cccdIdFromMrz(info: Pick<MrzInfo, 'issuingState' | 'documentNumber' | 'optionalData1'>): string | undefined {
  const id = /^\d{12}/.exec(info.optionalData1)?.[0];
  return info.issuingState === 'VNM' && id !== undefined && id.endsWith(info.documentNumber) ? id : undefined;
}
