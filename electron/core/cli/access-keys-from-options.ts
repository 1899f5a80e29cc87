// Builds the ordered access-key candidates of `kiosk card read` from its unlock options: --can first
// (PACE with the CAN needs no guessing), then a typed or scanned MRZ, explicit --doc/--dob/--expiry, and
// the CCCD front QR (document number, date of birth and expiry candidates from the age rule).

import { canAccessKey, mrzAccessKey, type AccessKey } from '../../../native/card/access-key.ts';
import { cccdAccessKeys } from '../../../native/card/cccd/cccd-access.ts';
import { parseCccdQr } from '../../../native/card/cccd/cccd-qr.ts';
import { mrzAccessKeyFromMrz, parseMrz } from '../../../native/card/lds/mrz/mrz.ts';
import { KioskError } from '../../../native/hal/errors.ts';
import { CliError } from './cli-error.ts';

export interface UnlockOptions {
  readonly can?: string;
  readonly mrz?: string;
  readonly doc?: string;
  readonly dob?: string;
  readonly expiry?: string;
  readonly qr?: string;
}

/** Throws CliError (exit 2) with a one-line reason for malformed input; never echoes the values. */
export function accessKeysFromOptions(o: UnlockOptions): AccessKey[] {
  const keys: AccessKey[] = [];
  try {
    if (o.can !== undefined) keys.push(canAccessKey(o.can.trim()));
    if (o.mrz !== undefined) keys.push(mrzAccessKeyFromMrz(parseMrz(o.mrz.replace(/\\n|\|/g, '\n'))));
    if (o.doc !== undefined || o.dob !== undefined || o.expiry !== undefined) {
      if (o.doc === undefined || o.dob === undefined || o.expiry === undefined) throw new CliError('--doc, --dob and --expiry go together');
      keys.push(mrzAccessKey(o.doc.trim(), o.dob.trim(), o.expiry.trim()));
    }
    if (o.qr !== undefined) {
      const qr = parseCccdQr(o.qr);
      const candidates = cccdAccessKeys({ idNumber: qr.idNumber, dateOfBirth: qr.dateOfBirth, dateOfIssue: qr.dateOfIssue }, { includeCan: o.can === undefined });
      keys.push(...candidates);
    }
  } catch (err) {
    if (err instanceof KioskError) throw new CliError(`invalid unlock data: ${err.message}`);
    throw err;
  }
  return keys;
}
