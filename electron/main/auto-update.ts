// The shell's self-update from the site's own update server (electron-updater, generic provider), off
// unless the kiosk config says `updates.enabled: true` (electron/core/config/updates-config.ts).
//
// When on: a check at start and every `checkHours`; a found update downloads in the background; it is
// installed (the app quits, the core is stopped first by the shell's before-quit, the installer runs and
// starts the kiosk again) only when nobody is using the kiosk: the welcome screen has been shown for
// `idleMinutes` without interruption, and, if a `quietHour` is set, only during that hour. Never in the
// middle of a person's check-in. Every error is logged and the kiosk carries on; an update is never a
// reason to stop serving.
//
// Which screen is shown is learnt from the core's own snapshots as the contract relay passes them to the
// renderer (observeCoreFrame), so no second connection to the core is needed.

import type { Logger } from '../../native/util/logger.ts';
import { loadKioskConfig } from '../core/config/load-kiosk-config.ts';
import type { UpdatesConfig } from '../core/config/updates-config.ts';
import type { CoreLaunch } from './paths.ts';

/** What the kiosk needs of electron-updater's AppUpdater (its `autoUpdater`). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  logger: unknown;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version?: unknown }) => void): unknown;
  on(event: 'update-available' | 'update-not-available', listener: (info: { version?: unknown }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Timers, injectable so tests control time without waiting. */
export interface UpdateClock {
  now(): number;
  /** The local hour of day (0-23) at `now()`. */
  hour(): number;
  every(ms: number, run: () => void): () => void;
}

export interface KioskUpdaterOptions {
  /** The `updates` section, or null when there is none to use (siteUpdatesConfig). */
  readonly loadConfig: () => Promise<UpdatesConfig | null>;
  /** Loads electron-updater's autoUpdater; called only when updates are enabled. */
  readonly loadUpdater: () => Promise<UpdaterLike>;
  readonly logger: Logger;
  /** The installed version (app.getVersion()), for the log. */
  readonly currentVersion: string;
  readonly clock?: UpdateClock;
  /** How often a downloaded update looks for its moment to install. Default 30 s. */
  readonly installPollMs?: number;
}

const systemClock: UpdateClock = {
  now: () => Date.now(),
  hour: () => new Date().getHours(),
  every(ms, run) {
    const timer = setInterval(run, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** A version string fit for the log: what an update server wrote, bounded. */
function versionOf(info: { version?: unknown }): string {
  return typeof info.version === 'string' ? info.version.slice(0, 40) : 'unknown';
}

export type UpdaterState = 'off' | 'idle' | 'checking' | 'downloaded' | 'installing' | 'stopped';

export class KioskUpdater {
  private readonly clock: UpdateClock;
  private readonly log: Logger;
  private readonly stops: (() => void)[] = [];
  private updater: UpdaterLike | null = null;
  private welcomeSince: number | null = null;
  private downloaded: string | null = null;
  private current: UpdaterState = 'off';
  private config: UpdatesConfig | null = null;

  constructor(private readonly options: KioskUpdaterOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.logger.child({ module: 'auto-update' });
  }

  get state(): UpdaterState {
    return this.current;
  }

  /**
   * Starts checking when the config enables updates; otherwise only logs that they are off. Never
   * rejects: a failure to load or configure the updater is logged and updates stay off.
   */
  async start(): Promise<void> {
    let config: UpdatesConfig | null;
    try {
      config = await this.options.loadConfig();
    } catch {
      config = null;
    }
    if (config === null || !config.enabled || config.url === undefined) {
      this.log.info({ event: 'updates-off' }, 'automatic updates are off (updates.enabled)');
      return;
    }
    this.config = config;
    try {
      const updater = await this.options.loadUpdater();
      updater.autoDownload = true;
      // Installing is this class's decision (idle welcome screen), not a side effect of any quit.
      updater.autoInstallOnAppQuit = false;
      updater.allowDowngrade = false;
      updater.logger = this.updaterLogger();
      updater.setFeedURL({ provider: 'generic', url: config.url, channel: config.channel });
      updater.on('update-available', (info) => this.log.info({ event: 'update-available', version: versionOf(info) }, 'an update is available; downloading'));
      updater.on('update-not-available', () => this.log.debug({ event: 'update-none' }, 'no update'));
      updater.on('update-downloaded', (info) => this.onDownloaded(versionOf(info)));
      updater.on('error', (err) => this.log.warn({ event: 'update-error', error: err.name, code: (err as NodeJS.ErrnoException).code }, 'the update failed; the kiosk carries on'));
      this.updater = updater;
    } catch (err) {
      this.log.warn({ event: 'update-setup-failed', error: (err as Error).name }, 'the updater could not be set up; updates stay off');
      return;
    }
    this.current = 'idle';
    this.log.info({ event: 'updates-on', channel: config.channel, checkHours: config.checkHours, version: this.options.currentVersion }, 'automatic updates are on');
    void this.check();
    this.stops.push(this.clock.every(config.checkHours * 3_600_000, () => void this.check()));
    this.stops.push(this.clock.every(this.options.installPollMs ?? 30_000, () => this.installIfQuiet()));
  }

  /** Stops the timers (the shell is quitting). A downloaded update is not installed. */
  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    if (this.current !== 'off') this.current = 'stopped';
  }

  /**
   * Learns the screen from one frame the core sent the renderer (a JSON text). Only `snapshot`
   * messages count; anything else, including frames that are no JSON, is ignored. Never throws.
   */
  observeCoreFrame(frame: string): void {
    if (!frame.includes('"snapshot"')) return; // most frames are replies and events: skip the parse
    let screen: unknown;
    try {
      const message = JSON.parse(frame) as { type?: unknown; snapshot?: { view?: { screen?: unknown } } };
      if (message.type !== 'snapshot') return;
      screen = message.snapshot?.view?.screen;
    } catch {
      return;
    }
    if (screen === 'welcome') this.welcomeSince ??= this.clock.now();
    else this.welcomeSince = null;
  }

  /** Whether now is a moment to install: welcome screen idle long enough, and inside the quiet hour if one is set. */
  isQuietMoment(): boolean {
    if (this.config === null) return false;
    const { idleMinutes, quietHour } = this.config;
    if (this.welcomeSince === null || this.clock.now() - this.welcomeSince < idleMinutes * 60_000) return false;
    return quietHour === undefined || this.clock.hour() === quietHour;
  }

  private async check(): Promise<void> {
    const updater = this.updater;
    if (updater === null || this.current !== 'idle') return;
    this.current = 'checking';
    try {
      await updater.checkForUpdates();
    } catch (err) {
      // Unreachable server, bad TLS, a broken latest.yml: logged, tried again at the next check.
      this.log.warn({ event: 'update-check-failed', error: (err as Error).name, code: (err as NodeJS.ErrnoException).code }, 'could not check for updates');
    } finally {
      if (this.current === 'checking') this.current = 'idle';
    }
  }

  private onDownloaded(version: string): void {
    this.downloaded = version;
    this.current = 'downloaded';
    this.log.info({ event: 'update-downloaded', version }, 'an update is ready; it installs when the kiosk is idle');
    this.installIfQuiet();
  }

  private installIfQuiet(): void {
    if (this.current !== 'downloaded' || this.updater === null || !this.isQuietMoment()) return;
    this.current = 'installing';
    this.log.info({ event: 'update-install', version: this.downloaded, from: this.options.currentVersion }, 'installing the update; the kiosk restarts');
    try {
      // Silent installer, and the kiosk is started again after it.
      this.updater.quitAndInstall(true, true);
    } catch (err) {
      this.current = 'downloaded';
      this.log.warn({ event: 'update-install-failed', error: (err as Error).name }, 'the update could not be installed; the kiosk carries on');
    }
  }

  private updaterLogger(): Record<'info' | 'warn' | 'error' | 'debug', (message: unknown) => void> {
    // electron-updater's own lines name URLs, files and versions, never a person: kept at debug level.
    const line = (message: unknown) => (typeof message === 'string' ? message.slice(0, 300) : String(message).slice(0, 300));
    return {
      info: (m) => this.log.debug({ event: 'updater' }, line(m)),
      debug: (m) => this.log.debug({ event: 'updater' }, line(m)),
      warn: (m) => this.log.debug({ event: 'updater-warn' }, line(m)),
      error: (m) => this.log.debug({ event: 'updater-error' }, line(m)),
    };
  }
}

/** electron-updater's autoUpdater, loaded on demand (it reads Electron's app at load time). */
export async function loadElectronUpdater(): Promise<UpdaterLike> {
  const module = (await import('electron-updater')) as unknown as { autoUpdater?: UpdaterLike; default?: { autoUpdater?: UpdaterLike } };
  const updater = module.autoUpdater ?? module.default?.autoUpdater;
  if (updater === undefined) throw new Error('electron-updater has no autoUpdater');
  return updater;
}

/**
 * The `updates` section of the site config the core is started with (`--config` or KIOSK_CONFIG, with
 * KIOSK_CONFIG_OVERRIDE and the environment), or null: a profile run (development, demo) has no update
 * server, and a config that does not load is the core's to report (it shows the config error page).
 * Never rejects.
 */
export async function siteUpdatesConfig(launch: CoreLaunch, load: typeof loadKioskConfig = loadKioskConfig): Promise<UpdatesConfig | null> {
  if (launch.kind !== 'start') return null;
  const at = launch.args.indexOf('--config');
  const file = at >= 0 ? launch.args[at + 1] : launch.env.KIOSK_CONFIG;
  if (file === undefined || file === '') return null;
  const override = launch.env.KIOSK_CONFIG_OVERRIDE;
  try {
    const loaded = await load({ file, ...(override ? { overrideFile: override } : {}), env: launch.env });
    return loaded.config.updates;
  } catch {
    return null;
  }
}
