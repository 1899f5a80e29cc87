// Technician views of the outbox: counts, oldest pending age, the list of check-ins (non-personal columns
// only — nothing here ever decrypts), retry of dead letters, and the integrity check. They work on any
// open SqliteDatabase, so `kiosk queue` can run beside a live kiosk (WAL readers, busy timeout) without
// the data key.

import { schemaVersion, SCHEMA_VERSION } from './migrations.ts';
import type { SqliteDatabase } from './sqlite-database.ts';
import { StoreError } from './store-error.ts';

export const SYNC_STATES = ['pending', 'sending', 'accepted', 'rejected', 'dead-lettered'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export type StateCounts = Readonly<Record<SyncState, number>>;

export interface QueueStats {
  readonly counts: StateCounts;
  readonly total: number;
  /** Check-ins whose personal data the retention purge has cleared. */
  readonly purged: number;
  /** Age of the oldest check-in not yet accepted or dead-lettered (pending or sending); null when none. */
  readonly oldestPendingAgeMs: number | null;
  /** When the earliest pending check-in is due for its next attempt; null when none is pending. */
  readonly nextAttemptMs: number | null;
}

/** One check-in as a technician may see it: no personal field, not even encrypted. */
export interface CheckInSummary {
  readonly idempotencyKey: string;
  readonly profile: string;
  readonly assurance: string;
  readonly verdicts: unknown;
  readonly createdAt: string;
  readonly state: SyncState;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly reason: string | null;
  readonly acceptedAt: string | null;
  readonly personalData: 'stored' | 'purged' | 'absent';
}

export interface IntegrityReport {
  readonly ok: boolean;
  /** `PRAGMA integrity_check` lines ('ok' when sound). */
  readonly integrity: readonly string[];
  readonly schemaVersion: number;
  readonly expectedSchemaVersion: number;
  /** Counts by state, from the rows. */
  readonly counts: StateCounts;
  /** False when the trigger-kept counters disagree with the rows. */
  readonly countersMatch: boolean;
  readonly auditEntries: number;
  /** Distinct key ids of the stored ciphertext (for key rotation). */
  readonly keyIds: readonly string[];
}

function emptyCounts(): Record<SyncState, number> {
  return { pending: 0, sending: 0, accepted: 0, rejected: 0, 'dead-lettered': 0 };
}

function isSyncState(value: string): value is SyncState {
  return (SYNC_STATES as readonly string[]).includes(value);
}

/** Counts by state from the trigger-kept counters: constant time, safe to call after every batch. */
export async function stateCounts(db: SqliteDatabase): Promise<StateCounts> {
  const counts = emptyCounts();
  for (const row of await db.all<{ state: string; n: number }>('SELECT state, n FROM queue_counts')) {
    if (isSyncState(row.state)) counts[row.state] = row.n;
  }
  return counts;
}

/** The oldest not-yet-settled check-in's creation time and the earliest due attempt (index lookups). */
export async function queueHead(db: SqliteDatabase): Promise<{ oldestCreatedMs: number | null; nextAttemptMs: number | null }> {
  const oldest: number[] = [];
  for (const state of ['pending', 'sending'] as const) {
    const row = await db.get<{ t: number }>('SELECT created_ms AS t FROM check_ins WHERE state = ? ORDER BY seq LIMIT 1', [state]);
    if (row) oldest.push(row.t);
  }
  const next = await db.get<{ t: number }>(`SELECT next_attempt_ms AS t FROM check_ins WHERE state = 'pending' ORDER BY next_attempt_ms LIMIT 1`);
  return { oldestCreatedMs: oldest.length === 0 ? null : Math.min(...oldest), nextAttemptMs: next?.t ?? null };
}

export async function queueStats(db: SqliteDatabase, now: number): Promise<QueueStats> {
  const counts = await stateCounts(db);
  const head = await queueHead(db);
  const purged = await db.get<{ n: number }>('SELECT count(*) AS n FROM check_ins WHERE purged_ms IS NOT NULL');
  return {
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    purged: purged?.n ?? 0,
    oldestPendingAgeMs: head.oldestCreatedMs === null ? null : Math.max(0, now - head.oldestCreatedMs),
    nextAttemptMs: head.nextAttemptMs,
  };
}

interface SummaryRow {
  idempotency_key: string;
  profile: string;
  assurance: string;
  verdicts: string;
  created_at: string;
  state: SyncState;
  attempts: number;
  next_attempt_ms: number;
  last_error: string | null;
  reason: string | null;
  accepted_ms: number | null;
  has_personal: number;
  purged_ms: number | null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Newest first, or oldest first with `oldestFirst`; optionally one state. Limit 1..10000. */
export async function listCheckIns(
  db: SqliteDatabase,
  options: { readonly state?: SyncState; readonly limit?: number; readonly oldestFirst?: boolean } = {},
): Promise<CheckInSummary[]> {
  const limit = Math.min(10_000, Math.max(1, options.limit ?? 50));
  const order = options.oldestFirst ? 'ASC' : 'DESC';
  const where = options.state === undefined ? '' : 'WHERE state = ?';
  const params = options.state === undefined ? [limit] : [options.state, limit];
  const rows = await db.all<SummaryRow>(
    `SELECT idempotency_key, profile, assurance, verdicts, created_at, state, attempts, next_attempt_ms, last_error, reason,
            accepted_ms, personal IS NOT NULL AS has_personal, purged_ms
     FROM check_ins ${where} ORDER BY seq ${order} LIMIT ?`,
    params,
  );
  return rows.map((r) => ({
    idempotencyKey: r.idempotency_key,
    profile: r.profile,
    assurance: r.assurance,
    verdicts: parseJson(r.verdicts),
    createdAt: r.created_at,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.state === 'pending' ? new Date(r.next_attempt_ms).toISOString() : null,
    lastError: r.last_error,
    reason: r.reason,
    acceptedAt: r.accepted_ms === null ? null : new Date(r.accepted_ms).toISOString(),
    personalData: r.has_personal ? 'stored' : r.purged_ms !== null ? 'purged' : 'absent',
  }));
}

/**
 * Puts dead letters ('rejected', 'dead-lettered') back to 'pending', due now, with their attempt and
 * refusal counts reset: the given keys, or every dead letter when `keys` is 'all'. Returns how many
 * moved. Keys in any other state are left alone. One transaction.
 */
export async function retryDeadLetters(db: SqliteDatabase, keys: readonly string[] | 'all', now: number): Promise<number> {
  return db.transaction(async (tx) => {
    const set = `SET state = 'pending', attempts = 0, refusals = 0, next_attempt_ms = ?, updated_ms = ?, last_error = NULL`;
    const dead = `state IN ('rejected', 'dead-lettered') AND personal IS NOT NULL`;
    if (keys === 'all') return (await tx.run(`UPDATE check_ins ${set} WHERE ${dead}`, [now, now])).changes;
    let moved = 0;
    for (const key of keys) moved += (await tx.run(`UPDATE check_ins ${set} WHERE idempotency_key = ? AND ${dead}`, [now, now, key])).changes;
    return moved;
  });
}

/**
 * PRAGMA integrity_check, the schema version, row counts against the counters, audit size, key ids. A
 * database too damaged to answer is reported (ok false, the error in `integrity`) rather than thrown, so
 * `kiosk queue check` can always say what it found.
 */
export async function checkIntegrity(db: SqliteDatabase): Promise<IntegrityReport> {
  const counts = emptyCounts();
  let integrity: string[];
  let version = 0;
  let countersMatch = false;
  let auditEntries = 0;
  let keyIds: string[] = [];
  try {
    integrity = (await db.all<{ integrity_check: string }>('PRAGMA integrity_check')).map((r) => r.integrity_check);
    version = await schemaVersion(db);
    if (version >= 1) {
      for (const row of await db.all<{ state: string; n: number }>('SELECT state, count(*) AS n FROM check_ins GROUP BY state')) {
        if (isSyncState(row.state)) counts[row.state] = row.n;
      }
      const counters = await stateCounts(db);
      countersMatch = SYNC_STATES.every((s) => counters[s] === counts[s]);
      auditEntries = (await db.get<{ n: number }>('SELECT count(*) AS n FROM audit_log'))?.n ?? 0;
      keyIds = (await db.all<{ key_id: string }>('SELECT DISTINCT key_id FROM check_ins WHERE personal IS NOT NULL')).map((r) => r.key_id);
    }
  } catch (err) {
    if (!(err instanceof StoreError) || err.code !== 'STORE_CORRUPT') throw err;
    integrity = [err.message];
  }
  const ok = integrity.length === 1 && integrity[0] === 'ok' && version === SCHEMA_VERSION && countersMatch;
  return { ok, integrity, schemaVersion: version, expectedSchemaVersion: SCHEMA_VERSION, counts, countersMatch, auditEntries, keyIds };
}
