// The Electron shell with `electron` mocked: the kiosk window's every preference, the guards
// (navigation, window.open, permissions, crashed renderer), single instance, the display kept awake,
// the core forked as a utility process and supervised (page loaded from its origin without the token,
// the crash-loop page when it keeps dying), and a quit that stops the core first.

import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../native/util/logger.ts';
import type { KioskCoreEndpoints } from '../../../../electron/core/app/kiosk-core-api.ts';
import { coreArguments, runKioskShell, type ElectronModules, type KioskShell } from '../../../../electron/main/lifecycle.ts';
import { shellPaths } from '../../../../electron/main/paths.ts';
import { REQUEST_PORT_CHANNEL } from '../../../../electron/preload/ipc-channels.ts';

const fakes = vi.hoisted(() => ({ modules: null as unknown }));
vi.mock('electron', () => fakes.modules as object);

const ENDPOINTS: KioskCoreEndpoints = {
  url: 'http://127.0.0.1:41000/',
  kioskUrl: 'http://127.0.0.1:41000/#token=secret-token',
  contractUrl: 'ws://127.0.0.1:41000/contract',
  token: 'secret-token',
  port: 41000,
};

class FakeUtilityProcess extends EventEmitter {
  readonly received: unknown[] = [];
  readonly stdout = null;
  readonly stderr = null;
  postMessage(message: unknown): void {
    this.received.push(message);
    if ((message as { type: string }).type === 'core.stop') queueMicrotask(() => this.emit('exit', 0));
  }
  kill(): boolean {
    queueMicrotask(() => this.emit('exit', 143));
    return true;
  }
}

class FakeContents extends EventEmitter {
  url = '';
  openHandler: (() => { action: string }) | null = null;
  readonly mainFrame = { url: '', routingId: 1, processId: 3 };
  reload = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  postMessage = vi.fn();
  send = vi.fn();
  setWindowOpenHandler(handler: () => { action: string }): void {
    this.openHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return false;
  }
}

class FakeWindow extends EventEmitter {
  static created: FakeWindow[] = [];
  readonly webContents = new FakeContents();
  loadURL = vi.fn(async (url: string) => void (this.webContents.url = url));
  loadFile = vi.fn(async () => void (this.webContents.url = 'file:///out/main/crash-loop.html'));
  setMenuBarVisibility = vi.fn();
  isMinimized = () => false;
  restore = vi.fn();
  focus = vi.fn();
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeWindow.created.push(this);
  }
}

function electronFakes() {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    exit: vi.fn(),
    getAppPath: () => '/opt/kiosk/resources/app.asar',
  });
  const permissions = { request: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void), check: null as null | (() => boolean), device: null as null | (() => boolean) };
  const children: FakeUtilityProcess[] = [];
  return {
    app,
    BrowserWindow: FakeWindow,
    Menu: { setApplicationMenu: vi.fn() },
    MessageChannelMain: class {
      port1 = { postMessage: vi.fn(), on: vi.fn(), start: vi.fn(), close: vi.fn() };
      port2 = {};
    },
    ipcMain: new EventEmitter(),
    powerSaveBlocker: { start: vi.fn(() => 1) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof permissions.request) => (permissions.request = h),
        setPermissionCheckHandler: (h: typeof permissions.check) => (permissions.check = h),
        setDevicePermissionHandler: (h: typeof permissions.device) => (permissions.device = h),
      },
    },
    utilityProcess: {
      fork: vi.fn(() => {
        const child = new FakeUtilityProcess();
        children.push(child);
        return child;
      }),
    },
    permissions,
    children,
  };
}

type Fakes = ReturnType<typeof electronFakes>;
let electron: Fakes;
let shell: KioskShell | null;

const PATHS = shellPaths({ mainDir: '/opt/kiosk/out/main', appPath: '/opt/kiosk', resourcesPath: '/opt/kiosk/resources', packaged: true });

async function run(env: NodeJS.ProcessEnv = {}, argv: string[] = []): Promise<KioskShell | null> {
  shell = await runKioskShell({
    electron: electron as unknown as ElectronModules,
    paths: PATHS,
    logger: silentLogger(),
    argv,
    env,
    supervisor: { initialBackoffMs: 1, maxCrashes: 3 },
  });
  return shell;
}

const win = () => FakeWindow.created[0]!;
const child = () => electron.children[electron.children.length - 1]!;
const tick = () => new Promise((r) => setTimeout(r, 5));

beforeEach(() => {
  FakeWindow.created = [];
  electron = electronFakes();
  fakes.modules = electron;
  shell = null;
});
afterEach(async () => {
  await shell?.supervisor.stop();
});

describe('runKioskShell', () => {
  it('creates the kiosk window with every security preference stated', async () => {
    await run();
    expect(win().options).toEqual({
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
      backgroundColor: '#0b1f33',
      show: true,
      webPreferences: {
        preload: '/opt/kiosk/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        spellcheck: false,
        devTools: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
      },
    });
  });

  it('allows devtools when not packaged or with KIOSK_DEVTOOLS=1', async () => {
    await run({ KIOSK_DEVTOOLS: '1' });
    expect((win().options.webPreferences as { devTools: boolean }).devTools).toBe(true);
    await shell?.supervisor.stop();
    FakeWindow.created = [];
    electron = electronFakes();
    electron.app.isPackaged = false;
    await run();
    expect((win().options.webPreferences as { devTools: boolean }).devTools).toBe(true);
  });

  it('removes the menu, denies every permission and keeps the display awake', async () => {
    await run();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'serial']) electron.permissions.request!({}, permission, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false, false]);
    expect(electron.permissions.check!()).toBe(false);
    expect(electron.permissions.device!()).toBe(false);
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
  });

  it('quits when another instance holds the lock, creating nothing', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValue(false);
    expect(await run()).toBeNull();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(FakeWindow.created).toHaveLength(0);
    expect(electron.utilityProcess.fork).not.toHaveBeenCalled();
  });

  it('forks the core as the kiosk-core utility process with piped output and the bundle paths', async () => {
    await run({ KIOSK_DATA_DIR: '/var/lib/kiosk' }, ['--profile', 'hospital']);
    expect(electron.utilityProcess.fork).toHaveBeenCalledWith(
      '/opt/kiosk/out/main/core-process.js',
      ['--profile', 'hospital', '--profile-dir', '/opt/kiosk/resources/config/kiosk', '--renderer-dir', '/opt/kiosk/out/renderer'],
      { serviceName: 'kiosk-core', stdio: 'pipe', env: { KIOSK_DATA_DIR: '/var/lib/kiosk' } },
    );
  });

  it("loads the core's page without the token once the core is ready", async () => {
    await run();
    expect(win().loadURL).not.toHaveBeenCalled();
    child().emit('message', { type: 'core.ready', endpoints: ENDPOINTS, profile: 'demo', flow: 'hospital' });
    expect(win().loadURL).toHaveBeenCalledWith('http://127.0.0.1:41000/');
    expect(JSON.stringify(win().loadURL.mock.calls)).not.toContain('secret-token');
  });

  it('refuses navigation away from the core origin and denies new windows', async () => {
    await run();
    child().emit('message', { type: 'core.ready', endpoints: ENDPOINTS, profile: 'demo', flow: 'hospital' });
    const navigate = (url: string, kind = 'will-navigate') => {
      const event = { preventDefault: vi.fn() };
      win().webContents.emit(kind, event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('http://127.0.0.1:41000/#/diagnostics')).toBe(false);
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('http://127.0.0.1:41001/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('javascript:alert(1)')).toBe(true);
    expect(navigate('https://example.com/', 'will-redirect')).toBe(true);
    const webview = { preventDefault: vi.fn() };
    win().webContents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(win().webContents.openHandler!()).toEqual({ action: 'deny' });
  });

  it('reloads the page when the renderer crashes or hangs', async () => {
    await run();
    win().webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(win().webContents.reload).toHaveBeenCalledTimes(1);
    win().webContents.emit('unresponsive');
    expect(win().webContents.forcefullyCrashRenderer).toHaveBeenCalled();
    expect(win().webContents.reload).toHaveBeenCalledTimes(2);
  });

  it('answers port requests only from the kiosk frame', async () => {
    await run();
    child().emit('message', { type: 'core.ready', endpoints: ENDPOINTS, profile: 'demo', flow: 'hospital' });
    electron.ipcMain.emit(REQUEST_PORT_CHANNEL, { sender: {}, senderFrame: { url: ENDPOINTS.url, routingId: 1, processId: 3 } });
    electron.ipcMain.emit(REQUEST_PORT_CHANNEL, { sender: win().webContents, senderFrame: { url: 'https://evil.example/', routingId: 1, processId: 3 } });
    await tick();
    expect(win().webContents.postMessage).not.toHaveBeenCalled();
  });

  it('restarts a core that died and shows the crash-loop page when it keeps dying', async () => {
    await run();
    child().emit('message', { type: 'core.ready', endpoints: ENDPOINTS, profile: 'demo', flow: 'hospital' });
    for (let i = 0; i < 3; i += 1) {
      child().emit('exit', 1);
      await tick();
    }
    expect(electron.utilityProcess.fork).toHaveBeenCalledTimes(3);
    expect(win().loadFile).toHaveBeenCalledWith('/opt/kiosk/out/main/crash-loop.html', { hash: 'CORE_CRASH_LOOP' });
  });

  it('shows the config error page at once when the core refuses its config', async () => {
    await run();
    child().emit('message', { type: 'core.failed', code: 'CONFIG_INVALID', message: 'flow: bad' });
    child().emit('exit', 2);
    await tick();
    expect(electron.utilityProcess.fork).toHaveBeenCalledTimes(1);
    expect(win().loadFile).toHaveBeenCalledWith('/opt/kiosk/out/main/crash-loop.html', { hash: 'CORE_CONFIG_INVALID' });
  });

  it('stops the core before quitting', async () => {
    await run();
    child().emit('message', { type: 'core.ready', endpoints: ENDPOINTS, profile: 'demo', flow: 'hospital' });
    const event = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(child().received).toEqual([{ type: 'core.stop' }]);
    expect(electron.app.quit).not.toHaveBeenCalled();
    await tick();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    const second = { preventDefault: vi.fn() };
    electron.app.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});

describe('coreArguments', () => {
  it('passes on only --profile and --config with a value', () => {
    expect(coreArguments(['--profile', 'border-gate', '--config', '/etc/kiosk/kiosk.yaml', '--evil', 'x'], PATHS).slice(0, 4)).toEqual([
      '--profile',
      'border-gate',
      '--config',
      '/etc/kiosk/kiosk.yaml',
    ]);
    expect(coreArguments(['--profile', '--config'], PATHS).slice(0, 1)).toEqual(['--profile-dir']);
  });
});

describe('electron/main/index.ts', () => {
  it('runs the shell with the real electron modules', async () => {
    // Electron sets process.resourcesPath; plain Node does not.
    Object.defineProperty(process, 'resourcesPath', { value: '/opt/kiosk/resources', configurable: true });
    await import('../../../../electron/main/index.ts');
    await tick();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.utilityProcess.fork).toHaveBeenCalledWith(expect.stringMatching(/core-process\.js$/), expect.any(Array), expect.objectContaining({ serviceName: 'kiosk-core' }));
    electron.children.forEach((c) => c.emit('exit', 0));
  });
});
