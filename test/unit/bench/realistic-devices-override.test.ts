// The bench's realistic-speed override (test/bench/app/realistic-devices.override.yaml) and the sim
// device options it relies on: the simulated serial lines' baud rate and the simulated HID bus's report
// interval. What the speeds cost is the bench's business; here only that the config says what it means.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/core/config/config-error.ts';
import { loadKioskConfig, profileConfigFile } from '../../../electron/core/config/load-kiosk-config.ts';
import { createDevice } from '../../../electron/core/devices/device-factories.ts';
import { silentLogger } from '../../../native/util/logger.ts';

const OVERRIDE = fileURLToPath(new URL('../../bench/app/realistic-devices.override.yaml', import.meta.url));

async function realisticConfig() {
  return (await loadKioskConfig({ file: profileConfigFile('demo'), overrideFile: OVERRIDE, env: {} })).config;
}

describe('the app-checkin bench override', () => {
  it('validates over the demo profile and keeps every device simulated', async () => {
    const config = await realisticConfig();
    expect(config.devices.map((d) => [d.role, d.driver])).toEqual([
      ['cardReader', 'sim'],
      ['fingerprint', 'sim'],
      ['documentScanner', 'sim'],
      ['printer', 'sim'],
      ['gate', 'sim'],
    ]);
  });

  it('sets 15 ms per APDU with no card on the reader, full-speed HID and 115200-baud serial lines', async () => {
    const options = Object.fromEntries((await realisticConfig()).devices.map((d) => [d.role, d.options]));
    expect(options.cardReader).toMatchObject({ card: 'none', latencyMs: 15 });
    expect(options.fingerprint).toMatchObject({ reportIntervalMs: 1 });
    expect(options.documentScanner).toMatchObject({ baudRate: 115200 });
    expect(options.printer).toMatchObject({ baudRate: 115200 });
  });

  it('builds the simulated devices with those options', async () => {
    const config = await realisticConfig();
    const devices = await Promise.all(config.devices.map((d) => createDevice(d, { logger: silentLogger() })));
    try {
      expect(devices.map((d) => d.id)).toEqual(config.devices.map((d) => d.id));
    } finally {
      for (const device of devices) device.dispose();
    }
  });
});

describe('sim device speed options', () => {
  /** The problems of the demo profile with the realistic override and one device's options replaced. */
  async function problemsWith(role: string, options: Record<string, unknown>): Promise<string[]> {
    const text = readFileSync(OVERRIDE, 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'bench-override-'));
    try {
      const file = join(dir, 'override.yaml');
      const override = parseYaml(text) as { devices: { role: string; options?: Record<string, unknown> }[] };
      for (const device of override.devices) if (device.role === role) device.options = options;
      writeFileSync(file, stringifyYaml(override));
      await loadKioskConfig({ file: profileConfigFile('demo'), overrideFile: file, env: {} });
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return [...error.problems];
      throw error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('refuses a serial line rate that is no standard baud rate, naming the field', async () => {
    expect((await problemsWith('printer', { baudRate: 115000 })).join('\n')).toMatch(/^devices\[3\]\.options\.baudRate: /);
  });

  it('refuses a HID report interval beyond 100 ms, naming the field', async () => {
    expect((await problemsWith('fingerprint', { reportIntervalMs: 250 })).join('\n')).toMatch(/^devices\[1\]\.options\.reportIntervalMs: /);
  });

  it('accepts other standard rates and intervals, and no pacing at all', async () => {
    expect(await problemsWith('documentScanner', { baudRate: 9600 })).toEqual([]);
    expect(await problemsWith('fingerprint', { reportIntervalMs: 0 })).toEqual([]);
    expect(await problemsWith('printer', {})).toEqual([]);
  });
});
