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
import { createKioskWindow, denyAllPermissions, originOf } from './kiosk-window.ts';
import type { ShellPaths } from './paths.ts';

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
}

export interface KioskShell {
  readonly supervisor: CoreSupervisor;
  readonly window: Electron.BrowserWindow;
  readonly broker: ContractPortBroker;
}

/** The core child's arguments: the shell's own `--profile`/`--config`, and where the bundle's files are. */
export function coreArguments(argv: readonly string[], paths: ShellPaths): string[] {
  const args: string[] = [];
  for (const name of ['--profile', '--config']) {
    const at = argv.indexOf(name);
    const value = at >= 0 ? argv[at + 1] : undefined;
    if (value !== undefined && !value.startsWith('--')) args.push(name, value);
  }
  return [...args, '--profile-dir', paths.profileDir, '--renderer-dir', paths.rendererDir];
}

function forkCore(electron: ElectronModules, options: KioskShellOptions): CoreChild {
  const child = electron.utilityProcess.fork(options.paths.coreEntry, coreArguments(options.argv, options.paths), {
    serviceName: 'kiosk-core',
    stdio: 'pipe',
    env: options.env,
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

/**
 * Runs the shell. Resolves with its parts once the window exists and the core is starting, or null
 * when another instance already runs (this one quits).
 */
export async function runKioskShell(options: KioskShellOptions): Promise<KioskShell | null> {
  const { app, BrowserWindow, Menu, MessageChannelMain, ipcMain, powerSaveBlocker, session } = options.electron;
  const log = options.logger;
  if (!app.requestSingleInstanceLock()) {
    log.warn({ event: 'second-instance' }, 'the kiosk already runs; quitting');
    app.quit();
    return null;
  }
  await app.whenReady();
  Menu.setApplicationMenu(null);
  denyAllPermissions(session.defaultSession, log);
  powerSaveBlocker.start('prevent-display-sleep');

  const devTools = !app.isPackaged || options.env.KIOSK_DEVTOOLS === '1';
  const supervisor = new CoreSupervisor({ logger: log, ...options.supervisor, fork: () => forkCore(options.electron, options) });
  let coreUrl: string | null = null;
  const window = createKioskWindow(BrowserWindow, {
    preload: options.paths.preload,
    devTools,
    allowedOrigin: () => (coreUrl === null ? null : originOf(coreUrl)),
    logger: log,
  });
  const contents = window.webContents;
  const broker = new ContractPortBroker({
    contents: contents as unknown as KioskContentsLike,
    createChannel: () => new MessageChannelMain() as unknown as { port1: RelayPort; port2: unknown },
    openRelay: (endpoints) => openContractRelay({ endpoints, logger: log }),
    logger: log,
  });
  ipcMain.on(REQUEST_PORT_CHANNEL, (event) => {
    broker.handleRequest(event as unknown as PortRequestEvent);
  });

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  supervisor.onDidChangeStatus((status: CoreStatus) => {
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
        void loadPage(() => window.loadFile(options.paths.crashLoopPage, { hash: status.code }));
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

  supervisor.start();
  return { supervisor, window, broker };
}
