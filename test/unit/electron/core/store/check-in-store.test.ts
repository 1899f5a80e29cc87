import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckInStore } from '../../../../../electron/core/store/check-in-store.ts';
import { StaticKeyProvider } from '../../../../../electron/core/store/key-provider.ts';
import { checkIntegrity } from '../../../../../electron/core/store/queue-queries.ts';
import { RetentionSweeper } from '../../../../../electron/core/store/retention-sweeper.ts';
import { StoreError } from '../../../../../electron/core/store/store-error.ts';
import { hospitalDraft, SYNTHETIC_ID_NUMBER, SYNTHETIC_NAME } from '../../../../helpers/check-in-drafts.ts';

let dir: string;
let path: string;
let now: number;
const key = randomBytes(32);
const clock = () => now;

function open(keys = new StaticKeyProvider(key)): Promise<CheckInStore> {
  return CheckInStore.open({ path, keys, clock });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-store-'));
  path = join(dir, 'kiosk.db');
  now = Date.parse('2025-03-01T08:00:00Z');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('CheckInStore', () => {
  describe('enqueue', () => {
    it('acknowledges a check-in with a fresh idempotency key and stores it pending', async () => {
      const store = await open();
      const receipt = await store.enqueue(hospitalDraft(1));
      const snapshot = await store.snapshot();
      await store.close();

      expect(receipt).toMatchObject({ createdAt: '2025-03-01T08:00:00.000Z', duplicate: false });
      expect(receipt.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
      expect(snapshot).toMatchObject({ depth: 1, counts: { pending: 1 }, oldestPendingAgeMs: 0 });
    });

    it('reads back the very record it stored, personal fields included', async () => {
      const store = await open();
      const { idempotencyKey } = await store.enqueue(hospitalDraft(2));
      const record = await store.read(idempotencyKey);
      await store.close();

      expect(record).toEqual({ ...hospitalDraft(2), idempotencyKey, createdAt: '2025-03-01T08:00:00.000Z' });
    });

    it('stores a repeated idempotency key once and reports the repeat as a duplicate', async () => {
      const store = await open();
      const idempotencyKey = randomUUID();
      const first = await store.enqueue(hospitalDraft(1, { idempotencyKey }));
      now += 5000;
      const second = await store.enqueue(hospitalDraft(2, { idempotencyKey }));
      const { counts } = await store.snapshot();
      await store.close();

      expect(second).toEqual({ idempotencyKey, createdAt: first.createdAt, duplicate: true });
      expect(counts.pending).toBe(1);
    });

    it('refuses a record that breaks the schema without quoting its personal data', async () => {
      const store = await open();
      const draft = hospitalDraft(1);
      const bad = { ...draft, person: { ...draft.person, issuingState: SYNTHETIC_NAME } };
      const error = await store.enqueue(bad).catch((e: unknown) => e);
      const { counts } = await store.snapshot();
      await store.close();

      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'STORE_INVALID_RECORD' });
      expect((error as Error).message).toContain('person.issuingState');
      expect((error as Error).message).not.toContain(SYNTHETIC_NAME);
      expect(counts.pending).toBe(0);
    });
  });

  describe('encryption at rest', () => {
    it('leaves no name or ID number in the database or WAL files, open or closed', async () => {
      const store = await open();
      for (let i = 0; i < 20; i++) await store.enqueue(hospitalDraft(i));
      const rawWhileOpen = readdirSync(dir).map((f) => readFileSync(join(dir, f)));
      await store.close();
      const rawClosed = readdirSync(dir).map((f) => readFileSync(join(dir, f)));

      expect(rawWhileOpen.some((b) => b.length > 0 && b.includes(Buffer.from('check_ins')))).toBe(true);
      for (const bytes of [...rawWhileOpen, ...rawClosed]) {
        expect(bytes.includes(Buffer.from(SYNTHETIC_NAME, 'utf8'))).toBe(false);
        expect(bytes.includes(Buffer.from(SYNTHETIC_ID_NUMBER, 'utf8'))).toBe(false);
        expect(bytes.includes(Buffer.from('1999-07-14', 'utf8'))).toBe(false);
      }
    });

    it('refuses to open with a key that did not seal the stored check-ins', async () => {
      const store = await open();
      await store.enqueue(hospitalDraft(1));
      await store.close();

      await expect(open(new StaticKeyProvider(randomBytes(32)))).rejects.toMatchObject({ code: 'STORE_KEY_MISMATCH', userMessageKey: 'CHECK_IN_NOT_SAVED' });
    });

    it('reads check-ins sealed with a previous key after rotation and seals new ones with the new key', async () => {
      const first = await open();
      const old = await first.enqueue(hospitalDraft(1));
      await first.close();
      const rotated = await open(new StaticKeyProvider(randomBytes(32), key));
      const fresh = await rotated.enqueue(hospitalDraft(2));
      const records = [await rotated.read(old.idempotencyKey), await rotated.read(fresh.idempotencyKey)];
      const report = await checkIntegrity(rotated.database);
      await rotated.close();

      expect(records.map((r) => r?.visit?.departmentId)).toEqual(['dept-1', 'dept-2']);
      expect(report.keyIds).toHaveLength(2);
    });

    it('dead-letters a check-in whose ciphertext was tampered with instead of sending it', async () => {
      const store = await open();
      const bad = await store.enqueue(hospitalDraft(1));
      const good = await store.enqueue(hospitalDraft(2));
      await store.database.run(`UPDATE check_ins SET personal = substr(personal, 1, 40) || x'00' || substr(personal, 42) WHERE idempotency_key = ?`, [bad.idempotencyKey]);
      const claimed = await store.claimDue(10);
      const { counts } = await store.snapshot();
      await store.close();

      expect(claimed.items.map((i) => i.idempotencyKey)).toEqual([good.idempotencyKey]);
      expect(claimed.unreadable).toBe(1);
      expect(counts['dead-lettered']).toBe(1);
    });
  });

  describe('the sync side', () => {
    it('claims due check-ins oldest first, marks them sending and counts the attempt', async () => {
      const store = await open();
      const keys = [];
      for (let i = 0; i < 5; i++) {
        keys.push((await store.enqueue(hospitalDraft(i))).idempotencyKey);
        now += 1;
      }
      const batch = await store.claimDue(3);
      const { counts } = await store.snapshot();
      await store.close();

      expect(batch.items.map((i) => i.idempotencyKey)).toEqual(keys.slice(0, 3));
      expect(batch.items.every((i) => i.attempts === 1)).toBe(true);
      expect(counts).toMatchObject({ pending: 2, sending: 3 });
    });

    it('settles accepted and duplicate as accepted and keeps the service reason of a rejection', async () => {
      const store = await open();
      const [a, b, c] = [await store.enqueue(hospitalDraft(1)), await store.enqueue(hospitalDraft(2)), await store.enqueue(hospitalDraft(3))];
      await store.claimDue(3);
      await store.settle([
        { idempotencyKey: a.idempotencyKey, status: 'accepted' },
        { idempotencyKey: b.idempotencyKey, status: 'duplicate' },
        { idempotencyKey: c.idempotencyKey, status: 'rejected', reason: 'UNKNOWN_DEPARTMENT' },
      ]);
      const { counts, depth } = await store.snapshot();
      const reason = await store.database.get<{ reason: string }>('SELECT reason FROM check_ins WHERE idempotency_key = ?', [c.idempotencyKey]);
      await store.close();

      expect(counts).toMatchObject({ accepted: 2, rejected: 1 });
      expect(depth).toBe(0);
      expect(reason?.reason).toBe('UNKNOWN_DEPARTMENT');
    });

    it('does not claim a rescheduled check-in before its next attempt time', async () => {
      const store = await open();
      const { idempotencyKey } = await store.enqueue(hospitalDraft(1));
      await store.claimDue(1);
      await store.reschedule([{ idempotencyKey, nextAttemptMs: now + 10_000, error: 'SYNC_SERVER: 503' }]);
      const early = await store.claimDue(1);
      now += 10_000;
      const due = await store.claimDue(1);
      await store.close();

      expect(early.items).toHaveLength(0);
      expect(due.items.map((i) => i.attempts)).toEqual([2]);
    });

    it('returns check-ins left sending by a crash to pending, due at once', async () => {
      const store = await open();
      await store.enqueue(hospitalDraft(1));
      await store.enqueue(hospitalDraft(2));
      await store.claimDue(2);
      await store.close();
      const reopened = await open();
      const recovered = await reopened.recoverInFlight();
      const batch = await reopened.claimDue(5);
      await reopened.close();

      expect(recovered).toBe(2);
      expect(batch.items).toHaveLength(2);
    });
  });

  describe('purgeExpired', () => {
    it('clears personal data of check-ins accepted longer ago than the retention and keeps counts and audit', async () => {
      const store = await open();
      const old = await store.enqueue(hospitalDraft(1));
      const recent = await store.enqueue(hospitalDraft(2));
      const pending = await store.enqueue(hospitalDraft(3));
      await store.claimDue(1);
      await store.settle([{ idempotencyKey: old.idempotencyKey, status: 'accepted' }]);
      now += 3_600_000;
      await store.claimDue(1);
      await store.settle([{ idempotencyKey: recent.idempotencyKey, status: 'accepted' }]);
      now += 1_000;
      const purged = await store.purgeExpired(3_600_000);
      const read = await Promise.all([old, recent, pending].map((r) => store.read(r.idempotencyKey)));
      const report = await checkIntegrity(store.database);
      await store.close();

      expect(purged).toBe(1);
      expect(read.map((r) => r !== undefined)).toEqual([false, true, true]);
      expect(report.counts).toMatchObject({ accepted: 2, pending: 1 });
      // 3 enqueued + 2 accepted + 1 purged
      expect(report.auditEntries).toBe(6);
    });
  });
});

describe('RetentionSweeper', () => {
  it('purges at start and reports how many check-ins lost their personal data', async () => {
    const store = await open();
    const { idempotencyKey } = await store.enqueue(hospitalDraft(1));
    await store.claimDue(1);
    await store.settle([{ idempotencyKey, status: 'accepted' }]);
    now += 10;
    const sweeper = new RetentionSweeper({ store, retentionMs: 10 });
    const purged = await sweeper.sweep();
    const again = await sweeper.sweep();
    await sweeper.stop();
    await store.close();

    expect([purged, again]).toEqual([1, 0]);
  });

  it('refuses a negative retention period', () => {
    expect(() => new RetentionSweeper({ store: { purgeExpired: () => Promise.resolve(0) }, retentionMs: -1 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
