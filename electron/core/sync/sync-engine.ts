// Drains the check-in outbox to the central service. One batch at a time: claim due check-ins ('sending',
// committed), upload, settle the per-item outcomes (committed). Failures reschedule each check-in with
// full-jitter backoff (at least the server's Retry-After) and hold the whole engine back the same way; a
// circuit breaker stops sending while the service is down. Started again after a crash, it first returns
// 'sending' rows to 'pending': the service deduplicates by idempotency key, so nothing is created twice.

import { Emitter, type Event } from '../../../native/hal/event.ts';
import type { Logger } from '../../../native/util/logger.ts';
import type { CheckInStore, ClaimedCheckIn } from '../store/check-in-store.ts';
import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffPolicy } from './backoff.ts';
import { CircuitBreaker, type BreakerState } from './circuit-breaker.ts';
import { SyncTransportError, type CheckInUploader, type SyncOutcome } from './sync-transport.ts';

/** What the engine needs from the store (CheckInStore provides it). */
export type SyncOutbox = Pick<CheckInStore, 'claimDue' | 'settle' | 'reschedule' | 'deadLetter' | 'recoverInFlight' | 'releaseBackoff' | 'snapshot' | 'onDidEnqueue'>;

export interface SyncEngineOptions {
  readonly outbox: SyncOutbox;
  readonly uploader: CheckInUploader;
  /** Check-ins per upload (default 50). */
  readonly batchSize?: number;
  readonly backoff?: BackoffPolicy;
  readonly breaker?: { readonly failureThreshold?: number; readonly openMs?: number; readonly maxOpenMs?: number };
  /** A check-in refused on its own this many times is dead-lettered (default 3). */
  readonly maxRefusals?: number;
  /** Longest idle wait before looking at the queue again (default 30 s); an enqueue wakes the engine at once. */
  readonly pollMs?: number;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Waits `ms` or until `signal` aborts (injectable for tests). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly logger?: Logger;
}

export interface SyncError {
  readonly code: string;
  readonly message: string;
  readonly at: string;
}

/** What the diagnostics screen and the UI show about sync. */
export interface SyncStatus {
  readonly running: boolean;
  /** Check-ins not yet settled (pending + sending). */
  readonly queueDepth: number;
  readonly oldestPendingAgeMs: number | null;
  readonly deadLetters: number;
  readonly breaker: BreakerState;
  readonly lastError: SyncError | null;
  readonly lastSuccessAt: string | null;
}

/** The result of one `runOnce`. `retryInMs` says when another step is worth trying. */
export type SyncStep =
  | { readonly kind: 'sent'; readonly accepted: number; readonly duplicates: number; readonly rejected: number; readonly deadLettered: number }
  | { readonly kind: 'failed'; readonly error: SyncError; readonly retryInMs: number }
  | { readonly kind: 'idle' | 'backing-off' | 'breaker-open'; readonly retryInMs: number };

const AUTH_STATUSES = new Set([401, 403]);

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export class SyncEngine {
  private readonly statusChanged = new Emitter<SyncStatus>();
  private readonly outbox: SyncOutbox;
  private readonly uploader: CheckInUploader;
  private readonly configuredBatchSize: number;
  private readonly backoff: BackoffPolicy;
  private readonly breaker: CircuitBreaker;
  private readonly maxRefusals: number;
  private readonly pollMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly logger: Logger | undefined;
  private batchSize: number;
  private consecutiveFailures = 0;
  private notBefore = 0;
  private current: SyncStatus;
  private loop: Promise<void> | undefined;
  private stopping: AbortController | undefined;
  private wake: AbortController = new AbortController();
  private recovered = false;

  readonly onDidChangeStatus: Event<SyncStatus> = this.statusChanged.event;

  constructor(options: SyncEngineOptions) {
    this.outbox = options.outbox;
    this.uploader = options.uploader;
    this.configuredBatchSize = Math.max(1, Math.floor(options.batchSize ?? 50));
    this.batchSize = this.configuredBatchSize;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
    this.maxRefusals = Math.max(1, options.maxRefusals ?? 3);
    this.pollMs = options.pollMs ?? 30_000;
    this.logger = options.logger;
    this.breaker = new CircuitBreaker({ ...options.breaker, now: this.now });
    this.current = { running: false, queueDepth: 0, oldestPendingAgeMs: null, deadLetters: 0, breaker: 'closed', lastError: null, lastSuccessAt: null };
    this.breaker.onDidChangeState((state) => this.update({ breaker: state }));
    this.outbox.onDidEnqueue(() => this.nudge());
  }

  get status(): SyncStatus {
    return this.current;
  }

  /** Starts the background loop (idempotent). Check-ins left 'sending' by a crash are resent first. */
  start(): void {
    if (this.loop) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    this.update({ running: true });
    this.loop = this.run(stopping.signal).catch((err: unknown) => {
      // runOnce turns every expected failure into a step; reaching here is a store fault or a bug.
      this.update({ running: false, lastError: this.errorOf(err) });
      this.logger?.error({ code: this.errorOf(err).code }, 'sync loop stopped');
    });
  }

  /** Stops the loop after the step in progress (an upload in flight completes and is settled). */
  async stop(): Promise<void> {
    this.stopping?.abort();
    this.wake.abort();
    await this.loop;
    this.loop = undefined;
    this.stopping = undefined;
    this.update({ running: false });
  }

  /** Wakes an idle loop (new check-in enqueued, network back). */
  nudge(): void {
    this.wake.abort();
  }

  /**
   * One step: wait reasons are reported rather than slept through; otherwise claims a batch, uploads it
   * and records the outcome. Never throws for a transport failure (that is a 'failed' step); a store
   * fault rejects.
   */
  async runOnce(): Promise<SyncStep> {
    if (!this.recovered) {
      const count = await this.outbox.recoverInFlight();
      this.recovered = true;
      if (count > 0) this.logger?.info({ count }, 'resending check-ins interrupted by a restart');
    }
    const now = this.now();
    if (now < this.notBefore) return { kind: 'backing-off', retryInMs: this.notBefore - now };
    if (this.breaker.state === 'open') return { kind: 'breaker-open', retryInMs: this.breaker.retryInMs };
    const { items, unreadable } = await this.outbox.claimDue(this.batchSize);
    if (items.length === 0) {
      const { nextAttemptMs } = await this.refreshQueue();
      const retryInMs = nextAttemptMs === null ? this.pollMs : Math.max(0, nextAttemptMs - this.now());
      return unreadable > 0 ? { kind: 'sent', accepted: 0, duplicates: 0, rejected: 0, deadLettered: unreadable } : { kind: 'idle', retryInMs };
    }
    let outcomes: readonly SyncOutcome[];
    try {
      outcomes = await this.uploader.upload(items.map(({ idempotencyKey, record }) => ({ idempotencyKey, record })));
    } catch (err) {
      return this.failed(items, err);
    }
    return this.succeeded(items, outcomes, unreadable);
  }

  dispose(): void {
    this.breaker.dispose();
    this.statusChanged.dispose();
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const step = await this.runOnce();
      if (step.kind === 'sent' || signal.aborted) continue;
      // A nudge that arrived while the step ran is not lost: look again before sleeping. A nudge during a
      // back-off does not cut it short either: runOnce reports the back-off again.
      if (!this.wake.signal.aborted) await this.sleep(Math.min(step.retryInMs, this.pollMs), this.wake.signal);
      if (this.wake.signal.aborted) this.wake = new AbortController();
    }
  }

  private async succeeded(items: readonly ClaimedCheckIn[], outcomes: readonly SyncOutcome[], unreadable: number): Promise<SyncStep> {
    const claimed = new Map(items.map((i) => [i.idempotencyKey, i]));
    const settled = outcomes.filter((o) => claimed.delete(o.idempotencyKey));
    await this.outbox.settle(settled);
    if (claimed.size > 0) {
      // The service answered but said nothing about these: try them again later like a failed send.
      const message = `the service returned no outcome for ${claimed.size} of ${items.length} check-ins`;
      await this.outbox.reschedule([...claimed.values()].map((i) => this.retryOf(i, message, 0)));
      this.update({ lastError: { code: 'SYNC_INCOMPLETE_REPLY', message, at: new Date(this.now()).toISOString() } });
    }
    const wasFailing = this.consecutiveFailures > 0 || this.breaker.state !== 'closed';
    this.consecutiveFailures = 0;
    this.notBefore = 0;
    this.breaker.recordSuccess();
    if (settled.length > 0) this.batchSize = Math.min(this.configuredBatchSize, this.batchSize * 2);
    if (wasFailing) await this.outbox.releaseBackoff();
    const count = (status: SyncOutcome['status']) => settled.filter((o) => o.status === status).length;
    const step: SyncStep = { kind: 'sent', accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), deadLettered: unreadable };
    await this.refreshQueue({ lastSuccessAt: new Date(this.now()).toISOString(), ...(claimed.size === 0 && wasFailing ? { lastError: null } : {}) });
    return step;
  }

  private async failed(items: readonly ClaimedCheckIn[], err: unknown): Promise<SyncStep> {
    const error = this.errorOf(err);
    const transport = err instanceof SyncTransportError ? err : undefined;
    const retryAfterMs = transport?.options.retryAfterMs ?? 0;
    const kind = transport?.kind ?? 'server';
    const authProblem = kind === 'refused' && AUTH_STATUSES.has(transport?.options.status ?? 0);
    if (kind === 'refused' && !authProblem) {
      await this.refused(items, error);
    } else {
      await this.outbox.reschedule(items.map((i) => this.retryOf(i, `${error.code}: ${error.message}`, retryAfterMs)));
      // A rate limit says the service is alive: honour it, but do not count it towards opening the breaker.
      if (kind !== 'rate-limited') this.breaker.recordFailure(retryAfterMs);
    }
    this.consecutiveFailures += 1;
    const delay = fullJitterDelay(this.backoff, this.consecutiveFailures - 1, this.random, retryAfterMs);
    this.notBefore = this.now() + delay;
    this.logger?.warn({ code: error.code, batch: items.length, retryInMs: delay }, 'check-in upload failed');
    await this.refreshQueue({ lastError: error });
    return { kind: 'failed', error, retryInMs: Math.max(delay, this.breaker.retryInMs) };
  }

  /**
   * The service refused the whole request (4xx other than auth and 429). One bad check-in can cause
   * that, so the batch is halved until the culprit travels alone; refused alone `maxRefusals` times, it is
   * dead-lettered and the rest of the queue moves on.
   */
  private async refused(items: readonly ClaimedCheckIn[], error: SyncError): Promise<void> {
    const text = `${error.code}: ${error.message}`;
    if (items.length > 1) {
      this.batchSize = Math.max(1, Math.floor(items.length / 2));
      await this.outbox.reschedule(items.map((i) => ({ idempotencyKey: i.idempotencyKey, nextAttemptMs: this.now(), error: text })));
      return;
    }
    const [item] = items as [ClaimedCheckIn];
    if (item.refusals + 1 >= this.maxRefusals) {
      await this.outbox.deadLetter([item.idempotencyKey], `refused by the service ${item.refusals + 1} times: ${text}`);
    } else {
      await this.outbox.reschedule([{ ...this.retryOf(item, text, 0), refused: true }]);
    }
  }

  private retryOf(item: ClaimedCheckIn, error: string, retryAfterMs: number) {
    return { idempotencyKey: item.idempotencyKey, nextAttemptMs: this.now() + fullJitterDelay(this.backoff, item.attempts - 1, this.random, retryAfterMs), error };
  }

  private errorOf(err: unknown): SyncError {
    const at = new Date(this.now()).toISOString();
    if (err instanceof SyncTransportError) return { code: err.code, message: err.message, at };
    const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : 'SYNC_UNEXPECTED';
    return { code, message: err instanceof Error ? err.message : String(err), at };
  }

  private async refreshQueue(extra: Partial<SyncStatus> = {}): Promise<{ readonly nextAttemptMs: number | null }> {
    const snapshot = await this.outbox.snapshot();
    this.update({
      queueDepth: snapshot.depth,
      oldestPendingAgeMs: snapshot.oldestPendingAgeMs,
      deadLetters: snapshot.counts.rejected + snapshot.counts['dead-lettered'],
      ...extra,
    });
    return snapshot;
  }

  private update(change: Partial<SyncStatus>): void {
    const next = { ...this.current, ...change };
    const keys = Object.keys(next) as (keyof SyncStatus)[];
    if (keys.every((k) => next[k] === this.current[k])) return;
    this.current = Object.freeze(next);
    this.statusChanged.fire(this.current);
  }
}
