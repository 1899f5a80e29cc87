// The seams of the check-in flows: each port is the little a flow needs from a device or a service, so
// the machines run under plain Node with the real simulators in tests and the real drivers in the kiosk.
// Where a device interface already fits (DocumentScanner, Printer, Gate, CheckInStore, CentralClient)
// it satisfies its port structurally; the others have adapters in ./adapters.

import type { AccessKey } from '../../../native/card/access-key.ts';
import type { MrzInfo } from '../../../native/card/lds/mrz/mrz-info.ts';
import type { AssuranceLevel, CheckVerdict } from '../../../native/card/reader/assurance.ts';
import type { Event } from '../../../native/hal/event.ts';
import type { ScanEvent } from '../../../native/hal/document-scanner.ts';
import type { PrintResult, Ticket } from '../../../native/hal/printer.ts';
import type { IdentityVerification } from '../../../native/central/central-api.ts';
import type { CheckInDraft, EnqueueReceipt } from '../store/check-in-store.ts';
import type { IdentityEvidence, IssuedNonce } from '../sync/central-client.ts';

export type Language = 'vi' | 'en' | 'zh';

/** A person's identity as a flow uses it, from the chip or from the front QR. Personal data. */
export interface Identity {
  readonly source: 'chip' | 'qr';
  readonly documentType: 'CCCD' | 'PASSPORT' | 'OTHER';
  /** As printed in the MRZ (CCCD: the last 9 digits of the ID). */
  readonly documentNumber: string;
  /** ICAO three-letter code. */
  readonly issuingState: string;
  /** The name to show and print (CCCD: DG13's name with diacritics, else the MRZ name). */
  readonly fullName: string;
  /** ISO YYYY-MM-DD, or YYYY-MM / YYYY when the document gives no more. */
  readonly dateOfBirth: string;
  readonly sex: 'M' | 'F' | 'X';
  readonly nationality?: string;
  /** CCCD: the 12-digit personal ID. */
  readonly personalNumber?: string;
  /** ISO YYYY-MM-DD; undefined on documents without expiry (and on the QR, which has none). */
  readonly dateOfExpiry?: string;
  /** The portrait (DG2 faces[0]). */
  readonly photo?: { readonly mimeType: string; readonly bytes: Uint8Array };
}

/** What a chip read gives a flow. Personal data. */
export interface ChipRead {
  readonly identity: Identity;
  /** DG1 as read, to compare with a scanned MRZ. */
  readonly mrz: MrzInfo;
  readonly verdicts: { readonly passive: CheckVerdict; readonly active: CheckVerdict; readonly chip: CheckVerdict };
  readonly assurance: AssuranceLevel;
  /** False when any check failed: the document must not be trusted. */
  readonly trusted: boolean;
  /** Chip files and the AA answer, for online verification. */
  readonly evidence: Omit<IdentityEvidence, 'nonceId' | 'fingerprintPng'>;
}

export type ChipReadEvent =
  | { readonly type: 'access' }
  | { readonly type: 'progress'; readonly file: string; readonly bytesRead: number; readonly totalBytes: number }
  /** DG1 (and DG13) are in: the name can be shown while the rest is read. */
  | { readonly type: 'holder'; readonly fullName: string }
  | { readonly type: 'card-lost' }
  | { readonly type: 'card-back' };

export interface ChipReadRequest {
  /** Candidate keys, most likely first (from the scanned MRZ or CCCD QR). */
  readonly keys: readonly AccessKey[];
  /** 8 bytes for active authentication; a random one when absent (offline). */
  readonly challenge?: Uint8Array;
  readonly signal: AbortSignal;
  readonly onEvent: (event: ChipReadEvent) => void;
}

/**
 * The card reader as a flow sees it.
 *
 * Obligations: `read` rejects with the card stack's typed errors (CardError ACCESS_DENIED for keys the
 * chip refuses, CardRemovedError when the card left and did not come back, DeviceUnavailableError when
 * the reader is gone) and with KioskError `READ_CANCELLED` soon after `signal` aborts. A result whose DG1
 * cannot be parsed rejects with CardError MALFORMED_DATA.
 */
export interface CardPort {
  readonly cardPresent: boolean;
  readonly onDidInsertCard: Event<unknown>;
  readonly onDidRemoveCard: Event<unknown>;
  read(request: ChipReadRequest): Promise<ChipRead>;
}

/** The document scanner: `DocumentScanner` satisfies it. */
export interface DocumentScanPort {
  readonly onDidScan: Event<ScanEvent>;
}

export type FingerPhase = 'place' | 'hold' | 'lift';

export interface FingerprintSample {
  /** 8-bit grayscale PNG: sent to the central service for verification. Biometric data. */
  readonly png: Uint8Array;
  readonly qualityScore: number;
  readonly template: Uint8Array | undefined;
}

/**
 * The fingerprint scanner as a flow sees it. `capture` rejects as FingerprintScanner.capture does
 * (FingerprintRejectedError, DeviceTimeoutError FINGER_NOT_DETECTED, DeviceUnavailableError,
 * KioskError CAPTURE_CANCELLED after `signal` aborts).
 */
export interface FingerprintPort {
  capture(request: { readonly timeoutMs: number; readonly signal: AbortSignal; readonly onPhase: (phase: FingerPhase) => void }): Promise<FingerprintSample>;
}

/**
 * A 1:1 comparison of a live finger with the holder's reference, where one exists (a central service,
 * an on-device template store). Without a matcher the flow records the finger as `captured`.
 */
export interface FingerprintMatcher {
  match(sample: FingerprintSample, identity: Identity, signal: AbortSignal): Promise<'matched' | 'not-matched'>;
}

/** A hospital department or service a patient may choose. Not personal data. */
export interface Department {
  readonly id: string;
  readonly name: { readonly vi: string; readonly en: string; readonly zh?: string };
  /** Printed on the ticket, e.g. 'Phòng 3'. */
  readonly room?: string;
  /** Queue-number prefix, e.g. 'A' (default: the first letter of the id, upper case). */
  readonly ticketPrefix?: string;
  /** False when the department takes no more patients (the central service says so): shown, never chosen. Default true. */
  readonly available?: boolean;
  /** The expected wait, when the central service knows it. */
  readonly waitMinutes?: number;
}

/** Whether a patient may choose `department` now. */
export function isChoosable(department: Department): boolean {
  return department.available !== false;
}

/** The list of departments: from config, or from the central service when online. */
export interface DepartmentSource {
  /** Resolves with the list and whether it came from a live service; rejects only when no list exists. */
  list(signal: AbortSignal): Promise<{ readonly departments: readonly Department[]; readonly online: boolean }>;
}

/** Allocates queue numbers (e.g. 'A042'), per department. */
export interface TicketNumbers {
  next(department: Department): Promise<string>;
}

/** The durable outbox: `CheckInStore` satisfies it. Resolves only after the commit. */
export interface CheckInOutbox {
  enqueue(draft: CheckInDraft): Promise<EnqueueReceipt>;
}

/** The receipt printer: `Printer` satisfies it. */
export interface TicketPrinter {
  print(ticket: Ticket): Promise<PrintResult>;
}

/** The gate controller: `Gate` satisfies it. */
export interface GatePort {
  pulse(): Promise<void>;
}

/** Online identity verification: `CentralClient` satisfies it. Rejects with SyncTransportError. */
export interface IdentityVerifier {
  issueNonce(): Promise<IssuedNonce>;
  verifyIdentity(evidence: IdentityEvidence): Promise<IdentityVerification>;
}

/** Wall-clock time for dates (expiry, tickets, records). Timers come from the actor's clock. */
export interface FlowClock {
  now(): Date;
}

export const systemClock: FlowClock = Object.freeze({ now: () => new Date() });
