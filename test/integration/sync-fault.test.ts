// Proof for issue 4: the outbox, the sync engine and the central-service client against the simulator
// with 30% 5xx, 10% connection resets, 5% lost responses (processed, committed, reply never sent) and
// latency spikes longer than the client's deadline: 10,000 check-ins all end accepted, and the service
// holds each exactly once. The database lives on tmpfs when the machine has one: this test is about
// delivery, not disk durability (the crash test covers that), and 10,000 fsyncs would dominate it.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckInStore } from '../../electron/core/store/check-in-store.ts';
import { StaticKeyProvider } from '../../electron/core/store/key-provider.ts';
import { SyncEngine } from '../../electron/core/sync/sync-engine.ts';
import { CHECK_INS_FILE } from '../../native/sim/central/central-store.ts';
import { syntheticCheckIn } from '../../native/sim/central/synthetic-check-ins.ts';
import { seededRandom } from '../../native/util/seeded-random.ts';
import { KIOSK_ID, startCentral, type CentralFixture } from '../helpers/central-fixture.ts';

const CHECK_INS = 10_000;
const FAULTS = {
  serverErrorRate: 0.3,
  resetRate: 0.1,
  lostResponseRate: 0.05,
  latencyMs: 1,
  latencySpikeRate: 0.05,
  latencySpikeMs: 600,
};

let dir: string;
let fixture: CentralFixture;
let store: CheckInStore;
const keys: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'sync-fault-'));
  fixture = await startCentral({ dataDir: join(dir, 'central'), faults: FAULTS, seed: 4242, durable: true });
  store = await CheckInStore.open({ path: join(dir, 'kiosk.db'), keys: new StaticKeyProvider(randomBytes(32)) });
  for (let n = 0; n < CHECK_INS; n++) {
    const { createdAt: _createdAt, ...draft } = syntheticCheckIn(n, { kioskId: KIOSK_ID, seed: 'sync-fault' });
    keys.push((await store.enqueue(draft)).idempotencyKey);
  }
}, 120_000);

afterAll(async () => {
  await store?.close();
  await fixture?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sync under faults', () => {
  it('delivers 10,000 check-ins through 5xx, resets, lost responses and latency spikes, each stored once', async () => {
    // The client's deadline sits below the spike, so a spike is a timeout after which the service
    // still commits: another way for a reply to be lost.
    const client = fixture.client({ timeoutMs: 400, maxSockets: 2 });
    const engine = new SyncEngine({
      outbox: store,
      uploader: client,
      batchSize: 100,
      backoff: { baseMs: 10, capMs: 200 },
      breaker: { failureThreshold: 5, openMs: 50, maxOpenMs: 400 },
      pollMs: 50,
      random: seededRandom(7),
    });
    const drained = new Promise<void>((resolve) => {
      engine.onDidChangeStatus((status) => {
        if (status.queueDepth === 0 && status.lastSuccessAt !== null) resolve();
      });
    });
    engine.start();
    await drained;
    await engine.stop();
    engine.dispose();

    const snapshot = await store.snapshot();
    expect(snapshot.counts).toMatchObject({ pending: 0, sending: 0, accepted: CHECK_INS, rejected: 0, 'dead-lettered': 0 });

    const received = fixture.simulator.received();
    expect(received).toHaveLength(CHECK_INS);
    expect(new Set(received.map((r) => r.idempotencyKey))).toEqual(new Set(keys));
    // The service's file, read back as a restart would: every key on exactly one line.
    const lines = readFileSync(join(dir, 'central', CHECK_INS_FILE), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(CHECK_INS);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { idempotencyKey: string }).idempotencyKey)).size).toBe(CHECK_INS);

    // The faults did happen, and the retries they caused came back as duplicates, not new records.
    const counts = fixture.simulator.counts();
    expect(counts.faults['server-error']).toBeGreaterThan(0);
    expect(counts.faults.reset).toBeGreaterThan(0);
    expect(counts.faults['lost-response']).toBeGreaterThan(0);
    expect(counts.faults['latency-spike']).toBeGreaterThan(0);
    expect(counts.duplicates).toBeGreaterThan(0);
    expect(counts.accepted).toBe(CHECK_INS);
    expect(counts.contractViolations).toBe(0);
    expect(counts.signatureRefusals).toEqual({});
  }, 120_000);
});
