// The registry built from the demo profile through the real factory table: real drivers over their
// byte-level simulators, in process. Unplug and replug go through the simulators' control surfaces.

import { afterEach, describe, expect, it } from 'vitest';
import { loadKioskConfig, profileConfigFile } from '../../electron/core/config/load-kiosk-config.ts';
import { createDeviceRegistry } from '../../electron/core/devices/create-device-registry.ts';
import type { SimulatorControls } from '../../electron/core/devices/device-factory.ts';
import { parseDevicesConfigText } from '../../electron/core/devices/devices-config-file.ts';
import type { DeviceRegistry } from '../../native/hal/device-registry.ts';
import type { DeviceState } from '../../native/hal/device.ts';
import { DeviceNotReadyError } from '../../native/hal/device-not-ready.ts';
import type { SimReaderDevice } from '../../native/sim/sim-reader-device.ts';
import type { EscPosPrinterSim } from '../../native/sim/serial/escpos-printer-sim.ts';
import type { SimSerialPort } from '../../native/sim/serial/sim-serial-port.ts';

const FAST_BACKOFF = { initialMs: 20, maxMs: 200 };
let registry: DeviceRegistry | undefined;

afterEach(() => {
  registry?.dispose();
  registry = undefined;
});

/** Resolves when `id` reaches `state` (now or later); a stuck device fails the test at its timeout. */
function reaches(r: DeviceRegistry, id: string, state: DeviceState, reason?: string): Promise<void> {
  const matches = (): boolean => r.get(id)?.health.state === state && (reason === undefined || r.get(id)?.health.reason === reason);
  if (matches()) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = r.onDidChangeHealth(() => {
      if (!matches()) return;
      listener.dispose();
      resolve();
    });
  });
}

async function demo(text?: string): Promise<{ registry: DeviceRegistry; controls: Map<string, SimulatorControls> }> {
  const devices = text === undefined ? (await loadKioskConfig({ file: profileConfigFile('demo'), env: {} })).config.devices : parseDevicesConfigText(text, 'test.yaml');
  const controls = new Map<string, SimulatorControls>();
  registry = createDeviceRegistry(devices, { backoff: FAST_BACKOFF, onSimulator: (id, c) => controls.set(id, c) });
  await registry.start();
  return { registry, controls };
}

describe('DeviceRegistry over the demo profile', () => {
  it('builds every simulated device and reports each one ready', async () => {
    const { registry } = await demo();

    expect(registry.list().map((d) => [d.id, d.health.state])).toEqual([
      ['card-reader', 'ready'],
      ['fingerprint', 'ready'],
      ['document-scanner', 'ready'],
      ['printer', 'ready'],
      ['gate', 'ready'],
    ]);
    expect(registry.requireReady('fingerprint').role).toBe('fingerprint');
  });

  it('reconnects the printer after its cable is pulled and plugged back, without a restart', async () => {
    const { registry, controls } = await demo();
    const port = controls.get('printer')?.port as SimSerialPort;

    port.unplug();
    await reaches(registry, 'printer', 'absent');
    expect(() => registry.requireReady('printer')).toThrow(DeviceNotReadyError);
    port.plug();
    await reaches(registry, 'printer', 'ready');

    expect(registry.requireReady('printer').id).toBe('printer');
    expect(port.opens).toBeGreaterThanOrEqual(2);
  });

  it('follows the simulated card reader through unplug and replug', async () => {
    const { registry, controls } = await demo();
    const reader = controls.get('card-reader')?.device as SimReaderDevice;

    reader.unplug();
    await reaches(registry, 'card-reader', 'absent', 'READER_REMOVED');
    reader.replug();
    await reaches(registry, 'card-reader', 'ready');

    expect(registry.requireReady('cardReader').reader?.cardPresent).toBe(true);
  });

  it('tells the person the printer is out of paper once its status poll sees it', async () => {
    const { registry, controls } = await demo(
      ['devices:', '  - id: printer', '    role: printer', '    driver: sim', '    options: { statusPollMs: 20 }'].join('\n'),
    );
    (controls.get('printer')?.simulator as EscPosPrinterSim).setPaperOut(true);

    await reaches(registry, 'printer', 'faulted', 'PAPER_OUT');

    expect(() => registry.requireReady('printer')).toThrow(
      expect.objectContaining({ code: 'DEVICE_NOT_READY', userMessage: expect.objectContaining({ vi: 'Máy in hết giấy, vui lòng báo nhân viên.' }) }),
    );
  });
});
