// TypeScript shapes of the bodies config/central-service.openapi.yaml defines, for the client and the
// simulator. The document is the authority: both sides validate bodies against it (central-contract.ts)
// before these types are trusted.

import type { CheckInRecord } from './check-in-record.ts';

export type AssuranceLevel = CheckInRecord['assurance'];

export interface NonceRequest {
  readonly kioskId: string;
  readonly purpose: 'active-authentication';
}

export interface Nonce {
  readonly nonceId: string;
  /** 8 bytes, base64. */
  readonly challenge: string;
  readonly expiresAt: string;
}

export interface IdentityVerificationRequest {
  readonly kioskId: string;
  readonly nonceId: string;
  /** Chip files, base64. */
  readonly evidence: { readonly sod: string; readonly dg1: string; readonly dg14?: string; readonly dg15?: string };
  readonly activeAuthentication?: { readonly signature: string };
  readonly fingerprint?: { readonly format: 'png'; readonly image: string };
}

export type CheckVerdictValue = 'passed' | 'failed' | 'not-performed' | 'unverified';

export interface CheckVerdict {
  readonly verdict: CheckVerdictValue;
  readonly reasons?: readonly string[];
}

export interface IdentityVerification {
  readonly verificationId: string;
  readonly verdict: 'verified' | 'unverified' | 'failed';
  readonly assurance: AssuranceLevel;
  readonly passive: CheckVerdict;
  readonly active: CheckVerdict;
  readonly fingerprint: 'captured' | 'not-performed';
  readonly verifiedAt: string;
}

export interface CheckInBatch {
  readonly kioskId: string;
  readonly items: readonly CheckInRecord[];
}

export interface CheckInResult {
  readonly idempotencyKey: string;
  readonly status: 'accepted' | 'duplicate' | 'rejected';
  readonly reason?: string;
}

export interface CheckInBatchResult {
  readonly results: readonly CheckInResult[];
}

export interface Heartbeat {
  readonly kioskId: string;
  readonly sentAt: string;
  readonly softwareVersion: string;
  readonly profile?: 'hospital' | 'border-gate' | 'demo';
  readonly queue?: { readonly pending: number; readonly deadLettered: number; readonly oldestPendingAt?: string };
  readonly devices?: Readonly<Record<string, 'absent' | 'ready' | 'busy' | 'faulted'>>;
}

export interface HeartbeatAck {
  readonly serverTime: string;
  readonly nextHeartbeatSeconds: number;
}

/** RFC 9457 problem details with the service's stable code. */
export interface Problem {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code: string;
}

/** Item-level rejection reasons the service (and its simulator) give. */
export const REJECTION_REASONS = Object.freeze({
  invalidRecord: 'INVALID_RECORD',
  kioskMismatch: 'KIOSK_MISMATCH',
});

/** The reply of listDepartments (GET /v1/kiosks/{kioskId}/departments); the schema is in department-list.ts. */
export type { CentralDepartment, DepartmentList } from './department-list.ts';
