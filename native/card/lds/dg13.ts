// DG13 of the Vietnamese CCCD: personal data in a national format (ICAO 9303-10 §4.7.13 leaves DG13 to
// the issuer). Public reader code reports
//   6D { SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8, SET { SEQUENCE { INTEGER n, value } … } } }
// with values as PrintableString or UTF8String, but encodings differ between card generations (field 13
// holds the parents as two strings, or as nested sequences). So the parser walks the ASN.1 and picks
// every SEQUENCE that starts with an INTEGER and holds no OID: that is a field, its number the INTEGER,
// its values every string inside, in order. No fixed offsets; missing, empty and unknown fields are fine.

import { concat } from '../../util/bytes.ts';
import { MalformedDataError } from '../errors.ts';
import { EF_DG } from './lds-files.ts';
import { decodeLdsText, encodeLdsText, readTaggedFile } from './lds-tagged-file.ts';
import { encodeTlv, isConstructed, readTlvList, type Tlv } from './tlv.ts';

const STEP = 'lds.dg13';
const DG13_TAG = EF_DG[13]!.tag!;
const MAX_DEPTH = 16;

const ASN1_INTEGER = 0x02;
const ASN1_OID = 0x06;
const ASN1_SEQUENCE = 0x30;
const ASN1_SET = 0x31;
const ASN1_UTF8_STRING = 0x0c;
const ASN1_PRINTABLE_STRING = 0x13;
const STRING_TAGS = new Set([0x0c, 0x12, 0x13, 0x14, 0x16, 0x1a, 0x1e]);
const ASN1_BMP_STRING = 0x1e;

/** OID 1.0.10646.1.0.8 (ISO/IEC 10646 UTF-8) as the header of the CCCD's DG13 carries it. */
const HEADER_OID = Uint8Array.of(0x28, 0xd3, 0x16, 0x01, 0x00, 0x08);

export interface Dg13UnknownField {
  readonly number: number;
  readonly values: readonly string[];
}

/** The CCCD personal data. Dates are as on the card, dd/MM/yyyy. Absent or empty fields are undefined. */
export interface Dg13Info {
  /** 1: the 12-digit personal identification number. */
  readonly idNumber: string | undefined;
  /** 2 */
  readonly fullName: string | undefined;
  /** 3: dd/MM/yyyy */
  readonly dateOfBirth: string | undefined;
  /** 4: as printed ('Nam' / 'Nữ'). */
  readonly sex: string | undefined;
  /** 5 */
  readonly nationality: string | undefined;
  /** 6 */
  readonly ethnicity: string | undefined;
  /** 7 */
  readonly religion: string | undefined;
  /** 8 */
  readonly placeOfOrigin: string | undefined;
  /** 9 */
  readonly placeOfResidence: string | undefined;
  /** 10 */
  readonly identifyingMarks: string | undefined;
  /** 11: dd/MM/yyyy */
  readonly dateOfIssue: string | undefined;
  /** 12: dd/MM/yyyy, or text such as 'Không thời hạn' on cards without expiry. */
  readonly dateOfExpiry: string | undefined;
  /** parents[0] of field 13. */
  readonly fatherName: string | undefined;
  /** parents[1] of field 13. */
  readonly motherName: string | undefined;
  /** 13: every string of the field in order ('' kept, so positions stay meaningful). */
  readonly parents: readonly string[];
  /** 14 */
  readonly spouseName: string | undefined;
  /** 15 or 16 (sources disagree): the first of them that is a 9- or 12-digit number. */
  readonly oldIdNumber: string | undefined;
  /** Fields this parser does not map (including whichever of 15/16 is not the old ID number). */
  readonly unknownFields: readonly Dg13UnknownField[];
}

const SINGLE_FIELDS = {
  1: 'idNumber',
  2: 'fullName',
  3: 'dateOfBirth',
  4: 'sex',
  5: 'nationality',
  6: 'ethnicity',
  7: 'religion',
  8: 'placeOfOrigin',
  9: 'placeOfResidence',
  10: 'identifyingMarks',
  11: 'dateOfIssue',
  12: 'dateOfExpiry',
  14: 'spouseName',
} as const satisfies Record<number, keyof Dg13Info>;

type SingleField = (typeof SINGLE_FIELDS)[keyof typeof SINGLE_FIELDS];
const FIELD_PARENTS = 13;
const OLD_ID_FIELDS = [15, 16] as const;
const OLD_ID = /^(\d{9}|\d{12})$/;

function decodeString(tlv: Tlv): string {
  if (tlv.tag === ASN1_BMP_STRING) {
    let s = '';
    for (let i = 0; i + 1 < tlv.value.length; i += 2) s += String.fromCharCode((tlv.value[i]! << 8) | tlv.value[i + 1]!);
    return s;
  }
  return decodeLdsText(tlv.value);
}

function collectStrings(tlvs: readonly Tlv[], depth: number, out: string[]): void {
  if (depth > MAX_DEPTH) throw new MalformedDataError(`nesting deeper than ${MAX_DEPTH}`, { step: STEP });
  for (const tlv of tlvs) {
    if (STRING_TAGS.has(tlv.tag)) out.push(decodeString(tlv));
    else if (isConstructed(tlv.tag)) collectStrings(readTlvList(tlv.value, STEP), depth + 1, out);
  }
}

function fieldNumber(tlv: Tlv): number {
  if (tlv.value.length === 0 || tlv.value.length > 2) throw new MalformedDataError('field number is not a small INTEGER', { step: STEP });
  let n = 0;
  for (const b of tlv.value) n = n * 256 + b;
  return n;
}

function collectFields(tlvs: readonly Tlv[], depth: number, out: Map<number, string[]>): void {
  if (depth > MAX_DEPTH) throw new MalformedDataError(`nesting deeper than ${MAX_DEPTH}`, { step: STEP });
  for (const tlv of tlvs) {
    if (!isConstructed(tlv.tag)) continue;
    const children = readTlvList(tlv.value, STEP);
    const first = children[0];
    if (tlv.tag === ASN1_SEQUENCE && first?.tag === ASN1_INTEGER && !children.some((c) => c.tag === ASN1_OID)) {
      const number = fieldNumber(first);
      const values: string[] = [];
      collectStrings(children.slice(1), depth + 1, values);
      // A repeated field number adds its strings after the first occurrence's.
      out.set(number, [...(out.get(number) ?? []), ...values]);
    } else {
      collectFields(children, depth + 1, out);
    }
  }
}

/**
 * Parses the CCCD's DG13 by walking its ASN.1 structure.
 *
 * @returns a frozen Dg13Info; fields absent from the card are undefined.
 * @throws MalformedDataError (step 'lds.dg13') when the outer tag is not 6D, a length overruns, a field
 *   number is not a small INTEGER or the nesting is deeper than 16.
 */
export function parseDg13(bytes: Uint8Array): Dg13Info {
  const { children } = readTaggedFile(bytes, DG13_TAG, STEP);
  const fields = new Map<number, string[]>();
  collectFields(children, 0, fields);

  const single: Partial<Record<SingleField, string>> = {};
  for (const [number, key] of Object.entries(SINGLE_FIELDS)) {
    const text = fields.get(Number(number))?.join(' ');
    if (text) single[key] = text;
  }
  const parents = Object.freeze([...(fields.get(FIELD_PARENTS) ?? [])]);
  const oldIdField = OLD_ID_FIELDS.find((n) => OLD_ID.test(fields.get(n)?.join('') ?? ''));
  const unknownFields = [...fields.entries()]
    .filter(([n]) => !(n in SINGLE_FIELDS) && n !== FIELD_PARENTS && n !== oldIdField)
    .sort(([a], [b]) => a - b)
    .map(([number, values]) => Object.freeze({ number, values: Object.freeze(values) }));

  return Object.freeze({
    idNumber: single.idNumber,
    fullName: single.fullName,
    dateOfBirth: single.dateOfBirth,
    sex: single.sex,
    nationality: single.nationality,
    ethnicity: single.ethnicity,
    religion: single.religion,
    placeOfOrigin: single.placeOfOrigin,
    placeOfResidence: single.placeOfResidence,
    identifyingMarks: single.identifyingMarks,
    dateOfIssue: single.dateOfIssue,
    dateOfExpiry: single.dateOfExpiry,
    fatherName: parents[0] || undefined,
    motherName: parents[1] || undefined,
    parents,
    spouseName: single.spouseName,
    oldIdNumber: oldIdField === undefined ? undefined : fields.get(oldIdField)!.join(''),
    unknownFields: Object.freeze(unknownFields),
  });
}

/** What the simulator puts in DG13; every field optional. */
export type Dg13Content = Partial<Omit<Dg13Info, 'fatherName' | 'motherName' | 'parents' | 'unknownFields'>> & {
  readonly parents?: readonly string[];
  readonly unknownFields?: readonly Dg13UnknownField[];
};

export interface Dg13EncodeOptions {
  /** 'flat': SEQUENCE { INTEGER 13, father, mother }; 'nested': each name in its own SEQUENCE. */
  readonly parents?: 'flat' | 'nested';
  /** Field number of the old ID number: 15 (default) or 16. */
  readonly oldIdField?: 15 | 16;
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function encodeString(text: string): Uint8Array {
  return encodeTlv(PRINTABLE.test(text) ? ASN1_PRINTABLE_STRING : ASN1_UTF8_STRING, encodeLdsText(text));
}

function encodeField(number: number, ...values: Uint8Array[]): Uint8Array {
  if (!Number.isInteger(number) || number < 1 || number > 0x7fff) throw new RangeError(`DG13 field number ${number}`);
  const n = number < 0x80 ? Uint8Array.of(number) : Uint8Array.of(number >> 8, number & 0xff);
  return encodeTlv(ASN1_SEQUENCE, encodeTlv(ASN1_INTEGER, n), ...values);
}

/**
 * Encodes DG13 in the structure public reader code reports, for the chip simulator. Text is UTF-8
 * (UTF8String) unless it fits PrintableString.
 *
 * @throws RangeError for an unknown field number outside 1..32767.
 */
export function encodeDg13(content: Dg13Content, options: Dg13EncodeOptions = {}): Uint8Array {
  const fields: Uint8Array[] = [];
  for (const [number, key] of Object.entries(SINGLE_FIELDS)) {
    const value = content[key];
    if (value !== undefined) fields.push(encodeField(Number(number), encodeString(value)));
    if (Number(number) === 12 && content.parents && content.parents.length > 0) {
      const names = content.parents.map(encodeString);
      fields.push(encodeField(FIELD_PARENTS, ...(options.parents === 'nested' ? names.map((n) => encodeTlv(ASN1_SEQUENCE, n)) : names)));
    }
  }
  if (content.oldIdNumber !== undefined) fields.push(encodeField(options.oldIdField ?? 15, encodeString(content.oldIdNumber)));
  for (const f of content.unknownFields ?? []) fields.push(encodeField(f.number, ...f.values.map(encodeString)));
  const header = concat(encodeTlv(ASN1_INTEGER, Uint8Array.of(1)), encodeTlv(ASN1_OID, HEADER_OID));
  return encodeTlv(DG13_TAG, encodeTlv(ASN1_SEQUENCE, header, encodeTlv(ASN1_SET, ...fields)));
}
