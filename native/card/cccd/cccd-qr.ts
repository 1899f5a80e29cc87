// The QR code on the front of a Vietnamese CCCD: fields separated by '|' (Circular 06/2021/TT-BCA):
//   ID (12 digits) | old CMND number (9 digits, or empty) | full name | date of birth ddMMyyyy | sex |
//   permanent address | date of issue ddMMyyyy
// Variants seen in public reader code and scanner output: an empty old-ID field; the old-ID field
// missing altogether (6 fields); a UTF-8 byte-order mark; trailing CR/LF or a trailing '|'; dates with
// slashes (dd/MM/yyyy); more fields appended by newer cards (kept in `extraFields`).

import { CardError } from '../errors.ts';
import { parseVietnameseDate, toIsoDate } from './civil-date.ts';

export interface CccdQrData {
  /** 12-digit personal identification number. */
  readonly idNumber: string;
  /** The old 9-digit (or 12-digit) CMND number; undefined when the field is empty or absent. */
  readonly oldIdNumber: string | undefined;
  readonly fullName: string;
  /** ISO 'YYYY-MM-DD' */
  readonly dateOfBirth: string;
  readonly sex: 'M' | 'F' | 'X';
  /** The sex as printed ('Nam', 'Nữ'). */
  readonly sexText: string;
  readonly address: string;
  /** ISO 'YYYY-MM-DD' */
  readonly dateOfIssue: string;
  /** Fields after the seventh, in order (trailing empty fields dropped). */
  readonly extraFields: readonly string[];
}

type QrField = 'idNumber' | 'oldIdNumber' | 'fullName' | 'dateOfBirth' | 'sex' | 'dateOfIssue' | 'layout';


/** Names the field, never its content (the QR is personal data). */
function invalid(field: QrField, problem: string): CardError {
  return new CardError('INVALID_INPUT', `CCCD QR field ${field} ${problem}`, { step: 'cccd.qr' });
}

const ID = /^\d{12}$/;
const OLD_ID = /^(\d{9}|\d{12})$/;

function date(text: string, field: 'dateOfBirth' | 'dateOfIssue'): string {
  const d = parseVietnameseDate(text);
  if (!d) throw invalid(field, 'is not a date ddMMyyyy');
  return toIsoDate(d);
}

function sex(text: string): 'M' | 'F' | 'X' {
  const t = text.normalize('NFC').toLowerCase();
  if (t === 'nam' || t === 'm' || t === 'male') return 'M';
  if (t === 'nữ' || t === 'nu' || t === 'f' || t === 'female') return 'F';
  if (t === '' || t === 'x' || t === 'khác') return 'X';
  throw invalid('sex', 'is not Nam or Nữ');
}

/**
 * Parses the text of a CCCD front QR code.
 *
 * @returns frozen CccdQrData with dates as ISO 'YYYY-MM-DD' and text in Unicode NFC.
 * @throws CardError INVALID_INPUT (step 'cccd.qr') naming the field that is wrong (too few fields:
 *   'layout'); the message never contains the QR content.
 */
export function parseCccdQr(text: string): CccdQrData {
  const fields = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('|')
    .map((f) => f.trim().normalize('NFC'));
  while (fields.length > 7 && fields[fields.length - 1] === '') fields.pop();
  if (fields.length < 6) throw invalid('layout', `has ${fields.length} fields, expected 7`);

  // Six fields: the old-ID field is absent when the second field is the name, not a number.
  if (fields.length === 6 && (fields[1] === '' || /^\d+$/.test(fields[1]!))) throw invalid('dateOfIssue', 'is missing');
  const [idNumber, oldId, fullName, dob, sexText, address, issue, ...extra] = fields.length === 6 ? [fields[0]!, '', ...fields.slice(1)] : fields;

  if (!ID.test(idNumber!)) throw invalid('idNumber', 'is not 12 digits');
  if (oldId !== '' && !OLD_ID.test(oldId!)) throw invalid('oldIdNumber', 'is not 9 or 12 digits');
  if (!fullName) throw invalid('fullName', 'is empty');
  return Object.freeze({
    idNumber: idNumber!,
    oldIdNumber: oldId || undefined,
    fullName,
    dateOfBirth: date(dob!, 'dateOfBirth'),
    sex: sex(sexText!),
    sexText: sexText!,
    address: address!,
    dateOfIssue: date(issue ?? '', 'dateOfIssue'),
    extraFields: Object.freeze(extra),
  });
}

/**
 * The QR text of a card (the 7-field layout, dates ddMMyyyy), for the QR scanner simulator.
 *
 * @throws CardError INVALID_INPUT when a date is not ISO 'YYYY-MM-DD' or a field contains '|'.
 */
export function encodeCccdQr(data: Omit<CccdQrData, 'extraFields' | 'sex'> & { readonly extraFields?: readonly string[] }): string {
  const ddmmyyyy = (iso: string, field: 'dateOfBirth' | 'dateOfIssue') => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) throw invalid(field, 'is not YYYY-MM-DD');
    return `${m[3]}${m[2]}${m[1]}`;
  };
  const fields = [
    data.idNumber,
    data.oldIdNumber ?? '',
    data.fullName,
    ddmmyyyy(data.dateOfBirth, 'dateOfBirth'),
    data.sexText,
    data.address,
    ddmmyyyy(data.dateOfIssue, 'dateOfIssue'),
    ...(data.extraFields ?? []),
  ];
  if (fields.some((f) => f.includes('|'))) throw invalid('layout', "has a field containing '|'");
  return fields.join('|');
}
