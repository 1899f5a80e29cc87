// Versioned schema of the check-in database. Each migration runs in its own transaction together with the
// version bump, so a power cut leaves the database at one version or the next, never between. A database
// written by a newer kiosk is refused rather than guessed at.

import type { SqliteDatabase, SqlExecutor } from './sqlite-database.ts';
import { StoreError } from './store-error.ts';

interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

/**
 * Version 1: the outbox. Personal data lives only in `personal` (AES-256-GCM ciphertext, AAD bound to the
 * idempotency key); every other column is non-personal and stays after the retention purge, so counts
 * and the audit log survive it. Audit rows are written by triggers, in the same transaction as the change.
 */
const V1 = `
CREATE TABLE check_ins (
  seq             INTEGER PRIMARY KEY,
  idempotency_key TEXT    NOT NULL UNIQUE,
  kiosk_id        TEXT    NOT NULL,
  profile         TEXT    NOT NULL CHECK (profile IN ('hospital', 'border-gate')),
  assurance       TEXT    NOT NULL,
  verdicts        TEXT    NOT NULL,
  devices         TEXT,
  created_at      TEXT    NOT NULL,
  created_ms      INTEGER NOT NULL,
  state           TEXT    NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'sending', 'accepted', 'rejected', 'dead-lettered')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  refusals        INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL,
  last_error      TEXT,
  reason          TEXT,
  updated_ms      INTEGER NOT NULL,
  accepted_ms     INTEGER,
  key_id          TEXT,
  personal        BLOB,
  purged_ms       INTEGER
);
CREATE INDEX check_ins_due ON check_ins (state, next_attempt_ms, seq);
CREATE INDEX check_ins_fifo ON check_ins (state, seq);
CREATE INDEX check_ins_retention ON check_ins (accepted_ms) WHERE personal IS NOT NULL AND accepted_ms IS NOT NULL;

CREATE TABLE audit_log (
  id              INTEGER PRIMARY KEY,
  at_ms           INTEGER NOT NULL,
  idempotency_key TEXT,
  event           TEXT    NOT NULL,
  detail          TEXT
);

-- Counts by state, kept by triggers in the writing transaction: O(1) queue depth for the sync engine and
-- the diagnostics screen, and a figure that kiosk queue check verifies against the rows.
CREATE TABLE queue_counts (state TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO queue_counts (state, n) VALUES ('pending', 0), ('sending', 0), ('accepted', 0), ('rejected', 0), ('dead-lettered', 0);
CREATE TRIGGER check_ins_count_insert AFTER INSERT ON check_ins BEGIN
  UPDATE queue_counts SET n = n + 1 WHERE state = NEW.state;
END;
CREATE TRIGGER check_ins_count_state AFTER UPDATE OF state ON check_ins WHEN OLD.state <> NEW.state BEGIN
  UPDATE queue_counts SET n = n - 1 WHERE state = OLD.state;
  UPDATE queue_counts SET n = n + 1 WHERE state = NEW.state;
END;
-- Check-ins are never deleted (the retention purge clears only the personal column).
CREATE TRIGGER check_ins_no_delete BEFORE DELETE ON check_ins BEGIN
  SELECT RAISE(ABORT, 'check-ins are never deleted; the retention purge clears their personal data');
END;

CREATE TRIGGER check_ins_audit_enqueued AFTER INSERT ON check_ins BEGIN
  INSERT INTO audit_log (at_ms, idempotency_key, event, detail) VALUES (NEW.created_ms, NEW.idempotency_key, 'enqueued', NEW.assurance);
END;
-- 'sending' and back to 'pending' after a failed attempt are not audited: a long outage would flood the log.
CREATE TRIGGER check_ins_audit_state AFTER UPDATE OF state ON check_ins
  WHEN OLD.state <> NEW.state AND (NEW.state IN ('accepted', 'rejected', 'dead-lettered') OR OLD.state IN ('rejected', 'dead-lettered'))
BEGIN
  INSERT INTO audit_log (at_ms, idempotency_key, event, detail)
  VALUES (NEW.updated_ms, NEW.idempotency_key, CASE WHEN NEW.state = 'pending' THEN 'retried' ELSE NEW.state END, NEW.reason);
END;
CREATE TRIGGER check_ins_audit_purged AFTER UPDATE OF personal ON check_ins
  WHEN OLD.personal IS NOT NULL AND NEW.personal IS NULL
BEGIN
  INSERT INTO audit_log (at_ms, idempotency_key, event, detail) VALUES (NEW.updated_ms, NEW.idempotency_key, 'purged', NULL);
END;
`;

/**
 * Version 2: queue-number counters per local day and ticket prefix. A restart (power cut, update) must
 * not hand out 'A001' again the same morning: two patients holding the same number at the desk is worse
 * than a gap. Not personal data.
 */
const V2 = `
CREATE TABLE ticket_counters (
  day    TEXT    NOT NULL,
  prefix TEXT    NOT NULL,
  n      INTEGER NOT NULL CHECK (n > 0),
  PRIMARY KEY (day, prefix)
) WITHOUT ROWID;
`;

export const MIGRATIONS: readonly Migration[] = Object.freeze([
  { version: 1, description: 'check-in outbox and audit log', sql: V1 },
  { version: 2, description: 'queue-number counters per day', sql: V2 },
]);

/** The schema version this code reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

async function readVersion(db: SqlExecutor | SqliteDatabase): Promise<number> {
  const table = await db.get<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
  if (!table || table.n === 0) return 0;
  const row = await db.get<{ version: number }>('SELECT version FROM schema_version LIMIT 1');
  return row?.version ?? 0;
}

/** The database's schema version (0 for an empty database). */
export function schemaVersion(db: SqliteDatabase): Promise<number> {
  return readVersion(db);
}

/**
 * Brings the database to SCHEMA_VERSION, one transaction per migration. Throws STORE_TOO_NEW when the
 * database is newer than this code; storage faults surface as their StoreError.
 */
export async function migrate(db: SqliteDatabase): Promise<{ readonly from: number; readonly to: number }> {
  const from = await readVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new StoreError('STORE_TOO_NEW', `the check-in database has schema version ${from}; this kiosk knows up to ${SCHEMA_VERSION}: install the newer kiosk version`, {
      step: 'store.migrate',
    });
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue;
    await db.transaction(async (tx) => {
      // Re-read inside the write lock: a second process may have migrated meanwhile.
      if ((await readVersion(tx)) >= migration.version) return;
      await tx.exec(migration.sql);
      await tx.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      await tx.run('DELETE FROM schema_version');
      await tx.run('INSERT INTO schema_version (version) VALUES (?)', [migration.version]);
    });
  }
  return { from, to: Math.max(from, SCHEMA_VERSION) };
}

/** Throws unless the database is exactly at SCHEMA_VERSION (for tools that must not migrate). */
export async function requireCurrentSchema(db: SqliteDatabase): Promise<void> {
  const version = await readVersion(db);
  if (version > SCHEMA_VERSION) {
    throw new StoreError('STORE_TOO_NEW', `the check-in database has schema version ${version}; this kiosk knows up to ${SCHEMA_VERSION}`, { step: 'store.schema' });
  }
  if (version < SCHEMA_VERSION) {
    throw new StoreError('STORE_SCHEMA_MISMATCH', `the check-in database has schema version ${version}, expected ${SCHEMA_VERSION}: start the kiosk once to migrate it`, {
      step: 'store.schema',
    });
  }
}
