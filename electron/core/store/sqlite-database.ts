// A promise wrapper over one sqlite3 connection, opened the way the outbox needs it: WAL, synchronous=FULL
// (a commit is on disk before it resolves), a busy timeout so that `kiosk queue` can work beside a running
// kiosk, and one lock so that statements from different callers never land inside each other's
// transaction (node-sqlite3 shares one connection between all of them).

import { existsSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { StoreError, toStoreError } from './store-error.ts';

export type SqlValue = string | number | bigint | Buffer | Uint8Array | null;
export type SqlParams = readonly SqlValue[];

export interface RunResult {
  readonly changes: number;
  readonly lastId: number;
}

/** What a transaction body may do. Valid only until the body's promise settles. */
export interface SqlExecutor {
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Create the file when it does not exist (default true). When false, a missing file is STORE_NOT_FOUND. */
  readonly create?: boolean;
  /** How long to wait for another process's write lock (default 5 s). */
  readonly busyTimeoutMs?: number;
  /** Open read-only (SQLITE_OPEN_READONLY): every write fails with STORE_READ_ONLY. Implies create false. */
  readonly readOnly?: boolean;
}

/** Serialises async sections: each waits for the one before it. */
class Lock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(section: () => Promise<T>): Promise<T> {
    const result = this.tail.then(section);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export class SqliteDatabase {
  private readonly lock = new Lock();
  private readonly statements = new Map<string, sqlite3.Statement>();
  private closed = false;
  private readonly raw: SqlExecutor;

  private constructor(
    private readonly db: sqlite3.Database,
    readonly path: string,
  ) {
    this.raw = {
      run: (sql, params = []) => this.runRaw(sql, params),
      get: <T>(sql: string, params: SqlParams = []) => this.getRaw<T>(sql, params),
      all: <T>(sql: string, params: SqlParams = []) => this.allRaw<T>(sql, params),
      exec: (sql) => this.execRaw(sql),
    };
  }

  /**
   * Opens (or creates) the database and applies the durability pragmas: journal_mode=WAL,
   * synchronous=FULL, foreign_keys=ON, secure_delete=ON (purged ciphertext is overwritten, not left in
   * free pages). Throws StoreError: STORE_NOT_FOUND, STORE_READ_ONLY, STORE_CORRUPT (not a database),
   * STORE_IO.
   */
  static async open(path: string, options: OpenDatabaseOptions = {}): Promise<SqliteDatabase> {
    const readOnly = options.readOnly ?? false;
    const create = !readOnly && (options.create ?? true);
    if (!create && path !== ':memory:' && !existsSync(path)) {
      throw new StoreError('STORE_NOT_FOUND', `no check-in database at ${path}`, { step: 'store.open' });
    }
    const mode = (readOnly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE) | sqlite3.OPEN_FULLMUTEX | (create ? sqlite3.OPEN_CREATE : 0);
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle = new sqlite3.Database(path, mode, (err) => (err ? reject(toStoreError(err, 'store.open')) : resolve(handle)));
    });
    db.configure('busyTimeout', options.busyTimeoutMs ?? 5000);
    const database = new SqliteDatabase(db, path);
    try {
      // The first read of the header happens here: a file of garbage fails with SQLITE_NOTADB.
      const journal = await database.get<{ journal_mode: string }>(readOnly ? 'PRAGMA journal_mode' : 'PRAGMA journal_mode = WAL');
      if (journal?.journal_mode !== 'wal' && path !== ':memory:' && !readOnly) {
        throw new StoreError('STORE_IO', `cannot switch ${path} to WAL (journal_mode is ${journal?.journal_mode ?? 'unknown'})`, { step: 'store.open' });
      }
      await database.exec('PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;');
    } catch (err) {
      await database.close().catch(() => undefined);
      throw toStoreError(err, 'store.open');
    }
    return database;
  }

  run(sql: string, params: SqlParams = []): Promise<RunResult> {
    return this.locked(() => this.runRaw(sql, params));
  }

  get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return this.locked(() => this.getRaw<T>(sql, params));
  }

  all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return this.locked(() => this.allRaw<T>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.locked(() => this.execRaw(sql));
  }

  /**
   * Runs `body` inside BEGIN IMMEDIATE … COMMIT, holding the connection's lock: resolves only after the
   * COMMIT is durable, and rolls back (then rethrows) when the body or the commit fails. IMMEDIATE takes
   * the write lock up front, so a concurrent writer waits (busy timeout) instead of deadlocking.
   */
  transaction<T>(body: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.locked(async () => {
      await this.execRaw('BEGIN IMMEDIATE');
      let result: T;
      try {
        result = await body(this.raw);
        await this.execRaw('COMMIT');
      } catch (err) {
        // After SQLITE_FULL and some I/O errors SQLite has already rolled back; ROLLBACK then fails harmlessly.
        await this.execRaw('ROLLBACK').catch(() => undefined);
        throw err;
      }
      return result;
    });
  }

  /** Finalizes the cached statements and closes the connection (checkpointing the WAL). Idempotent. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return this.lock.run(async () => {
      for (const statement of this.statements.values()) await new Promise<void>((resolve) => statement.finalize(() => resolve()));
      this.statements.clear();
      await new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(toStoreError(err, 'store.close')) : resolve())));
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Work accepted before close() still runs; work asked for after it is refused. */
  private locked<T>(section: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreError('STORE_CLOSED', 'the check-in database is closed', { step: 'store.query' }));
    return this.lock.run(section);
  }

  private statement(sql: string): Promise<sqlite3.Statement> {
    const cached = this.statements.get(sql);
    if (cached) return Promise.resolve(cached);
    return new Promise((resolve, reject) => {
      const statement = this.db.prepare(sql, (err) => {
        if (err) return reject(toStoreError(err, 'store.prepare'));
        this.statements.set(sql, statement);
        resolve(statement);
      });
    });
  }

  private async runRaw(sql: string, params: SqlParams): Promise<RunResult> {
    const statement = await this.statement(sql);
    return new Promise((resolve, reject) => {
      statement.run([...params], function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(toStoreError(err, 'store.run'));
        else resolve({ changes: this.changes, lastId: this.lastID });
      });
    });
  }

  // Statement#get leaves a cached statement open (holding a read snapshot) until it is reset; all() runs to
  // completion, so reads never pin the WAL.
  private async getRaw<T>(sql: string, params: SqlParams): Promise<T | undefined> {
    return (await this.allRaw<T>(sql, params))[0];
  }

  private async allRaw<T>(sql: string, params: SqlParams): Promise<T[]> {
    const statement = await this.statement(sql);
    return new Promise((resolve, reject) => {
      statement.all<T>([...params], (err: Error | null, rows: T[]) => (err ? reject(toStoreError(err, 'store.all')) : resolve(rows)));
    });
  }

  private execRaw(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(toStoreError(err, 'store.exec')) : resolve())));
  }
}
