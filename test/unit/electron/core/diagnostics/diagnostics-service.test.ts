import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiagnosticsService } from '../../../../../electron/core/diagnostics/diagnostics-service.ts';
import { formatDiagnostics } from '../../../../../electron/core/diagnostics/format-diagnostics.ts';
import type { DeviceConfig } from '../../../../../native/hal/device-config.ts';
import { DeviceRegistry } from '../../../../../native/hal/device-registry.ts';
import type { Device, DeviceRole } from '../../../../../native/hal/device.ts';
import { KioskError, USER_MESSAGES } from '../../../../../native/hal/errors.ts';
import { FakeDevice } from '../../../../helpers/fake-device.ts';

const config = (id: string, role: DeviceRole, required = true): DeviceConfig => ({ id, role, driver: 'sim', required, options: {} });

async function started(entries: readonly { device: Device | Error; required?: boolean }[]): Promise<DeviceRegistry> {
  const registry = new DeviceRegistry({
    devices: entries.map(({ device, required }, i) => config(device instanceof Error ? `broken-${i}` : device.id, device instanceof Error ? 'gate' : device.role, required)),
    create: (c) => {
      const entry = entries.find(({ device }) => !(device instanceof Error) && device.id === c.id);
      if (entry) return entry.device as Device;
      throw entries.find(({ device }) => device instanceof Error)!.device;
    },
    backoff: { initialMs: 60_000 },
  });
  await registry.start();
  return registry;
}

describe('DiagnosticsService', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('list', () => {
    it('lists every device with role, driver, required, state, reason and since', async () => {
      const printer = new FakeDevice('printer', 'printer');
      const gate = new FakeDevice('gate', 'gate', { present: false });
      const registry = await started([{ device: printer }, { device: gate, required: false }]);

      const list = new DiagnosticsService(registry).list();

      expect(list).toEqual([
        { id: 'printer', role: 'printer', driver: 'sim', required: true, state: 'ready', since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
        {
          id: 'gate',
          role: 'gate',
          driver: 'sim',
          required: false,
          state: 'absent',
          reason: 'NOT_CONNECTED',
          since: expect.any(String),
          reconnect: { attempt: 1, at: expect.any(String) },
        },
      ]);
      registry.dispose();
    });
  });

  describe('selfTestAll', () => {
    it('passes when every required device passes, whatever the optional ones do', async () => {
      const printer = new FakeDevice('printer', 'printer');
      const gate = new FakeDevice('gate', 'gate');
      gate.selfTestResult = { ok: false, steps: [{ name: 'pulse', ok: false, ms: 3, detail: 'GATE_DID_NOT_OPEN' }], totalMs: 3 };
      const registry = await started([{ device: printer }, { device: gate, required: false }]);

      const report = await new DiagnosticsService(registry).selfTestAll();

      expect(report.ok).toBe(true);
      expect(report.devices.map((d) => [d.id, d.selfTest.ok])).toEqual([
        ['printer', true],
        ['gate', false],
      ]);
      expect(report.devices[0]?.selfTest).toEqual({ ok: true, totalMs: 1.3, steps: [{ name: 'ping', ok: true, ms: 1.3 }] });
      expect(report.devices[1]?.selfTest.userMessage).toEqual(USER_MESSAGES.GATE_UNAVAILABLE);
      registry.dispose();
    });

    it('fails when a required device fails, with the message a person would read', async () => {
      const printer = new FakeDevice('printer', 'printer');
      printer.selfTestResult = { ok: false, steps: [{ name: 'status', ok: false, ms: 2, detail: 'paper out' }], totalMs: 2 };
      const registry = await started([{ device: printer }]);
      printer.fault('PAPER_OUT');

      const report = await new DiagnosticsService(registry).selfTestAll();

      expect(report.ok).toBe(false);
      expect(report.devices[0]).toMatchObject({ state: 'faulted', reason: 'PAPER_OUT', selfTest: { ok: false, userMessage: USER_MESSAGES.PRINTER_PAPER_OUT } });
      registry.dispose();
    });

    it("replaces the generic INTERNAL message of a failed test with the role's own", async () => {
      const printer = new FakeDevice('printer', 'printer');
      printer.selfTestResult = { ok: false, steps: [{ name: 'port open', ok: false, ms: 1 }], totalMs: 1, userMessage: USER_MESSAGES.INTERNAL };
      const registry = await started([{ device: printer }]);

      const report = await new DiagnosticsService(registry).selfTestAll();

      expect(report.devices[0]?.selfTest.userMessage).toEqual(USER_MESSAGES.PRINTER_UNAVAILABLE);
      registry.dispose();
    });

    it('reports a device that could not be built as a failed `create` step with its cause', async () => {
      const registry = await started([{ device: new KioskError('SERIAL_NOT_INSTALLED', 'serialport is not installed') }]);

      const report = await new DiagnosticsService(registry).selfTestAll();

      expect(report.ok).toBe(false);
      expect(report.devices[0]?.selfTest.steps).toEqual([{ name: 'create', ok: false, ms: 0, detail: 'SERIAL_NOT_INSTALLED: serialport is not installed' }]);
      registry.dispose();
    });

    it('fails a self-test that does not finish in time, and goes on with the next device', async () => {
      vi.useFakeTimers();
      const fingerprint = new FakeDevice('fingerprint', 'fingerprint');
      fingerprint.selfTestResult = () => new Promise(() => undefined);
      const printer = new FakeDevice('printer', 'printer');
      const registry = await started([{ device: fingerprint }, { device: printer }]);

      const pending = new DiagnosticsService(registry, { selfTestTimeoutMs: 5000 }).selfTestAll();
      await vi.advanceTimersByTimeAsync(5000);
      const report = await pending;

      expect(report.devices[0]?.selfTest).toMatchObject({ ok: false, steps: [{ name: 'timeout', ok: false, detail: 'no result within 5000 ms' }] });
      expect(report.devices[1]?.selfTest.ok).toBe(true);
      registry.dispose();
    });

    it('turns a self-test that throws (against its contract) into a failed step', async () => {
      const printer = new FakeDevice('printer', 'printer');
      printer.selfTestResult = () => Promise.reject(new KioskError('PRINTER_NOT_RESPONDING', 'no status reply'));
      const registry = await started([{ device: printer }]);

      const report = await new DiagnosticsService(registry).selfTestAll();

      expect(report.devices[0]?.selfTest.steps).toEqual([expect.objectContaining({ name: 'self-test', ok: false, detail: 'PRINTER_NOT_RESPONDING: no status reply' })]);
      registry.dispose();
    });
  });

  describe('selfTest', () => {
    it('rejects an id that is not in the config with UNKNOWN_DEVICE', async () => {
      const registry = await started([{ device: new FakeDevice('printer', 'printer') }]);

      await expect(new DiagnosticsService(registry).selfTest('printr')).rejects.toMatchObject({ code: 'UNKNOWN_DEVICE', message: "no device 'printr' in the config" });
      registry.dispose();
    });
  });
});

describe('formatDiagnostics', () => {
  it('prints a row per device, the steps with timings, and the verdict naming failed required devices', async () => {
    const printer = new FakeDevice('printer', 'printer');
    printer.selfTestResult = { ok: false, steps: [{ name: 'status', ok: false, ms: 2.04, detail: 'paper out' }], totalMs: 2.04 };
    const registry = await started([{ device: printer }, { device: new FakeDevice('gate', 'gate'), required: false }]);
    printer.fault('PAPER_OUT');
    const report = await new DiagnosticsService(registry).selfTestAll();

    const lines = formatDiagnostics(report).split('\n');

    expect(lines[0]).toMatch(/^DEVICE\s+ROLE\s+DRIVER\s+REQUIRED\s+STATE\s+REASON\s+SELF-TEST\s+TIME$/);
    expect(lines[1]).toMatch(/^printer\s+printer\s+sim\s+yes\s+faulted\s+PAPER_OUT\s+FAIL\s+2\.0 ms$/);
    expect(lines[2]).toMatch(/^gate\s+gate\s+sim\s+no\s+ready\s+-\s+pass\s+1\.3 ms$/);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}FAIL status\s+2\.0 ms {2}paper out$/));
    expect(lines).toContain('  a person would read: The printer is out of paper, please ask staff.');
    expect(lines.at(-1)).toMatch(/^result: 1 of 1 required device\(s\) failed: printer \(\d+\.\d ms\)$/);
    registry.dispose();
  });
});
