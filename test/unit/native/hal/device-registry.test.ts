import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceConfig } from '../../../../native/hal/device-config.ts';
import { DeviceNotReadyError } from '../../../../native/hal/device-not-ready.ts';
import { DeviceRegistry, type DeviceHealthChange } from '../../../../native/hal/device-registry.ts';
import type { DeviceRole } from '../../../../native/hal/device.ts';
import { DeviceUnavailableError, KioskError, USER_MESSAGES } from '../../../../native/hal/errors.ts';
import { FakeDevice, handshakeError } from '../../../helpers/fake-device.ts';

const config = (id: string, role: DeviceRole, required = true): DeviceConfig => ({ id, role, driver: 'sim', required, options: {} });

// Fixed delays: no jitter, 100 ms doubling to a 1 s cap.
const BACKOFF = { initialMs: 100, factor: 2, maxMs: 1000, jitter: 0 };

function registryOf(...devices: FakeDevice[]): { registry: DeviceRegistry; changes: DeviceHealthChange[] } {
  const registry = new DeviceRegistry({
    devices: devices.map((d) => config(d.id, d.role)),
    create: (c) => devices.find((d) => d.id === c.id)!,
    backoff: BACKOFF,
  });
  const changes: DeviceHealthChange[] = [];
  registry.onDidChangeHealth((change) => changes.push(change));
  return { registry, changes };
}

/** The delays between successive open() calls. */
const gaps = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - times[i]!);

describe('DeviceRegistry', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('start', () => {
    it('builds and opens every device, and reports each one ready', async () => {
      const printer = new FakeDevice('printer', 'printer');
      const gate = new FakeDevice('gate', 'gate');
      const { registry, changes } = registryOf(printer, gate);

      await registry.start();

      expect(registry.list().map((d) => [d.id, d.health.state])).toEqual([
        ['printer', 'ready'],
        ['gate', 'ready'],
      ]);
      expect(changes.filter((c) => c.health.state === 'ready').map((c) => c.id)).toEqual(['printer', 'gate']);
      registry.dispose();
    });

    it('resolves although a device is absent, and keeps retrying it in the background', async () => {
      const printer = new FakeDevice('printer', 'printer', { present: false });
      const { registry } = registryOf(printer);

      await registry.start();

      expect(registry.get('printer')).toMatchObject({ health: { state: 'absent', reason: 'NOT_CONNECTED' }, reconnect: { attempt: 1, atMs: Date.now() + 100 } });
      registry.dispose();
    });

    it('resolves after startTimeoutMs when a device never finishes opening', async () => {
      const stuck = new FakeDevice('gate', 'gate');
      stuck.open = () => new Promise(() => undefined);
      const registry = new DeviceRegistry({ devices: [config('gate', 'gate')], create: () => stuck, startTimeoutMs: 2000 });
      let done = false;
      void registry.start().then(() => (done = true));

      await vi.advanceTimersByTimeAsync(1999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);

      expect(done).toBe(true);
      expect(registry.get('gate')?.health.state).toBe('absent');
      registry.dispose();
    });

    it('marks a device that cannot be built as faulted with the error code, and does not retry it', async () => {
      const registry = new DeviceRegistry({
        devices: [config('fingerprint', 'fingerprint')],
        create: () => {
          throw new DeviceUnavailableError('HID_NOT_INSTALLED', 'node-hid is not installed');
        },
        backoff: BACKOFF,
      });

      await registry.start();
      await vi.advanceTimersByTimeAsync(10_000);

      expect(registry.get('fingerprint')).toMatchObject({
        device: undefined,
        reconnect: undefined,
        health: { state: 'faulted', reason: 'HID_NOT_INSTALLED', detail: 'node-hid is not installed' },
      });
      registry.dispose();
    });
  });

  describe('reconnecting', () => {
    it('retries with exponential backoff capped at maxMs', async () => {
      const printer = new FakeDevice('printer', 'printer', { present: false });
      const { registry } = registryOf(printer);

      await registry.start();
      await vi.advanceTimersByTimeAsync(5000);

      expect(gaps(printer.opens)).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
      registry.dispose();
    });

    it('spreads retries with jitter, never above the base delay nor below half of it', async () => {
      const printer = new FakeDevice('printer', 'printer', { present: false });
      const randoms = [0.9, 0.1, 0.5];
      const registry = new DeviceRegistry({
        devices: [config('printer', 'printer')],
        create: () => printer,
        backoff: { ...BACKOFF, jitter: 0.5 },
        random: () => randoms.shift() ?? 0,
      });

      await registry.start();
      await vi.advanceTimersByTimeAsync(100 + 200 + 400);

      expect(gaps(printer.opens)).toEqual([55, 190, 300]);
      registry.dispose();
    });

    it('reopens an unplugged device when it is plugged back, and becomes ready without a restart', async () => {
      const printer = new FakeDevice('printer', 'printer');
      const { registry, changes } = registryOf(printer);
      await registry.start();

      printer.unplug();
      expect(registry.get('printer')?.health).toMatchObject({ state: 'absent', reason: 'DISCONNECTED' });
      await vi.advanceTimersByTimeAsync(100 + 200);
      printer.replug();
      await vi.advanceTimersByTimeAsync(400);

      expect(registry.get('printer')?.health.state).toBe('ready');
      expect(registry.get('printer')?.reconnect).toBeUndefined();
      expect(changes.map((c) => `${c.previous.state}->${c.health.state}`)).toEqual([
        'absent->absent', // NOT_STARTED -> the device's own NOT_CONNECTED
        'absent->ready',
        'ready->absent',
        'absent->absent',
        'absent->ready',
      ]);
      registry.dispose();
    });

    it('starts the backoff again from the first delay after a successful reconnect', async () => {
      const printer = new FakeDevice('printer', 'printer');
      const { registry } = registryOf(printer);
      await registry.start();
      printer.unplug();
      await vi.advanceTimersByTimeAsync(100 + 200 + 400);
      printer.replug();
      await vi.advanceTimersByTimeAsync(800);
      const before = printer.opens.length;

      printer.unplug();
      await vi.advanceTimersByTimeAsync(99);
      expect(printer.opens.length).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(printer.opens.length).toBe(before + 1);
      registry.dispose();
    });

    it('cancels its retry when the device reports itself ready (driver-seen hot-plug)', async () => {
      const reader = new FakeDevice('reader', 'cardReader');
      const { registry } = registryOf(reader);
      await registry.start();
      reader.unplug();

      reader.announceReady();
      await vi.advanceTimersByTimeAsync(5000);

      expect(reader.opens).toHaveLength(1);
      expect(registry.get('reader')).toMatchObject({ health: { state: 'ready' }, reconnect: undefined });
      registry.dispose();
    });

    it('does not reopen a faulted device: its driver reports when the fault clears', async () => {
      const printer = new FakeDevice('printer', 'printer');
      const { registry } = registryOf(printer);
      await registry.start();

      printer.fault('PAPER_OUT');
      await vi.advanceTimersByTimeAsync(5000);

      expect(printer.opens).toHaveLength(1);
      registry.dispose();
    });

    it('records a failed open as faulted with the error code when the device still claims to be usable', async () => {
      const fingerprint = new FakeDevice('fingerprint', 'fingerprint');
      fingerprint.openError = handshakeError();
      const { registry } = registryOf(fingerprint);

      await registry.start();

      expect(registry.get('fingerprint')?.health).toMatchObject({ state: 'faulted', reason: 'HANDSHAKE_FAILED', detail: 'wrong password' });
      expect(registry.get('fingerprint')?.reconnect).toBeDefined();
      registry.dispose();
    });

    it('reconnects at once when a technician asks, resetting the backoff', async () => {
      const printer = new FakeDevice('printer', 'printer', { present: false });
      const { registry } = registryOf(printer);
      await registry.start();
      await vi.advanceTimersByTimeAsync(100 + 200 + 400);
      printer.replug();

      await registry.reconnectNow('printer');

      expect(registry.get('printer')?.health.state).toBe('ready');
      expect(registry.get('printer')?.reconnect).toBeUndefined();
      registry.dispose();
    });
  });

  describe('requireReady', () => {
    it('returns the ready device of the role', async () => {
      const printer = new FakeDevice('printer', 'printer');
      const { registry } = registryOf(printer);
      await registry.start();

      expect(registry.requireReady('printer')).toBe(printer);
      registry.dispose();
    });

    it('returns a ready second device when the first of the role is absent', async () => {
      const left = new FakeDevice('fingerprint-left', 'fingerprint', { present: false });
      const right = new FakeDevice('fingerprint-right', 'fingerprint');
      const { registry } = registryOf(left, right);
      await registry.start();

      expect(registry.requireReady('fingerprint')).toBe(right);
      registry.dispose();
    });

    it('tells the person the printer is out of paper and the technician which device and why', async () => {
      const printer = new FakeDevice('printer', 'printer');
      const { registry } = registryOf(printer);
      await registry.start();
      printer.fault('PAPER_OUT', 'paper end sensor');

      const error = (() => {
        try {
          registry.requireReady('printer');
        } catch (err) {
          return err as DeviceNotReadyError;
        }
      })();

      expect(error).toBeInstanceOf(DeviceNotReadyError);
      expect(error).toBeInstanceOf(DeviceUnavailableError);
      expect(error?.code).toBe('DEVICE_NOT_READY');
      expect(error?.userMessage.vi).toBe('Máy in hết giấy, vui lòng báo nhân viên.');
      expect(error?.userMessage.en).toBe('The printer is out of paper, please ask staff.');
      expect(error?.message).toMatch(/^printer 'printer' \(sim\) is faulted: PAPER_OUT \(paper end sensor\) since \d{4}-/);
      expect(error).toMatchObject({ role: 'printer', deviceId: 'printer', health: { state: 'faulted', reason: 'PAPER_OUT' } });
      registry.dispose();
    });

    it("falls back to the role's message for a reason without its own, e.g. an unplugged gate", async () => {
      const gate = new FakeDevice('gate', 'gate');
      const { registry } = registryOf(gate);
      await registry.start();
      gate.unplug();

      expect(() => registry.requireReady('gate')).toThrow(expect.objectContaining({ userMessage: USER_MESSAGES.GATE_UNAVAILABLE }));
      registry.dispose();
    });

    it('uses a reason that is itself a person-facing message key, e.g. PCSC_NOT_INSTALLED', async () => {
      const reader = new FakeDevice('reader', 'cardReader');
      const { registry } = registryOf(reader);
      await registry.start();
      reader.fault('PCSC_NOT_INSTALLED');

      expect(() => registry.requireReady('cardReader')).toThrow(expect.objectContaining({ userMessageKey: 'PCSC_NOT_INSTALLED' }));
      registry.dispose();
    });

    it('says DEVICE_BUSY when the device is in use, so the flow can wait and retry', async () => {
      const fingerprint = new FakeDevice('fingerprint', 'fingerprint');
      const { registry } = registryOf(fingerprint);
      await registry.start();
      fingerprint.busy();

      expect(() => registry.requireReady('fingerprint')).toThrow(expect.objectContaining({ code: 'DEVICE_BUSY', userMessageKey: 'DEVICE_BUSY' }));
      registry.dispose();
    });

    it('says DEVICE_NOT_CONFIGURED for a role the config lacks', async () => {
      const { registry } = registryOf(new FakeDevice('printer', 'printer'));
      await registry.start();

      expect(() => registry.requireReady('gate')).toThrow(expect.objectContaining({ code: 'DEVICE_NOT_CONFIGURED', message: 'no gate device is configured' }));
      registry.dispose();
    });
  });

  describe('onDidChangeHealth', () => {
    it('fires once per change with the previous health, and not for a repeat of the same state', async () => {
      const printer = new FakeDevice('printer', 'printer');
      const { registry, changes } = registryOf(printer);
      await registry.start();

      printer.fault('PAPER_OUT');
      printer.fault('PAPER_OUT');
      printer.fault('COVER_OPEN');

      expect(changes.slice(2).map((c) => [c.previous.reason, c.health.reason])).toEqual([
        [undefined, 'PAPER_OUT'],
        ['PAPER_OUT', 'COVER_OPEN'],
      ]);
      expect(changes[2]).toMatchObject({ id: 'printer', role: 'printer', required: true });
      registry.dispose();
    });
  });

  describe('dispose', () => {
    it('disposes every device, cancels pending retries and fires nothing more', async () => {
      const printer = new FakeDevice('printer', 'printer', { present: false });
      const gate = new FakeDevice('gate', 'gate');
      const { registry, changes } = registryOf(printer, gate);
      await registry.start();
      const seen = changes.length;

      registry.dispose();
      await vi.advanceTimersByTimeAsync(10_000);

      expect(printer.disposed && gate.disposed).toBe(true);
      expect(printer.opens).toHaveLength(1);
      expect(changes).toHaveLength(seen);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('disposes a device whose construction finishes after the registry was disposed', async () => {
      const late = new FakeDevice('late', 'gate');
      let build: (() => void) | undefined;
      const registry = new DeviceRegistry({
        devices: [config('late', 'gate')],
        create: () => new Promise((resolve) => (build = () => resolve(late))),
      });
      const started = registry.start();

      registry.dispose();
      build?.();
      await started;

      expect(late.disposed).toBe(true);
      expect(late.opens).toHaveLength(0);
    });
  });

  it('keeps a faulted device out of requireReady until it reports ready again', async () => {
    const printer = new FakeDevice('printer', 'printer');
    const { registry } = registryOf(printer);
    await registry.start();
    printer.fault('COVER_OPEN');
    expect(() => registry.requireReady('printer')).toThrow(KioskError);

    printer.announceReady();

    expect(registry.requireReady('printer')).toBe(printer);
    registry.dispose();
  });
});
