// The operations of the simulated central service, behind signature checks and request validation
// (central-simulator.ts does those): issue a nonce, verify chip evidence, store a batch of check-ins
// exactly once per idempotency key, take a heartbeat, list the hospital's departments. Each answers a
// status and a body the document allows for it.

import { randomBytes, randomUUID } from 'node:crypto';
import type { CheckInBatch, CheckInResult, Heartbeat, IdentityVerification, IdentityVerificationRequest, Nonce, Problem } from '../../central/central-api.ts';
import { REJECTION_REASONS } from '../../central/central-api.ts';
import type { CentralContract } from '../../central/central-contract.ts';
import type { CheckInRecord } from '../../central/check-in-record.ts';
import type { DepartmentList } from '../../central/department-list.ts';
import type { TrustStore } from '../../card/pa/trust-store.ts';
import type { CentralStore, StoredCheckIn } from './central-store.ts';
import { verifyEvidence } from './evidence-verifier.ts';

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Decides whether the service refuses an item (a reason code) or takes it (undefined). */
export type RejectionRule = (record: CheckInRecord) => string | undefined;

export interface OperationsOptions {
  readonly trustStore?: TrustStore;
  readonly nonceLifetimeMs?: number;
  readonly now?: () => Date;
}

interface IssuedNonce {
  readonly challenge: Uint8Array;
  readonly kioskId: string;
  readonly expiresAtMs: number;
  used: boolean;
}

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const MAX_NONCES = 100_000;

export function problem(status: number, code: string, title: string, detail?: string): Reply {
  const body: Problem = { type: 'about:blank', title, status, code, ...(detail === undefined ? {} : { detail: detail.slice(0, 1000) }) };
  return { status, body };
}

export class CentralOperations {
  private readonly nonces = new Map<string, IssuedNonce>();
  private readonly heartbeats = new Map<string, Heartbeat>();
  rejectionRule: RejectionRule | undefined;
  verifications = 0;
  /** What listDepartments answers; the simulator sets it (checked against the schema) at start. */
  departments: DepartmentList = { departments: [], updatedAt: new Date(0).toISOString() };

  constructor(
    private readonly store: CentralStore,
    private readonly contract: CentralContract,
    private readonly options: OperationsOptions = {},
  ) {}

  issueNonce(kioskId: string): Reply {
    const now = this.now().getTime();
    if (this.nonces.size >= MAX_NONCES) for (const [id, n] of this.nonces) if (n.used || n.expiresAtMs <= now) this.nonces.delete(id);
    const nonceId = randomUUID();
    const challenge = new Uint8Array(randomBytes(8));
    const expiresAtMs = now + (this.options.nonceLifetimeMs ?? 120_000);
    this.nonces.set(nonceId, { challenge, kioskId, expiresAtMs, used: false });
    const body: Nonce = { nonceId, challenge: Buffer.from(challenge).toString('base64'), expiresAt: new Date(expiresAtMs).toISOString() };
    return { status: 200, body };
  }

  async verifyIdentity(kioskId: string, request: IdentityVerificationRequest): Promise<Reply> {
    const nonce = this.nonces.get(request.nonceId);
    if (!nonce || nonce.kioskId !== kioskId) return problem(409, 'NONCE_UNKNOWN', 'Unknown nonce', 'the nonce was not issued to this kiosk');
    if (nonce.used) return problem(409, 'NONCE_USED', 'Nonce already used');
    if (nonce.expiresAtMs <= this.now().getTime()) return problem(409, 'NONCE_EXPIRED', 'Nonce expired');
    nonce.used = true;
    const bytes = (b64: string | undefined) => (b64 === undefined ? undefined : new Uint8Array(Buffer.from(b64, 'base64')));
    let fingerprint: IdentityVerification['fingerprint'] = 'not-performed';
    if (request.fingerprint) {
      const image = bytes(request.fingerprint.image)!;
      if (image.length < 8 || !PNG_SIGNATURE.every((b, i) => image[i] === b)) return problem(400, 'INVALID_FINGERPRINT', 'The fingerprint image is not a PNG');
      fingerprint = 'captured';
    }
    const signature = bytes(request.activeAuthentication?.signature);
    const verdict = await verifyEvidence(
      {
        sod: bytes(request.evidence.sod)!,
        dg1: bytes(request.evidence.dg1)!,
        ...(request.evidence.dg14 ? { dg14: bytes(request.evidence.dg14)! } : {}),
        ...(request.evidence.dg15 ? { dg15: bytes(request.evidence.dg15)! } : {}),
        ...(signature ? { activeAuthentication: { challenge: nonce.challenge, signature } } : {}),
        now: this.now(),
      },
      this.options.trustStore,
    );
    this.verifications += 1;
    const body: IdentityVerification = {
      verificationId: randomUUID(),
      verdict: verdict.verdict,
      assurance: verdict.assurance,
      passive: { verdict: verdict.passive.verdict, reasons: [...verdict.passive.reasons] },
      active: { verdict: verdict.active.verdict, reasons: [...verdict.active.reasons] },
      fingerprint,
      verifiedAt: this.now().toISOString(),
    };
    return { status: 200, body };
  }

  /**
   * Stores each new item once and answers one result per item, in order. Items that do not match the
   * document's CheckInRecord, or that name another kiosk than the signer, are rejected one by one.
   */
  async uploadCheckIns(kioskId: string, batch: CheckInBatch): Promise<Reply> {
    const results: CheckInResult[] = [];
    const fresh: StoredCheckIn[] = [];
    const waitFor: Promise<boolean>[] = [];
    const receivedAt = this.now().toISOString();
    const seen = new Set<string>();
    for (const item of batch.items as readonly unknown[]) {
      const key = typeof item === 'object' && item !== null ? (item as { idempotencyKey?: unknown }).idempotencyKey : undefined;
      const idempotencyKey = typeof key === 'string' ? key : '';
      const check = this.contract.validateSchema('CheckInRecord', item);
      if (!check.ok) {
        results.push({ idempotencyKey, status: 'rejected', reason: `${REJECTION_REASONS.invalidRecord}: ${check.errors[0] ?? 'invalid'}`.slice(0, 200) });
        continue;
      }
      const record = item as CheckInRecord;
      if (seen.has(idempotencyKey) || this.store.has(idempotencyKey)) {
        results.push({ idempotencyKey, status: 'duplicate' });
        if (!seen.has(idempotencyKey)) waitFor.push(this.store.whenStored(idempotencyKey));
        continue;
      }
      seen.add(idempotencyKey);
      if (record.kioskId !== kioskId) {
        results.push({ idempotencyKey, status: 'rejected', reason: REJECTION_REASONS.kioskMismatch });
        continue;
      }
      const refusal = this.rejectionRule?.(record);
      if (refusal !== undefined) {
        results.push({ idempotencyKey, status: 'rejected', reason: refusal.slice(0, 200) });
        continue;
      }
      fresh.push({ idempotencyKey, kioskId, receivedAt, record });
      results.push({ idempotencyKey, status: 'accepted' });
    }
    try {
      await this.store.add(fresh);
    } catch {
      return problem(503, 'STORAGE_UNAVAILABLE', 'The service could not store the batch', 'retry later');
    }
    // A duplicate of an upload still being written is answered only once that write is on disk.
    if (!(await Promise.all(waitFor)).every(Boolean)) return problem(503, 'STORAGE_UNAVAILABLE', 'The service could not store the batch', 'retry later');
    return { status: 200, body: { results } };
  }

  heartbeat(kioskId: string, body: Heartbeat): Reply {
    this.heartbeats.set(kioskId, body);
    return { status: 200, body: { serverTime: this.now().toISOString(), nextHeartbeatSeconds: 60 } };
  }

  listDepartments(): Reply {
    return { status: 200, body: this.departments };
  }

  lastHeartbeat(kioskId: string): Heartbeat | undefined {
    return this.heartbeats.get(kioskId);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
