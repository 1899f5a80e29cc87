import { describe, expect, it } from 'vitest';
import {
  CONTRACT_ERROR_CODES,
  CONTRACT_ERROR_MESSAGES,
  contractError,
  ContractViolationError,
  encodeServerMessage,
  hasPersonalData,
  MAX_PHOTO_DATA_URL_CHARS,
  parseServerMessage,
  redactSnapshot,
  SCREEN_NAMES,
  type DiagnosticsView,
  type ServerMessage,
  type StateSnapshot,
} from '../../../../electron/contract/index.ts';
import { SCREEN_VIEWS, snapshotOf, SPECIMEN_HOLDER, TINY_PNG_DATA_URL } from '../../../helpers/contract-fixtures.ts';

const DIAGNOSTICS: DiagnosticsView = {
  kiosk: { kioskId: 'kiosk-test-01', profile: 'demo', flow: 'hospital', appVersion: '0.1.0', contractVersion: 1, startedAt: 1_700_000_000_000 },
  devices: [{ id: 'printer', role: 'printer', driver: 'escpos-serial', required: true, state: 'faulted', reason: 'PAPER_OUT', since: 1_700_000_000_000 }],
  reader: {
    atr: '3B8880014241465F4D4F42',
    lastRead: {
      at: 1_700_000_000_000,
      ok: true,
      access: 'PACE',
      timings: { accessMs: 310, holderMs: 720, totalMs: 2400 },
      apduCount: 17,
      bytesSent: 900,
      bytesReceived: 21000,
      resumes: 0,
      trace: [{ step: 'read.DG1', command: '0C B0 00 00 Lc=0 Le=223 ext', secureMessaging: true, commandBytes: 21, responseBytes: 120, sw: '9000', ms: 12 }],
    },
  },
  queue: { pending: 2, sending: 0, accepted: 40, rejected: 0, deadLettered: 1, oldestPendingAgeMs: 65_000 },
  sync: { running: true, breaker: 'open', lastSuccessAt: null, lastError: { code: 'NETWORK', message: 'connect ECONNREFUSED', at: 1_700_000_000_000 } },
  recentErrors: [{ at: 1_700_000_000_000, code: 'PRINTER_PAPER_OUT', message: 'paper out' }],
  config: [{ key: 'profile', value: 'demo' }],
};

const SAMPLES: readonly ServerMessage[] = [
  { type: 'ok', id: 'h1', result: { kind: 'hello', contractVersion: 1, sessionId: 'a1b2c3', role: 'screen', kiosk: { kioskId: 'kiosk-test-01', flow: 'hospital', languages: ['vi', 'en'], appVersion: '0.1.0', demo: true } } },
  { type: 'ok', id: 'p1', result: { kind: 'pong', at: 1_700_000_000_000 } },
  { type: 'ok', id: 'r1', result: { kind: 'accepted' } },
  { type: 'ok', id: 'd1', result: { kind: 'diagnostics', view: DIAGNOSTICS } },
  { type: 'ok', id: 'd4', result: { kind: 'selfTest', result: { deviceId: 'printer', ok: false, totalMs: 40, steps: [{ name: 'status', ok: false, ms: 40, detail: 'paper out' }], userMessage: { vi: 'Hết giấy', en: 'Paper out' }, at: 1 } } },
  { type: 'ok', id: 'd5', result: { kind: 'report', fileName: 'kiosk-test-01-diagnostics.json', json: '{"ok":true}' } },
  { type: 'error', id: 'x1', error: contractError('PIN_WRONG') },
  { type: 'error', id: null, error: contractError('BAD_JSON', { detail: 'not JSON' }) },
  { type: 'error', id: 'x2', error: contractError('LOCKED_OUT', { retryAt: 1_700_000_600_000 }) },
  { type: 'event', event: { kind: 'deviceHealth', device: DIAGNOSTICS.devices[0]! } },
  { type: 'event', event: { kind: 'sync', queue: DIAGNOSTICS.queue, sync: DIAGNOSTICS.sync } },
  { type: 'event', event: { kind: 'diagnostics', view: DIAGNOSTICS } },
  { type: 'event', event: { kind: 'diagnosticsLocked', reason: 'inactivity' } },
  { type: 'event', event: { kind: 'shutdown', reason: 'restarting', retryInMs: 1000 } },
  ...SCREEN_NAMES.map((name) => ({ type: 'snapshot', snapshot: snapshotOf(SCREEN_VIEWS[name]) }) as const),
];

function refused(message: unknown): string[] {
  const parsed = parseServerMessage(JSON.stringify(message));
  if (parsed.ok) throw new Error('expected a refusal');
  return (parsed.error.issues ?? []).map((i) => i.path);
}

describe('core -> client messages', () => {
  it.each(SAMPLES.map((m, i) => [`${m.type} #${i}`, m] as const))('round-trips %s through encode and parse', (_name, message) => {
    expect(parseServerMessage(encodeServerMessage(message))).toEqual({ ok: true, message });
  });

  it('refuses an unknown field anywhere, down to a screen view', () => {
    const snapshot = snapshotOf(SCREEN_VIEWS.confirm);
    expect(refused({ type: 'snapshot', snapshot: { ...snapshot, extra: true } })).toContain('snapshot');
    expect(refused({ type: 'snapshot', snapshot: { ...snapshot, view: { ...snapshot.view, idNumber: '079203001234' } } })).toContain('snapshot.view');
    expect(refused({ type: 'snapshot', snapshot: { ...snapshot, view: { ...SCREEN_VIEWS.confirm, holder: { ...SPECIMEN_HOLDER, dateOfBirth: '1970-01-01' } } } })).toContain('snapshot.view.holder');
  });

  it('refuses a screen this contract does not know', () => {
    expect(parseServerMessage(JSON.stringify({ type: 'snapshot', snapshot: { ...snapshotOf(SCREEN_VIEWS.welcome), view: { screen: 'karaoke' } } })).ok).toBe(false);
  });

  it('refuses actions that are not flow intents (the renderer offers only intents)', () => {
    expect(refused({ type: 'snapshot', snapshot: { ...snapshotOf(SCREEN_VIEWS.welcome), actions: ['diagnostics.export'] } })).toContain('snapshot.actions.0');
  });

  it.each([
    ['an http URL', 'http://example.com/face.jpg'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['an SVG data URL (it can carry script)', 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='],
    ['a data URL that is not base64', 'data:image/png,<b>'],
  ])('refuses a holder photo given as %s', (_what, photo) => {
    const view = { ...SCREEN_VIEWS.confirm, holder: { ...SPECIMEN_HOLDER, photo } };
    expect(refused({ type: 'snapshot', snapshot: snapshotOf(view as never) })).toContain('snapshot.view.holder.photo');
  });

  it('refuses a photo larger than the limit', () => {
    const photo = TINY_PNG_DATA_URL.slice(0, 22) + 'A'.repeat(MAX_PHOTO_DATA_URL_CHARS);
    expect(refused({ type: 'snapshot', snapshot: snapshotOf({ ...SCREEN_VIEWS.confirm, holder: { ...SPECIMEN_HOLDER, photo } }) })).toContain('snapshot.view.holder.photo');
  });

  it('refuses an APDU trace line that carries data bytes beyond the command header', () => {
    const view = structuredClone(DIAGNOSTICS) as { reader: { lastRead: { trace: { command: string }[] } } };
    view.reader.lastRead.trace[0]!.command = '0C B0 00 00 Lc=0 Le=223 4E475559454E';
    expect(refused({ type: 'event', event: { kind: 'diagnostics', view } })).toContain('event.view.reader.lastRead.trace.0.command');
  });

  it('refuses to encode a snapshot that breaks the contract, so the core never sends one', () => {
    const bad = { ...snapshotOf(SCREEN_VIEWS.welcome), language: 'fr' } as unknown as StateSnapshot;
    expect(() => encodeServerMessage({ type: 'snapshot', snapshot: bad })).toThrow(ContractViolationError);
  });

  it('gives every contract error code a text in Vietnamese, English and Chinese', () => {
    for (const code of CONTRACT_ERROR_CODES) {
      const text = CONTRACT_ERROR_MESSAGES[code];
      expect(text.vi.length * text.en.length * (text.zh ?? '').length).toBeGreaterThan(0);
    }
  });
});

describe('redactSnapshot', () => {
  it('removes the holder, and with it every personal field, from a screen that shows one', () => {
    const snapshot = snapshotOf(SCREEN_VIEWS.confirm);
    expect(hasPersonalData(snapshot)).toBe(true);
    const redacted = JSON.stringify(redactSnapshot(snapshot));
    expect(redacted).not.toContain(SPECIMEN_HOLDER.fullName);
    expect(redacted).not.toContain('base64');
    expect(redacted).toContain('internal-medicine');
  });

  it('returns a snapshot without personal data unchanged', () => {
    const snapshot = snapshotOf(SCREEN_VIEWS.welcome);
    expect(hasPersonalData(snapshot)).toBe(false);
    expect(redactSnapshot(snapshot)).toBe(snapshot);
  });
});
