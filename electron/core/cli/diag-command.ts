// `kiosk diag [--json] [--config FILE] [--device ID] [--timeout SECONDS]`: builds the devices of a kiosk
// config, runs their self-tests with timings and prints a table (or JSON). Without --config it uses the
// demo profile, config/kiosk/demo.yaml (every device simulated), so it works on a fresh machine. FILE is
// a whole kiosk config, or a file holding a `devices:` section alone.
// Exit codes: 0 every required device passed, 1 a required device failed, 2 bad usage or bad config.

import { DeviceConfigError, type DeviceConfig } from '../../../native/hal/device-config.ts';
import { KioskError } from '../../../native/hal/errors.ts';
import { ConfigError } from '../config/config-error.ts';
import { readConfigLayer } from '../config/config-file.ts';
import { loadKioskConfig, profileConfigFile } from '../config/load-kiosk-config.ts';
import { createDeviceRegistry } from '../devices/create-device-registry.ts';
import { loadDevicesConfigFile } from '../devices/devices-config-file.ts';
import { DiagnosticsService } from '../diagnostics/diagnostics-service.ts';
import type { DiagnosticsReport } from '../diagnostics/diagnostics-report.ts';
import { formatDiagnostics } from '../diagnostics/format-diagnostics.ts';
import { CliError } from './cli-error.ts';
import { registerCommand } from './main.ts';
import { parseOptions } from './parse-options.ts';

const USAGE = 'usage: kiosk diag [--json] [--config FILE] [--device ID] [--timeout SECONDS]';

/**
 * The devices of `file` (default the demo profile), read as the kiosk reads its config file, without the
 * KIOSK_* environment. A file with a `devices:` section and nothing else is read as that section alone.
 */
async function loadDiagDevices(file: string | undefined): Promise<readonly DeviceConfig[]> {
  if (file !== undefined) {
    const read = await readConfigLayer(file);
    const keys = read.ok ? Object.keys(read.layer) : [];
    if (keys.length === 1 && keys[0] === 'devices') return loadDevicesConfigFile(file);
  }
  const { config } = await loadKioskConfig({ file: file ?? profileConfigFile('demo'), env: {} });
  return config.devices;
}

async function diag(args: readonly string[]): Promise<number> {
  const { values } = parseOptions(args, {
    json: { type: 'boolean' },
    config: { type: 'string' },
    device: { type: 'string' },
    timeout: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const timeoutS = values.timeout === undefined ? 30 : Number(values.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0 || timeoutS > 600) throw new CliError('--timeout must be a number of seconds between 0 and 600');

  let devices;
  try {
    devices = await loadDiagDevices(values.config);
  } catch (err) {
    if (err instanceof DeviceConfigError || err instanceof ConfigError) throw new CliError(err.message, 2);
    throw err;
  }
  if (values.device !== undefined && !devices.some((d) => d.id === values.device)) {
    throw new CliError(`no device '${values.device}' in the config (devices: ${devices.map((d) => d.id).join(', ') || 'none'})`);
  }
  const selected = values.device === undefined ? devices : devices.filter((d) => d.id === values.device);

  const registry = createDeviceRegistry(selected);
  try {
    await registry.start();
    const service = new DiagnosticsService(registry, { selfTestTimeoutMs: timeoutS * 1000 });
    let report: DiagnosticsReport;
    try {
      report = await service.selfTestAll();
    } catch (err) {
      if (err instanceof KioskError) throw new CliError(err.message, 1);
      throw err;
    }
    console.log(values.json ? JSON.stringify(report, null, 2) : formatDiagnostics(report));
    return report.ok ? 0 : 1;
  } finally {
    registry.dispose();
  }
}

registerCommand({
  name: 'diag',
  summary: 'device diagnostics: health and self-tests of the configured devices (demo profile by default)',
  run: diag,
});
