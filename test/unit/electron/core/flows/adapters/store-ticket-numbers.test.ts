import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreTicketNumbers } from '../../../../../../electron/core/flows/adapters/store-ticket-numbers.ts';
import type { Department } from '../../../../../../electron/core/flows/ports.ts';
import { CheckInStore } from '../../../../../../electron/core/store/check-in-store.ts';
import { StaticKeyProvider } from '../../../../../../electron/core/store/key-provider.ts';
import { StoreError } from '../../../../../../electron/core/store/store-error.ts';

const medicine: Department = { id: 'noi', name: { vi: 'Nội', en: 'Medicine' }, ticketPrefix: 'a' };
const paediatrics: Department = { id: 'nhi', name: { vi: 'Nhi', en: 'Paediatrics' } };

describe('StoreTicketNumbers', () => {
  let dir: string;
  const key = new StaticKeyProvider(randomBytes(32));
  let now = new Date(2026, 10, 26, 8);
  const clock = { now: () => now };
  const open = () => CheckInStore.open({ path: join(dir, 'kiosk.db'), keys: key });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ticket-numbers-'));
    now = new Date(2026, 10, 26, 8);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts per department prefix and day', async () => {
    const store = await open();
    const numbers = new StoreTicketNumbers(store, clock);
    expect([await numbers.next(medicine), await numbers.next(medicine), await numbers.next(paediatrics)]).toEqual(['A001', 'A002', 'N001']);
    now = new Date(2026, 10, 27, 7);
    expect(await numbers.next(medicine)).toBe('A001');
    await store.close();
  });

  it('does not hand out a number again after the kiosk restarts the same day', async () => {
    const first = await open();
    const before = new StoreTicketNumbers(first, clock);
    for (let i = 0; i < 41; i++) await before.next(medicine);
    await first.close();

    const second = await open();
    expect(await new StoreTicketNumbers(second, clock).next(medicine)).toBe('A042');
    await second.close();
  });

  it('gives distinct numbers to concurrent check-ins', async () => {
    const store = await open();
    const numbers = new StoreTicketNumbers(store, clock);
    const issued = await Promise.all(Array.from({ length: 20 }, () => numbers.next(medicine)));
    expect(new Set(issued).size).toBe(20);
    expect(issued.toSorted()[19]).toBe('A020');
    await store.close();
  });

  it('drops counters older than a week when a new day starts', async () => {
    const store = await open();
    const numbers = new StoreTicketNumbers(store, clock);
    await numbers.next(medicine);
    now = new Date(2026, 11, 10, 8);
    await numbers.next(medicine);
    const days = await store.database.all<{ day: string }>('SELECT day FROM ticket_counters ORDER BY day');
    expect(days.map((d) => d.day)).toEqual(['2026-12-10']);
    await store.close();
  });

  it('refuses a malformed counter key with a typed error', async () => {
    const store = await open();
    await expect(store.nextTicketNumber('26/11/2026', 'A')).rejects.toBeInstanceOf(StoreError);
    await expect(store.nextTicketNumber('2026-11-26', 'a; DROP')).rejects.toMatchObject({ code: 'STORE_INVALID_RECORD' });
    await store.close();
  });
});
