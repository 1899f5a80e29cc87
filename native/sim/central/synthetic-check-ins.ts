// Synthetic check-in records for tests, benches and the demo: deterministic from a sequence number,
// valid against CheckInRecordSchema, and about no real person (the names come from a fixed list of
// made-up test names, the document numbers from the sequence).

import { createHash } from 'node:crypto';
import type { CheckInRecord } from '../../central/check-in-record.ts';

const NAMES = Object.freeze(['NGUYEN VAN THU', 'TRAN THI MAU', 'LE VAN KIEM', 'PHAM THI THU NGHIEM', 'HOANG VAN MAU']);

/** A UUIDv4-shaped key derived from `seed` and `n`, so runs are repeatable. */
export function syntheticIdempotencyKey(n: number, seed = 'kiosk'): string {
  const h = createHash('sha256').update(`${seed}:${n}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface SyntheticCheckInOptions {
  readonly kioskId?: string;
  readonly seed?: string;
  readonly createdAt?: Date;
}

/** The n-th synthetic check-in: hospital visits for even n, border-gate crossings for odd n. */
export function syntheticCheckIn(n: number, options: SyntheticCheckInOptions = {}): CheckInRecord {
  const hospital = n % 2 === 0;
  const id = String(1_000_000 + (n % 9_000_000)).padStart(12, '0');
  return {
    idempotencyKey: syntheticIdempotencyKey(n, options.seed),
    kioskId: options.kioskId ?? 'kiosk-test-01',
    profile: hospital ? 'hospital' : 'border-gate',
    createdAt: (options.createdAt ?? new Date(Date.UTC(2025, 0, 1) + n * 1000)).toISOString(),
    assurance: n % 3 === 0 ? 'PA_AA_OR_CA' : 'PA_VERIFIED',
    verdicts: { passive: 'passed', active: n % 3 === 0 ? 'passed' : 'not-performed', chip: 'not-performed', fingerprint: 'captured' },
    devices: { 'reader-0': 'ready', 'fingerprint-0': 'ready' },
    person: {
      documentType: hospital ? 'CCCD' : 'PASSPORT',
      documentNumber: hospital ? id.slice(-9) : `T${id.slice(-8)}`,
      issuingState: 'VNM',
      fullName: NAMES[n % NAMES.length]!,
      dateOfBirth: `19${String(50 + (n % 50)).padStart(2, '0')}-0${1 + (n % 9)}-1${n % 10}`,
      sex: n % 2 === 0 ? 'M' : 'F',
      nationality: 'VNM',
      ...(hospital ? { personalNumber: id } : {}),
    },
    ...(hospital ? { visit: { departmentId: `dept-${n % 7}`, ticketNumber: `A${n % 1000}` } } : { gate: { decision: n % 5 === 0 ? 'booth' : 'open' } }),
  } as CheckInRecord;
}
