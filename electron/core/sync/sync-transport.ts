// The seam between the sync engine (electron/core/sync) and the central-service client: the engine hands
// over batches of stored check-ins and gets a per-item outcome back, or a typed transport error telling
// it whether and when to retry.

import { KioskError } from '../../../native/hal/errors.ts';
import type { CheckInRecord } from '../../../native/central/check-in-record.ts';

export interface SyncItem {
  readonly idempotencyKey: string;
  readonly record: CheckInRecord;
}

export type SyncOutcome =
  | { readonly idempotencyKey: string; readonly status: 'accepted' | 'duplicate' }
  | { readonly idempotencyKey: string; readonly status: 'rejected'; readonly reason: string };

export type SyncFailureKind =
  /** Connection refused/reset, DNS, TLS failure: the service is unreachable. Retry with backoff. */
  | 'network'
  /** No answer in time. Retry with backoff (the service may have processed it: idempotency covers that). */
  | 'timeout'
  /** 5xx. Retry with backoff. */
  | 'server'
  /** 429 (or 503 with Retry-After). Retry no sooner than `retryAfterMs`. */
  | 'rate-limited'
  /** 4xx other than 429 for the whole batch (e.g. signature refused): retrying the same request will not help. */
  | 'refused';

export class SyncTransportError extends KioskError {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly options: { readonly status?: number; readonly retryAfterMs?: number; readonly cause?: unknown } = {},
  ) {
    super(`SYNC_${kind.toUpperCase().replace('-', '_')}`, message, { step: 'sync.upload', cause: options.cause, userMessage: 'INTERNAL' });
  }
}

/** Uploads one batch; resolves with one outcome per item, or rejects with SyncTransportError. */
export interface CheckInUploader {
  upload(items: readonly SyncItem[]): Promise<readonly SyncOutcome[]>;
}
