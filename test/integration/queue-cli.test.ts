// `kiosk queue` as a technician runs it, beside a "running kiosk": the test process keeps the store open
// (its last writes still in the WAL) while the CLI child process reads and writes the same database.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CheckInStore } from '../../electron/core/store/check-in-store.ts';
import { StaticKeyProvider } from '../../electron/core/store/key-provider.ts';
import { SCHEMA_VERSION } from '../../electron/core/store/migrations.ts';
import { hospitalDraft, SYNTHETIC_ID_NUMBER, SYNTHETIC_NAME } from '../helpers/check-in-drafts.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Each case starts Node and compiles the CLI through tsx: seconds on a loaded machine.
vi.setConfig({ testTimeout: 40_000, hookTimeout: 40_000 });

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function kiosk(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['bin/kiosk.mjs', 'queue', ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'kiosk-queue-cli-'));
const db = join(dir, 'kiosk.db');
let store: CheckInStore;
let rejectedKey: string;

beforeAll(async () => {
  store = await CheckInStore.open({ path: db, keys: new StaticKeyProvider(randomBytes(32)) });
  for (let i = 0; i < 5; i++) await store.enqueue(hospitalDraft(i));
  const { items } = await store.claimDue(2);
  rejectedKey = items[1]!.idempotencyKey;
  await store.settle([
    { idempotencyKey: items[0]!.idempotencyKey, status: 'accepted' },
    { idempotencyKey: rejectedKey, status: 'rejected', reason: 'UNKNOWN_DEPARTMENT' },
  ]);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kiosk queue', () => {
  it('stats --json counts check-ins by state while the kiosk holds the database open', async () => {
    const run = await kiosk(['stats', '--json', '--db', db]);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ counts: { pending: 3, accepted: 1, rejected: 1 }, total: 5, purged: 0 });
  });

  it('list shows the service reason of a rejected check-in and no personal data', async () => {
    const run = await kiosk(['list', '--state', 'rejected', '--db', db]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(rejectedKey);
    expect(run.stdout).toContain('UNKNOWN_DEPARTMENT');
    expect(run.stdout).not.toContain(SYNTHETIC_NAME);
    expect(run.stdout).not.toContain(SYNTHETIC_ID_NUMBER);
  });

  it('retry puts a rejected check-in back to pending, and the running kiosk sees it', async () => {
    const run = await kiosk(['retry', '--key', rejectedKey, '--json', '--db', db]);
    const { counts } = await store.snapshot();

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ moved: 1 });
    expect(counts).toMatchObject({ pending: 4, rejected: 0 });
  });

  it('check finds the database sound and uses $KIOSK_DATA_DIR when no --db is given', async () => {
    const run = await kiosk(['check', '--json'], { KIOSK_DATA_DIR: dir });

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, integrity: ['ok'], schemaVersion: SCHEMA_VERSION, countersMatch: true, database: db });
  });

  it('check reports a file that is not a database and exits 1', async () => {
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, randomBytes(8192));
    const run = await kiosk(['check', '--db', garbage]);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('STORE_CORRUPT');
    expect(run.stdout).toContain('PROBLEMS FOUND');
  });

  it('names the missing database and exits 1', async () => {
    const run = await kiosk(['stats', '--db', join(dir, 'absent.db')]);

    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`kiosk queue: STORE_NOT_FOUND: no check-in database at ${join(dir, 'absent.db')}`);
  });

  it('refuses retry without --key or --all (exit 2)', async () => {
    const run = await kiosk(['retry', '--db', db]);

    expect(run).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--key KEY') as string });
  });
});
