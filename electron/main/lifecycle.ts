// The Electron shell's life: one instance; when ready, no menu, permissions denied, the display kept
// awake, the core started under supervision and the kiosk window pointed at it; on quit, the core is
// asked to stop (5 s) before the app exits. The Electron modules are passed in, so tests drive this
// file with fakes and the product with the real ones (index.ts).

import type * as Electron from 'electron';
import type { Logger } from '../../native/util/logger.ts';
import { REQUEST_PORT_CHANNEL } from '../preload/ipc-channels.ts';
import { ContractPortBroker, type KioskContentsLike, type PortRequestEvent } from './contract-port-broker.ts';
import { openContractRelay, type RelayPort } from './contract-relay.ts';
import { CoreSupervisor, type CoreChild, type CoreStatus } from './core-supervisor.ts';
import { createKioskWindow, originOf } from './kiosk-window.ts';
import { coreLaunch, type CoreLaunch, type ShellPaths } from './paths.ts';
import type { DownloadSession } from './report-downloads.ts';
import { crashPreloadBeside, installSelfHealing, shellVersions, type SelfHealing, type SelfHealingOptions } from './self-healing.ts';
import { debugSwitchesOn } from './security/debug-switches.ts';
import { onGuardedIpc, type IpcKioskContents } from './security/ipc-guard.ts';
import { lockDownSession, type LockableSession } from './security/session-lockdown.ts';

export type ElectronModules = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'Menu' | 'MessageChannelMain' | 'ipcMain' | 'powerSaveBlocker' | 'session' | 'utilityProcess'
>;

export interface KioskShellOptions {
  readonly electron: ElectronModules;
  readonly paths: ShellPaths;
  readonly logger: Logger;
  /** Arguments after the app path (`--profile NAME`, `--config FILE`). */
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Supervisor timings (tests shorten them). */
  readonly supervisor?: Partial<ConstructorParameters<typeof CoreSupervisor>[0]>;
  /** How the core starts (paths.ts coreLaunch); default: a development run's, from argv and env. */
  readonly launch?: CoreLaunch;
  /** Sees each frame the core sends the renderer (auto-update.ts watches for the idle welcome screen). */
  readonly onCoreFrame?: (frame: string) => void;
  /** The crash report's folder and the logs it reads (shell-logging.ts); default: userData, no logs. */
  readonly shellSettings?: { readonly dataDir: string; readonly logDirectory?: string | undefined };
  /** Page watchdog timings (tests shorten them). */
  readonly watchdog?: SelfHealingOptions['watchdog'];
}

export interface KioskShell {
  readonly supervisor: CoreSupervisor;
  readonly window: Electron.BrowserWindow;
  readonly broker: ContractPortBroker;
  readonly healing: SelfHealing;
}

// The core child's arguments moved to paths.ts with the rest of the launch decision.
export { coreArguments } from './paths.ts';

function forkCore(electron: ElectronModules, options: KioskShellOptions, launch: Extract<CoreLaunch, { kind: 'start' }>): CoreChild {
  const child = electron.utilityProcess.fork(options.paths.coreEntry, [...options.paths.coreEntryArgs, ...launch.args], {
    serviceName: 'kiosk-core',
    stdio: 'pipe',
    env: launch.env,
  });
  // The core logs structured lines (no personal data) on stderr; they join the shell's.
  child.stdout?.pipe(process.stderr, { end: false });
  child.stderr?.pipe(process.stderr, { end: false });
  return {
    postMessage: (command) => child.postMessage(command),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', listener),
    kill: () => child.kill(),
  };
}

function failFork(): never {
  throw new Error('the core is not started without a config file');
}

/**
 * Runs the shell. Resolves with its parts once the window exists and the core is starting, or null
 * when another instance already runs (this one quits).
 */
export async function runKioskShell(options: KioskShellOptions): Promise<KioskShell | null> {
  const { app, BrowserWindow, Menu, MessageChannelMain, ipcMain, powerSaveBlocker, session } = options.electron;
  const log = options.logger;
  // A production kiosk never runs under a debugger (security/debug-switches.ts).
  const debugSwitches = app.isPackaged && options.env.KIOSK_DEVTOOLS !== '1' ? debugSwitchesOn(app.commandLine) : [];
  if (debugSwitches.length > 0) {
    log.fatal({ event: 'debug-switch-refused', switches: debugSwitches }, 'started with a debugging switch; refusing to run');
    app.exit(1);
    return null;
  }
  if (!app.requestSingleInstanceLock()) {
    log.warn({ event: 'second-instance' }, 'the kiosk already runs; quitting');
    app.quit();
    return null;
  }
  await app.whenReady();
  Menu.setApplicationMenu(null);
  powerSaveBlocker.start('prevent-display-sleep');

  const devTools = !app.isPackaged || options.env.KIOSK_DEVTOOLS === '1';
  const launch = options.launch ?? coreLaunch({ argv: options.argv, env: options.env, paths: options.paths, packaged: false, platform: process.platform, exists: () => false });
  const supervisor = new CoreSupervisor({
    logger: log,
    ...options.supervisor,
    fork: () => (launch.kind === 'start' ? forkCore(options.electron, options, launch) : failFork()),
  });
  let coreUrl: string | null = null;
  const coreOrigin = () => (coreUrl === null ? null : originOf(coreUrl));
  // Before the window exists, so its first request already meets the filter, the CSP and the permission handlers.
  lockDownSession(session.defaultSession as unknown as LockableSession, { coreOrigin, localPages: [options.paths.crashLoopPage], devTools, logger: log });
  const window = createKioskWindow(BrowserWindow, {
    preload: options.paths.preload,
    devTools,
    allowedOrigin: coreOrigin,
    logger: log,
  });
  const contents = window.webContents;
  const broker = new ContractPortBroker({
    contents: contents as unknown as KioskContentsLike,
    createChannel: () => new MessageChannelMain() as unknown as { port1: RelayPort; port2: unknown },
    openRelay: (endpoints) => openContractRelay({ endpoints, logger: log, ...(options.onCoreFrame ? { onCoreFrame: options.onCoreFrame } : {}) }),
    logger: log,
  });
  onGuardedIpc(ipcMain, REQUEST_PORT_CHANNEL, { contents: contents as unknown as IpcKioskContents, allowedOrigin: coreOrigin, logger: log }, (event) => {
    broker.handleRequest(event as unknown as PortRequestEvent);
  });
  const healing = installSelfHealing({
    BrowserWindow,
    ipcMain,
    window,
    session: session.defaultSession as unknown as DownloadSession,
    supervisor,
    coreOrigin,
    crashPage: options.paths.crashLoopPage,
    crashPreload: crashPreloadBeside(options.paths.preload),
    dataDir: () => options.shellSettings?.dataDir ?? app.getPath('userData'),
    logDirectory: () => options.shellSettings?.logDirectory,
    versions: shellVersions(app.getVersion()),
    logger: log,
    ...(options.watchdog ? { watchdog: options.watchdog } : {}),
  });

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  supervisor.onDidChangeStatus((status: CoreStatus) => {
    healing.onCoreStatus(status);
    switch (status.state) {
      case 'running': {
        const previous = coreUrl;
        coreUrl = status.endpoints.url;
        broker.setCore(status.endpoints);
        // A restarted core may listen on another port: the page must come from the new origin.
        if (previous !== coreUrl || originOf(contents.getURL()) !== originOf(coreUrl)) void loadPage(() => window.loadURL(status.endpoints.url));
        break;
      }
      case 'restarting':
      case 'stopped':
        broker.setCore(null);
        break;
      case 'failed':
        broker.setCore(null);
        coreUrl = null;
        // The crash screen (self-healing.ts) shows why, with the export and a retry.
        break;
      case 'starting':
        break;
    }
  });

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    healing.dispose();
    broker.dispose();
    void supervisor.stop().finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());

  async function loadPage(load: () => Promise<void>): Promise<void> {
    try {
      await load();
    } catch (err) {
      // A failed load (the core went away meanwhile) is followed by the next status change's load.
      log.warn({ event: 'page-load-failed', error: (err as Error).name }, 'the kiosk page did not load');
    }
  }

  if (launch.kind === 'config-missing') {
    // Starting the core would only fail on the missing file (or, worse, find a demo): say where it goes.
    log.error({ event: 'config-missing', expected: launch.expected }, 'no kiosk config file; the core is not started');
    void loadPage(() => window.loadFile(options.paths.crashLoopPage, { hash: 'CONFIG_MISSING' }));
  } else {
    log.info({ event: 'core-config', source: launch.configSource }, 'starting the core');
    supervisor.start();
  }
  return { supervisor, window, broker, healing };
}
