import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineDeviceFactory } from '../../../../../electron/core/devices/device-factory.ts';
import { DEVICE_FACTORIES } from '../../../../../electron/core/devices/device-factories.ts';
import { loadDevicesConfigFile, parseDevicesConfigText } from '../../../../../electron/core/devices/devices-config-file.ts';
import { DEVICE_DRIVERS, DeviceConfigError } from '../../../../../native/hal/device-config.ts';
import { DEVICE_ROLES } from '../../../../../native/hal/device.ts';

const scratch = mkdtempSync(join(tmpdir(), 'devices-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function problemsOf(text: string): readonly string[] {
  try {
    parseDevicesConfigText(text, 'test.yaml');
    return [];
  } catch (err) {
    if (err instanceof DeviceConfigError) return err.problems;
    throw err;
  }
}

describe('parseDevicesConfigText', () => {
  it('reads a YAML devices section, hexadecimal USB ids included', () => {
    const devices = parseDevicesConfigText(
      ['devices:', '  - id: fingerprint', '    role: fingerprint', '    driver: r30x-hid', '    transport: { type: hid, vendorId: 0x2109, productId: 0x7638 }'].join('\n'),
      'test.yaml',
    );

    expect(devices).toEqual([
      { id: 'fingerprint', role: 'fingerprint', driver: 'r30x-hid', transport: { type: 'hid', vendorId: 0x2109, productId: 0x7638 }, required: true, options: {} },
    ]);
  });

  it('gives the line and column of a YAML syntax error', () => {
    expect(problemsOf('devices:\n  - id: a\n  id: b\n')).toEqual(['line 3, column 1: All mapping items must start at the same column']);
  });

  it('refuses a key written twice', () => {
    expect(problemsOf('devices: []\ndevices: []\n')).toEqual(['line 2, column 1: Map keys must be unique']);
  });

  it('names the path and the allowed values of a wrong driver option', () => {
    const text = ['devices:', '  - id: printer', '    role: printer', '    driver: sim', '    options: { widthDots: 500, colour: red }'].join('\n');

    expect(problemsOf(text)).toEqual(["devices[0].options.widthDots: 500 is not one of 384, 576", "devices[0].options: unknown field 'colour'"]);
  });

  it('checks the options of every entry, after the entries themselves are valid', () => {
    const text = ['devices:', '  - { id: reader, role: cardReader, driver: sim, options: { card: passport } }', '  - { id: gate, role: gate, driver: sim, options: { slaveAddress: 0 } }'].join('\n');

    expect(problemsOf(text)).toEqual([
      "devices[0].options.card: 'passport' is not one of none, cccd, passport-td3",
      'devices[1].options.slaveAddress: 0 must be at least 1',
    ]);
  });

  it('says when this build has no constructor for a valid driver', () => {
    const onlySim = [defineDeviceFactory({ role: 'printer', driver: 'sim', options: z.strictObject({}), create: () => Promise.reject(new Error('unused')) })];
    const text = ['devices:', '  - id: printer', '    role: printer', '    driver: escpos-serial', '    transport: { type: serial, path: /dev/ttyS0, baudRate: 9600 }'].join('\n');

    expect(() => parseDevicesConfigText(text, 'test.yaml', onlySim)).toThrow("devices[0].driver: 'escpos-serial' is not available in this build for role printer");
  });
});

describe('loadDevicesConfigFile', () => {
  it('says a missing file is not found, naming it', async () => {
    const path = join(scratch, 'missing.yaml');

    await expect(loadDevicesConfigFile(path)).rejects.toThrow(`${path} is not valid:\n  file not found`);
  });

  it('refuses a directory', async () => {
    await expect(loadDevicesConfigFile(scratch)).rejects.toMatchObject({ problems: ['is not a file'] });
  });

  it('refuses a file larger than a config file can be, without parsing it', async () => {
    const path = join(scratch, 'huge.yaml');
    writeFileSync(path, `# ${'x'.repeat(1 << 20)}\n`);

    await expect(loadDevicesConfigFile(path)).rejects.toMatchObject({ problems: [expect.stringMatching(/^is \d+ bytes; a config file is at most 1048576$/)] });
  });
});

describe('DEVICE_FACTORIES', () => {
  it('has exactly one constructor for every role and driver the config accepts', () => {
    const accepted = DEVICE_ROLES.flatMap((role) => Object.keys(DEVICE_DRIVERS[role]).map((driver) => `${role}/${driver}`)).sort();
    const built = DEVICE_FACTORIES.map((f) => `${f.role}/${f.driver}`).sort();

    expect(built).toEqual(accepted);
  });
});
