// The diagnostics controller over the demo profile's real simulated devices, a real SQLite outbox in a
// temporary folder and the demo PIN (246810, lockout after 5 wrong tries for 1 minute). A fake host
// session stands in for a connected screen: it validates every message against the contract, as the
// real session's encoder does, and keeps what it was sent.

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Emitter } from '../../../../../native/hal/event.ts';
import { chipProfiles } from '../../../../../native/sim/profiles/index.ts';
import type { EscPosPrinterSim } from '../../../../../native/sim/serial/escpos-printer-sim.ts';
import type { SimReaderDevice } from '../../../../../native/sim/sim-reader-device.ts';
import type { DeviceRegistry } from '../../../../../native/hal/device-registry.ts';
import { openProcessLogger } from '../../../../../native/util/log-files.ts';
import { silentLogger, type Logger } from '../../../../../native/util/logger.ts';
import {
  DiagnosticsViewSchema,
  ResultSchema,
  ServerMessageSchema,
  type ContractError,
  type CoreEvent,
  type DiagnosticsRequest,
  type DiagnosticsView,
  type Result,
  type ServerMessage,
} from '../../../../../electron/contract/index.ts';
import { DiagnosticsController } from '../../../../../electron/core/app/diagnostics-controller.ts';
import { LOCKOUT_FILE_NAME } from '../../../../../electron/core/app/diagnostics-lockout.ts';
import { ReadTraceRecorder } from '../../../../../electron/core/app/read-trace-recorder.ts';
import { RecentErrors } from '../../../../../electron/core/app/recent-errors.ts';
import { loadKioskConfig, profileConfigFile, type LoadedKioskConfig } from '../../../../../electron/core/config/load-kiosk-config.ts';
import { createDeviceRegistry } from '../../../../../electron/core/devices/create-device-registry.ts';
import type { SimulatorControls } from '../../../../../electron/core/devices/device-factory.ts';
import { DiagnosticsService } from '../../../../../electron/core/diagnostics/diagnostics-service.ts';
import { DocumentReaderCardPort } from '../../../../../electron/core/flows/adapters/document-reader-card-port.ts';
import type { HostSession } from '../../../../../electron/core/host/contract-session.ts';
import { RequestRefusedError } from '../../../../../electron/core/host/request-refused-error.ts';
import { CheckInStore } from '../../../../../electron/core/store/check-in-store.ts';
import { StaticKeyProvider } from '../../../../../electron/core/store/key-provider.ts';
import { SyncEngine } from '../../../../../electron/core/sync/sync-engine.ts';
import { SyncTransportError } from '../../../../../electron/core/sync/sync-transport.ts';
import { testTrustStore } from '../../../../helpers/central-fixture.ts';
import { hospitalDraft, SYNTHETIC_ID_NUMBER, SYNTHETIC_NAME } from '../../../../helpers/check-in-drafts.ts';
import { FakeUploader } from '../../../../helpers/fake-uploader.ts';
import { PERSONAL_STRINGS } from '../flows/flow-rig.ts';

const PIN = '246810';
const WRONG = '135790';

/** A connected client as the controller sees it; `send` checks each message as the real encoder does. */
class FakeSession implements HostSession {
  private static next = 0;
  readonly id = `session-${++FakeSession.next}`;
  readonly role = 'screen' as const;
  readonly sent: ServerMessage[] = [];
  private readonly closed = new Emitter<void>();
  readonly onDidClose = this.closed.event;

  send(message: ServerMessage): void {
    this.sent.push(ServerMessageSchema.parse(message));
  }

  events(): CoreEvent[] {
    return this.sent.flatMap((m) => (m.type === 'event' ? [m.event] : []));
  }

  /** Resolves with the next event of `kind` sent after this call. */
  nextEvent<K extends CoreEvent['kind']>(kind: K): Promise<Extract<CoreEvent, { kind: K }>> {
    const from = this.sent.length;
    return vi.waitFor(
      () => {
        const found = this.sent.slice(from).find((m) => m.type === 'event' && m.event.kind === kind);
        if (found?.type !== 'event') throw new Error(`no ${kind} event yet`);
        return found.event as Extract<CoreEvent, { kind: K }>;
      },
      { timeout: 5_000, interval: 5 },
    );
  }

  close(): void {
    this.closed.fire();
  }
}

interface Rig {
  readonly dir: string;
  readonly loaded: LoadedKioskConfig;
  readonly registry: DeviceRegistry;
  readonly controls: Map<string, SimulatorControls>;
  readonly store: CheckInStore;
  readonly trace: ReadTraceRecorder;
  readonly errors: RecentErrors;
  now: number;
  controller(options?: { engine?: SyncEngine; loaded?: LoadedKioskConfig; logger?: Logger }): DiagnosticsController;
}

let rig: Rig;
const cleanups: (() => unknown)[] = [];

async function startRig(): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'diagnostics-controller-'));
  const loaded = await loadKioskConfig({ file: profileConfigFile('demo'), env: { KIOSK_DATA_DIR: dir } });
  const controls = new Map<string, SimulatorControls>();
  const registry = createDeviceRegistry(loaded.config.devices, { backoff: { initialMs: 20, maxMs: 200 }, onSimulator: (id, c) => controls.set(id, c) });
  await registry.start();
  const store = await CheckInStore.open({ path: join(dir, 'kiosk.db'), keys: new StaticKeyProvider(randomBytes(32)) });
  const trace = new ReadTraceRecorder();
  const errors = new RecentErrors();
  const made: Rig = {
    dir,
    loaded,
    registry,
    controls,
    store,
    trace,
    errors,
    now: Date.now(),
    controller: (options = {}) => {
      const controller = new DiagnosticsController({
        config: options.loaded ?? loaded,
        appVersion: '0.1.0-test',
        startedAt: made.now,
        registry,
        diagnostics: new DiagnosticsService(registry),
        store,
        ...(options.engine ? { engine: options.engine } : {}),
        trace,
        errors,
        logger: options.logger ?? silentLogger(),
        now: () => made.now,
      });
      cleanups.push(() => controller.dispose());
      return controller;
    },
  };
  cleanups.push(
    () => registry.dispose(),
    () => store.close(),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  return made;
}

beforeEach(async () => {
  rig = await startRig();
});

afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const request = <T extends DiagnosticsRequest['type']>(type: T, fields: Omit<Extract<DiagnosticsRequest, { type: T }>, 'type' | 'id'>) =>
  ({ type, id: `r-${type}`, ...fields }) as unknown as Extract<DiagnosticsRequest, { type: T }>;

/** The contract error a request was refused with (the test fails if it was answered). */
async function refusal(promise: Promise<Result>): Promise<ContractError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof RequestRefusedError) return err.error;
    throw err;
  }
  throw new Error('the request was answered, not refused');
}

async function unlock(controller: DiagnosticsController, session: HostSession): Promise<DiagnosticsView> {
  const result = ResultSchema.parse(await controller.handle(request('diagnostics.unlock', { pin: PIN }), session));
  if (result.kind !== 'diagnostics') throw new Error(`unlock answered ${result.kind}`);
  return result.view;
}

describe('DiagnosticsController', () => {
  describe('unlocking with the PIN', () => {
    it('unlocks the session with the right PIN and answers with a valid view of the kiosk', async () => {
      const view = await unlock(rig.controller(), new FakeSession());

      expect(DiagnosticsViewSchema.parse(view)).toEqual(view);
      expect(view.kiosk).toEqual({ kioskId: 'demo-kiosk', profile: 'demo', flow: 'hospital', appVersion: '0.1.0-test', contractVersion: 1, startedAt: rig.now });
      expect(view.devices.map((d) => [d.id, d.role, d.state])).toEqual([
        ['card-reader', 'cardReader', 'ready'],
        ['fingerprint', 'fingerprint', 'ready'],
        ['document-scanner', 'documentScanner', 'ready'],
        ['printer', 'printer', 'ready'],
        ['gate', 'gate', 'ready'],
      ]);
      expect(view.devices.find((d) => d.id === 'gate')?.required).toBe(false);
      expect(view.queue).toEqual({ pending: 0, sending: 0, accepted: 0, rejected: 0, deadLettered: 0, oldestPendingAgeMs: null });
      expect(view.sync).toEqual({ running: false, breaker: 'closed', lastSuccessAt: null, lastError: null });
      expect(view.config).toContainEqual({ key: 'diagnostics PIN', value: 'set' });
      expect(JSON.stringify(view)).not.toContain('$scrypt');
    });

    it('refuses every other diagnostics request before the session unlocked', async () => {
      const controller = rig.controller();
      const session = new FakeSession();

      for (const r of [request('diagnostics.refresh', {}), request('diagnostics.selfTest', { deviceId: 'printer' }), request('diagnostics.export', {})]) {
        expect(await refusal(controller.handle(r, session))).toMatchObject({ code: 'DIAGNOSTICS_LOCKED' });
      }
    });

    it('unlocks only the session that gave the PIN', async () => {
      const controller = rig.controller();
      const screen = new FakeSession();
      const agent = new FakeSession();
      await unlock(controller, screen);

      expect(ResultSchema.parse(await controller.handle(request('diagnostics.refresh', {}), screen)).kind).toBe('diagnostics');
      expect(await refusal(controller.handle(request('diagnostics.refresh', {}), agent))).toMatchObject({ code: 'DIAGNOSTICS_LOCKED' });
    });

    it('counts wrong PINs down, saying how many tries are left', async () => {
      const controller = rig.controller();
      const session = new FakeSession();

      const first = await refusal(controller.handle(request('diagnostics.unlock', { pin: WRONG }), session));
      const second = await refusal(controller.handle(request('diagnostics.unlock', { pin: WRONG }), session));

      expect(first).toMatchObject({ code: 'PIN_WRONG', detail: '4 tries left before the lockout' });
      expect(first.message).toEqual({ vi: 'Mã PIN không đúng. Còn 4 lần thử.', en: 'The PIN is not correct. 4 tries left.', zh: 'PIN码不正确。还可尝试4次。' });
      expect(second).toMatchObject({ code: 'PIN_WRONG', detail: '3 tries left before the lockout' });
      // A right PIN starts the count again.
      await unlock(controller, session);
      expect(await refusal(controller.handle(request('diagnostics.unlock', { pin: WRONG }), new FakeSession()))).toMatchObject({ detail: '4 tries left before the lockout' });
    });

    it('locks out after 5 wrong PINs across sessions, refuses even the right PIN until retryAt, then unlocks', async () => {
      const controller = rig.controller();
      const technician = new FakeSession();
      await unlock(controller, technician);
      const attacker = [new FakeSession(), new FakeSession()];

      for (let i = 0; i < 4; i++) expect((await refusal(controller.handle(request('diagnostics.unlock', { pin: WRONG }), attacker[i % 2]!))).code).toBe('PIN_WRONG');
      const locked = await refusal(controller.handle(request('diagnostics.unlock', { pin: WRONG }), attacker[0]!));

      expect(locked).toMatchObject({ code: 'LOCKED_OUT', retryAt: rig.now + 60_000 });
      expect(await refusal(controller.handle(request('diagnostics.unlock', { pin: PIN }), attacker[1]!))).toMatchObject({ code: 'LOCKED_OUT', retryAt: rig.now + 60_000 });
      // The lockout also ends the sessions that were open.
      expect(technician.events()).toContainEqual({ kind: 'diagnosticsLocked', reason: 'lockout' });
      expect(await refusal(controller.handle(request('diagnostics.refresh', {}), technician))).toMatchObject({ code: 'DIAGNOSTICS_LOCKED' });

      rig.now += 60_000;
      await unlock(controller, technician);
    });

    it('keeps the lockout when the core restarts on the same data folder', async () => {
      const first = rig.controller();
      for (let i = 0; i < 5; i++) await refusal(first.handle(request('diagnostics.unlock', { pin: WRONG }), new FakeSession()));
      first.dispose();

      const restarted = rig.controller();

      expect(await refusal(restarted.handle(request('diagnostics.unlock', { pin: PIN }), new FakeSession()))).toMatchObject({ code: 'LOCKED_OUT', retryAt: rig.now + 60_000 });
    });

    it('treats a damaged lockout file as a lockout from the start', async () => {
      mkdirSync(rig.loaded.config.store.dataDir, { recursive: true });
      writeFileSync(join(rig.loaded.config.store.dataDir, LOCKOUT_FILE_NAME), 'garbage');

      const controller = rig.controller();

      expect(await refusal(controller.handle(request('diagnostics.unlock', { pin: PIN }), new FakeSession()))).toMatchObject({ code: 'LOCKED_OUT', retryAt: rig.now + 60_000 });
    });

    it('refuses to unlock on a kiosk whose config has no PIN', async () => {
      const { pinHash: _omitted, ...diagnostics } = rig.loaded.config.diagnostics;
      const controller = new DiagnosticsController({
        config: { ...rig.loaded, config: { ...rig.loaded.config, diagnostics } },
        appVersion: '0.1.0-test',
        startedAt: rig.now,
        registry: rig.registry,
        diagnostics: new DiagnosticsService(rig.registry),
        store: rig.store,
        trace: rig.trace,
        errors: rig.errors,
        logger: silentLogger(),
      });
      cleanups.push(() => controller.dispose());

      expect(await refusal(controller.handle(request('diagnostics.unlock', { pin: PIN }), new FakeSession()))).toMatchObject({ code: 'NOT_AVAILABLE' });
    });

    it('checks one PIN at a time', async () => {
      const controller = rig.controller();
      const first = controller.handle(request('diagnostics.unlock', { pin: WRONG }), new FakeSession());
      const second = await refusal(controller.handle(request('diagnostics.unlock', { pin: PIN }), new FakeSession()));

      expect(second).toMatchObject({ code: 'BUSY' });
      expect(await refusal(first)).toMatchObject({ code: 'PIN_WRONG' });
    });
  });

  describe('locking', () => {
    it('locks on request and tells the session why', async () => {
      const controller = rig.controller();
      const session = new FakeSession();
      await unlock(controller, session);

      expect(await controller.handle(request('diagnostics.lock', {}), session)).toEqual({ kind: 'accepted' });

      expect(session.events()).toEqual([{ kind: 'diagnosticsLocked', reason: 'requested' }]);
      expect(await refusal(controller.handle(request('diagnostics.refresh', {}), session))).toMatchObject({ code: 'DIAGNOSTICS_LOCKED' });
    });

    it('locks a session after the configured time without a diagnostics request', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const controller = rig.controller();
      const session = new FakeSession();
      await unlock(controller, session);
      const idleMs = rig.loaded.config.diagnostics.sessionIdleSeconds * 1000;
      expect(idleMs).toBe(300_000);

      vi.advanceTimersByTime(idleMs - 1_000);
      await controller.handle(request('diagnostics.refresh', {}), session);
      vi.advanceTimersByTime(idleMs - 1_000);
      expect(session.events()).toEqual([]);
      vi.advanceTimersByTime(1_000);

      expect(session.events()).toEqual([{ kind: 'diagnosticsLocked', reason: 'inactivity' }]);
      expect(await refusal(controller.handle(request('diagnostics.refresh', {}), session))).toMatchObject({ code: 'DIAGNOSTICS_LOCKED' });
    });

    it('forgets a session that closed', async () => {
      const controller = rig.controller();
      const closed = new FakeSession();
      const open = new FakeSession();
      await unlock(controller, closed);
      await unlock(controller, open);
      closed.close();

      const pushed = open.nextEvent('diagnostics');
      rig.errors.add('PAPER_OUT', 'printer: paper out');
      await pushed;

      expect(closed.events()).toEqual([]);
      expect(await refusal(controller.handle(request('diagnostics.refresh', {}), closed))).toMatchObject({ code: 'DIAGNOSTICS_LOCKED' });
    });
  });

  describe('refreshUnlocked', () => {
    it('pushes a fresh view to unlocked sessions only', async () => {
      const controller = rig.controller();
      const unlocked = new FakeSession();
      const locked = new FakeSession();
      await unlock(controller, unlocked);
      await refusal(controller.handle(request('diagnostics.refresh', {}), locked));

      const pushed = unlocked.nextEvent('diagnostics');
      rig.errors.add('SYNC_HTTP_503', 'central service answered 503');
      const event = await pushed;

      expect(event.view.recentErrors).toEqual([{ at: expect.any(Number), code: 'SYNC_HTTP_503', message: 'central service answered 503' }]);
      expect(locked.sent).toEqual([]);
    });
  });

  describe('the view', () => {
    it('shows the queue depth and the oldest pending check-in', async () => {
      const controller = rig.controller();
      const session = new FakeSession();
      await rig.store.enqueue(hospitalDraft(1));
      await rig.store.enqueue(hospitalDraft(2));

      const view = await unlock(controller, session);

      expect(view.queue).toMatchObject({ pending: 2, sending: 0, deadLettered: 0 });
      expect(view.queue.oldestPendingAgeMs).toEqual(expect.any(Number));
      expect(JSON.stringify(view)).not.toContain(SYNTHETIC_NAME);
      expect(JSON.stringify(view)).not.toContain(SYNTHETIC_ID_NUMBER);
    });

    it('shows the sync engine state and its last error', async () => {
      const uploader = new FakeUploader().then(new SyncTransportError('server', 'central service answered 503', { status: 503 }));
      const engine = new SyncEngine({ outbox: rig.store, uploader, sleep: async () => undefined });
      cleanups.push(() => engine.dispose());
      await rig.store.enqueue(hospitalDraft(1));
      await engine.runOnce();

      const view = await unlock(rig.controller({ engine }), new FakeSession());

      expect(view.sync).toMatchObject({ running: false, breaker: 'closed', lastSuccessAt: null, lastError: { code: 'SYNC_SERVER', message: 'central service answered 503', at: expect.any(Number) } });
    });

    it('shows a device fault with its reason', async () => {
      const controller = rig.controller();
      const session = new FakeSession();
      const port = rig.controls.get('printer')?.port as { unplug(): void };
      port.unplug();
      await vi.waitFor(() => expect(rig.registry.get('printer')?.health.state).toBe('absent'));

      const view = await unlock(controller, session);

      expect(view.devices.find((d) => d.id === 'printer')).toMatchObject({ state: 'absent', reason: expect.any(String), since: expect.any(Number) });
    });
  });

  describe('self-tests', () => {
    it('runs a device self-test and answers with its steps', async () => {
      const controller = rig.controller();
      const session = new FakeSession();
      await unlock(controller, session);

      const result = ResultSchema.parse(await controller.handle(request('diagnostics.selfTest', { deviceId: 'printer' }), session));

      expect(result).toMatchObject({ kind: 'selfTest', result: { deviceId: 'printer', ok: true, at: rig.now } });
      expect(result.kind === 'selfTest' && result.result.steps.map((s) => s.name)).toEqual(['port open', 'status', 'test ticket']);
    });

    it('reports a printer out of paper as a failed test with what a person would be told', async () => {
      const controller = rig.controller();
      const session = new FakeSession();
      await unlock(controller, session);
      (rig.controls.get('printer')?.simulator as EscPosPrinterSim).setPaperOut(true);

      const result = ResultSchema.parse(await controller.handle(request('diagnostics.selfTest', { deviceId: 'printer' }), session));

      expect(result.kind).toBe('selfTest');
      if (result.kind !== 'selfTest') return;
      expect(result.result.ok).toBe(false);
      expect(result.result.steps.some((s) => !s.ok)).toBe(true);
      expect(result.result.userMessage?.vi).toBe('Máy in hết giấy, vui lòng báo nhân viên.');
    });

    it('reads the ATR of the card on the reader', async () => {
      const controller = rig.controller();
      const session = new FakeSession();
      await unlock(controller, session);

      const result = ResultSchema.parse(await controller.handle(request('diagnostics.selfTest', { deviceId: 'card-reader' }), session));
      const view = ResultSchema.parse(await controller.handle(request('diagnostics.refresh', {}), session));

      expect(result).toMatchObject({ kind: 'selfTest', result: { ok: true } });
      expect(view.kind === 'diagnostics' && view.view.reader.atr).toMatch(/^3B[0-9A-F]+$/);
    });

    it('refuses an unknown device and a second run of a test already running', async () => {
      const controller = rig.controller();
      const session = new FakeSession();
      await unlock(controller, session);

      expect(await refusal(controller.handle(request('diagnostics.selfTest', { deviceId: 'no-such-device' }), session))).toMatchObject({ code: 'NOT_AVAILABLE', reason: 'UNKNOWN_DEVICE' });
      const running = controller.handle(request('diagnostics.selfTest', { deviceId: 'printer' }), session);
      expect(await refusal(controller.handle(request('diagnostics.selfTest', { deviceId: 'printer' }), session))).toMatchObject({ code: 'BUSY' });
      expect(ResultSchema.parse(await running).kind).toBe('selfTest');
    });

    it('reports a device that is not there as failed', async () => {
      const controller = rig.controller();
      const session = new FakeSession();
      await unlock(controller, session);
      (rig.controls.get('card-reader')?.device as SimReaderDevice).unplug();

      const result = ResultSchema.parse(await controller.handle(request('diagnostics.selfTest', { deviceId: 'card-reader' }), session));

      expect(result).toMatchObject({ kind: 'selfTest', result: { deviceId: 'card-reader', ok: false } });
    });
  });

  describe('the exported report', () => {
    it('holds the view, the last self-tests and the environment, and no personal data after a real chip read', async () => {
      const controller = rig.controller();
      const session = new FakeSession();
      await unlock(controller, session);
      // A real read of the simulated CCCD lying on the demo reader, through the recorder.
      const device = rig.controls.get('card-reader')?.device as SimReaderDevice;
      const port = new DocumentReaderCardPort({ reader: device, trustStore: testTrustStore(), trace: rig.trace.record });
      cleanups.push(() => port.dispose());
      const read = await rig.trace.wrap(port).read({ keys: [chipProfiles.cccd.mrzKey], signal: new AbortController().signal, onEvent: () => undefined });
      expect(read.identity.fullName).toBe('NGUYỄN VĂN THỬ');
      await rig.store.enqueue(hospitalDraft(3));
      await controller.handle(request('diagnostics.selfTest', { deviceId: 'card-reader' }), session);

      const result = ResultSchema.parse(await controller.handle(request('diagnostics.export', {}), session));

      if (result.kind !== 'report') throw new Error(`export answered ${result.kind}`);
      expect(result.fileName).toMatch(/^kiosk-demo-kiosk-\d{8}-\d{6}\.json$/);
      const report = JSON.parse(result.json) as { view: DiagnosticsView; selfTests: { deviceId: string }[]; environment: { node: string; platform: string; memory: { rssBytes: number } } };
      expect(DiagnosticsViewSchema.parse(report.view)).toEqual(report.view);
      expect(report.view.reader.lastRead).toMatchObject({ ok: true, access: 'PACE' });
      expect(report.view.reader.lastRead!.trace.length).toBeGreaterThan(10);
      expect(report.view.reader.atr).toMatch(/^3B/);
      expect(report.view.queue.pending).toBe(1);
      expect(report.selfTests.map((t) => t.deviceId)).toEqual(['card-reader']);
      expect(report.environment).toMatchObject({ node: process.version, platform: process.platform, memory: { rssBytes: expect.any(Number) } });
      for (const personal of [...PERSONAL_STRINGS, SYNTHETIC_NAME, SYNTHETIC_ID_NUMBER, '$scrypt']) expect(result.json).not.toContain(personal);
    });

    it('carries the recent log files, with no personal data even when a read was logged carelessly at debug level', async () => {
      const logDir = join(rig.dir, 'logs');
      const loaded = await loadKioskConfig({ file: profileConfigFile('demo'), env: { KIOSK_DATA_DIR: rig.dir, KIOSK_LOG_DIR: logDir, KIOSK_LOG_LEVEL: 'debug' } });
      const files = await openProcessLogger({ service: 'kiosk-core', logging: loaded.config.logging });
      const log = files.logger;
      const controller = rig.controller({ loaded, logger: log });
      const session = new FakeSession();
      await unlock(controller, session);
      const device = rig.controls.get('card-reader')?.device as SimReaderDevice;
      const port = new DocumentReaderCardPort({ reader: device, trustStore: testTrustStore(), trace: rig.trace.record });
      cleanups.push(() => port.dispose());
      const read = await port.read({ keys: [chipProfiles.cccd.mrzKey], signal: new AbortController().signal, onEvent: (event) => log.debug({ event: 'chip-read-event', detail: event }, 'read event') });
      expect(read.identity.fullName).toBe('NGUYỄN VĂN THỬ');
      // The mistakes the second pass is there for: the read nested past pino's redaction paths, the
      // numbers and the MRZ in free text.
      log.debug({ event: 'read-done', flow: { step: { chip: { result: { fullName: read.identity.fullName, number: read.identity.personalNumber, born: read.identity.dateOfBirth } } } } }, 'read done');
      log.debug({ event: 'read-numbers' }, `read ${read.identity.personalNumber ?? ''} ${read.identity.documentNumber}`);
      log.debug({ event: 'read-mrz', detail: chipProfiles.cccd.mrzKey }, 'mrz key');
      await files.flush();
      cleanups.push(() => files.close());
      const before = readFileSync(files.file()!, 'utf8');
      expect(PERSONAL_STRINGS.some((personal) => before.includes(personal))).toBe(true);
      rig.now = Date.now();

      const result = ResultSchema.parse(await controller.handle(request('diagnostics.export', {}), session));

      if (result.kind !== 'report') throw new Error(`export answered ${result.kind}`);
      const report = JSON.parse(result.json) as { logs: { directory: string; lines: string[] } };
      expect(report.logs.directory).toBe(logDir);
      const events = report.logs.lines.map((l) => (JSON.parse(l) as { event?: string }).event);
      expect(events).toEqual(expect.arrayContaining(['diagnostics-unlock', 'chip-read-event', 'read-done', 'read-numbers', 'read-mrz']));
      for (const personal of [...PERSONAL_STRINGS, '$scrypt', PIN]) expect(result.json).not.toContain(personal);
    });
  });
});
