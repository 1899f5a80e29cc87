// What a scan means for the card stack: an MRZ gives its BAC / PACE-MRZ key (parseMrz,
// mrzAccessKeyFromMrz); a QR in the CCCD front layout gives the candidate keys of cccdAccessKeys.
//
// VNeID: the electronic ID in the VNeID app shows a QR for which no public specification exists. Public
// integrations (hospital check-in and visitor-registration code) read it as the same pipe-separated
// 7-field layout as the card's front QR, so it parses here as `cccd-qr`. Text that is not in that
// layout stays `unknown`, kept as read; text that starts like it (12 digits then '|') but whose fields
// are wrong is an error, so the person is asked to scan again.

import { CardError } from '../../../card/errors.ts';
import { cccdAccessKeys } from '../../../card/cccd/cccd-access.ts';
import { parseCccdQr } from '../../../card/cccd/cccd-qr.ts';
import type { CivilDate } from '../../../card/cccd/civil-date.ts';
import { mrzAccessKeyFromMrz, mrzChecksPass, parseMrz } from '../../../card/lds/mrz/mrz.ts';
import { ScanError, type ScanEvent } from '../../../hal/document-scanner.ts';
import type { GroupedScan } from './mrz-line-grouper.ts';

const CCCD_LAYOUT_START = /^\uFEFF?\d{12}\|/;

export interface InterpretOptions {
  /** Today's date, for the expiry candidates of a QR without a usable date of issue. */
  readonly today: () => CivilDate;
}

/** Never throws: what cannot be used becomes a `kind: 'error'` event naming the problem, not the content. */
export function interpretScan(scan: GroupedScan, options: InterpretOptions): ScanEvent {
  switch (scan.kind) {
    case 'error':
      return Object.freeze({ kind: 'error', error: scan.error });
    case 'mrz':
      return interpretMrz(scan.lines);
    case 'text':
      return interpretText(scan.text, options);
  }
}

function interpretMrz(lines: readonly string[]): ScanEvent {
  try {
    const info = parseMrz(lines.join('\n'));
    const keys = Object.freeze([mrzAccessKeyFromMrz(info)]);
    return Object.freeze({ kind: 'mrz', info, keys, checksPass: mrzChecksPass(info) });
  } catch (cause) {
    return errorEvent('MRZ_INVALID', 'scanned MRZ', cause, 'scanner.mrz');
  }
}

function interpretText(text: string, options: InterpretOptions): ScanEvent {
  if (!CCCD_LAYOUT_START.test(text)) return Object.freeze({ kind: 'unknown', text });
  try {
    const data = parseCccdQr(text);
    const keys = cccdAccessKeys(data, { today: options.today() });
    return Object.freeze({ kind: 'cccd-qr', data, keys });
  } catch (cause) {
    return errorEvent('QR_INVALID', 'scanned CCCD QR', cause, 'scanner.qr');
  }
}

function errorEvent(code: 'MRZ_INVALID' | 'QR_INVALID', what: string, cause: unknown, step: string): ScanEvent {
  // CardError messages name the field, never its content; anything else is a bug and says only its kind.
  const reason = cause instanceof CardError ? cause.message : `unexpected ${cause instanceof Error ? cause.name : typeof cause}`;
  return Object.freeze({ kind: 'error', error: new ScanError(code, `${what} is not usable: ${reason}`, { cause, step }) });
}
