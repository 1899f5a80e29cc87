// Everything a flow holds about the person in front of the kiosk, in one place, so that the idle reset and
// the end of a check-in drop it all at once: the scan, the chip read, the fingerprint, the choices and
// the receipt. Byte arrays the flow owns (photo, chip files, fingerprint image) are zeroed on wipe, so a
// heap snapshot taken after a reset does not hold them either.

import type { AccessKey } from '../../../native/card/access-key.ts';
import type { MrzFields } from '../../../native/card/lds/mrz/mrz.ts';
import type { ScanEvent } from '../../../native/hal/document-scanner.ts';
import type { Ticket } from '../../../native/hal/printer.ts';
import type { IdentityVerification } from '../../../native/central/central-api.ts';
import type { IssuedNonce } from '../sync/central-client.ts';
import { identityFromQr } from './identity.ts';
import type { ChipRead, Department, FingerprintSample, Identity } from './ports.ts';

export type FingerprintVerdict = 'matched' | 'not-matched' | 'captured' | 'not-performed';

/** What the document scanner read: the keys that unlock the chip, and what to compare the chip with. */
export type PresentedScan =
  | { readonly kind: 'mrz'; readonly keys: readonly AccessKey[]; readonly mrz: MrzFields }
  | { readonly kind: 'cccd-qr'; readonly keys: readonly AccessKey[]; readonly identity: Identity };

export interface PersonSession {
  readonly scan?: PresentedScan;
  /** The name shown while the rest of the chip is read. */
  readonly holderName?: string;
  readonly read?: ChipRead;
  /** The identity the check-in is for: the chip's, or the QR's on a QR-only check-in. */
  readonly identity?: Identity;
  readonly fingerprint?: FingerprintSample;
  readonly fingerprintVerdict: FingerprintVerdict;
  readonly nonce?: IssuedNonce;
  readonly online?: IdentityVerification;
  readonly department?: Department;
  readonly queueNumber?: string;
  readonly idempotencyKey?: string;
  /** The ticket as printed (and previewed). */
  readonly ticket?: Ticket;
}

export const EMPTY_SESSION: PersonSession = Object.freeze({ fingerprintVerdict: 'not-performed' });

/** A usable scan from a scanner event; undefined for errors and codes the kiosk does not interpret. */
export function presentedScan(event: ScanEvent): PresentedScan | undefined {
  if (event.kind === 'mrz' && event.keys.length > 0) return Object.freeze({ kind: 'mrz', keys: event.keys, mrz: event.info });
  if (event.kind === 'cccd-qr' && event.keys.length > 0) return Object.freeze({ kind: 'cccd-qr', keys: event.keys, identity: identityFromQr(event.data) });
  return undefined;
}

/** Zeroes the byte arrays the session owns. The session object itself is dropped by the caller. */
export function wipeSession(session: PersonSession): void {
  const arrays: (Uint8Array | undefined)[] = [
    session.read?.identity.photo?.bytes,
    session.identity?.photo?.bytes,
    session.read?.evidence.sod,
    session.read?.evidence.dg1,
    session.read?.evidence.dg14,
    session.read?.evidence.dg15,
    session.read?.evidence.activeAuthenticationSignature,
    session.fingerprint?.png,
    session.fingerprint?.template,
  ];
  for (const bytes of arrays) bytes?.fill(0);
}
