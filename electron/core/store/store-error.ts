// Typed failures of the check-in store. Every code a program may branch on is listed here; the faults a
// person can meet at the kiosk (disk full, read-only, corrupt database, missing key) all tell them the
// check-in was not saved and where to go, because nothing was acknowledged.

import { KioskError, type UserMessageKey } from '../../../native/hal/errors.ts';

export type StoreErrorCode =
  /** The database (or the disk under it) is full: SQLITE_FULL, or max_page_count reached. */
  | 'STORE_FULL'
  /** The database file or its folder cannot be written: SQLITE_READONLY, EACCES. */
  | 'STORE_READ_ONLY'
  /** The file is not a database or its pages are damaged: SQLITE_CORRUPT, SQLITE_NOTADB. */
  | 'STORE_CORRUPT'
  /** Any other I/O failure reported by SQLite (SQLITE_IOERR, SQLITE_CANTOPEN). */
  | 'STORE_IO'
  /** Another process holds the write lock longer than the busy timeout. */
  | 'STORE_BUSY'
  /** The database was written by a newer version of the kiosk. */
  | 'STORE_TOO_NEW'
  /** The database has no (or an older) schema and the caller did not migrate it. */
  | 'STORE_SCHEMA_MISMATCH'
  /** The file does not exist and the caller asked not to create it. */
  | 'STORE_NOT_FOUND'
  /** The encryption key is absent, unreadable or unsafe (wrong length, wider permissions). */
  | 'STORE_KEY_UNAVAILABLE'
  /** The key at hand is not the key the data was written with. */
  | 'STORE_KEY_MISMATCH'
  /** A ciphertext failed authentication: tampered, truncated, or written with another key. */
  | 'STORE_DECRYPT_FAILED'
  /** The check-in does not match CheckInRecordSchema. */
  | 'STORE_INVALID_RECORD'
  /** The store was closed, or refuses writes after a fault it cannot recover from. */
  | 'STORE_CLOSED'
  /** An SQLite error that none of the above describes (a bug rather than a fault). */
  | 'STORE_INTERNAL';

/** Codes meaning "this check-in was not saved": the person is sent to the desk. */
const NOT_SAVED: ReadonlySet<StoreErrorCode> = new Set([
  'STORE_FULL',
  'STORE_READ_ONLY',
  'STORE_CORRUPT',
  'STORE_IO',
  'STORE_BUSY',
  'STORE_KEY_UNAVAILABLE',
  'STORE_KEY_MISMATCH',
  'STORE_CLOSED',
  'STORE_TOO_NEW',
  'STORE_SCHEMA_MISMATCH',
  'STORE_NOT_FOUND',
]);

export class StoreError extends KioskError {
  declare readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options: { readonly step?: string; readonly cause?: unknown } = {}) {
    const userMessage: UserMessageKey = NOT_SAVED.has(code) ? 'CHECK_IN_NOT_SAVED' : code === 'STORE_INVALID_RECORD' ? 'INVALID_INPUT' : 'INTERNAL';
    super(code, message, { step: options.step, cause: options.cause, userMessage });
  }

  /** True for faults of the medium (full, read-only, corrupt, I/O): the store refuses new check-ins. */
  get isStorageFault(): boolean {
    return this.code === 'STORE_FULL' || this.code === 'STORE_READ_ONLY' || this.code === 'STORE_CORRUPT' || this.code === 'STORE_IO';
  }
}

const SQLITE_CODES: Readonly<Record<string, StoreErrorCode>> = {
  SQLITE_FULL: 'STORE_FULL',
  SQLITE_READONLY: 'STORE_READ_ONLY',
  SQLITE_PERM: 'STORE_READ_ONLY',
  SQLITE_CORRUPT: 'STORE_CORRUPT',
  SQLITE_NOTADB: 'STORE_CORRUPT',
  SQLITE_IOERR: 'STORE_IO',
  SQLITE_CANTOPEN: 'STORE_IO',
  SQLITE_BUSY: 'STORE_BUSY',
  SQLITE_LOCKED: 'STORE_BUSY',
};

/**
 * Maps an error from the sqlite3 binding (which carries `code: 'SQLITE_FULL'` and the like) to a
 * StoreError; passes StoreErrors through. The message names the operation, never the data.
 */
export function toStoreError(err: unknown, step: string): StoreError {
  if (err instanceof StoreError) return err;
  const sqliteCode = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  const code = SQLITE_CODES[sqliteCode] ?? 'STORE_INTERNAL';
  const detail = err instanceof Error ? err.message.replace(/^SQLITE_[A-Z_]+: /, '') : String(err);
  return new StoreError(code, `${step}: ${sqliteCode || 'error'}: ${detail}`, { step, cause: err });
}
