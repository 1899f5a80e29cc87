// Why a traveller is sent to a manual booth: a reason code for the officer (stable, at most 32
// characters, in the check-in record) and the text the traveller reads. Every check that can refuse a
// document lives here, so the machine only routes.

import type { UserMessageKey } from '../../../../native/hal/errors.ts';
import { isExpired, mrzDifferences, qrDifferences } from '../document-checks.ts';
import { isAccessDenied, isCardRemoved, isDeviceUnavailable } from '../flow-problem.ts';
import type { PersonSession } from '../person-session.ts';

export type BoothReason =
  | 'WRONG_DOCUMENT'
  | 'CARD_REMOVED'
  | 'CHIP_UNREADABLE'
  | 'READER_UNAVAILABLE'
  | 'READ_TIMEOUT'
  | 'PA_FAILED'
  | 'AA_FAILED'
  | 'CA_FAILED'
  | 'DOCUMENT_EXPIRED'
  | 'MRZ_MISMATCH'
  | 'QR_MISMATCH'
  | 'FINGERPRINT_FAILED'
  | 'FINGERPRINT_MISMATCH'
  | 'FINGERPRINT_UNAVAILABLE'
  | 'ONLINE_REFUSED'
  | 'ONLINE_UNVERIFIED'
  | 'ASSURANCE_TOO_LOW'
  | 'OFFLINE'
  | 'NOT_SAVED'
  | 'GATE_FAULT';

export interface GateDecision {
  readonly decision: 'open' | 'booth';
  readonly reasonCode?: BoothReason;
  readonly booth?: string;
}

/** What the traveller reads for a reason (the booth number is shown beside it). */
export function boothMessage(reason: BoothReason | undefined): UserMessageKey {
  switch (reason) {
    case 'DOCUMENT_EXPIRED':
      return 'DOCUMENT_EXPIRED';
    case 'GATE_FAULT':
      return 'GATE_UNAVAILABLE';
    case 'FINGERPRINT_MISMATCH':
      return 'FINGERPRINT_MISMATCH';
    default:
      return 'GO_TO_BOOTH';
  }
}

/** The reason a failed chip read gives, once the traveller has no attempt left. */
export function readFailureReason(error: unknown): BoothReason {
  if (isAccessDenied(error)) return 'WRONG_DOCUMENT';
  if (isCardRemoved(error)) return 'CARD_REMOVED';
  if (isDeviceUnavailable(error)) return 'READER_UNAVAILABLE';
  return 'CHIP_UNREADABLE';
}

/**
 * The first reason the document read cannot let the traveller through, or undefined. Order: the chip's
 * own checks (a forgery says most), then the printed page against the chip, then the calendar.
 */
export function documentRefusal(session: PersonSession, today: Date): BoothReason | undefined {
  const read = session.read;
  if (!read) return 'CHIP_UNREADABLE';
  if (read.verdicts.passive === 'failed') return 'PA_FAILED';
  if (read.verdicts.active === 'failed') return 'AA_FAILED';
  if (read.verdicts.chip === 'failed') return 'CA_FAILED';
  const scan = session.scan;
  if (scan?.kind === 'mrz' && mrzDifferences(scan.mrz, read.mrz).length > 0) return 'MRZ_MISMATCH';
  if (scan?.kind === 'cccd-qr' && qrDifferences(scan.identity, read.identity).length > 0) return 'QR_MISMATCH';
  if (isExpired(read.identity, today)) return 'DOCUMENT_EXPIRED';
  return undefined;
}
