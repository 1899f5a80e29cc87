// `kiosk start [--profile P] [--config FILE] [--override FILE] [--port N] [--renderer DIR] [--no-browser]`:
// the browser shell. Loads the config (flags over KIOSK_* environment over files), starts the kiosk core,
// prints exactly one line on stdout, `kiosk: ready <kioskUrl>` (the URL holds the contract token: it is
// printed for the person who started the kiosk, never logged), and opens Chromium in kiosk mode when a
// display is present. Logs go to stderr. SIGINT / SIGTERM close the core and exit 0; a bad config prints
// one line per problem with its path and exits 2; a core that cannot start exits 1.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KioskError } from '../../../native/hal/errors.ts';
import { openProcessLoggerOrStderr } from '../../../native/util/log-files.ts';
import type { Logger } from '../../../native/util/logger.ts';
import { startKioskCore } from '../app/start-kiosk-core.ts';
import { ConfigError } from '../config/config-error.ts';
import { KIOSK_PROFILES } from '../config/kiosk-config-schema.ts';
import { loadStartupConfig, type LoadedKioskConfig } from '../config/load-kiosk-config.ts';
import { CliError } from './cli-error.ts';
import { registerCommand } from './main.ts';
import { parseOptions } from './parse-options.ts';

export const START_USAGE = 'usage: kiosk start [--profile demo|hospital|border-gate] [--config FILE] [--override FILE] [--port N] [--renderer DIR] [--no-browser]';

/** Browsers tried in order for the kiosk window. */
export const BROWSER_CANDIDATES = Object.freeze(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']);

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new CliError(`--port must be an integer between 0 and 65535\n${START_USAGE}`);
  return port;
}

/** The environment with the flags applied: flags win over KIOSK_* variables. */
export function startEnvironment(values: { profile?: string; config?: string; override?: string }, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (values.profile !== undefined && !(KIOSK_PROFILES as readonly string[]).includes(values.profile)) {
    throw new CliError(`--profile must be one of ${KIOSK_PROFILES.join(', ')}\n${START_USAGE}`);
  }
  const next: NodeJS.ProcessEnv = { ...env };
  if (values.profile !== undefined) {
    next.KIOSK_PROFILE = values.profile;
    // A profile named on the command line beats a config file named in the environment.
    if (values.config === undefined) delete next.KIOSK_CONFIG;
  }
  if (values.config !== undefined) next.KIOSK_CONFIG = values.config;
  if (values.override !== undefined) next.KIOSK_CONFIG_OVERRIDE = values.override;
  return next;
}

/** Opens the kiosk window in a browser when a display is there. Never throws: a browser is a convenience. */
export function openKioskBrowser(kioskUrl: string, dataDir: string, logger: Logger, env: NodeJS.ProcessEnv = process.env): void {
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
    logger.info({ event: 'browser-skipped', reason: 'no-display' }, 'no display: open the printed URL in a browser');
    return;
  }
  const browser = BROWSER_CANDIDATES.find((candidate) => existsSync(candidate));
  if (browser === undefined) {
    logger.warn({ event: 'browser-missing', tried: BROWSER_CANDIDATES }, 'no Chromium found: open the printed URL in a browser');
    return;
  }
  try {
    const profileDir = join(dataDir, 'chromium-profile');
    mkdirSync(profileDir, { recursive: true, mode: 0o700 });
    const child = spawn(
      browser,
      ['--kiosk', `--app=${kioskUrl}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profileDir}`],
      { detached: true, stdio: 'ignore' },
    );
    child.on('error', (err) => logger.warn({ event: 'browser-failed', browser, code: (err as NodeJS.ErrnoException).code ?? err.name }, 'the browser did not start'));
    child.unref();
    logger.info({ event: 'browser-opened', browser }, 'kiosk window opened');
  } catch (err) {
    logger.warn({ event: 'browser-failed', browser, code: (err as NodeJS.ErrnoException).code ?? 'error' }, 'the browser did not start');
  }
}

async function start(args: readonly string[]): Promise<number> {
  const { values } = parseOptions(args, {
    profile: { type: 'string' },
    config: { type: 'string' },
    override: { type: 'string' },
    port: { type: 'string' },
    renderer: { type: 'string' },
    'no-browser': { type: 'boolean' },
  });
  const port = parsePort(values.port);
  let loaded: LoadedKioskConfig;
  try {
    loaded = await loadStartupConfig(startEnvironment(values, process.env));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`kiosk start: ${err.message}`);
    return 2;
  }
  const { config } = loaded;
  // logging.directory: rotated files of the `kiosk` service (the diagnostics report reads them); else stderr.
  const logFiles = await openProcessLoggerOrStderr({ service: 'kiosk', logging: config.logging });
  const logger = logFiles.logger;
  for (const warning of loaded.warnings) logger.warn({ event: 'config-warning' }, warning);

  let core;
  try {
    core = await startKioskCore({ config: loaded, logger, ...(port === undefined ? {} : { port }), ...(values.renderer === undefined ? {} : { rendererDir: values.renderer }) });
  } catch (err) {
    const code = err instanceof KioskError ? err.code : 'CORE_START_FAILED';
    console.error(`kiosk start: the kiosk did not start (${code}): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    await logFiles.close();
    return 1;
  }
  process.stdout.write(`kiosk: ready ${core.kioskUrl}\n`);
  console.error(`kiosk start: ${config.profile} profile, ${core.flow} flow at ${core.url}; the diagnostics screen opens from the top-right corner (5 taps or a 2 s press, or Ctrl+Alt+D)`);
  if (!values['no-browser']) openKioskBrowser(core.kioskUrl, config.store.dataDir, logger);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  logger.info({ event: 'stopping', signal }, 'stopping the kiosk');
  await core.close('stopping');
  await logFiles.close();
  return 0;
}

registerCommand({ name: 'start', summary: 'run the kiosk core and its screen in a browser (the browser shell)', run: start });
