// The kiosk's durable outbox of check-ins. A check-in is acknowledged (enqueue resolves) only after the
// statement that writes it — row, idempotency key, counters and audit entry, one implicit transaction —
// has committed with synchronous=FULL. Personal fields are sealed with AES-256-GCM before they reach
// SQLite. After a storage fault (full, read-only, corrupt) the store reports itself faulted and every
// enqueue fails with a StoreError that tells the person to go to the desk; nothing is acknowledged that
// was not committed.

import { randomUUID } from 'node:crypto';
import { CheckInRecordSchema, type CheckInRecord } from '../../../native/central/check-in-record.ts';
import { Emitter, type Event } from '../../../native/hal/event.ts';
import type { SyncItem } from '../sync/sync-transport.ts';
import { openField, sealField } from './field-cipher.ts';
import type { DataKey, KeyProvider } from './key-provider.ts';
import { migrate } from './migrations.ts';
import { queueHead, stateCounts, type StateCounts } from './queue-queries.ts';
import { SqliteDatabase } from './sqlite-database.ts';
import { StoreError } from './store-error.ts';

/** A check-in as a flow hands it over; the store stamps `createdAt` and, unless given, the idempotency key. */
export type CheckInDraft = Omit<CheckInRecord, 'idempotencyKey' | 'createdAt'> & { readonly idempotencyKey?: string };

export interface EnqueueReceipt {
  readonly idempotencyKey: string;
  readonly createdAt: string;
  /** True when a check-in with this idempotency key was already stored (the earlier one is kept). */
  readonly duplicate: boolean;
}

export type StoreHealth = { readonly state: 'ready' } | { readonly state: 'faulted'; readonly error: StoreError };

/** A check-in claimed for sending ('sending' in the database until settled or rescheduled). */
export interface ClaimedCheckIn extends SyncItem {
  /** Send attempts including this one. */
  readonly attempts: number;
  readonly refusals: number;
}

export interface CheckInStoreOptions {
  readonly path: string;
  readonly keys: KeyProvider;
  /** Milliseconds since the epoch (injectable for tests). */
  readonly clock?: () => number;
  readonly busyTimeoutMs?: number;
}

const PERSONAL = 'personal';
const MAX_TEXT = 500;

const CLAIM_DUE = `UPDATE check_ins SET state = 'sending', attempts = attempts + 1, updated_ms = ?
  WHERE seq IN (SELECT seq FROM check_ins WHERE state = 'pending' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, seq LIMIT ?)
  RETURNING seq, idempotency_key, kiosk_id, profile, assurance, verdicts, devices, created_at, attempts, refusals, key_id, personal, next_attempt_ms`;

/** Accepted (or duplicate) check-ins of one batch, their keys passed as one JSON array. */
const SETTLE_ACCEPTED = `UPDATE check_ins SET state = 'accepted', accepted_ms = ?, updated_ms = ?, last_error = NULL
  WHERE state = 'sending' AND idempotency_key IN (SELECT value FROM json_each(?))`;

interface ClaimRow {
  seq: number;
  idempotency_key: string;
  kiosk_id: string;
  profile: CheckInRecord['profile'];
  assurance: CheckInRecord['assurance'];
  verdicts: string;
  devices: string | null;
  created_at: string;
  attempts: number;
  refusals: number;
  key_id: string | null;
  personal: Buffer | null;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

export class CheckInStore {
  private readonly enqueued = new Emitter<EnqueueReceipt>();
  private readonly healthChanged = new Emitter<StoreHealth>();
  private currentHealth: StoreHealth = { state: 'ready' };
  private readonly clock: () => number;

  /** Fires after each committed (non-duplicate) enqueue: the sync engine wakes up on it. */
  readonly onDidEnqueue: Event<EnqueueReceipt> = this.enqueued.event;
  readonly onDidChangeHealth: Event<StoreHealth> = this.healthChanged.event;

  private constructor(
    readonly database: SqliteDatabase,
    private readonly keys: KeyProvider,
    private readonly writeKey: DataKey,
    clock: () => number,
  ) {
    this.clock = clock;
  }

  /**
   * Opens or creates the database, migrates it, and checks the keys: the current key must be available
   * and every key that sealed stored data must be known to the provider. Throws StoreError
   * (STORE_KEY_UNAVAILABLE, STORE_KEY_MISMATCH, STORE_TOO_NEW, STORE_CORRUPT, STORE_READ_ONLY, ...).
   */
  static async open(options: CheckInStoreOptions): Promise<CheckInStore> {
    const writeKey = await options.keys.currentKey();
    const database = await SqliteDatabase.open(options.path, { busyTimeoutMs: options.busyTimeoutMs });
    try {
      await migrate(database);
      const ids = await database.all<{ key_id: string }>('SELECT DISTINCT key_id FROM check_ins WHERE personal IS NOT NULL');
      for (const { key_id: id } of ids) {
        if (id !== writeKey.id && (await options.keys.keyById(id)) === undefined) {
          throw new StoreError('STORE_KEY_MISMATCH', `stored check-ins are sealed with key ${id}, which the key provider does not hold (current key ${writeKey.id})`, {
            step: 'store.open',
          });
        }
      }
    } catch (err) {
      await database.close().catch(() => undefined);
      throw err;
    }
    return new CheckInStore(database, options.keys, writeKey, options.clock ?? Date.now);
  }

  get health(): StoreHealth {
    return this.currentHealth;
  }

  /**
   * Validates the draft against CheckInRecordSchema, seals its personal part and commits it. Resolves
   * after the commit is durable. Throws StoreError: STORE_INVALID_RECORD (nothing stored), a storage
   * fault (nothing stored; the store turns faulted), STORE_CLOSED. Enqueueing an idempotency key again
   * stores nothing and resolves with `duplicate: true` and the first check-in's time.
   */
  async enqueue(draft: CheckInDraft): Promise<EnqueueReceipt> {
    if (this.currentHealth.state === 'faulted' && this.currentHealth.error.code === 'STORE_CORRUPT') throw this.currentHealth.error;
    const now = this.clock();
    const parsed = CheckInRecordSchema.safeParse({ ...draft, idempotencyKey: draft.idempotencyKey ?? randomUUID(), createdAt: new Date(now).toISOString() });
    if (!parsed.success) {
      // Paths and issue codes only: zod messages may quote the (personal) input.
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.code}`).join('; ');
      throw new StoreError('STORE_INVALID_RECORD', `check-in does not match the record schema: ${issues}`, { step: 'store.enqueue' });
    }
    const record = parsed.data;
    const personal = JSON.stringify({ person: record.person, visit: record.visit, gate: record.gate });
    const sealed = sealField(this.writeKey, Buffer.from(personal, 'utf8'), record.idempotencyKey, PERSONAL);
    let changes: number;
    try {
      ({ changes } = await this.database.run(
        `INSERT INTO check_ins (idempotency_key, kiosk_id, profile, assurance, verdicts, devices, created_at, created_ms, next_attempt_ms, updated_ms, key_id, personal)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
        [
          record.idempotencyKey,
          record.kioskId,
          record.profile,
          record.assurance,
          JSON.stringify(record.verdicts),
          record.devices === undefined ? null : JSON.stringify(record.devices),
          record.createdAt,
          now,
          now,
          now,
          this.writeKey.id,
          sealed,
        ],
      ));
    } catch (err) {
      throw this.fault(err);
    }
    this.recovered();
    if (changes === 0) {
      const existing = await this.database.get<{ created_at: string }>('SELECT created_at FROM check_ins WHERE idempotency_key = ?', [record.idempotencyKey]);
      return { idempotencyKey: record.idempotencyKey, createdAt: existing?.created_at ?? record.createdAt, duplicate: true };
    }
    const receipt = { idempotencyKey: record.idempotencyKey, createdAt: record.createdAt, duplicate: false };
    this.enqueued.fire(receipt);
    return receipt;
  }

  /** Decrypts one stored check-in (diagnostics, tests, online verification). Undefined if absent or purged. */
  async read(idempotencyKey: string): Promise<CheckInRecord | undefined> {
    const row = await this.database.get<ClaimRow>(
      'SELECT seq, idempotency_key, kiosk_id, profile, assurance, verdicts, devices, created_at, attempts, refusals, key_id, personal FROM check_ins WHERE idempotency_key = ?',
      [idempotencyKey],
    );
    if (!row || row.personal === null) return undefined;
    return this.recordOf(row, await this.keyFor(row));
  }

  /**
   * Claims up to `limit` due pending check-ins, oldest due first, and marks them 'sending' with the attempt
   * counted — one transaction. A row that cannot be decrypted or parsed is dead-lettered in the same
   * transaction (it would fail forever) and reported in `unreadable`.
   */
  async claimDue(limit: number): Promise<{ readonly items: readonly ClaimedCheckIn[]; readonly unreadable: number }> {
    const now = this.clock();
    // One statement (one implicit transaction, one fsync): pick the due rows through the due index and mark
    // them 'sending', returning what the upload needs. RETURNING yields the updated values (attempts already
    // counted) in no promised order, so the rows are put back in due order here.
    const rows = await this.database.all<ClaimRow & { next_attempt_ms: number }>(CLAIM_DUE, [now, now, Math.max(1, limit)]);
    rows.sort((a, b) => a.next_attempt_ms - b.next_attempt_ms || a.seq - b.seq);
    const items: ClaimedCheckIn[] = [];
    const unreadable: { key: string; reason: string }[] = [];
    for (const row of rows) {
      try {
        const record = this.recordOf(row, await this.keyFor(row));
        items.push({ idempotencyKey: row.idempotency_key, record, attempts: row.attempts, refusals: row.refusals });
      } catch (err) {
        unreadable.push({ key: row.idempotency_key, reason: err instanceof StoreError ? err.code : 'unreadable' });
      }
    }
    for (const { key, reason } of unreadable) await this.deadLetter([key], `unreadable: ${reason}`);
    return { items, unreadable: unreadable.length };
  }

  /**
   * Records the service's verdicts for claimed check-ins: 'accepted' and 'duplicate' become accepted
   * (the service holds them once), 'rejected' keeps the service's reason and is not retried until a
   * technician asks. One transaction.
   */
  async settle(outcomes: readonly { readonly idempotencyKey: string; readonly status: 'accepted' | 'duplicate' | 'rejected'; readonly reason?: string }[]): Promise<void> {
    const now = this.clock();
    const accepted = outcomes.filter((o) => o.status !== 'rejected').map((o) => o.idempotencyKey);
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    if (rejected.length === 0) {
      // The usual case: one prepared statement for the whole batch, its own (durable) transaction.
      if (accepted.length > 0) await this.database.run(SETTLE_ACCEPTED, [now, now, JSON.stringify(accepted)]);
      return;
    }
    await this.database.transaction(async (tx) => {
      if (accepted.length > 0) await tx.run(SETTLE_ACCEPTED, [now, now, JSON.stringify(accepted)]);
      for (const r of rejected) {
        await tx.run(`UPDATE check_ins SET state = 'rejected', reason = ?, updated_ms = ?, last_error = NULL WHERE state = 'sending' AND idempotency_key = ?`, [
          clip(r.reason ?? 'rejected without a reason'),
          now,
          r.idempotencyKey,
        ]);
      }
    });
  }

  /** Puts claimed check-ins back to 'pending', each due at its own time, with the error that stopped them. */
  async reschedule(items: readonly { readonly idempotencyKey: string; readonly nextAttemptMs: number; readonly error: string; readonly refused?: boolean }[]): Promise<void> {
    const now = this.clock();
    await this.database.transaction(async (tx) => {
      for (const item of items) {
        await tx.run(
          `UPDATE check_ins SET state = 'pending', next_attempt_ms = ?, last_error = ?, refusals = refusals + ?, updated_ms = ?
           WHERE state = 'sending' AND idempotency_key = ?`,
          [item.nextAttemptMs, clip(item.error), item.refused ? 1 : 0, now, item.idempotencyKey],
        );
      }
    });
  }

  /** Gives up on check-ins the kiosk cannot deliver (state 'dead-lettered', reason kept); `kiosk queue retry` revives them. */
  async deadLetter(keys: readonly string[], reason: string): Promise<void> {
    const now = this.clock();
    await this.database.transaction(async (tx) => {
      for (const key of keys) {
        await tx.run(`UPDATE check_ins SET state = 'dead-lettered', reason = ?, updated_ms = ? WHERE state IN ('pending', 'sending') AND idempotency_key = ?`, [
          clip(reason),
          now,
          key,
        ]);
      }
    });
  }

  /**
   * After a restart: check-ins left 'sending' go back to 'pending', due now. The service may hold some
   * of them already; the idempotency key makes the resend report 'duplicate', not a second check-in.
   */
  async recoverInFlight(): Promise<number> {
    const now = this.clock();
    return (await this.database.run(`UPDATE check_ins SET state = 'pending', next_attempt_ms = ?, updated_ms = ? WHERE state = 'sending'`, [now, now])).changes;
  }

  /** Makes every backed-off pending check-in due now (the service is reachable again). */
  async releaseBackoff(): Promise<number> {
    const now = this.clock();
    return (await this.database.run(`UPDATE check_ins SET next_attempt_ms = ? WHERE state = 'pending' AND next_attempt_ms > ?`, [now, now])).changes;
  }

  /**
   * The next queue number for `prefix` on local day `day` (YYYY-MM-DD): 1 for the first, then one more
   * each call, committed before it resolves, so a restart never hands out a number again. Counters of
   * days more than a week old are dropped on the first number of a new day. Throws StoreError as enqueue.
   */
  async nextTicketNumber(day: string, prefix: string): Promise<number> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^[A-Z0-9]{1,4}$/.test(prefix)) {
      throw new StoreError('STORE_INVALID_RECORD', `ticket counter key must be a YYYY-MM-DD day and 1-4 capital letters or digits`, { step: 'store.ticketNumber' });
    }
    if (this.currentHealth.state === 'faulted' && this.currentHealth.error.code === 'STORE_CORRUPT') throw this.currentHealth.error;
    let n: number;
    try {
      n = await this.database.transaction(async (tx) => {
        const row = await tx.get<{ n: number }>(
          'INSERT INTO ticket_counters (day, prefix, n) VALUES (?, ?, 1) ON CONFLICT (day, prefix) DO UPDATE SET n = n + 1 RETURNING n',
          [day, prefix],
        );
        if (row === undefined) throw new StoreError('STORE_CORRUPT', 'the ticket counter did not return its value', { step: 'store.ticketNumber' });
        if (row.n === 1) await tx.run("DELETE FROM ticket_counters WHERE day < date(?, '-7 days')", [day]);
        return row.n;
      });
    } catch (err) {
      throw err instanceof StoreError ? err : this.fault(err);
    }
    this.recovered();
    return n;
  }

  /** Queue depth (pending + sending), oldest unsettled age and the next due time. Index lookups only. */
  async snapshot(): Promise<{ readonly counts: StateCounts; readonly depth: number; readonly oldestPendingAgeMs: number | null; readonly nextAttemptMs: number | null }> {
    const now = this.clock();
    const counts = await stateCounts(this.database);
    const head = await queueHead(this.database);
    return {
      counts,
      depth: counts.pending + counts.sending,
      oldestPendingAgeMs: head.oldestCreatedMs === null ? null : Math.max(0, now - head.oldestCreatedMs),
      nextAttemptMs: head.nextAttemptMs,
    };
  }

  /**
   * Retention: clears the personal ciphertext of check-ins accepted at least `retentionMs` ago, in
   * chunks of 500 per transaction. Counts, non-personal columns and the audit log stay. Returns how many.
   */
  async purgeExpired(retentionMs: number): Promise<number> {
    const now = this.clock();
    let purged = 0;
    for (;;) {
      const { changes } = await this.database.run(
        `UPDATE check_ins SET personal = NULL, key_id = NULL, purged_ms = ?, updated_ms = ?
         WHERE seq IN (SELECT seq FROM check_ins WHERE personal IS NOT NULL AND accepted_ms IS NOT NULL AND accepted_ms <= ? LIMIT 500)`,
        [now, now, now - retentionMs],
      );
      purged += changes;
      if (changes < 500) return purged;
    }
  }

  close(): Promise<void> {
    this.enqueued.dispose();
    this.healthChanged.dispose();
    return this.database.close();
  }

  private async keyFor(row: ClaimRow): Promise<DataKey> {
    if (row.key_id === this.writeKey.id) return this.writeKey;
    const key = row.key_id === null ? undefined : await this.keys.keyById(row.key_id);
    if (!key) throw new StoreError('STORE_KEY_MISMATCH', `check-in sealed with unknown key ${row.key_id ?? '(none)'}`, { step: 'store.decrypt' });
    return key;
  }

  private recordOf(row: ClaimRow, key: DataKey): CheckInRecord {
    if (row.personal === null) throw new StoreError('STORE_DECRYPT_FAILED', 'check-in has no personal data (purged)', { step: 'store.decrypt' });
    const personal = JSON.parse(openField(key, row.personal, row.idempotency_key, PERSONAL).toString('utf8')) as Pick<CheckInRecord, 'person' | 'visit' | 'gate'>;
    return {
      idempotencyKey: row.idempotency_key,
      kioskId: row.kiosk_id,
      profile: row.profile,
      createdAt: row.created_at,
      assurance: row.assurance,
      verdicts: JSON.parse(row.verdicts) as CheckInRecord['verdicts'],
      ...(row.devices === null ? {} : { devices: JSON.parse(row.devices) as NonNullable<CheckInRecord['devices']> }),
      person: personal.person,
      ...(personal.visit === undefined ? {} : { visit: personal.visit }),
      ...(personal.gate === undefined ? {} : { gate: personal.gate }),
    };
  }

  private fault(err: unknown): StoreError {
    const error = err instanceof StoreError ? err : new StoreError('STORE_INTERNAL', String(err), { cause: err });
    if (error.isStorageFault || error.code === 'STORE_BUSY') {
      this.currentHealth = { state: 'faulted', error };
      this.healthChanged.fire(this.currentHealth);
    }
    return error;
  }

  private recovered(): void {
    if (this.currentHealth.state === 'ready') return;
    this.currentHealth = { state: 'ready' };
    this.healthChanged.fire(this.currentHealth);
  }
}
