import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckInStore, type StoreHealth } from '../../../../../electron/core/store/check-in-store.ts';
import { StaticKeyProvider } from '../../../../../electron/core/store/key-provider.ts';
import { migrate, SCHEMA_VERSION } from '../../../../../electron/core/store/migrations.ts';
import { checkIntegrity } from '../../../../../electron/core/store/queue-queries.ts';
import { SqliteDatabase } from '../../../../../electron/core/store/sqlite-database.ts';
import { StoreError } from '../../../../../electron/core/store/store-error.ts';
import { USER_MESSAGES } from '../../../../../native/hal/errors.ts';
import { hospitalDraft } from '../../../../helpers/check-in-drafts.ts';

let dir: string;
let path: string;
const keys = new StaticKeyProvider(randomBytes(32));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-store-faults-'));
  path = join(dir, 'kiosk.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function storeWith(count: number): Promise<CheckInStore> {
  const store = await CheckInStore.open({ path, keys });
  for (let i = 0; i < count; i++) await store.enqueue(hospitalDraft(i));
  return store;
}

async function rowCount(): Promise<number> {
  const db = await SqliteDatabase.open(path, { create: false });
  const row = await db.get<{ n: number }>('SELECT count(*) AS n FROM check_ins');
  await db.close();
  return row?.n ?? -1;
}

describe('CheckInStore storage faults', () => {
  it('refuses check-ins once the database is full, acknowledges none of them, and recovers when space returns', async () => {
    const store = await storeWith(1);
    const health: StoreHealth[] = [];
    store.onDidChangeHealth((h) => health.push(h));
    const pages = (await store.database.get<{ page_count: number }>('PRAGMA page_count'))!.page_count;
    await store.database.exec(`PRAGMA max_page_count = ${pages + 2}`);
    let acknowledged = 1;
    let error: unknown;
    for (let i = 0; i < 500 && error === undefined; i++) {
      await store.enqueue(hospitalDraft(i)).then(
        () => acknowledged++,
        (e: unknown) => (error = e),
      );
    }
    const whileFull = store.health;
    await store.database.exec('PRAGMA max_page_count = 1073741823');
    await store.enqueue(hospitalDraft(999));
    await store.close();

    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'STORE_FULL', userMessageKey: 'CHECK_IN_NOT_SAVED' });
    expect((error as StoreError).userMessage).toEqual(USER_MESSAGES.CHECK_IN_NOT_SAVED);
    expect(whileFull).toMatchObject({ state: 'faulted', error: { code: 'STORE_FULL' } });
    expect(health.map((h) => h.state)).toEqual(['faulted', 'ready']);
    expect(await rowCount()).toBe(acknowledged + 1);
  });

  it('reports a read-only database as STORE_READ_ONLY and stores nothing', async () => {
    const store = await storeWith(2);
    await store.database.exec('PRAGMA query_only = ON');
    const error = await store.enqueue(hospitalDraft(3)).catch((e: unknown) => e);
    await store.close();

    expect(error).toMatchObject({ code: 'STORE_READ_ONLY', userMessageKey: 'CHECK_IN_NOT_SAVED' });
    expect(await rowCount()).toBe(2);
  });

  it('refuses every write on a database opened read-only', async () => {
    await (await storeWith(1)).close();
    const db = await SqliteDatabase.open(path, { readOnly: true });
    const error = await db.run(`UPDATE check_ins SET attempts = 1`).catch((e: unknown) => e);
    await db.close();

    expect(error).toMatchObject({ code: 'STORE_READ_ONLY' });
  });

  it('refuses to open a file of garbage as STORE_CORRUPT', async () => {
    await (await storeWith(3)).close();
    const copy = join(dir, 'garbage.db');
    copyFileSync(path, copy);
    const fd = openSync(copy, 'r+');
    writeSync(fd, randomBytes(4096), 0, 4096, 0);
    closeSync(fd);

    const error = await CheckInStore.open({ path: copy, keys }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'STORE_CORRUPT', userMessageKey: 'CHECK_IN_NOT_SAVED' });
  });

  it('finds damaged pages with the integrity check', async () => {
    await (await storeWith(200)).close();
    const copy = join(dir, 'damaged.db');
    copyFileSync(path, copy);
    const size = statSync(copy).size;
    const fd = openSync(copy, 'r+');
    // Keep page 1 (header and schema) intact; scribble a fixed pattern over the middle of the other pages.
    for (let offset = 4096 + 100; offset < size; offset += 4096) writeSync(fd, Buffer.alloc(200, 0xa5), 0, 200, offset);
    closeSync(fd);
    const db = await SqliteDatabase.open(copy, { create: false });
    const report = await checkIntegrity(db);
    await db.close();

    expect(report.ok).toBe(false);
    expect(report.integrity.join('\n')).toMatch(/SQLITE_CORRUPT|malformed|corrupt/i);
  });

  it('refuses a missing database file when asked not to create one', async () => {
    await expect(SqliteDatabase.open(join(dir, 'absent.db'), { create: false })).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
  });

  it('refuses a database written by a newer kiosk', async () => {
    await (await storeWith(0)).close();
    const db = await SqliteDatabase.open(path);
    await db.run('UPDATE schema_version SET version = ?', [SCHEMA_VERSION + 1]);
    await db.close();

    const error = await CheckInStore.open({ path, keys }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_TOO_NEW' });
  });

  it('migrates an empty file to the current schema version once', async () => {
    writeFileSync(path, '');
    const db = await SqliteDatabase.open(path);
    const first = await migrate(db);
    const second = await migrate(db);
    await db.close();

    expect(first).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(second).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
  });
});
