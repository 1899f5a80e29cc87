// The technician's view of the devices: each one's health, reason and how long it has been so, and
// self-tests with timings (reader: connect and ATR; fingerprint: handshake and one capture; printer:
// status and a test ticket; gate: pulse and read back). Used by `kiosk diag` and the diagnostics screen.

import type { SelfTestResult } from '../../../native/hal/device.ts';
import { userMessageFor } from '../../../native/hal/device-not-ready.ts';
import type { DeviceRegistry, RegisteredDevice } from '../../../native/hal/device-registry.ts';
import { KioskError, USER_MESSAGES } from '../../../native/hal/errors.ts';
import type { DeviceDiagnosticsReport, DeviceStatusReport, DiagnosticsReport, SelfTestReport } from './diagnostics-report.ts';

export interface DiagnosticsServiceOptions {
  /** A self-test that has not finished by then fails with a `timeout` step (default 30 s). */
  readonly selfTestTimeoutMs?: number;
  readonly now?: () => number;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export class DiagnosticsService {
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly registry: DeviceRegistry,
    options: DiagnosticsServiceOptions = {},
  ) {
    this.timeoutMs = options.selfTestTimeoutMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** Every configured device with its health, in config order. */
  list(): readonly DeviceStatusReport[] {
    return this.registry.list().map(statusOf);
  }

  /** Runs one device's self-test. Throws KioskError `UNKNOWN_DEVICE` for an id not in the config. */
  async selfTest(id: string): Promise<DeviceDiagnosticsReport> {
    const entry = this.registry.get(id);
    if (entry === undefined) throw new KioskError('UNKNOWN_DEVICE', `no device '${id}' in the config`, { step: 'diagnostics.selfTest' });
    const selfTest = await this.run(entry);
    // Health after the test: a self-test may find a fault (paper out) or clear one.
    return Object.freeze({ ...statusOf(this.registry.get(id) ?? entry), selfTest });
  }

  /**
   * Runs every device's self-test, one after another (devices may share a bus, and timings taken in
   * turn are honest). `ok` is true when every required device passed. Never rejects.
   */
  async selfTestAll(): Promise<DiagnosticsReport> {
    const started = performance.now();
    const generatedAt = new Date(this.now()).toISOString();
    const devices: DeviceDiagnosticsReport[] = [];
    for (const entry of this.registry.list()) devices.push(await this.selfTest(entry.id));
    return Object.freeze({
      generatedAt,
      ok: devices.every((d) => !d.required || d.selfTest.ok),
      totalMs: round(performance.now() - started),
      devices: Object.freeze(devices),
    });
  }

  private async run(entry: RegisteredDevice): Promise<SelfTestReport> {
    const device = entry.device;
    if (device === undefined) {
      // The device could not be built: there is nothing to test, and the health says why.
      const detail = `${entry.health.reason ?? 'NOT_BUILT'}${entry.health.detail ? `: ${entry.health.detail}` : ''}`;
      return failed('create', 0, detail, entry);
    }
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    let result: SelfTestResult | 'timeout';
    try {
      result = await Promise.race([device.selfTest(), timeout]);
    } catch (err) {
      // selfTest should never reject; a device that does still gets a report.
      const code = err instanceof KioskError ? `${err.code}: ` : '';
      return failed('self-test', performance.now() - started, `${code}${err instanceof Error ? err.message : String(err)}`, entry);
    } finally {
      clearTimeout(timer);
    }
    if (result === 'timeout') return failed('timeout', performance.now() - started, `no result within ${this.timeoutMs} ms`, entry);
    // INTERNAL is KioskError's default (no one chose a message): the role's own message says more.
    const own = result.userMessage === USER_MESSAGES.INTERNAL ? undefined : result.userMessage;
    const userMessage = result.ok ? undefined : (own ?? USER_MESSAGES[userMessageFor(entry.role, device.health)]);
    return Object.freeze({
      ok: result.ok,
      totalMs: round(result.totalMs),
      steps: Object.freeze(result.steps.map((s) => Object.freeze({ ...s, ms: round(s.ms) }))),
      ...(userMessage === undefined ? {} : { userMessage }),
    });
  }
}

function failed(step: string, ms: number, detail: string, entry: RegisteredDevice): SelfTestReport {
  return Object.freeze({
    ok: false,
    totalMs: round(ms),
    steps: Object.freeze([Object.freeze({ name: step, ok: false, ms: round(ms), detail })]),
    userMessage: USER_MESSAGES[userMessageFor(entry.role, entry.health)],
  });
}

function statusOf(entry: RegisteredDevice): DeviceStatusReport {
  const { health } = entry;
  return Object.freeze({
    id: entry.id,
    role: entry.role,
    driver: entry.driver,
    required: entry.required,
    state: health.state,
    ...(health.reason === undefined ? {} : { reason: health.reason }),
    ...(health.detail === undefined ? {} : { detail: health.detail }),
    since: new Date(health.since).toISOString(),
    ...(entry.reconnect === undefined ? {} : { reconnect: Object.freeze({ attempt: entry.reconnect.attempt, at: new Date(entry.reconnect.atMs).toISOString() }) }),
  });
}
