// The adapters between the flows and the real modules: a chip read that stops when its signal aborts,
// the reader source that follows hot-plug, queue numbers per department and day, department lists
// with a fallback, and the contract's intents as flow events.

import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { chipProfiles, createChip } from '../../../../../../native/sim/profiles/index.ts';
import { SimCardReader } from '../../../../../../native/sim/sim-card-reader.ts';
import { Emitter } from '../../../../../../native/hal/event.ts';
import type { CardReader } from '../../../../../../native/hal/card-reader.ts';
import { DailyTicketNumbers } from '../../../../../../electron/core/flows/adapters/daily-ticket-numbers.ts';
import { CentralDepartmentList, FallbackDepartmentSource, StaticDepartmentSource } from '../../../../../../electron/core/flows/adapters/department-sources.ts';
import { DocumentReaderCardPort } from '../../../../../../electron/core/flows/adapters/document-reader-card-port.ts';
import { flowIntentOf } from '../../../../../../electron/core/flows/contract-intents.ts';
import type { ChipReadEvent, Department } from '../../../../../../electron/core/flows/ports.ts';
import { testTrustStore } from '../../../../../helpers/central-fixture.ts';

const cccd = chipProfiles.cccd;

describe('DocumentReaderCardPort', () => {
  it('reads the holder, the verdicts and the evidence with the AA answer to the given challenge', async () => {
    const reader = new SimCardReader('Sim 00');
    reader.insertCard(createChip('cccd'));
    const events: ChipReadEvent['type'][] = [];
    const port = new DocumentReaderCardPort({ reader, trustStore: testTrustStore() });
    const read = await port.read({ keys: [cccd.mrzKey], challenge: new Uint8Array(8).fill(7), signal: new AbortController().signal, onEvent: (e) => events.push(e.type) });

    expect(read.identity).toMatchObject({ source: 'chip', documentType: 'CCCD', fullName: 'NGUYỄN VĂN THỬ', personalNumber: '001099012345', dateOfBirth: '1999-03-15', dateOfExpiry: '2039-03-15' });
    expect(read.identity.photo?.mimeType).toBe('image/jpeg');
    expect(read).toMatchObject({ assurance: 'PA_AA_OR_CA', trusted: true, verdicts: { passive: 'passed', active: 'passed', chip: 'passed' } });
    expect(read.evidence.activeAuthenticationSignature?.length).toBeGreaterThan(0);
    expect(read.evidence.dg15?.length).toBeGreaterThan(0);
    expect(events.slice(0, 1)).toEqual(['access']);
    expect(events).toContain('holder');
    port.dispose();
  });

  it('stops a read within an APDU once its signal aborts, and leaves the card free', async () => {
    const reader = new SimCardReader('Sim 00', { latencyMs: 5 });
    reader.insertCard(createChip('cccd'));
    const port = new DocumentReaderCardPort({ reader });
    const abort = new AbortController();
    const reading = port.read({ keys: [cccd.mrzKey], signal: abort.signal, onEvent: (e) => e.type === 'access' && abort.abort() });
    await expect(reading).rejects.toMatchObject({ code: 'READ_CANCELLED' });
    const again = await port.read({ keys: [cccd.mrzKey], signal: new AbortController().signal, onEvent: () => undefined });
    expect(again.identity.documentType).toBe('CCCD');
  });

  it('follows the reader a device source holds, and says when there is none', async () => {
    const changed = new Emitter<void>();
    const source: { reader: CardReader | undefined; onDidChangeHealth: typeof changed.event } = { reader: undefined, onDidChangeHealth: changed.event };
    const port = new DocumentReaderCardPort({ reader: source });
    const inserted: number[] = [];
    port.onDidInsertCard(() => inserted.push(1));
    await expect(port.read({ keys: [cccd.mrzKey], signal: new AbortController().signal, onEvent: () => undefined })).rejects.toMatchObject({ code: 'READER_NOT_READY', userMessageKey: 'READER_UNAVAILABLE' });

    const reader = new SimCardReader('Sim 01');
    source.reader = reader;
    changed.fire();
    reader.insertCard(createChip('cccd'));
    expect(port.cardPresent).toBe(true);
    expect(inserted).toEqual([1]);
  });
});

describe('DailyTicketNumbers', () => {
  it('counts per prefix and starts again the next day', async () => {
    let now = new Date(2025, 4, 1, 8);
    const numbers = new DailyTicketNumbers({ now: () => now }, new Map([['A', 41]]));
    const a: Department = { id: 'noi', name: { vi: 'Nội', en: 'Medicine' }, ticketPrefix: 'a' };
    const b: Department = { id: 'nhi', name: { vi: 'Nhi', en: 'Paediatrics' } };
    expect([await numbers.next(a), await numbers.next(a), await numbers.next(b)]).toEqual(['A042', 'A043', 'N001']);
    now = new Date(2025, 4, 2, 7);
    expect(await numbers.next(a)).toBe('A001');
  });
});

/** V8's full garbage collection, without starting the test process with --expose-gc. */
function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('department sources', () => {
  const config: Department[] = [{ id: 'noi', name: { vi: 'Nội', en: 'Medicine' } }];
  const live: Department[] = [{ id: 'mat', name: { vi: 'Mắt', en: 'Eyes' } }];

  it('serve the config list as offline', async () => {
    expect(await new StaticDepartmentSource(config).list()).toEqual({ departments: config, online: false });
  });

  it('prefer the live list, keep the last one through an outage, and fall back to the config list', async () => {
    let up = true;
    const source = new FallbackDepartmentSource({ fetch: async () => (up ? live : Promise.reject(new Error('down'))) }, config);
    expect(await source.list(new AbortController().signal)).toEqual({ departments: live, online: true });
    up = false;
    expect(await source.list(new AbortController().signal)).toEqual({ departments: live, online: false });
    const fresh = new FallbackDepartmentSource({ fetch: () => new Promise<never>(() => undefined) }, config, 20);
    expect(await fresh.list(new AbortController().signal)).toEqual({ departments: config, online: false });
  });

  it("leave no abort listener behind, on the caller's signal or on the one the live source got, however a list ends", async () => {
    const caller = new AbortController();
    const handed: AbortSignal[] = [];
    const keep = <T>(answer: () => Promise<T>) => (signal: AbortSignal) => {
      handed.push(signal);
      return answer();
    };
    const answering = new FallbackDepartmentSource({ fetch: keep(async () => live) }, config);
    const failing = new FallbackDepartmentSource({ fetch: keep(async () => Promise.reject(new Error('down'))) }, config);
    const hanging = new FallbackDepartmentSource({ fetch: keep(() => new Promise<never>(() => undefined)) }, config, 20);
    expect(await answering.list(caller.signal)).toEqual({ departments: live, online: true });
    expect(await failing.list(caller.signal)).toEqual({ departments: config, online: false });
    expect(await hanging.list(caller.signal)).toEqual({ departments: config, online: false });
    expect(getEventListeners(caller.signal, 'abort')).toEqual([]);
    expect(handed.map((signal) => getEventListeners(signal, 'abort').length)).toEqual([0, 0, 0]);
    expect(handed.map((signal) => signal.aborted)).toEqual([false, false, true]);
  });

  it('keep nothing of a finished list alive: after a full GC no signal handed to the live source is left', async () => {
    // A composite AbortSignal with a listener stays in Node's GC-persistent set until it aborts; the
    // soak found one kept per check-in. A WeakRef shows whether anything still holds each signal.
    const gc = fullGc();
    const handed: WeakRef<AbortSignal>[] = [];
    const source = new FallbackDepartmentSource(
      {
        fetch: async (signal) => {
          handed.push(new WeakRef(signal));
          return live;
        },
      },
      config,
    );
    for (let i = 0; i < 50; i++) await source.list(new AbortController().signal);
    // A WeakRef keeps its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(handed).toHaveLength(50);
    expect(handed.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
  });

  it('show a kept live list without its waits while the live source is down', async () => {
    let up = true;
    const waiting: Department[] = [{ id: 'mat', name: { vi: 'Mắt', en: 'Eyes' }, available: true, waitMinutes: 30 }, { id: 'nhi', name: { vi: 'Nhi', en: 'Paediatrics' }, available: false }];
    const source = new FallbackDepartmentSource({ fetch: async () => (up ? waiting : Promise.reject(new Error('down'))) }, config);
    expect(await source.list(new AbortController().signal)).toEqual({ departments: waiting, online: true });
    up = false;
    expect(await source.list(new AbortController().signal)).toEqual({
      departments: [{ id: 'mat', name: { vi: 'Mắt', en: 'Eyes' }, available: true }, waiting[1]],
      online: false,
    });
  });

  it("turn the central service's departments into the flow's, passing the caller's signal on", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const list = new CentralDepartmentList({
      listDepartments: async (signal) => {
        signals.push(signal);
        return {
          departments: [
            { id: 'xet-nghiem', name: { vi: 'Xét nghiệm', en: 'Laboratory tests', zh: '化验' }, room: 'Tầng 1', ticketPrefix: 'XN', available: true, waitMinutes: 0 },
            { id: 'mat', name: { vi: 'Mắt', en: 'Eyes' }, available: false },
          ],
        };
      },
    });
    const signal = new AbortController().signal;
    expect(await list.fetch(signal)).toEqual([
      { id: 'xet-nghiem', name: { vi: 'Xét nghiệm', en: 'Laboratory tests', zh: '化验' }, room: 'Tầng 1', ticketPrefix: 'XN', available: true, waitMinutes: 0 },
      { id: 'mat', name: { vi: 'Mắt', en: 'Eyes' }, available: false },
    ]);
    expect(signals).toEqual([signal]);
  });
});

describe('flowIntentOf', () => {
  it('maps each contract intent to its flow event', () => {
    expect(flowIntentOf({ type: 'flow.chooseDepartment', id: 'r1', departmentId: 'noi' })).toEqual({ type: 'CHOOSE_DEPARTMENT', departmentId: 'noi' });
    expect(flowIntentOf({ type: 'flow.chooseLanguage', id: 'r2', language: 'zh' })).toEqual({ type: 'SET_LANGUAGE', language: 'zh' });
    expect(flowIntentOf({ type: 'flow.skipFingerprint', id: 'r3' })).toEqual({ type: 'SKIP' });
    expect(flowIntentOf({ type: 'flow.activity', id: 'r4' })).toEqual({ type: 'ACTIVITY' });
    expect(flowIntentOf({ type: 'flow.useQr', id: 'r5' })).toEqual({ type: 'USE_QR' });
  });
});
