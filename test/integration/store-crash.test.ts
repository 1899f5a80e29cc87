// Power-cut proof of the outbox: a child process (store-crash-child.ts) writes check-ins as fast as it can
// and is killed with SIGKILL at a random moment, 50 times, on the same database. Every idempotency key it
// printed (printed only after enqueue resolved) must be in the database after each kill. Every fifth
// child also runs its sync engine against the central simulator, so kills land in the middle of uploads
// and settlements too. At the end the parent drains what is left, and the simulator's own file must hold
// every check-in of the database exactly once.
//
// The child is bundled once with esbuild (tsx's own compiler) so that each of the 50 starts costs a plain
// Node start, not a TypeScript compilation.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckInStore } from '../../electron/core/store/check-in-store.ts';
import { FileKeyProvider } from '../../electron/core/store/file-key-provider.ts';
import { SqliteDatabase } from '../../electron/core/store/sqlite-database.ts';
import { SyncEngine } from '../../electron/core/sync/sync-engine.ts';
import { DEFAULT_CONTRACT_PATH } from '../../native/central/central-contract.ts';
import { CHECK_INS_FILE } from '../../native/sim/central/central-store.ts';
import { seededRandom } from '../../native/util/seeded-random.ts';
import { KEY_ID, KIOSK_ID, startCentral, type CentralFixture } from '../helpers/central-fixture.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KILLS = 50;
const SYNC_EVERY = 5;
const MAX_KILL_DELAY_MS = 250;
/** A syncing child lives longer, so that kills land inside uploads and settlements. */
const MAX_SYNC_KILL_DELAY_MS = 500;

interface ChildRun {
  readonly acknowledged: readonly string[];
  readonly killed: boolean;
  readonly stderr: string;
}

let work: string;
let bundleDir: string;
let childScript: string;
let central: CentralFixture;

/** Starts the child, kills it `delayMs` after it reports ready, and returns the keys it acknowledged. */
function runAndKill(env: NodeJS.ProcessEnv, delayMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (timer === undefined && stdout.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      // Only whole lines count: a line cut by the kill was never fully printed, so never acknowledged.
      const lines = stdout.split('\n').slice(0, -1);
      resolve({ acknowledged: lines.filter((l) => l !== 'ready'), killed: signal === 'SIGKILL', stderr });
    });
  });
}

async function keysInDatabase(path: string): Promise<Set<string>> {
  const db = await SqliteDatabase.open(path, { create: false });
  try {
    return new Set((await db.all<{ k: string }>('SELECT idempotency_key AS k FROM check_ins')).map((r) => r.k));
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kiosk-store-crash-'));
  // Inside the repository so that the bundle's bare imports (sqlite3, zod, pino) resolve to node_modules.
  bundleDir = join(ROOT, 'node_modules', '.cache', `kiosk-store-crash-${process.pid}`);
  mkdirSync(bundleDir, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'test/integration/store-crash-child.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: bundleDir,
    logLevel: 'silent',
  });
  childScript = join(bundleDir, 'store-crash-child.js');
  central = await startCentral();
  writeFileSync(join(work, 'kiosk-ed25519.pem'), central.kioskKey.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
}, 60_000);

afterAll(async () => {
  await central?.close();
  rmSync(bundleDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('CheckInStore under SIGKILL', () => {
  it('keeps every acknowledged check-in through 50 kills, and the simulator ends up holding each exactly once', async () => {
    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    const db = join(work, 'kiosk.db');
    const base = { CRASH_DB: db, CRASH_KEY_FILE: join(work, 'store.key') };
    const sync = { CENTRAL_URL: central.simulator.url, CENTRAL_KEY_PEM: join(work, 'kiosk-ed25519.pem'), CENTRAL_KIOSK_ID: KIOSK_ID, CENTRAL_KEY_ID: KEY_ID, CENTRAL_CONTRACT: DEFAULT_CONTRACT_PATH };
    const acknowledged = new Set<string>();
    const lost: string[] = [];
    let syncedRuns = 0;

    for (let run = 0; run < KILLS; run++) {
      const withSync = run % SYNC_EVERY === 0;
      syncedRuns += withSync ? 1 : 0;
      const result = await runAndKill(withSync ? { ...base, ...sync } : base, Math.floor(random() * (withSync ? MAX_SYNC_KILL_DELAY_MS : MAX_KILL_DELAY_MS)));
      expect(result.killed, `run ${run} (seed ${seed}) ended on its own: ${result.stderr}`).toBe(true);
      for (const key of result.acknowledged) acknowledged.add(key);
      const stored = await keysInDatabase(db);
      lost.push(...[...acknowledged].filter((k) => !stored.has(k)).map((k) => `${k} (after run ${run})`));
    }
    expect(lost, `acknowledged check-ins missing from the database (seed ${seed})`).toEqual([]);
    const syncedByChildren = central.simulator.counts().stored;

    const store = await CheckInStore.open({ path: db, keys: new FileKeyProvider({ path: base.CRASH_KEY_FILE }) });
    const engine = new SyncEngine({ outbox: store, uploader: central.client(), batchSize: 200, backoff: { baseMs: 10, capMs: 100 } });
    for (let i = 0; i < 1000 && (await store.snapshot()).depth > 0; i++) await engine.runOnce();
    const final = await store.snapshot();
    const rows = await keysInDatabase(db);
    await store.close();

    const lines = readFileSync(join(central.dataDir, CHECK_INS_FILE), 'utf8').split('\n').filter((l) => l !== '');
    const copies = new Map<string, number>();
    for (const line of lines) {
      const key = (JSON.parse(line) as { idempotencyKey: string }).idempotencyKey;
      copies.set(key, (copies.get(key) ?? 0) + 1);
    }
    const notExactlyOnce = [...rows].filter((k) => copies.get(k) !== 1);

    expect(acknowledged.size, 'the children acknowledged check-ins').toBeGreaterThan(KILLS);
    expect(syncedRuns).toBe(Math.ceil(KILLS / SYNC_EVERY));
    expect(syncedByChildren, 'check-ins the children synced before they were killed').toBeGreaterThan(0);
    expect(final).toMatchObject({ depth: 0, counts: { accepted: rows.size, rejected: 0, 'dead-lettered': 0 } });
    expect(notExactlyOnce, `check-ins the simulator does not hold exactly once (seed ${seed})`).toEqual([]);
    expect(copies.size).toBe(rows.size);
  }, 300_000);
});
