// The shell's self-healing, put together for lifecycle.ts: the kiosk page's heartbeat watchdog
// (renderer-watchdog.ts) with its answers taken through the IPC guard, the crash screen
// (crash-screen.ts) for a core the supervisor gave up on or a page that keeps dying, the page's report
// downloads saved without a dialog and with reloads held (report-downloads.ts), the renderer told
// when the core is being restarted (it then says "device service restarting", not a bare
// "reconnecting"), and a retry that starts both over.

import { dirname, join } from 'node:path';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../../native/util/logger.ts';
import { CORE_STATUS_CHANNEL, HEARTBEAT_ACK_CHANNEL } from '../preload/ipc-channels.ts';
import type { CoreStatus, CoreSupervisor } from './core-supervisor.ts';
import { CrashScreen, type CrashIpcMain } from './crash-screen.ts';
import { saveReportDownloads, type DownloadSession } from './report-downloads.ts';
import { RendererWatchdog, type RendererWatchdogOptions, type WatchedContents } from './renderer-watchdog.ts';
import { onGuardedIpc, type GuardedIpcEvent, type IpcKioskContents, type IpcMainLike } from './security/ipc-guard.ts';
import { originOf } from './security/origin.ts';

export interface SelfHealingOptions {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  readonly ipcMain: CrashIpcMain & IpcMainLike<GuardedIpcEvent>;
  readonly window: BrowserWindow;
  /** The kiosk session: the page's report downloads are saved from it (report-downloads.ts). */
  readonly session: DownloadSession;
  readonly supervisor: Pick<CoreSupervisor, 'retry' | 'recentExits' | 'status'>;
  readonly coreOrigin: () => string | null;
  readonly crashPage: string;
  readonly crashPreload: string;
  readonly dataDir: () => string;
  readonly logDirectory: () => string | undefined;
  readonly versions: Readonly<Record<string, string>>;
  readonly logger: Logger;
  /** Watchdog timings (tests shorten them). */
  readonly watchdog?: Partial<Pick<RendererWatchdogOptions, 'intervalMs' | 'missedBeats' | 'maxReloads' | 'reloadWindowMs' | 'now'>>;
}

export interface SelfHealing {
  readonly watchdog: RendererWatchdog;
  readonly crashScreen: CrashScreen;
  /** Called with every supervisor status (lifecycle's listener). */
  onCoreStatus(status: CoreStatus): void;
  /** Stops the heartbeat (quit). */
  dispose(): void;
}

/** The crash screen's preload, built beside the kiosk preload (out/preload/crash-screen.cjs). */
export function crashPreloadBeside(kioskPreload: string): string {
  return join(dirname(kioskPreload), 'crash-screen.cjs');
}

/** The versions a crash report names. */
export function shellVersions(appVersion: string): Readonly<Record<string, string>> {
  return Object.freeze({ app: appVersion, electron: process.versions.electron ?? 'none', chrome: process.versions.chrome ?? 'none', node: process.versions.node });
}

export function installSelfHealing(options: SelfHealingOptions): SelfHealing {
  const { window, supervisor, logger } = options;
  const contents = window.webContents;
  const watching = () => {
    const core = options.coreOrigin();
    return core !== null && !contents.isDestroyed() && originOf(contents.getURL()) === core;
  };
  // Declared before the watchdog, which may hand over to it.
  let crashScreen: CrashScreen | null = null;
  const watchdog = new RendererWatchdog({
    ...options.watchdog,
    contents: contents as unknown as WatchedContents,
    logger,
    watching,
    onGiveUp: (reason) => crashScreen?.show('RENDERER_CRASH_LOOP', `the kiosk page was reloaded too often (last: ${reason})`),
  });
  crashScreen = new CrashScreen({
    BrowserWindow: options.BrowserWindow,
    ipcMain: options.ipcMain,
    page: options.crashPage,
    preload: options.crashPreload,
    kioskWindow: window,
    dataDir: options.dataDir,
    logDirectory: options.logDirectory,
    versions: options.versions,
    recentExits: () => supervisor.recentExits,
    holdReloads: () => watchdog.holdReloads(),
    onRetry: () => {
      watchdog.reset();
      // A core given up on starts again; a page given up on (the core still runs) is reloaded.
      if (!supervisor.retry() && supervisor.status.state === 'running') contents.reload();
    },
    logger,
  });
  onGuardedIpc(options.ipcMain, HEARTBEAT_ACK_CHANNEL, { contents: contents as unknown as IpcKioskContents, allowedOrigin: options.coreOrigin, logger }, (_event, [beat]) => watchdog.acknowledge(beat));
  saveReportDownloads(options.session, { coreOrigin: options.coreOrigin, dataDir: options.dataDir, holdReloads: () => watchdog.holdReloads(), logger });
  watchdog.start();
  const screen = crashScreen;

  return {
    watchdog,
    crashScreen: screen,
    onCoreStatus(status: CoreStatus): void {
      if (status.state === 'restarting' && !contents.isDestroyed()) contents.send(CORE_STATUS_CHANNEL, 'restarting');
      else if (status.state === 'failed') screen.show(status.code, status.detail);
    },
    dispose: () => watchdog.stop(),
  };
}
