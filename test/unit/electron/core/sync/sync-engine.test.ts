import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckInStore } from '../../../../../electron/core/store/check-in-store.ts';
import { StaticKeyProvider } from '../../../../../electron/core/store/key-provider.ts';
import { listCheckIns } from '../../../../../electron/core/store/queue-queries.ts';
import { SyncEngine, type SyncEngineOptions, type SyncStatus } from '../../../../../electron/core/sync/sync-engine.ts';
import { SyncTransportError } from '../../../../../electron/core/sync/sync-transport.ts';
import { hospitalDraft } from '../../../../helpers/check-in-drafts.ts';
import { FakeUploader } from '../../../../helpers/fake-uploader.ts';

let dir: string;
let now: number;
let store: CheckInStore;
let central: FakeUploader;
const key = randomBytes(32);

function openStore(): Promise<CheckInStore> {
  return CheckInStore.open({ path: join(dir, 'kiosk.db'), keys: new StaticKeyProvider(key), clock: () => now });
}

function engine(options: Partial<SyncEngineOptions> = {}): SyncEngine {
  return new SyncEngine({ outbox: store, uploader: central, batchSize: 10, now: () => now, random: () => 0.5, ...options });
}

async function enqueue(count: number): Promise<string[]> {
  const keys = [];
  for (let i = 0; i < count; i++) keys.push((await store.enqueue(hospitalDraft(i))).idempotencyKey);
  return keys;
}

async function states(): Promise<Record<string, string>> {
  const rows = await listCheckIns(store.database, { limit: 1000 });
  return Object.fromEntries(rows.map((r) => [r.idempotencyKey, r.state]));
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-sync-'));
  now = Date.parse('2025-03-01T08:00:00Z');
  store = await openStore();
  central = new FakeUploader();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SyncEngine', () => {
  describe('runOnce', () => {
    it('sends pending check-ins in batches of the configured size until the queue is empty', async () => {
      const keys = await enqueue(5);
      const sync = engine({ batchSize: 2 });
      const steps = [await sync.runOnce(), await sync.runOnce(), await sync.runOnce(), await sync.runOnce()];

      expect(steps.map((s) => s.kind)).toEqual(['sent', 'sent', 'sent', 'idle']);
      expect(central.batches).toEqual([2, 2, 1]);
      expect([...central.held.keys()]).toEqual(keys);
      expect(sync.status).toMatchObject({ queueDepth: 0, oldestPendingAgeMs: null, breaker: 'closed' });
    });

    it('keeps a check-in the service rejects as rejected with its reason and does not send it again', async () => {
      const [good, bad] = await enqueue(2);
      central.rejectWhen = (record) => (record.visit?.departmentId === 'dept-1' ? 'UNKNOWN_DEPARTMENT' : undefined);
      const sync = engine();
      const first = await sync.runOnce();
      const second = await sync.runOnce();
      const [row] = await listCheckIns(store.database, { state: 'rejected' });

      expect(first).toMatchObject({ kind: 'sent', accepted: 1, rejected: 1 });
      expect(second.kind).toBe('idle');
      expect(await states()).toEqual({ [good!]: 'accepted', [bad!]: 'rejected' });
      expect(row).toMatchObject({ idempotencyKey: bad, reason: 'UNKNOWN_DEPARTMENT' });
      expect(sync.status.deadLetters).toBe(1);
    });

    it('resends after a lost reply and settles the duplicate as accepted, held once by the service', async () => {
      const keys = await enqueue(3);
      central.then('lose-reply');
      const sync = engine();
      const lost = await sync.runOnce();
      now += 60_000;
      const resent = await sync.runOnce();

      expect(lost.kind).toBe('failed');
      expect(resent).toMatchObject({ kind: 'sent', accepted: 0, duplicates: 3 });
      expect(central.held.size).toBe(3);
      expect(keys.map((k) => central.deliveries.get(k))).toEqual([2, 2, 2]);
      expect(Object.values(await states())).toEqual(['accepted', 'accepted', 'accepted']);
    });

    it('backs off with full jitter after a server error and records the error for the technician', async () => {
      await enqueue(1);
      central.then(new SyncTransportError('server', 'HTTP 503', { status: 503 }));
      const sync = engine({ backoff: { baseMs: 1000, capMs: 60_000 } });
      const failed = await sync.runOnce();
      const early = await sync.runOnce();
      now += 500;
      const sent = await sync.runOnce();

      // random 0.5 of a 1 s ceiling: 500 ms, for the engine and for the check-in.
      expect(failed).toMatchObject({ kind: 'failed', retryInMs: 500, error: { code: 'SYNC_SERVER' } });
      expect(early).toEqual({ kind: 'backing-off', retryInMs: 500 });
      expect(sent.kind).toBe('sent');
      expect(sync.status.lastError).toBeNull();
    });

    it('waits at least the Retry-After of a 429 before sending again', async () => {
      await enqueue(2);
      central.then(new SyncTransportError('rate-limited', 'HTTP 429', { status: 429, retryAfterMs: 120_000 }));
      const sync = engine();
      const failed = await sync.runOnce();
      now += 119_999;
      const early = await sync.runOnce();
      now += 1;
      const sent = await sync.runOnce();

      expect(failed).toMatchObject({ kind: 'failed', retryInMs: 120_000 });
      expect(early.kind).toBe('backing-off');
      expect(sent).toMatchObject({ kind: 'sent', accepted: 2 });
      expect(sync.status.breaker).toBe('closed');
    });

    it('opens the breaker while the service is down and closes it when a trial batch gets through', async () => {
      await enqueue(3);
      const down = () => new SyncTransportError('network', 'ECONNREFUSED');
      central.then(down(), down());
      const breakerStates: string[] = [];
      const sync = engine({ breaker: { failureThreshold: 2, openMs: 10_000 }, backoff: { baseMs: 100, capMs: 100 } });
      sync.onDidChangeStatus((s) => breakerStates.push(s.breaker));
      await sync.runOnce();
      now += 100;
      await sync.runOnce();
      now += 100;
      const whileOpen = await sync.runOnce();
      now += 10_000;
      const trial = await sync.runOnce();

      expect(whileOpen).toMatchObject({ kind: 'breaker-open' });
      expect(trial).toMatchObject({ kind: 'sent', accepted: 3 });
      expect([...new Set(breakerStates)]).toEqual(['closed', 'open', 'half-open']);
      expect(sync.status.breaker).toBe('closed');
    });

    it('isolates a check-in that makes the service refuse the whole batch and dead-letters it alone', async () => {
      const keys = await enqueue(8);
      const culprit = keys[5]!;
      central.then(
        ...Array.from({ length: 20 }, () => (items: readonly { idempotencyKey: string }[]) => {
          if (items.some((i) => i.idempotencyKey === culprit)) throw new SyncTransportError('refused', 'HTTP 400 invalid record', { status: 400 });
          return undefined;
        }),
      );
      const sync = engine({ batchSize: 8, maxRefusals: 3, backoff: { baseMs: 1, capMs: 1 } });
      for (let i = 0; i < 30 && (await store.snapshot()).depth > 0; i++) {
        await sync.runOnce();
        now += 10;
      }
      const final = await states();

      expect(final[culprit]).toBe('dead-lettered');
      expect(keys.filter((k) => k !== culprit).map((k) => final[k])).toEqual(Array(7).fill('accepted'));
      expect(central.held.has(culprit)).toBe(false);
    });

    it('never dead-letters check-ins when the service refuses the kiosk itself (401)', async () => {
      await enqueue(2);
      const refuseKiosk = () => new SyncTransportError('refused', 'HTTP 401 signature rejected', { status: 401 });
      central.then(refuseKiosk(), refuseKiosk(), refuseKiosk(), refuseKiosk(), refuseKiosk());
      const sync = engine({ breaker: { failureThreshold: 100 }, backoff: { baseMs: 1, capMs: 1 } });
      for (let i = 0; i < 5; i++) {
        await sync.runOnce();
        now += 10;
      }

      expect(Object.values(await states())).toEqual(['pending', 'pending']);
      expect(sync.status.lastError).toMatchObject({ code: 'SYNC_REFUSED' });
    });

    it('resends check-ins a crash left sending, exactly where it stopped', async () => {
      const keys = await enqueue(4);
      // The process dies after the service stored the first batch but before the kiosk settled it.
      const claimed = await store.claimDue(2);
      for (const item of claimed.items) central.held.set(item.idempotencyKey, item.record);
      await store.close();
      store = await openStore();
      const sync = engine();
      const step = await sync.runOnce();

      expect(step).toMatchObject({ kind: 'sent', accepted: 2, duplicates: 2 });
      expect(central.held.size).toBe(4);
      expect(Object.entries(await states()).sort()).toEqual(keys.map((k) => [k, 'accepted']).sort());
    });
  });

  describe('start', () => {
    it('wakes on a new check-in and drains it without waiting for the poll interval', async () => {
      const sync = engine({ now: Date.now, pollMs: 600_000 });
      const drained = new Promise<SyncStatus>((resolve) => {
        sync.onDidChangeStatus((s) => {
          if (s.lastSuccessAt !== null && s.queueDepth === 0) resolve(s);
        });
      });
      sync.start();
      const [key] = await enqueue(1);
      const status = await drained;
      await sync.stop();

      expect(status).toMatchObject({ running: true, queueDepth: 0 });
      expect(central.held.has(key!)).toBe(true);
      expect(sync.status.running).toBe(false);
    });
  });
});
