// The technician's side: the corner gesture, the diagnostics store over the contract client (PIN pad,
// unlock, events, self-test, export, lock) and the static markup of the PIN pad and diagnostics screen.

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contractError, DiagnosticsViewSchema, type DiagnosticsView } from '../../../electron/contract/index.ts';
import { ContractClient } from '../../../renderer/src/contract/contract-client.ts';
import { CORNER_HOLD_MS, createCornerGesture, isDiagnosticsShortcut } from '../../../renderer/src/diagnostics/corner-gesture.ts';
import { DiagnosticsScreen } from '../../../renderer/src/diagnostics/diagnostics-screen.tsx';
import { DiagnosticsStore, triesLeftFrom, type DiagnosticsState } from '../../../renderer/src/diagnostics/diagnostics-store.ts';
import { PinPad } from '../../../renderer/src/diagnostics/pin-pad.tsx';
import { FakeTransport, helloOk } from './fake-transport.ts';
import { attr, attrValues, tagsWith, textOf, visibleText } from './render-html.ts';

const VIEW: DiagnosticsView = DiagnosticsViewSchema.parse({
  kiosk: { kioskId: 'kiosk-test-01', profile: 'demo', flow: 'hospital', appVersion: '0.1.0', contractVersion: 1, startedAt: 1_760_000_000_000 },
  devices: [
    { id: 'reader-1', role: 'cardReader', driver: 'sim', required: true, state: 'ready', since: 1_760_000_000_000 },
    { id: 'printer-1', role: 'printer', driver: 'sim', required: true, state: 'faulted', reason: 'PAPER_OUT', detail: 'paper sensor', since: 1_760_000_100_000 },
  ],
  reader: {
    atr: '3B8880010000000000000000',
    lastRead: {
      at: 1_760_000_200_000,
      ok: true,
      access: 'PACE',
      timings: { accessMs: 410, holderMs: 900, totalMs: 2100 },
      apduCount: 2,
      bytesSent: 40,
      bytesReceived: 300,
      resumes: 0,
      trace: [
        { step: 'select', command: '00 A4 04 0C Lc=7', secureMessaging: false, commandBytes: 12, responseBytes: 2, sw: '9000', ms: 12.5 },
        { step: 'read DG1', command: '0C B0 81 00 Lc=0 Le=223', secureMessaging: true, commandBytes: 28, responseBytes: 120, sw: '9000', ms: 30 },
      ],
    },
  },
  queue: { pending: 3, sending: 0, accepted: 10, rejected: 0, deadLettered: 1, oldestPendingAgeMs: 125_000 },
  sync: { running: true, breaker: 'open', lastSuccessAt: null, lastError: { code: 'CENTRAL_UNREACHABLE', message: 'connect ECONNREFUSED', at: 1_760_000_300_000 } },
  recentErrors: [{ at: 1_760_000_300_000, code: 'CENTRAL_UNREACHABLE', message: 'connect ECONNREFUSED' }],
  config: [
    { key: 'profile', value: 'demo' },
    { key: 'central.url', value: 'http://127.0.0.1:0/' },
  ],
});

function setup() {
  const transport = new FakeTransport();
  const client = new ContractClient({ transport, clientName: 'renderer test', debug: () => undefined });
  const downloads: Array<{ fileName: string; json: string }> = [];
  const store = new DiagnosticsStore(client, (fileName, json) => downloads.push({ fileName, json }));
  client.start();
  transport.last.open();
  transport.last.receive(helloOk(transport.last.requests[0]!.id));
  /** Answers the latest request of `type` with `reply(id)`. */
  const answer = (type: string, reply: (id: string) => object): void => {
    const request = transport.last.requests.filter((r) => r.type === type).at(-1);
    if (!request) throw new Error(`no ${type} request was sent`);
    transport.last.receive(reply(request.id));
  };
  return { transport, client, store, downloads, answer };
}

async function unlocked() {
  const env = setup();
  env.store.openPad();
  for (const d of '246810') env.store.typeDigit(d);
  const done = env.store.submitPin();
  env.answer('diagnostics.unlock', (id) => ({ type: 'ok', id, result: { kind: 'diagnostics', view: VIEW } }));
  await done;
  return env;
}

describe('the diagnostics corner', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens on five taps within three seconds', () => {
    const trigger = vi.fn();
    const gesture = createCornerGesture(trigger);
    for (let i = 0; i < 4; i++) {
      gesture.down();
      gesture.up();
      vi.advanceTimersByTime(500);
    }
    expect(trigger).not.toHaveBeenCalled();
    gesture.down();
    gesture.up();
    expect(trigger).toHaveBeenCalledOnce();
  });

  it('does not open on five slow taps', () => {
    const trigger = vi.fn();
    const gesture = createCornerGesture(trigger);
    for (let i = 0; i < 5; i++) {
      gesture.down();
      gesture.up();
      vi.advanceTimersByTime(800);
    }
    expect(trigger).not.toHaveBeenCalled();
  });

  it('opens on a press held for two seconds, not on a shorter one', () => {
    const trigger = vi.fn();
    const gesture = createCornerGesture(trigger);
    gesture.down();
    vi.advanceTimersByTime(CORNER_HOLD_MS - 100);
    gesture.up();
    vi.advanceTimersByTime(CORNER_HOLD_MS);
    expect(trigger).not.toHaveBeenCalled();
    gesture.down();
    vi.advanceTimersByTime(CORNER_HOLD_MS);
    expect(trigger).toHaveBeenCalledOnce();
  });

  it('knows Ctrl+Alt+D', () => {
    expect(isDiagnosticsShortcut({ ctrlKey: true, altKey: true, key: 'd', code: 'KeyD' })).toBe(true);
    expect(isDiagnosticsShortcut({ ctrlKey: true, altKey: false, key: 'd', code: 'KeyD' })).toBe(false);
  });
});

describe('DiagnosticsStore', () => {
  it('reads the tries left from a PIN_WRONG detail', () => {
    expect(triesLeftFrom('wrong PIN: 3 tries left')).toBe(3);
    expect(triesLeftFrom('attempts remaining: 2')).toBe(2);
    expect(triesLeftFrom('wrong PIN')).toBeNull();
    expect(triesLeftFrom(undefined)).toBeNull();
  });

  it('sends the typed PIN, forgets it, and opens with the view', async () => {
    const { store, transport } = await unlocked();
    expect(transport.last.requests.find((r) => r.type === 'diagnostics.unlock')).toMatchObject({ pin: '246810' });
    expect(store.getState()).toMatchObject({ mode: 'open', pin: '', view: VIEW });
  });

  it('fetches the view when the unlock reply carries none', async () => {
    const { store, answer } = setup();
    store.openPad();
    for (const d of '1234') store.typeDigit(d);
    const done = store.submitPin();
    answer('diagnostics.unlock', (id) => ({ type: 'ok', id, result: { kind: 'accepted' } }));
    await vi.waitFor(() => answer('diagnostics.refresh', (id) => ({ type: 'ok', id, result: { kind: 'diagnostics', view: VIEW } })));
    await done;
    expect(store.getState().view).toEqual(VIEW);
  });

  it('shows a wrong PIN with the tries left, on the pad', async () => {
    const { store, answer } = setup();
    store.openPad();
    for (const d of '0000') store.typeDigit(d);
    const done = store.submitPin();
    answer('diagnostics.unlock', (id) => ({ type: 'error', id, error: contractError('PIN_WRONG', { detail: '4 tries left' }) }));
    await done;
    expect(store.getState()).toMatchObject({ mode: 'pin', pin: '', pinProblem: { code: 'PIN_WRONG', triesLeft: 4 } });
  });

  it('shows a lockout with the time it ends', async () => {
    const { store, answer } = setup();
    store.openPad();
    for (const d of '0000') store.typeDigit(d);
    const done = store.submitPin();
    answer('diagnostics.unlock', (id) => ({ type: 'error', id, error: contractError('LOCKED_OUT', { retryAt: 1_760_000_060_000 }) }));
    await done;
    expect(store.getState().pinProblem).toMatchObject({ code: 'LOCKED_OUT', retryAt: 1_760_000_060_000 });
  });

  it('refuses a PIN shorter than four digits without asking the core', async () => {
    const { store, transport } = setup();
    store.openPad();
    store.typeDigit('1');
    await store.submitPin();
    expect(store.getState().pinProblem).toEqual({ code: 'PIN_TOO_SHORT' });
    expect(transport.last.requests.map((r) => r.type)).toEqual(['hello']);
  });

  it('follows diagnostics, deviceHealth and sync events while open', async () => {
    const { store, transport } = await unlocked();
    const printer = { ...VIEW.devices[1]!, state: 'ready' as const, reason: undefined, detail: undefined };
    delete printer.reason;
    delete printer.detail;
    transport.last.receive({ type: 'event', event: { kind: 'deviceHealth', device: printer } });
    expect(store.getState().view?.devices.map((d) => d.state)).toEqual(['ready', 'ready']);
    transport.last.receive({ type: 'event', event: { kind: 'sync', queue: { ...VIEW.queue, pending: 0 }, sync: { ...VIEW.sync, breaker: 'closed' } } });
    expect(store.getState().view?.queue.pending).toBe(0);
    expect(store.getState().view?.sync.breaker).toBe('closed');
    transport.last.receive({ type: 'event', event: { kind: 'diagnostics', view: { ...VIEW, recentErrors: [] } } });
    expect(store.getState().view?.recentErrors).toEqual([]);
  });

  it('closes when the core locks the session or the connection ends', async () => {
    const first = await unlocked();
    first.transport.last.receive({ type: 'event', event: { kind: 'diagnosticsLocked', reason: 'inactivity' } });
    expect(first.store.getState()).toMatchObject({ mode: 'closed', view: null });
    const second = await unlocked();
    second.transport.last.drop();
    expect(second.store.getState().mode).toBe('closed');
  });

  it('runs a self-test and keeps its result per device', async () => {
    const { store, answer } = await unlocked();
    const running = store.selfTest('printer-1');
    expect(store.getState().selfTests['printer-1']?.running).toBe(true);
    answer('diagnostics.selfTest', (id) => ({
      type: 'ok',
      id,
      result: { kind: 'selfTest', result: { deviceId: 'printer-1', ok: false, totalMs: 40, steps: [{ name: 'status', ok: false, ms: 40, detail: 'paper out' }], at: 1 } },
    }));
    await running;
    expect(store.getState().selfTests['printer-1']).toMatchObject({ running: false, result: { ok: false } });
  });

  it('exports the report through the downloader', async () => {
    const { store, answer, downloads } = await unlocked();
    const exporting = store.exportReport();
    answer('diagnostics.export', (id) => ({ type: 'ok', id, result: { kind: 'report', fileName: 'kiosk-report.json', json: '{"ok":true}' } }));
    await exporting;
    expect(downloads).toEqual([{ fileName: 'kiosk-report.json', json: '{"ok":true}' }]);
    expect(store.getState().notice).toEqual({ kind: 'exported', fileName: 'kiosk-report.json' });
  });

  it('locks at the core and closes at once', async () => {
    const { store, transport } = await unlocked();
    store.lock();
    expect(store.getState().mode).toBe('closed');
    expect(transport.last.requests.at(-1)?.type).toBe('diagnostics.lock');
  });
});

describe('the PIN pad', () => {
  const render = (problem: Parameters<typeof PinPad>[0]['problem'], language: 'vi' | 'en' | 'zh' = 'en') =>
    renderToStaticMarkup(
      createElement(PinPad, { language, digits: 3, unlocking: false, problem, onDigit: () => undefined, onClear: () => undefined, onSubmit: () => undefined, onCancel: () => undefined }),
    );

  it('has ten digit keys, clear and submit, and shows digits as dots only', () => {
    const html = render(null);
    expect(attrValues(html, 'data-pin-digit').sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(tagsWith(html, 'data-testid="pin-clear"')).toHaveLength(1);
    expect(tagsWith(html, 'data-testid="pin-submit"')).toHaveLength(1);
    expect(tagsWith(html, 'class="pin-dot pin-dot-filled"')).toHaveLength(3);
  });

  it('says how many tries are left, or until when it is locked', () => {
    expect(textOf(render({ code: 'PIN_WRONG', triesLeft: 2, message: null }), 'data-testid', 'pin-error')).toBe('Wrong PIN. 2 tries left.');
    expect(textOf(render({ code: 'PIN_WRONG', triesLeft: 2, message: null }, 'vi'), 'data-testid', 'pin-error')).toBe('Mã PIN không đúng. Còn 2 lần thử.');
    const locked = textOf(render({ code: 'LOCKED_OUT', retryAt: new Date(2025, 0, 1, 14, 5, 9).getTime(), message: null }), 'data-testid', 'pin-error');
    expect(locked).toBe('Locked after too many wrong PINs. Try again at 14:05:09.');
    const generic = contractError('PIN_WRONG').message;
    expect(textOf(render({ code: 'PIN_WRONG', triesLeft: null, message: generic }), 'data-testid', 'pin-error')).toBe(generic.en);
  });
});

describe('the diagnostics screen', () => {
  const state: DiagnosticsState = {
    mode: 'open',
    pin: '',
    unlocking: false,
    pinProblem: null,
    view: VIEW,
    selfTests: { 'printer-1': { running: false, errorCode: null, result: { deviceId: 'printer-1', ok: false, totalMs: 40, steps: [{ name: 'status', ok: false, ms: 40 }], at: 1 } } },
    notice: null,
  };
  const html = renderToStaticMarkup(
    createElement(DiagnosticsScreen, { language: 'en', state, onRefresh: () => undefined, onSelfTest: () => undefined, onExport: () => undefined, onLock: () => undefined }),
  );

  it('lists every device with its state and a self-test button', () => {
    const rows = tagsWith(html, 'data-device').filter((t) => t.startsWith('<tr'));
    expect(rows.map((r) => [attr(r, 'data-device'), attr(r, 'data-state')])).toEqual([
      ['reader-1', 'ready'],
      ['printer-1', 'faulted'],
    ]);
    expect(attrValues(html, 'data-selftest')).toEqual(['reader-1', 'printer-1']);
    const [result] = tagsWith(html, 'data-testid="selftest-result"');
    expect(attr(result!, 'data-ok')).toBe('false');
  });

  it('shows the ATR, the APDU trace, queue, sync, config and the buttons', () => {
    expect(textOf(html, 'data-testid', 'reader-atr')).toBe('3B 88 80 01 00 00 00 00 00 00 00 00');
    expect(attr(tagsWith(html, 'data-testid="apdu-trace"')[0]!, 'data-rows')).toBe('2');
    expect(visibleText(html)).toContain('0C B0 81 00 Lc=0 Le=223');
    expect(attr(tagsWith(html, 'data-testid="queue-pending"')[0]!, 'data-pending')).toBe('3');
    expect(attr(tagsWith(html, 'data-testid="sync-state"')[0]!, 'data-breaker')).toBe('open');
    expect(textOf(html, 'data-testid', 'config-summary')).toContain('central.url');
    for (const id of ['export-report', 'diagnostics-lock', 'diagnostics-refresh']) expect(tagsWith(html, `data-testid="${id}"`)).toHaveLength(1);
    expect(visibleText(html)).toContain('2 min 5 s');
  });
});
