// Identities from what a person presents: the CCCD front QR (printed data, no chip) and the chip's DG1,
// DG13 and DG2; and the dates of the MRZ in ISO form. ICAO 9303-3 §4.7 writes dates as YYMMDD.

import type { CccdQrData } from '../../../native/card/cccd/cccd-qr.ts';
import type { DecodedDocument } from '../../../native/card/reader/decode-document.ts';
import type { MrzFields } from '../../../native/card/lds/mrz/mrz.ts';
import type { Identity } from './ports.ts';

/** The CCCD QR has no expiry, so the identity has none either. */
export function identityFromQr(data: CccdQrData): Identity {
  return Object.freeze({
    source: 'qr',
    documentType: 'CCCD',
    documentNumber: data.idNumber.slice(3),
    issuingState: 'VNM',
    fullName: data.fullName,
    dateOfBirth: data.dateOfBirth,
    sex: data.sex,
    nationality: 'VNM',
    personalNumber: data.idNumber,
  });
}

/** `YYMMDD` of a birth date: a year after this year's two digits is of the last century. */
export function mrzBirthDateToIso(yymmdd: string, today: Date): string | undefined {
  const m = /^(\d{2})(\d{2}|<<)(\d{2}|<<)$/.exec(yymmdd);
  if (!m) return undefined;
  const yy = Number(m[1]);
  const year = yy > today.getUTCFullYear() % 100 ? 1900 + yy : 2000 + yy;
  if (m[2] === '<<') return String(year);
  return m[3] === '<<' ? `${year}-${m[2]}` : `${year}-${m[2]}-${m[3]}`;
}

/**
 * `YYMMDD` of an expiry date; undefined for documents without one ('<<<<<<', and the CCCD's 991231
 * placeholder for holders over 60). Expiries are this century: ICAO documents last at most ten years
 * and CCCDs at most until 2099.
 */
export function mrzExpiryDateToIso(yymmdd: string): string | undefined {
  if (yymmdd === '991231') return undefined;
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  return m ? `20${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** 'dd/MM/yyyy' (DG13) to ISO; undefined for anything else ('Không thời hạn'). */
function vietnameseDateToIso(text: string | undefined): string | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text ?? '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
}

/** `NGUYEN<<VAN THU` style names as a person reads them: given names after the surname. */
export function mrzDisplayName(mrz: Pick<MrzFields, 'primaryIdentifier' | 'secondaryIdentifier'>): string {
  return [mrz.primaryIdentifier, mrz.secondaryIdentifier].filter((part) => part.length > 0).join(' ');
}

function documentTypeOf(mrz: MrzFields): Identity['documentType'] {
  if (mrz.documentCode.startsWith('P')) return 'PASSPORT';
  if (mrz.issuingState === 'VNM' && mrz.documentCode.startsWith('I')) return 'CCCD';
  return 'OTHER';
}

/**
 * The holder of a read document: the MRZ (DG1) is the authority for numbers and dates; a CCCD's DG13
 * gives the name with diacritics and the full ID; DG2's first face is the portrait.
 */
export function identityFromDocument(document: DecodedDocument & { readonly mrz: MrzFields }, today: Date): Identity {
  const { mrz, dg13 } = document;
  const documentType = documentTypeOf(mrz);
  const personalNumber = documentType === 'CCCD' ? (dg13?.idNumber ?? (/^\d{12}$/.test(mrz.optionalData1) ? mrz.optionalData1 : undefined)) : mrz.optionalData1 || undefined;
  const face = document.dg2?.faces[0];
  const dateOfExpiry = mrzExpiryDateToIso(mrz.dateOfExpiry) ?? vietnameseDateToIso(dg13?.dateOfExpiry);
  return Object.freeze({
    source: 'chip',
    documentType,
    documentNumber: mrz.documentNumber.slice(0, 32),
    issuingState: mrz.issuingState.padEnd(3, '<'),
    fullName: dg13?.fullName || mrzDisplayName(mrz),
    dateOfBirth: mrzBirthDateToIso(mrz.dateOfBirth, today) ?? vietnameseDateToIso(dg13?.dateOfBirth) ?? '0000',
    sex: mrz.sex,
    nationality: mrz.nationality.padEnd(3, '<'),
    ...(personalNumber ? { personalNumber: personalNumber.slice(0, 32) } : {}),
    ...(dateOfExpiry ? { dateOfExpiry } : {}),
    ...(face ? { photo: Object.freeze({ mimeType: face.mimeType, bytes: face.bytes }) } : {}),
  });
}
