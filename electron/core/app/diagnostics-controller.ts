// The technician's diagnostics behind the PIN, as the core answers the contract's `diagnostics.*`
// requests: unlocking one session with the PIN (scrypt, per-kiosk lockout that survives restarts),
// locking it on request or after inactivity, the diagnostics view, device self-tests and the exported
// report. Unlocking is per session: another client of the same core (a hospital's agent) stays locked.
// What is logged: session ids, outcomes, tries left, device ids; never the PIN.

import { join } from 'node:path';
import type { DeviceRegistry } from '../../../native/hal/device-registry.ts';
import { KioskError } from '../../../native/hal/errors.ts';
import type { Disposable } from '../../../native/hal/event.ts';
import type { Logger } from '../../../native/util/logger.ts';
import { readLogTail } from '../../../native/util/log-tail.ts';
import type { CoreEvent, DiagnosticsRequest, LocalizedText, QueueView, Result, SelfTestView, SyncView } from '../../contract/index.ts';
import type { LoadedKioskConfig } from '../config/load-kiosk-config.ts';
import { verifyPin } from '../config/pin-hash.ts';
import type { DeviceDiagnosticsReport } from '../diagnostics/diagnostics-report.ts';
import type { DiagnosticsService } from '../diagnostics/diagnostics-service.ts';
import type { HostSession } from '../host/contract-session.ts';
import { RequestRefusedError } from '../host/request-refused-error.ts';
import type { CheckInStore } from '../store/check-in-store.ts';
import type { SyncEngine } from '../sync/sync-engine.ts';
import { DiagnosticsLockout, LOCKOUT_FILE_NAME } from './diagnostics-lockout.ts';
import { followReaderAtr } from './diagnostics-reader-atr.ts';
import { buildDiagnosticsReport } from './diagnostics-report-builder.ts';
import { DiagnosticsViewBuilder, selfTestViewOf } from './diagnostics-view-builder.ts';
import type { ReadTraceRecorder } from './read-trace-recorder.ts';
import type { RecentErrors } from './recent-errors.ts';

export interface DiagnosticsControllerOptions {
  readonly config: LoadedKioskConfig;
  readonly appVersion: string;
  /** When the core finished starting (ms since the epoch). */
  readonly startedAt: number;
  readonly registry: DeviceRegistry;
  readonly diagnostics: DiagnosticsService;
  readonly store: CheckInStore;
  readonly engine?: SyncEngine;
  readonly trace: ReadTraceRecorder;
  readonly errors: RecentErrors;
  readonly logger: Logger;
  readonly now?: () => number;
}

type LockReason = 'requested' | 'inactivity' | 'lockout';
type DiagnosticsEvent = Extract<CoreEvent, { kind: 'diagnostics' | 'diagnosticsLocked' }>;

interface SessionState {
  readonly session: HostSession;
  unlocked: boolean;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  readonly closed: Disposable;
}

function pinWrongMessage(triesLeft: number): LocalizedText {
  return {
    vi: `Mã PIN không đúng. Còn ${triesLeft} lần thử.`,
    en: `The PIN is not correct. ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.`,
    zh: `PIN码不正确。还可尝试${triesLeft}次。`,
  };
}

export class DiagnosticsController implements Disposable {
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly builder: DiagnosticsViewBuilder;
  private readonly lockout: Promise<DiagnosticsLockout>;
  private readonly idleMs: number;
  private readonly sessions = new Map<string, SessionState>();
  private readonly running = new Set<string>();
  private readonly lastSelfTests = new Map<string, SelfTestView>();
  private readonly subscriptions: Disposable[] = [];
  private verifying = false;
  private refreshing = false;
  private refreshAgain = false;
  private disposed = false;

  constructor(private readonly options: DiagnosticsControllerOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.logger.child({ component: 'diagnostics' });
    const section = options.config.config.diagnostics;
    this.idleMs = section.sessionIdleSeconds * 1000;
    this.builder = new DiagnosticsViewBuilder({ ...options, now: this.now, logger: this.log });
    // Read at once, so a lockout found at start (or a corrupt file) counts from the start.
    this.lockout = DiagnosticsLockout.open({
      file: join(options.config.config.store.dataDir, LOCKOUT_FILE_NAME),
      maxFailedTries: section.lockout.maxFailedTries,
      lockoutMs: section.lockout.minutes * 60_000,
      now: this.now,
      logger: this.log,
    });
    // What only the diagnostics know about changes here; device and sync changes come from the caller.
    this.subscriptions.push(
      followReaderAtr(options.registry, (atr) => this.noteAtr(atr)),
      options.trace.onDidFinishRead(() => this.refreshUnlocked()),
      options.errors.onDidAdd(() => this.refreshUnlocked()),
    );
  }

  /**
   * Answers one diagnostics request of `session`: unlock and refresh with the view, lock with
   * `accepted`, selfTest with its result, export with the report. Errors (RequestRefusedError): PIN_WRONG (detail and
   * message say how many tries are left), LOCKED_OUT with `retryAt`, NOT_AVAILABLE (no PIN configured,
   * unknown device), BUSY (a PIN check or the same device's self-test is running), DIAGNOSTICS_LOCKED
   * for anything but unlock and lock before the session unlocked. A request resets the session's
   * inactivity timer (`diagnostics.sessionIdleSeconds`): the screen should rely on pushed `diagnostics`
   * events rather than poll `refresh`, or it will never lock by itself.
   */
  async handle(request: DiagnosticsRequest, session: HostSession): Promise<Result> {
    if (this.disposed) throw new RequestRefusedError('NOT_AVAILABLE', { detail: 'the diagnostics service has stopped' });
    const state = this.stateOf(session);
    switch (request.type) {
      case 'diagnostics.unlock':
        return this.unlock(request.pin, state);
      case 'diagnostics.lock':
        this.lock(state, 'requested');
        return { kind: 'accepted' };
      default:
    }
    if (!state.unlocked) throw new RequestRefusedError('DIAGNOSTICS_LOCKED', { detail: 'unlock the diagnostics with the PIN first' });
    this.touch(state);
    switch (request.type) {
      case 'diagnostics.refresh':
        return { kind: 'diagnostics', view: await this.builder.build() };
      case 'diagnostics.selfTest':
        return { kind: 'selfTest', result: await this.selfTest(request.deviceId, state) };
      case 'diagnostics.export':
        return this.export(session);
    }
  }

  /** Queue counts for the broadcast `sync` event. Rejects with the store's error. */
  queueView(): Promise<QueueView> {
    return this.builder.queueView();
  }

  syncView(): SyncView {
    return this.builder.syncView();
  }

  /**
   * Sends a fresh `diagnostics` event to every unlocked session. Calls while a refresh is being built
   * are folded into one more refresh after it. Never throws.
   */
  refreshUnlocked(): void {
    if (this.disposed) return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    if (![...this.sessions.values()].some((s) => s.unlocked)) return;
    this.refreshing = true;
    void this.pushViews().finally(() => {
      this.refreshing = false;
    });
  }

  /** Stops the timers and forgets every session (no events are sent: the host says `shutdown`). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const state of this.sessions.values()) this.forget(state);
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions.length = 0;
  }

  private async pushViews(): Promise<void> {
    do {
      this.refreshAgain = false;
      try {
        const view = await this.builder.build();
        if (this.disposed) return;
        for (const state of this.sessions.values()) {
          if (state.unlocked) this.sendEvent(state, { kind: 'diagnostics', view });
        }
      } catch (err) {
        this.log.error({ event: 'diagnostics-refresh-failed', error: err instanceof Error ? err.name : typeof err, detail: err instanceof Error ? err.message.slice(0, 300) : undefined }, 'could not build the diagnostics view');
      }
    } while (this.refreshAgain && !this.disposed);
  }

  private async unlock(pin: string, state: SessionState): Promise<Result> {
    const pinHash = this.options.config.config.diagnostics.pinHash;
    if (pinHash === undefined) {
      throw new RequestRefusedError('NOT_AVAILABLE', { detail: 'no diagnostics PIN is configured on this kiosk (diagnostics.pinHash); use `kiosk diag` on its command line' });
    }
    const lockout = await this.lockout;
    const status = lockout.status();
    if (status.locked) {
      this.log.warn({ event: 'diagnostics-unlock', sessionId: state.session.id, outcome: 'locked-out', retryAt: status.retryAt }, 'PIN refused unchecked during the lockout');
      throw new RequestRefusedError('LOCKED_OUT', { retryAt: status.retryAt, detail: `locked out until ${new Date(status.retryAt).toISOString()}` });
    }
    // One check at a time per kiosk: parallel tries would outrun the count and each costs 64 MiB.
    if (this.verifying) throw new RequestRefusedError('BUSY', { detail: 'another PIN check is running' });
    this.verifying = true;
    let ok: boolean;
    try {
      ok = await verifyPin(pin, pinHash);
    } finally {
      this.verifying = false;
    }
    if (this.disposed) throw new RequestRefusedError('NOT_AVAILABLE', { detail: 'the diagnostics service has stopped' });
    if (ok) {
      await lockout.recordSuccess();
      state.unlocked = true;
      this.touch(state);
      this.log.info({ event: 'diagnostics-unlock', sessionId: state.session.id, outcome: 'unlocked' }, 'diagnostics unlocked');
      return { kind: 'diagnostics', view: await this.builder.build() };
    }
    const after = await lockout.recordFailure();
    if (after.locked) {
      this.log.warn({ event: 'diagnostics-unlock', sessionId: state.session.id, outcome: 'wrong-pin', lockedUntil: after.retryAt }, 'wrong PIN; diagnostics locked out');
      for (const other of this.sessions.values()) this.lock(other, 'lockout');
      throw new RequestRefusedError('LOCKED_OUT', { retryAt: after.retryAt, detail: `too many wrong PINs; locked out until ${new Date(after.retryAt).toISOString()}` });
    }
    this.log.warn({ event: 'diagnostics-unlock', sessionId: state.session.id, outcome: 'wrong-pin', triesLeft: after.triesLeft }, 'wrong diagnostics PIN');
    throw new RequestRefusedError('PIN_WRONG', { detail: `${after.triesLeft} tries left before the lockout`, message: pinWrongMessage(after.triesLeft) });
  }

  private async selfTest(deviceId: string, state: SessionState): Promise<SelfTestView> {
    if (this.options.registry.get(deviceId) === undefined) throw new RequestRefusedError('NOT_AVAILABLE', { reason: 'UNKNOWN_DEVICE', detail: `no device '${deviceId}' in the config` });
    if (this.running.has(deviceId)) throw new RequestRefusedError('BUSY', { detail: `the self-test of '${deviceId}' is already running` });
    this.running.add(deviceId);
    let report: DeviceDiagnosticsReport;
    try {
      report = await this.options.diagnostics.selfTest(deviceId);
    } catch (err) {
      if (err instanceof KioskError && err.code === 'UNKNOWN_DEVICE') throw new RequestRefusedError('NOT_AVAILABLE', { reason: 'UNKNOWN_DEVICE', detail: err.message });
      throw err;
    } finally {
      this.running.delete(deviceId);
      // A long test is activity too: the technician is waiting for it.
      if (state.unlocked) this.touch(state);
    }
    const view = selfTestViewOf(report, this.now());
    this.lastSelfTests.set(deviceId, view);
    this.log.info({ event: 'diagnostics-self-test', sessionId: state.session.id, device: deviceId, ok: view.ok, totalMs: view.totalMs }, 'self-test run');
    if (report.role === 'cardReader') {
      // The reader's test reads the ATR of the card on it ("ATR 3B8A80..."): worth showing.
      const atr = report.selfTest.steps.map((s) => /^ATR ([0-9A-F]+)$/.exec(s.detail ?? '')?.[1]).find((a) => a !== undefined);
      if (atr !== undefined) this.noteAtr(atr);
    }
    return view;
  }

  private async export(session: HostSession): Promise<Result> {
    const view = await this.builder.build();
    const at = this.now();
    // The last hours of logs when the kiosk writes log files (logging.directory); stderr is not kept.
    const directory = this.options.config.config.logging.directory;
    const logs = directory === undefined ? undefined : await readLogTail({ directory, now: at });
    const report = buildDiagnosticsReport({ view, selfTests: [...this.lastSelfTests.values()], at, ...(logs === undefined ? {} : { logs }) });
    this.log.info({ event: 'diagnostics-export', sessionId: session.id, chars: report.json.length }, 'diagnostics report exported');
    return report;
  }

  private noteAtr(atr: Uint8Array | string): void {
    const before = this.options.trace.atr();
    this.options.trace.noteAtr(atr);
    if (this.options.trace.atr() !== before) this.refreshUnlocked();
  }

  private stateOf(session: HostSession): SessionState {
    const known = this.sessions.get(session.id);
    if (known !== undefined) return known;
    const state: SessionState = {
      session,
      unlocked: false,
      idleTimer: undefined,
      closed: session.onDidClose(() => {
        this.forget(state);
        this.sessions.delete(session.id);
      }),
    };
    this.sessions.set(session.id, state);
    return state;
  }

  private touch(state: SessionState): void {
    if (state.idleTimer !== undefined) clearTimeout(state.idleTimer);
    state.idleTimer = setTimeout(() => {
      state.idleTimer = undefined;
      this.lock(state, 'inactivity');
    }, this.idleMs);
    (state.idleTimer as { unref?: () => void }).unref?.();
  }

  /** Locks an unlocked session and tells it why. */
  private lock(state: SessionState, reason: LockReason): void {
    if (!state.unlocked) return;
    state.unlocked = false;
    if (state.idleTimer !== undefined) clearTimeout(state.idleTimer);
    state.idleTimer = undefined;
    this.log.info({ event: 'diagnostics-lock', sessionId: state.session.id, reason }, 'diagnostics locked');
    this.sendEvent(state, { kind: 'diagnosticsLocked', reason });
  }

  private forget(state: SessionState): void {
    state.unlocked = false;
    if (state.idleTimer !== undefined) clearTimeout(state.idleTimer);
    state.idleTimer = undefined;
    state.closed.dispose();
  }

  private sendEvent(state: SessionState, event: DiagnosticsEvent): void {
    try {
      state.session.send({ type: 'event', event });
    } catch (err) {
      // An invalid view is a core bug; the session must not take the controller down with it.
      this.log.error({ event: 'diagnostics-event-failed', sessionId: state.session.id, kind: event.kind, detail: err instanceof Error ? err.message.slice(0, 300) : String(err) }, 'could not send a diagnostics event');
    }
  }
}
