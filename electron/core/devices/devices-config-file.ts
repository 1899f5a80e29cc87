// Reads the devices section from a YAML file (or text): YAML syntax errors with line and column, then
// the section's schema (native/hal/device-config.ts), then each driver's options schema. Every problem
// is reported at once, one line each, as DeviceConfigError.

import { readFile, stat } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { formatConfigIssues } from '../../../native/hal/config-issues.ts';
import { DeviceConfigError, parseDevicesConfig, type DeviceConfig } from '../../../native/hal/device-config.ts';
import { DEVICE_FACTORIES, findDeviceFactory } from './device-factories.ts';
import type { DeviceFactory } from './device-factory.ts';

/** Config files are small; anything larger is not a config file. */
const MAX_CONFIG_BYTES = 1 << 20;

/**
 * Parses YAML text holding a `devices:` section. Throws DeviceConfigError whose `problems` name the
 * line and column of a YAML error, or the field path and allowed values of a schema error.
 */
export function parseDevicesConfigText(text: string, source: string, factories: readonly DeviceFactory[] = DEVICE_FACTORIES): readonly DeviceConfig[] {
  // YAML 1.2 core schema: `yes` stays a string, 0x2109 is a number; aliases are bounded by maxAliasCount.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) {
    throw new DeviceConfigError(
      doc.errors.map((e) => {
        const at = e.linePos?.[0];
        // prettyErrors appends " at line L, column C:" and a source excerpt; keep the one-line message.
        const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        return `${at ? `line ${at.line}, column ${at.col}: ` : ''}${message}`;
      }),
      source,
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new DeviceConfigError([err instanceof Error ? err.message : String(err)], source);
  }
  const devices = parseDevicesConfig(value, source);
  const problems: string[] = [];
  devices.forEach((device, index) => {
    const factory = findDeviceFactory(device.role, device.driver, factories);
    if (factory === undefined) {
      problems.push(`devices[${index}].driver: '${device.driver}' is not available in this build for role ${device.role}`);
      return;
    }
    const result = factory.options.safeParse(device.options, { reportInput: true });
    if (!result.success) problems.push(...formatConfigIssues(result.error.issues, ['devices', index, 'options']));
  });
  if (problems.length > 0) throw new DeviceConfigError(problems, source);
  return devices;
}

/** Reads and parses a devices config file. Throws DeviceConfigError (also for a missing or unreadable file). */
export async function loadDevicesConfigFile(path: string, factories: readonly DeviceFactory[] = DEVICE_FACTORIES): Promise<readonly DeviceConfig[]> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new DeviceConfigError(['is not a file'], path);
    if (info.size > MAX_CONFIG_BYTES) throw new DeviceConfigError([`is ${info.size} bytes; a config file is at most ${MAX_CONFIG_BYTES}`], path);
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof DeviceConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new DeviceConfigError([code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(err)})`], path);
  }
  return parseDevicesConfigText(text, path, factories);
}
