// The Electron shell with `electron` mocked: the kiosk window's every preference, the guards
// (navigation, window.open, permissions, crashed renderer), single instance, the display kept awake,
// the core forked as a utility process and supervised (page loaded from its origin without the token,
// the page told while the core restarts, the crash screen with its export and retry when it keeps
// dying), the page's heartbeat through the IPC guard, and a quit that stops the core first.

import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../native/util/logger.ts';
import type { KioskCoreEndpoints } from '../../../../electron/core/app/kiosk-core-api.ts';
import { coreArguments, runKioskShell, type ElectronModules, type KioskShell } from '../../../../electron/main/lifecycle.ts';
import { shellPaths } from '../../../../electron/main/paths.ts';
import {
  CONTRACT_CLOSED_CHANNEL,
  CORE_STATUS_CHANNEL,
  CRASH_EXPORT_CHANNEL,
  CRASH_RETRY_CHANNEL,
  HEARTBEAT_ACK_CHANNEL,
  HEARTBEAT_CHANNEL,
  REQUEST_PORT_CHANNEL,
} from '../../../../electron/preload/ipc-channels.ts';
import { contentSecurityPolicy } from '../../../../electron/core/host/security-headers.ts';
import { FakeSession, FakeWindow } from './electron-fakes.ts';

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

function electronFakes() {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    exit: vi.fn(),
    getAppPath: () => '/opt/kiosk/resources/app.asar',
    getPath: vi.fn((name: string) => `/home/kiosk/.config/Edge Kiosk/${name}`),
    getVersion: () => '0.1.0-test',
    commandLine: { hasSwitch: vi.fn((_name: string) => false) },
  });
  const defaultSession = new FakeSession();
  const children: FakeUtilityProcess[] = [];
  return {
    app,
    BrowserWindow: FakeWindow,
    Menu: { setApplicationMenu: vi.fn() },
    MessageChannelMain: class {
      port1 = { postMessage: vi.fn(), on: vi.fn(), start: vi.fn(), close: vi.fn() };
      port2 = {};
    },
    // `handle` registers the crash screen's invoke channel (crash-screen.ts).
    ipcMain: Object.assign(new EventEmitter(), { handle: vi.fn() }),
    powerSaveBlocker: { start: vi.fn(() => 1) },
    session: {
      defaultSession,
    },
    utilityProcess: {
      fork: vi.fn(() => {
        const child = new FakeUtilityProcess();
        children.push(child);
        return child;
      }),
    },
    permissions: defaultSession.permissions,
    webRequest: defaultSession.webRequest,
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
  shell?.healing.dispose();
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
        disableDialogs: true,
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

  it('refuses to run a packaged kiosk started with a debugging switch, creating nothing', async () => {
    electron.app.commandLine.hasSwitch.mockImplementation((name) => name === 'remote-debugging-port');
    expect(await run()).toBeNull();
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(FakeWindow.created).toHaveLength(0);
    expect(electron.utilityProcess.fork).not.toHaveBeenCalled();
  });

  it('lets a debugging switch through with KIOSK_DEVTOOLS=1', async () => {
    electron.app.commandLine.hasSwitch.mockImplementation((name) => name === 'remote-debugging-port');
    expect(await run({ KIOSK_DEVTOOLS: '1' })).not.toBeNull();
    expect(electron.app.exit).not.toHaveBeenCalled();
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
    expect(win().webContents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('reloads the page when the renderer crashes or hangs, once per event (one code path: the watchdog)', async () => {
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

  it("locks the session down before the window exists: only the core's origin, the kiosk CSP, no device picker", async () => {
    await run();
    const answer = (details: { url: string; resourceType: string }) => {
      let result: { cancel?: boolean } | undefined;
      electron.webRequest.beforeRequest!(details, (a) => (result = a));
      return result;
    };
    expect(answer({ url: ENDPOINTS.url, resourceType: 'mainFrame' })).toEqual({ cancel: true });
    child().emit('message', { type: 'core.ready', endpoints: ENDPOINTS, profile: 'demo', flow: 'hospital' });
    expect(answer({ url: 'http://127.0.0.1:41000/assets/index.js', resourceType: 'script' })).toEqual({});
    expect(answer({ url: 'https://example.com/x.js', resourceType: 'script' })).toEqual({ cancel: true });
    expect(answer({ url: ENDPOINTS.contractUrl, resourceType: 'webSocket' })).toEqual({ cancel: true });
    expect(answer({ url: 'file:///opt/kiosk/out/main/crash-loop.html#CORE_CRASH_LOOP', resourceType: 'mainFrame' })).toEqual({});
    expect(answer({ url: 'devtools://devtools/bundled/inspector.html', resourceType: 'mainFrame' })).toEqual({ cancel: true });

    let headers: Record<string, string[]> | undefined;
    electron.webRequest.headersReceived!({ url: 'http://127.0.0.1:41000/', responseHeaders: { 'content-security-policy': ["default-src *"] } }, (a) => (headers = a.responseHeaders));
    expect(headers).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy('http://127.0.0.1:41000')] });

    const picked = vi.fn();
    const event = { preventDefault: vi.fn() };
    electron.session.defaultSession.emit('select-hid-device', event, { deviceList: [] }, picked);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(picked).toHaveBeenCalledWith();
  });

  it('serves a port request only through the IPC guard: a payload is dropped, the bare request answered', async () => {
    await run();
    child().emit('message', { type: 'core.ready', endpoints: { ...ENDPOINTS, contractUrl: 'ws://127.0.0.1:9/contract' }, profile: 'demo', flow: 'hospital' });
    const kioskFrame = { sender: win().webContents, senderFrame: { url: ENDPOINTS.url, routingId: 1, processId: 3 } };
    electron.ipcMain.emit(REQUEST_PORT_CHANNEL, kioskFrame, { smuggled: true });
    await tick();
    expect(win().webContents.send).not.toHaveBeenCalled();
    // The bare request reaches the broker, which tries the (closed) contract port and reports the session closed.
    electron.ipcMain.emit(REQUEST_PORT_CHANNEL, kioskFrame);
    await vi.waitFor(() => expect(win().webContents.send).toHaveBeenCalledWith(CONTRACT_CLOSED_CHANNEL));
  });

  it('restarts a core that died and shows the crash-loop page when it keeps dying', async () => {
    await run();
    child().emit('message', { type: 'core.ready', endpoints: ENDPOINTS, profile: 'demo', flow: 'hospital' });
    for (let i = 0; i < 3; i += 1) {
      child().emit('exit', 1);
      await tick();
    }
    expect(electron.utilityProcess.fork).toHaveBeenCalledTimes(3);
    // The crash screen: its own window with the crash preload, the kiosk window hidden.
    const crash = FakeWindow.created[1]!;
    expect(crash.loadFile).toHaveBeenCalledWith('/opt/kiosk/out/main/crash-loop.html', { hash: 'CORE_CRASH_LOOP' });
    expect((crash.options.webPreferences as { preload: string }).preload).toBe('/opt/kiosk/out/preload/crash-screen.cjs');
    expect(win().hide).toHaveBeenCalled();
    expect(win().loadFile).not.toHaveBeenCalled();
  });

  it('tells the page while the core is being restarted', async () => {
    await run();
    child().emit('message', { type: 'core.ready', endpoints: ENDPOINTS, profile: 'demo', flow: 'hospital' });
    child().emit('exit', 139);
    await tick();
    expect(win().webContents.send).toHaveBeenCalledWith(CORE_STATUS_CHANNEL, 'restarting');
  });

  it('starts the core again on the crash screen retry, with its exits in the export', async () => {
    const data = mkdtempSync(join(tmpdir(), 'lifecycle-crash-'));
    try {
      shell = await runKioskShell({
        electron: electron as unknown as ElectronModules,
        paths: PATHS,
        logger: silentLogger(),
        argv: [],
        env: {},
        supervisor: { initialBackoffMs: 1, maxCrashes: 2 },
        shellSettings: { dataDir: data },
      });
      for (let i = 0; i < 2; i += 1) {
        child().emit('exit', 134);
        await tick();
      }
      const crash = FakeWindow.created[1]!;
      const frame = { url: 'file:///opt/kiosk/out/main/crash-loop.html#CORE_CRASH_LOOP', routingId: 1, processId: 3 };
      const exportHandler = electron.ipcMain.handle.mock.calls.find(([channel]) => channel === CRASH_EXPORT_CHANNEL)![1] as (event: unknown) => Promise<{ ok: boolean; path: string }>;
      const answer = await exportHandler({ sender: crash.webContents, senderFrame: frame });
      expect(answer.ok).toBe(true);
      expect(JSON.parse(readFileSync(answer.path, 'utf8'))).toMatchObject({ failure: { code: 'CORE_CRASH_LOOP' }, coreExits: [{ code: 134 }, { code: 134 }], versions: { app: '0.1.0-test' } });
      electron.ipcMain.emit(CRASH_RETRY_CHANNEL, { sender: crash.webContents, senderFrame: frame });
      expect(electron.utilityProcess.fork).toHaveBeenCalledTimes(3);
      expect(crash.destroy).toHaveBeenCalled();
      expect(win().show).toHaveBeenCalled();
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });

  it('answers heartbeats only through the IPC guard, from the kiosk page', async () => {
    vi.useFakeTimers();
    try {
      await run();
      child().emit('message', { type: 'core.ready', endpoints: ENDPOINTS, profile: 'demo', flow: 'hospital' });
      await vi.advanceTimersByTimeAsync(0);
      const beats = () => win().webContents.send.mock.calls.filter(([channel]) => channel === HEARTBEAT_CHANNEL).map(([, n]) => n as number);
      const kioskFrame = { sender: win().webContents, senderFrame: { url: ENDPOINTS.url, routingId: 1, processId: 3 } };
      for (let i = 0; i < 6; i += 1) {
        await vi.advanceTimersByTimeAsync(5_000);
        electron.ipcMain.emit(HEARTBEAT_ACK_CHANNEL, kioskFrame, beats().at(-1));
      }
      expect(beats()).toEqual([1, 2, 3, 4, 5, 6]);
      expect(win().webContents.reload).not.toHaveBeenCalled();
      // Answers from another sender do not count: the page is reloaded after three missed beats.
      for (let i = 0; i < 4; i += 1) {
        await vi.advanceTimersByTimeAsync(5_000);
        electron.ipcMain.emit(HEARTBEAT_ACK_CHANNEL, { ...kioskFrame, sender: {} }, beats().at(-1));
      }
      expect(win().webContents.reload).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('focuses the running window when a second instance starts', async () => {
    await run();
    electron.app.emit('second-instance');
    expect(win().focus).toHaveBeenCalled();
  });

  it('shows the config error page at once when the core refuses its config', async () => {
    await run();
    child().emit('message', { type: 'core.failed', code: 'CONFIG_INVALID', message: 'flow: bad' });
    child().emit('exit', 2);
    await tick();
    expect(electron.utilityProcess.fork).toHaveBeenCalledTimes(1);
    expect(FakeWindow.created[1]!.loadFile).toHaveBeenCalledWith('/opt/kiosk/out/main/crash-loop.html', { hash: 'CORE_CONFIG_INVALID' });
  });

  it('starts no core on an installed kiosk without a config file, and says where the file goes', async () => {
    shell = await runKioskShell({
      electron: electron as unknown as ElectronModules,
      paths: PATHS,
      logger: silentLogger(),
      argv: [],
      env: {},
      launch: { kind: 'config-missing', expected: '/etc/kiosk/kiosk.yaml' },
    });
    await tick();
    expect(electron.utilityProcess.fork).not.toHaveBeenCalled();
    expect(win().loadFile).toHaveBeenCalledWith('/opt/kiosk/out/main/crash-loop.html', { hash: 'CONFIG_MISSING' });
  });

  it("forks the core with the launch's arguments and environment", async () => {
    shell = await runKioskShell({
      electron: electron as unknown as ElectronModules,
      paths: PATHS,
      logger: silentLogger(),
      argv: [],
      env: {},
      launch: { kind: 'start', args: ['--profile-dir', '/p'], env: { KIOSK_CONFIG: '/etc/kiosk/kiosk.yaml' }, configSource: '/etc/kiosk/kiosk.yaml' },
    });
    expect(electron.utilityProcess.fork).toHaveBeenCalledWith('/opt/kiosk/out/main/core-process.js', ['--profile-dir', '/p'], expect.objectContaining({ env: { KIOSK_CONFIG: '/etc/kiosk/kiosk.yaml' } }));
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
    // The fake app is packaged: without a site config it would rightly start no core (paths.test.ts).
    vi.stubEnv('KIOSK_CONFIG', '/srv/kiosk/kiosk.yaml');
    try {
      await import('../../../../electron/main/index.ts');
      await tick();
    } finally {
      vi.unstubAllEnvs();
    }
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.utilityProcess.fork).toHaveBeenCalledWith(
      expect.stringMatching(/core-process\.js$/),
      expect.any(Array),
      expect.objectContaining({ serviceName: 'kiosk-core', env: expect.objectContaining({ KIOSK_CONFIG: '/srv/kiosk/kiosk.yaml' }) }),
    );
    electron.children.forEach((c) => c.emit('exit', 0));
  });
});
