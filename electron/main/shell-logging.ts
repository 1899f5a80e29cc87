// The Electron main process's own logs and data folder, from the same config the core is started
// with (paths.ts coreLaunch: the same arguments and environment). With `logging.directory`, main
// writes rotated files of its own (`kiosk-shell.<n>.log`) beside the core's; the crash screen's report
// goes to `<store.dataDir>/reports`. When the config cannot be read (missing, invalid: the core will
// say why on the crash screen), main logs to stderr and keeps its reports in Electron's userData.

import { openProcessLoggerOrStderr, type LogSettings, type ProcessLogger } from '../../native/util/log-files.ts';
import { configEnvironment, parseCoreArguments } from '../core/app/core-arguments.ts';
import { loadStartupConfig } from '../core/config/load-kiosk-config.ts';
import type { CoreLaunch } from './paths.ts';

export interface ShellSettings {
  readonly logging: LogSettings;
  /** Where the crash screen writes its report (`<dataDir>/reports`). */
  readonly dataDir: string;
  /** Whether the settings came from the kiosk config (false: the defaults after a config error). */
  readonly fromConfig: boolean;
}

/** The level when no config can be read: KIOSK_LOG_LEVEL=debug, else info. */
function fallbackLevel(env: NodeJS.ProcessEnv): LogSettings['level'] {
  return env.KIOSK_LOG_LEVEL === 'debug' ? 'debug' : 'info';
}

/**
 * The shell's settings from the core's launch. Never throws: a config the core cannot use either gives
 * the fallback (stderr, `fallbackDataDir`), and the core's own start reports the problem.
 */
export async function loadShellSettings(launch: CoreLaunch, fallbackDataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ShellSettings> {
  const fallback: ShellSettings = { logging: { level: fallbackLevel(env), rotation: { maxSizeMb: 10, maxFiles: 10 } }, dataDir: fallbackDataDir, fromConfig: false };
  if (launch.kind !== 'start') return fallback;
  try {
    const loaded = await loadStartupConfig(configEnvironment(parseCoreArguments(launch.args), launch.env));
    return { logging: loaded.config.logging, dataDir: loaded.config.store.dataDir, fromConfig: true };
  } catch {
    return fallback;
  }
}

/** The settings and main's logger (`kiosk-shell`). Never throws. */
export async function openShellLogging(launch: CoreLaunch, fallbackDataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<{ settings: ShellSettings; logs: ProcessLogger }> {
  const settings = await loadShellSettings(launch, fallbackDataDir, env);
  const logs = await openProcessLoggerOrStderr({ service: 'kiosk-shell', logging: settings.logging });
  return { settings, logs };
}
