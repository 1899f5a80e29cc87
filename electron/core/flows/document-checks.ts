// Checks of a read document against what else the person presented and against the calendar: the chip's
// DG1 must say what the scanned MRZ (or the CCCD front QR) says, and the document must not have expired.
// Each check returns the names of what differs (never the values: those are personal data).

import type { MrzFields } from '../../../native/card/lds/mrz/mrz.ts';
import type { Identity } from './ports.ts';

const MRZ_FIELDS = [
  'documentCode',
  'issuingState',
  'documentNumber',
  'primaryIdentifier',
  'secondaryIdentifier',
  'nationality',
  'dateOfBirth',
  'sex',
  'dateOfExpiry',
  'optionalData1',
  'optionalData2',
] as const satisfies readonly (keyof MrzFields)[];

export type MrzFieldName = (typeof MRZ_FIELDS)[number];

/** The MRZ fields on which the chip (DG1) and the printed page (scanned) disagree. */
export function mrzDifferences(scanned: MrzFields, chip: MrzFields): readonly MrzFieldName[] {
  if (scanned.format !== chip.format) return Object.freeze(['documentCode']);
  return Object.freeze(MRZ_FIELDS.filter((field) => scanned[field] !== chip[field]));
}

/** The fields on which the chip and the CCCD front QR disagree (the QR carries no expiry). */
export function qrDifferences(qr: Identity, chip: Identity): readonly string[] {
  const differ: string[] = [];
  if (qr.personalNumber !== undefined && chip.personalNumber !== undefined && qr.personalNumber !== chip.personalNumber) differ.push('personalNumber');
  if (qr.documentNumber !== chip.documentNumber) differ.push('documentNumber');
  if (qr.dateOfBirth !== chip.dateOfBirth) differ.push('dateOfBirth');
  return Object.freeze(differ);
}

/** The kiosk's calendar day (its local time zone) as YYYY-MM-DD. */
export function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** True when the document expired before `today` (valid through its expiry day); false without an expiry. */
export function isExpired(identity: Pick<Identity, 'dateOfExpiry'>, today: Date): boolean {
  if (identity.dateOfExpiry === undefined) return false;
  return identity.dateOfExpiry < localIsoDate(today);
}
