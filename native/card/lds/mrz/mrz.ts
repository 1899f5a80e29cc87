// MRZ parsing for TD1, TD2 and TD3 (ICAO 9303-3 §4, 9303-4/5/6 §4.2) and the access key it yields.
//
// Error rule: text that does not have the shape of an MRZ (wrong line count or length, characters
// outside A-Z 0-9 <) is a CardError INVALID_INPUT, because MRZ text comes from people and scanners.
// Wrong check digits are NOT errors: they are reported in `checks`, so a caller can still try the key
// (a scanner may misread a check digit that the chip does not care about). Parsers of chip data (DG1)
// turn these errors into MalformedDataError.

import { mrzAccessKey, type MrzAccessKey } from '../../access-key.ts';
import { CardError } from '../../errors.ts';
import { checkDigit } from './check-digit.ts';
import { MRZ_CHARSET, MRZ_LAYOUT, MRZ_NO_EXPIRY, type MrzFormat, type MrzInfo, type MrzSex } from './mrz-info.ts';

export type { MrzChecks, MrzFields, MrzFormat, MrzInfo, MrzSex } from './mrz-info.ts';
export { MRZ_NO_EXPIRY } from './mrz-info.ts';
export { encodeMrz } from './mrz-encoder.ts';

const STEP = 'mrz.parse';

function invalid(message: string): CardError {
  return new CardError('INVALID_INPUT', message, { step: STEP });
}

/** Splits and validates the text; never echoes it in errors (it is personal data). */
function toLines(text: string): { format: MrzFormat; lines: string[] } {
  const trimmed = text.trim();
  let lines = /[\r\n]/.test(trimmed)
    ? trimmed
        .split(/\r\n|\r|\n/)
        .map((l) => l.trim())
        .filter((l) => l.length > 0)
    : [trimmed];
  if (lines.length === 1) {
    const all = lines[0]!;
    const format = (['TD1', 'TD2', 'TD3'] as const).find((f) => MRZ_LAYOUT[f].lines * MRZ_LAYOUT[f].length === all.length);
    if (!format) throw invalid(`MRZ of ${all.length} characters matches no format (90, 72 or 88)`);
    const { length } = MRZ_LAYOUT[format];
    lines = Array.from({ length: MRZ_LAYOUT[format].lines }, (_, i) => all.slice(i * length, (i + 1) * length));
  }
  const format = (['TD1', 'TD2', 'TD3'] as const).find(
    (f) => MRZ_LAYOUT[f].lines === lines.length && lines.every((l) => l.length === MRZ_LAYOUT[f].length),
  );
  if (!format) {
    throw invalid(`MRZ of ${lines.length} lines (${lines.map((l) => l.length).join('/')}) matches no format`);
  }
  lines.forEach((line, i) => {
    if (!MRZ_CHARSET.test(line)) throw invalid(`MRZ line ${i + 1} has characters outside A-Z, 0-9 and <`);
  });
  return { format, lines };
}

const stripFillers = (s: string): string => s.replace(/<+$/, '');

/** ICAO 9303-3 §4.6: primary and secondary identifiers separated by '<<', components by '<'. */
function parseName(field: string): { primaryIdentifier: string; secondaryIdentifier: string } {
  const name = stripFillers(field);
  const split = name.indexOf('<<');
  const words = (s: string) => s.split('<').filter((w) => w.length > 0).join(' ');
  if (split < 0) return { primaryIdentifier: words(name), secondaryIdentifier: '' };
  return { primaryIdentifier: words(name.slice(0, split)), secondaryIdentifier: words(name.slice(split + 2)) };
}

function parseSex(c: string): MrzSex {
  if (c === 'M' || c === 'F') return c;
  if (c === '<' || c === 'X') return 'X';
  throw invalid('MRZ sex field must be M, F, X or <');
}

const matches = (field: string, digit: string): boolean => checkDigit(field) === digit;

/**
 * The document number, possibly extended into the optional data (ICAO 9303-5 §4.2.4 note j): when the
 * check-digit position holds '<', the optional data starts with the remaining characters and the check
 * digit of the full number, terminated by a filler.
 */
function documentNumber(principal: string, digit: string, optional: string) {
  if (digit === '<') {
    const end = optional.indexOf('<');
    const run = end < 0 ? optional : optional.slice(0, end);
    if (run.length >= 1) {
      const full = principal + run.slice(0, -1);
      return {
        documentNumber: stripFillers(full),
        check: matches(full, run.slice(-1)),
        optional: end < 0 ? '' : optional.slice(end + 1),
      };
    }
  }
  return { documentNumber: stripFillers(principal), check: matches(principal, digit), optional };
}

/**
 * Parses an MRZ (TD1, TD2 or TD3) from text: lines separated by newlines, or concatenated; surrounding
 * whitespace is ignored.
 *
 * @returns a frozen MrzInfo; check-digit failures are reported in `checks`, never thrown.
 * @throws CardError INVALID_INPUT (step 'mrz.parse') when the text has no MRZ shape. The message never
 *   contains the MRZ itself.
 */
export function parseMrz(text: string): MrzInfo {
  const { format, lines } = toLines(text);
  const l1 = lines[0]!;
  const l2 = lines[1]!;
  const head = { format, documentCode: stripFillers(l1.slice(0, 2)), issuingState: stripFillers(l1.slice(2, 5)) };

  if (format === 'TD1') {
    const l3 = lines[2]!;
    const doc = documentNumber(l1.slice(5, 14), l1[14]!, l1.slice(15, 30));
    const info: MrzInfo = {
      ...head,
      documentNumber: doc.documentNumber,
      ...parseName(l3),
      nationality: stripFillers(l2.slice(15, 18)),
      dateOfBirth: l2.slice(0, 6),
      sex: parseSex(l2[7]!),
      dateOfExpiry: l2.slice(8, 14),
      optionalData1: stripFillers(doc.optional),
      optionalData2: stripFillers(l2.slice(18, 29)),
      checks: Object.freeze({
        documentNumber: doc.check,
        dateOfBirth: matches(l2.slice(0, 6), l2[6]!),
        dateOfExpiry: matches(l2.slice(8, 14), l2[14]!),
        // ICAO 9303-5 §4.2.2: upper line positions 6-30, middle line 1-7, 9-15, 19-29.
        composite: matches(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), l2[29]!),
      }),
      lines: Object.freeze([...lines]),
    };
    return Object.freeze(info);
  }

  // TD2 and TD3 share the lower-line layout up to the optional data (9303-4 §4.2.2, 9303-6 §4.2.2).
  const last = MRZ_LAYOUT[format].length - 1;
  const optional = l2.slice(28, format === 'TD3' ? 42 : 35);
  // TD3 has no document-number extension: the personal number is never an overflow.
  const td3 = format === 'TD3';
  const doc = td3
    ? { documentNumber: stripFillers(l2.slice(0, 9)), check: matches(l2.slice(0, 9), l2[9]!), optional }
    : documentNumber(l2.slice(0, 9), l2[9]!, optional);
  const personalDigit = l2[42];
  const info: MrzInfo = {
    ...head,
    documentNumber: doc.documentNumber,
    ...parseName(l1.slice(5)),
    nationality: stripFillers(l2.slice(10, 13)),
    dateOfBirth: l2.slice(13, 19),
    sex: parseSex(l2[20]!),
    dateOfExpiry: l2.slice(21, 27),
    optionalData1: stripFillers(doc.optional),
    optionalData2: '',
    checks: Object.freeze({
      documentNumber: doc.check,
      dateOfBirth: matches(l2.slice(13, 19), l2[19]!),
      dateOfExpiry: matches(l2.slice(21, 27), l2[27]!),
      // ICAO 9303-4 §4.2.2 note: an all-filler personal number may carry '<' or '0' as check digit.
      ...(td3
        ? { optionalData: /^<*$/.test(optional) ? personalDigit === '<' || personalDigit === '0' : matches(optional, personalDigit!) }
        : {}),
      composite: matches(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, last), l2[last]!),
    }),
    lines: Object.freeze([...lines]),
  };
  return Object.freeze(info);
}

/** True when every check digit of the MRZ matches. */
export function mrzChecksPass(info: MrzInfo): boolean {
  const c = info.checks;
  return c.documentNumber && c.dateOfBirth && c.dateOfExpiry && c.composite && c.optionalData !== false;
}

/**
 * The BAC / PACE-MRZ key of an MRZ (ICAO 9303-11 §9.7.2): the full document number (overflow included),
 * date of birth and date of expiry. A document without expiry ('<<<<<<') keeps that marker: the chip
 * derives its key from the MRZ as printed.
 *
 * @throws CardError INVALID_INPUT when a date is not YYMMDD (e.g. an unknown birth day '<<').
 */
export function mrzAccessKeyFromMrz(info: Pick<MrzInfo, 'documentNumber' | 'dateOfBirth' | 'dateOfExpiry'>): MrzAccessKey {
  if (info.dateOfExpiry === MRZ_NO_EXPIRY) {
    const key = mrzAccessKey(info.documentNumber, info.dateOfBirth, '991231');
    return Object.freeze({ ...key, dateOfExpiry: MRZ_NO_EXPIRY });
  }
  return mrzAccessKey(info.documentNumber, info.dateOfBirth, info.dateOfExpiry);
}
