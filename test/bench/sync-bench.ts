// Bench section `sync-drain`: a backlog of 100,000 check-ins in the kiosk's outbox (SQLite, WAL,
// synchronous=FULL, personal fields sealed) drained by the SyncEngine through the CentralClient (RFC
// 9421 signing, contract validation both ways) to the central-service simulator on loopback (signature
// checks, validation, fdatasync per batch), against a bare HTTP client that only signs and POSTs the same
// batches to a fresh simulator. Goal (from the issue): the drain under 60 s. One measured run each: a
// 100,000-item drain is long enough to be its own warm-up.
//
// The backlog is filled on tmpfs when there is one and then copied to the temp folder on disk, so that
// filling it does not take 100,000 fsyncs; the drain itself runs on disk.

import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckInStore } from '../../electron/core/store/check-in-store.ts';
import { StaticKeyProvider } from '../../electron/core/store/key-provider.ts';
import { CentralClient, MAX_BATCH_ITEMS } from '../../electron/core/sync/central-client.ts';
import { SyncEngine } from '../../electron/core/sync/sync-engine.ts';
import type { CheckInUploader, SyncItem } from '../../electron/core/sync/sync-transport.ts';
import { CentralContract } from '../../native/central/central-contract.ts';
import { signRequest, type SigningKey } from '../../native/central/http-message-signer.ts';
import { CentralSimulator } from '../../native/sim/central/central-simulator.ts';
import { syntheticCheckIn } from '../../native/sim/central/synthetic-check-ins.ts';
import type { BenchGoal, BenchOptions, BenchSection } from './bench-section.ts';
import { formatTable } from './text-table.ts';

const BACKLOG = 100_000;
const BATCH = MAX_BATCH_ITEMS;
const GOAL_SECONDS = 60;
const KIOSK_ID = 'kiosk-bench-01';
const SEED = 'sync-bench';

interface DrainResult {
  readonly seconds: number;
  readonly batchMs: number[];
  readonly stored: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function startSimulator(dataDir: string, contract: CentralContract, key: { publicKey: KeyObject }): Promise<CentralSimulator> {
  return CentralSimulator.start({ dataDir, contract, durable: true, kiosks: [{ keyId: KIOSK_ID, kioskId: KIOSK_ID, publicKey: key.publicKey }] });
}

/** Fills a store with the backlog on the fastest folder, then moves it to `target` on disk. */
async function fillBacklog(target: string, dataKey: Buffer, log: (line: string) => void): Promise<void> {
  const fast = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/sync-bench-') : target;
  const started = performance.now();
  const store = await CheckInStore.open({ path: join(fast, 'kiosk.db'), keys: new StaticKeyProvider(dataKey) });
  const window = 256;
  for (let n = 0; n < BACKLOG; n += window) {
    const jobs: Promise<unknown>[] = [];
    for (let i = n; i < Math.min(BACKLOG, n + window); i++) {
      const { createdAt: _createdAt, ...draft } = syntheticCheckIn(i, { kioskId: KIOSK_ID, seed: SEED });
      jobs.push(store.enqueue(draft));
    }
    await Promise.all(jobs);
  }
  await store.close();
  if (fast !== target) {
    for (const file of readdirSync(fast)) copyFileSync(join(fast, file), join(target, file));
    rmSync(fast, { recursive: true, force: true });
  }
  log(`  backlog of ${BACKLOG.toLocaleString('en')} check-ins filled in ${((performance.now() - started) / 1000).toFixed(1)} s (${fast === target ? 'on disk' : 'on tmpfs, then copied to disk'})`);
}

async function drainWithEngine(dir: string, dataKey: Buffer, signingKey: SigningKey, publicKey: KeyObject, contract: CentralContract): Promise<DrainResult> {
  const simulator = await startSimulator(join(dir, 'central-engine'), contract, { publicKey });
  const store = await CheckInStore.open({ path: join(dir, 'kiosk.db'), keys: new StaticKeyProvider(dataKey) });
  const client = new CentralClient({ baseUrl: simulator.url, kioskId: KIOSK_ID, signingKey, contract, timeoutMs: 30_000, maxSockets: 1 });
  const batchMs: number[] = [];
  const timed: CheckInUploader = {
    async upload(items) {
      const t = performance.now();
      try {
        return await client.upload(items);
      } finally {
        batchMs.push(performance.now() - t);
      }
    },
  };
  const engine = new SyncEngine({ outbox: store, uploader: timed, batchSize: BATCH, pollMs: 1_000 });
  try {
    const started = performance.now();
    const drained = new Promise<void>((resolve) => engine.onDidChangeStatus((s) => s.queueDepth === 0 && s.lastSuccessAt !== null && resolve()));
    engine.start();
    await drained;
    const seconds = (performance.now() - started) / 1000;
    await engine.stop();
    return { seconds, batchMs, stored: simulator.counts().stored };
  } finally {
    engine.dispose();
    client.close();
    await store.close();
    await simulator.close();
  }
}

async function drainBare(dir: string, signingKey: SigningKey, publicKey: KeyObject, contract: CentralContract): Promise<DrainResult> {
  const simulator = await startSimulator(join(dir, 'central-bare'), contract, { publicKey });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL('/v1/check-ins/batch', simulator.url);
  const batchMs: number[] = [];
  try {
    const started = performance.now();
    for (let n = 0; n < BACKLOG; n += BATCH) {
      const t = performance.now();
      const items: SyncItem['record'][] = [];
      for (let i = n; i < Math.min(BACKLOG, n + BATCH); i++) items.push(syntheticCheckIn(i, { kioskId: KIOSK_ID, seed: SEED }));
      const body = Buffer.from(JSON.stringify({ kioskId: KIOSK_ID, items }));
      const headers = { 'content-type': 'application/json' };
      const signed = signRequest({ method: 'POST', targetUri: url.href, headers }, body, signingKey);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(url, { method: 'POST', agent, headers: { ...headers, ...signed, 'content-length': body.length } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      });
      if (status !== 200) throw new Error(`bare client: HTTP ${status}`);
      batchMs.push(performance.now() - t);
    }
    return { seconds: (performance.now() - started) / 1000, batchMs, stored: simulator.counts().stored };
  } finally {
    agent.destroy();
    await simulator.close();
  }
}

export const syncBench: BenchSection = {
  name: 'sync-drain',
  title: `drain a ${BACKLOG.toLocaleString('en')}-check-in backlog to the central-service simulator on loopback`,
  async run(options: BenchOptions): Promise<readonly BenchGoal[]> {
    const dir = mkdtempSync(join(tmpdir(), 'sync-bench-'));
    try {
      const contract = CentralContract.load();
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const signingKey: SigningKey = { keyId: KIOSK_ID, privateKey };
      const dataKey = randomBytes(32);
      await fillBacklog(dir, dataKey, options.log);
      const engine = await drainWithEngine(dir, dataKey, signingKey, publicKey, contract);
      const bare = await drainBare(dir, signingKey, publicKey, contract);
      const row = (label: string, r: DrainResult) => [
        label,
        r.stored.toLocaleString('en'),
        String(r.batchMs.length),
        r.seconds.toFixed(1),
        Math.round(r.stored / r.seconds).toLocaleString('en'),
        percentile(r.batchMs, 50).toFixed(0),
        percentile(r.batchMs, 99).toFixed(0),
      ];
      options.log('');
      options.log(
        formatTable(
          [{ header: 'client', align: 'left' }, { header: 'stored' }, { header: 'batches' }, { header: 'seconds' }, { header: 'check-ins/s' }, { header: 'batch p50 ms' }, { header: 'batch p99 ms' }],
          [row('outbox + SyncEngine + CentralClient', engine), row('bare HTTP client (sign + POST)', bare)],
        ),
      );
      const ratio = engine.seconds / bare.seconds;
      options.log(`  engine / bare time ratio: ${ratio.toFixed(2)} (batches of ${BATCH})`);
      const complete = engine.stored === BACKLOG && bare.stored === BACKLOG;
      return [
        {
          goal: `drain ${BACKLOG.toLocaleString('en')} check-ins in under ${GOAL_SECONDS} s`,
          met: complete && engine.seconds < GOAL_SECONDS,
          detail: `${engine.seconds.toFixed(1)} s (bare client ${bare.seconds.toFixed(1)} s, ratio ${ratio.toFixed(2)})${complete ? '' : '; NOT every check-in arrived'}`,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
