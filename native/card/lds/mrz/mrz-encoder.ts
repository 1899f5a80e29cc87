// MRZ lines from fields, with every check digit computed (ICAO 9303-3 §4.9, 9303-4/5/6 §4.2).
// The chip simulator uses this to build DG1 and the MRZ its BAC/PACE keys come from.

import { CardError } from '../../errors.ts';
import { checkDigit } from './check-digit.ts';
import { MRZ_CHARSET, MRZ_LAYOUT, type MrzFields } from './mrz-info.ts';

const STEP = 'mrz.encode';

function field(value: string, length: number, name: string): string {
  if (!MRZ_CHARSET.test(value)) throw new CardError('INVALID_INPUT', `MRZ ${name} has characters outside A-Z, 0-9 and <`, { step: STEP });
  if (value.length > length) throw new CardError('INVALID_INPUT', `MRZ ${name} longer than ${length}`, { step: STEP });
  return value.padEnd(length, '<');
}

function date(value: string, name: string): string {
  if (!/^[0-9<]{6}$/.test(value)) throw new CardError('INVALID_INPUT', `MRZ ${name} must be YYMMDD`, { step: STEP });
  return value;
}

/** ICAO 9303-3 §4.6: spaces between components become '<', '<<' separates the identifiers. */
function name(fields: MrzFields, length: number): string {
  const words = (s: string) => s.trim().split(/\s+/).filter((w) => w.length > 0).join('<');
  const secondary = words(fields.secondaryIdentifier);
  const text = words(fields.primaryIdentifier) + (secondary ? `<<${secondary}` : '');
  // Names longer than the field are truncated (ICAO 9303-3 §4.6.5 allows truncation).
  return field(text.slice(0, length), length, 'name');
}

/**
 * Document number and its check digit, plus what precedes the optional data: for numbers over 9
 * characters the principal part, '<' and the overflow + check digit + filler (ICAO 9303-5 §4.2.4 note j).
 */
function documentNumber(doc: string, optional: string, optionalLength: number, allowOverflow: boolean) {
  if (doc.length <= 9) {
    const principal = field(doc, 9, 'document number');
    return { principal: principal + checkDigit(principal), optional: field(optional, optionalLength, 'optional data') };
  }
  if (!allowOverflow) throw new CardError('INVALID_INPUT', 'MRZ document number longer than 9', { step: STEP });
  field(doc, doc.length, 'document number');
  const overflow = `${doc.slice(9)}${checkDigit(doc)}<${optional}`;
  return { principal: `${doc.slice(0, 9)}<`, optional: field(stripTrailing(overflow), optionalLength, 'optional data') };
}

const stripTrailing = (s: string) => s.replace(/<+$/, '');

const sexChar = (sex: MrzFields['sex']): string => (sex === 'X' ? '<' : sex);

/**
 * Encodes MRZ lines with correct check digits.
 *
 * @returns the lines (3 for TD1, 2 for TD2/TD3), frozen.
 * @throws CardError INVALID_INPUT when a field has characters outside A-Z 0-9 < (transliterate names
 *   first, see `mrzTransliterate`), does not fit its position, or a date is not YYMMDD.
 */
export function encodeMrz(fields: MrzFields): readonly string[] {
  const { format } = fields;
  const code = field(fields.documentCode, 2, 'document code');
  const state = field(fields.issuingState, 3, 'issuing state');
  const nationality = field(fields.nationality, 3, 'nationality');
  const dob = date(fields.dateOfBirth, 'date of birth');
  const doe = date(fields.dateOfExpiry, 'date of expiry');
  const sex = sexChar(fields.sex);
  const width = MRZ_LAYOUT[format].length;

  if (format === 'TD1') {
    const doc = documentNumber(fields.documentNumber, fields.optionalData1, 15, true);
    const line1 = code + state + doc.principal + doc.optional;
    const opt2 = field(fields.optionalData2, 11, 'optional data 2');
    const middle = dob + checkDigit(dob) + sex + doe + checkDigit(doe) + nationality + opt2;
    // ICAO 9303-5 §4.2.2 composite: upper line 6-30, middle line 1-7, 9-15, 19-29.
    const composite = checkDigit(line1.slice(5) + middle.slice(0, 7) + middle.slice(8, 15) + middle.slice(18, 29));
    return Object.freeze([line1, middle + composite, name(fields, width)]);
  }

  if (fields.optionalData2 !== '') {
    throw new CardError('INVALID_INPUT', 'MRZ optional data 2 exists only on TD1', { step: STEP });
  }
  const line1 = code + state + name(fields, width - 5);
  const optionalLength = format === 'TD3' ? 14 : 7;
  const doc = documentNumber(fields.documentNumber, fields.optionalData1, optionalLength, format === 'TD2');
  let lower = doc.principal + nationality + dob + checkDigit(dob) + sex + doe + checkDigit(doe) + doc.optional;
  if (format === 'TD3') {
    // ICAO 9303-4 §4.2.2: an unused personal number may carry '<' as its check digit.
    lower += /^<*$/.test(doc.optional) ? '<' : checkDigit(doc.optional);
  }
  const composite = checkDigit(lower.slice(0, 10) + lower.slice(13, 20) + lower.slice(21));
  return Object.freeze([line1, lower + composite]);
}
