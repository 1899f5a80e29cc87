// Bench section `store-enqueue`: the durable enqueue of CheckInStore (schema validation, AES-256-GCM
// sealing, one INSERT whose triggers keep counters and the audit log, committed with synchronous=FULL)
// against a bare sqlite3 prepared INSERT of an equally sized row under the same pragmas (WAL,
// synchronous=FULL, secure_delete, foreign_keys) on the same disk. Goal (from the issue): the store's
// throughput at least 0.8 of the bare INSERT's. Rounds alternate between the two so that a change in
// machine load hits both alike; latencies are per acknowledged check-in.

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { CheckInStore } from '../../electron/core/store/check-in-store.ts';
import { StaticKeyProvider } from '../../electron/core/store/key-provider.ts';
import { hospitalDraft } from '../helpers/check-in-drafts.ts';
import type { BenchGoal, BenchOptions, BenchSection } from './bench-section.ts';
import { formatTable } from './text-table.ts';

const ROUND = 200;
const GOAL_RATIO = 0.8;

interface Samples {
  readonly latenciesMs: number[];
  elapsedMs: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** A bare sqlite3 connection with the store's pragmas and a table of the same columns. */
async function openBare(path: string): Promise<{ insert(values: unknown[]): Promise<void>; close(): Promise<void> }> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const handle = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(handle)));
  });
  const exec = (sql: string) => new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
  await exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;
    CREATE TABLE rows (seq INTEGER PRIMARY KEY, idempotency_key TEXT NOT NULL, kiosk_id TEXT NOT NULL, profile TEXT NOT NULL,
      assurance TEXT NOT NULL, verdicts TEXT NOT NULL, devices TEXT, created_at TEXT NOT NULL, created_ms INTEGER NOT NULL,
      next_attempt_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, key_id TEXT, personal BLOB)`);
  const statement = db.prepare('INSERT INTO rows (idempotency_key, kiosk_id, profile, assurance, verdicts, devices, created_at, created_ms, next_attempt_ms, updated_ms, key_id, personal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return {
    insert: (values) => new Promise<void>((resolve, reject) => statement.run(values, (err: Error | null) => (err ? reject(err) : resolve()))),
    close: () => new Promise<void>((resolve) => statement.finalize(() => db.close(() => resolve()))),
  };
}

/** Runs `count` operations with `writers` concurrent callers, recording each operation's latency. */
async function measure(samples: Samples, count: number, writers: number, op: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await op(i);
        samples.latenciesMs.push(performance.now() - t);
      }
    }),
  );
  samples.elapsedMs += performance.now() - started;
}

async function scenario(writers: number, options: BenchOptions): Promise<{ store: Samples; bare: Samples }> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-store-bench-'));
  try {
    const store = await CheckInStore.open({ path: join(dir, 'store.db'), keys: new StaticKeyProvider(randomBytes(32)) });
    const bare = await openBare(join(dir, 'bare.db'));
    const drafts = Array.from({ length: ROUND }, (_, i) => hospitalDraft(i));
    // The bare row carries what the store writes: same columns, a blob as long as a sealed personal part.
    const blob = randomBytes(48 + Buffer.byteLength(JSON.stringify({ person: drafts[0]!.person, visit: drafts[0]!.visit })));
    const row = (i: number) => [randomUUID(), 'kiosk-bench', 'hospital', 'PA_AA_OR_CA', '{"passive":"passed"}', '{"reader-0":"ready"}', new Date().toISOString(), i, i, i, 'k', blob];
    const result = { store: { latenciesMs: [], elapsedMs: 0 } as Samples, bare: { latenciesMs: [], elapsedMs: 0 } as Samples };
    for (let round = 0; round < options.warmUp + options.runs; round++) {
      const keep = round >= options.warmUp;
      const storeSamples = keep ? result.store : { latenciesMs: [], elapsedMs: 0 };
      const bareSamples = keep ? result.bare : { latenciesMs: [], elapsedMs: 0 };
      // Alternate which goes first, so neither always runs right after the other's checkpoint.
      const order = round % 2 === 0 ? ['store', 'bare'] : ['bare', 'store'];
      for (const which of order) {
        if (which === 'store') await measure(storeSamples, ROUND, writers, (i) => store.enqueue(drafts[i]!));
        else await measure(bareSamples, ROUND, writers, (i) => bare.insert(row(i)));
      }
    }
    await store.close();
    await bare.close();
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const storeBench: BenchSection = {
  name: 'store-enqueue',
  title: `durable enqueue (CheckInStore) vs bare sqlite3 INSERT, WAL + synchronous=FULL, ${ROUND} per round`,
  async run(options) {
    const rows: string[][] = [];
    let sequentialRatio = NaN;
    let detail = '';
    for (const writers of [1, 4]) {
      const { store, bare } = await scenario(writers, options);
      const rate = (s: Samples) => (s.latenciesMs.length / s.elapsedMs) * 1000;
      const ratio = rate(store) / rate(bare);
      for (const [label, s] of [['CheckInStore.enqueue', store], ['bare sqlite3 INSERT', bare]] as const) {
        rows.push([label, String(writers), String(s.latenciesMs.length), rate(s).toFixed(0), percentile(s.latenciesMs, 50).toFixed(2), percentile(s.latenciesMs, 99).toFixed(2)]);
      }
      rows.push(['  store / bare', String(writers), '', ratio.toFixed(2), '', '']);
      if (writers === 1) {
        sequentialRatio = ratio;
        detail = `${ratio.toFixed(2)} (${rate(store).toFixed(0)} vs ${rate(bare).toFixed(0)} check-ins/s, p50 ${percentile(store.latenciesMs, 50).toFixed(2)} vs ${percentile(bare.latenciesMs, 50).toFixed(2)} ms, p99 ${percentile(store.latenciesMs, 99).toFixed(2)} vs ${percentile(bare.latenciesMs, 99).toFixed(2)} ms)`;
      }
    }
    options.log(
      formatTable(
        [{ header: 'writer', align: 'left' }, { header: 'callers' }, { header: 'ops' }, { header: 'ops/s' }, { header: 'p50 ms' }, { header: 'p99 ms' }],
        rows,
      ),
    );
    const goals: BenchGoal[] = [{ goal: `durable enqueue throughput at least ${GOAL_RATIO} of a bare sqlite3 INSERT (one caller)`, met: sequentialRatio >= GOAL_RATIO, detail }];
    return goals;
  },
};
