// The crash screen with `electron` faked (the shared fakes) and real files in a temporary folder: its
// own locked-down window on the local page with its own preload, the kiosk window hidden and brought
// back; the export writes the shell's report (failure, versions, core exits, the log tail redacted a
// second time) as a 0600 file under <dataDir>/reports and answers its path; only the crash page's main
// frame is served; retry closes it and starts over. The page itself: one section per code, and its one
// inline script allowed by its hash alone.

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../native/util/logger.ts';
import type { CoreExit } from '../../../../electron/main/core-supervisor.ts';
import { CrashScreen, type CrashCode, type CrashExportAnswer, type CrashIpcEvent, type CrashScreenOptions } from '../../../../electron/main/crash-screen.ts';
import type { CrashReport } from '../../../../electron/main/crash-screen-report.ts';
import { createCrashScreenBridge } from '../../../../electron/preload/crash-screen-bridge.ts';
import { CRASH_EXPORT_CHANNEL, CRASH_RETRY_CHANNEL } from '../../../../electron/preload/ipc-channels.ts';
import { PERSONAL_STRINGS } from '../core/flows/flow-rig.ts';
import { FakeWindow } from './electron-fakes.ts';

const PAGE = fileURLToPath(new URL('../../../../electron/main/crash-loop.html', import.meta.url));
const PRELOAD = '/opt/kiosk/out/preload/crash-screen.cjs';

class FakeIpcMain {
  readonly handlers = new Map<string, (event: CrashIpcEvent) => Promise<unknown>>();
  readonly listeners = new Map<string, (event: CrashIpcEvent) => void>();
  handle(channel: string, listener: (event: CrashIpcEvent) => Promise<unknown>): void {
    this.handlers.set(channel, listener);
  }
  on(channel: string, listener: (event: CrashIpcEvent) => void): void {
    this.listeners.set(channel, listener);
  }
}

let dir: string;
let ipc: FakeIpcMain;
let kiosk: FakeWindow;
let retries: number;
let exits: CoreExit[];
let screen: CrashScreen;

function crashScreen(options: Partial<CrashScreenOptions> = {}): CrashScreen {
  screen = new CrashScreen({
    BrowserWindow: FakeWindow as unknown as CrashScreenOptions['BrowserWindow'],
    ipcMain: ipc,
    page: PAGE,
    preload: PRELOAD,
    kioskWindow: kiosk as unknown as CrashScreenOptions['kioskWindow'],
    dataDir: () => join(dir, 'data'),
    logDirectory: () => join(dir, 'logs'),
    versions: { app: '0.1.0-test', electron: '45.5.0', node: process.versions.node },
    recentExits: () => exits,
    onRetry: () => (retries += 1),
    logger: silentLogger(),
    now: () => Date.UTC(2025, 4, 1, 12, 0, 0),
    ...options,
  });
  return screen;
}

const crashWindow = () => FakeWindow.created[1]!;
/** An IPC event from the crash window's main frame (or as `overrides` say). */
const fromCrashPage = (overrides: Partial<CrashIpcEvent> = {}): CrashIpcEvent => ({
  sender: crashWindow().webContents,
  senderFrame: { url: `${pathToFileURL(PAGE).href}#CORE_CRASH_LOOP`, routingId: 1, processId: 3 },
  ...overrides,
});
const exportVia = (event: CrashIpcEvent) => ipc.handlers.get(CRASH_EXPORT_CHANNEL)!(event) as Promise<CrashExportAnswer>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crash-screen-'));
  FakeWindow.created = [];
  ipc = new FakeIpcMain();
  kiosk = new FakeWindow({});
  retries = 0;
  exits = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('CrashScreen', () => {
  it('opens its own locked-down window on the local page with the crash preload, hiding the kiosk window', () => {
    crashScreen().show('CORE_CRASH_LOOP', '5 exits within 120 s');
    expect(crashWindow().options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      webPreferences: { preload: PRELOAD, contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: false },
    });
    expect(crashWindow().loadFile).toHaveBeenCalledWith(PAGE, { hash: 'CORE_CRASH_LOOP' });
    expect(kiosk.hide).toHaveBeenCalled();
    expect(crashWindow().webContents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const navigation = { preventDefault: vi.fn() };
    crashWindow().webContents.emit('will-navigate', navigation, 'https://example.com/');
    expect(navigation.preventDefault).toHaveBeenCalled();
    // A second failure switches the page, in the same window.
    screen.show('CORE_CONFIG_INVALID', 'flow: bad');
    expect(FakeWindow.created).toHaveLength(2);
    expect(crashWindow().loadFile).toHaveBeenLastCalledWith(PAGE, { hash: 'CORE_CONFIG_INVALID' });
  });

  it('writes the shell report (0600) with the failure, versions, core exits and the redacted log tail, and answers its path', async () => {
    const logs = join(dir, 'logs');
    const at = Date.UTC(2025, 4, 1, 11, 59, 0);
    mkdirSync(logs);
    writeFileSync(
      join(logs, 'kiosk-core.1.log'),
      [
        JSON.stringify({ level: 50, time: at, service: 'kiosk-core', event: 'core-exit', code: 139 }),
        JSON.stringify({ level: 20, time: at + 1, service: 'kiosk-core', event: 'read', deep: { a: { b: { holderName: 'NGUYỄN VĂN THỬ' } } }, msg: 'id 001099012345' }),
      ].join('\n') + '\n',
    );
    exits = [{ code: 139, at, ranMs: 1_200 }];
    crashScreen().show('CORE_CRASH_LOOP', '5 exits within 120 s');

    const answer = await exportVia(fromCrashPage());

    expect(answer).toEqual({ ok: true, path: join(dir, 'data', 'reports', 'kiosk-shell-20250501-120000.json') });
    if (!answer.ok) throw new Error('no report');
    expect(statSync(answer.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data', 'reports')).mode & 0o777).toBe(0o700);
    const text = readFileSync(answer.path, 'utf8');
    const report = JSON.parse(text) as CrashReport;
    expect(report).toMatchObject({
      format: 'kiosk-shell-crash-report',
      generatedAt: '2025-05-01T12:00:00.000Z',
      failure: { code: 'CORE_CRASH_LOOP', detail: '5 exits within 120 s' },
      versions: { app: '0.1.0-test', electron: '45.5.0' },
      coreExits: [{ code: 139, ranMs: 1_200, time: '2025-05-01T11:59:00.000Z' }],
    });
    expect(report.logs?.lines.map((l) => (JSON.parse(l) as { event: string }).event)).toEqual(['core-exit', 'read']);
    for (const personal of PERSONAL_STRINGS) expect(text).not.toContain(personal);
  });

  it('says why when the report cannot be written', async () => {
    writeFileSync(join(dir, 'data'), 'a file where the data folder should be');
    crashScreen({ logDirectory: () => undefined }).show('CORE_START_FAILED', 'x');
    expect(await exportVia(fromCrashPage())).toEqual({ ok: false, code: expect.stringMatching(/^E[A-Z]+$/) });
  });

  it('holds the page watchdog off while the report is written', async () => {
    const released = vi.fn();
    const hold = vi.fn(() => released);
    crashScreen({ holdReloads: hold, logDirectory: () => undefined }).show('CORE_CRASH_LOOP', 'x');
    const writing = exportVia(fromCrashPage());
    expect(hold).toHaveBeenCalledTimes(1);
    expect(released).not.toHaveBeenCalled();
    await writing;
    expect(released).toHaveBeenCalledTimes(1);
  });

  it('serves only the crash page main frame of its own window', async () => {
    crashScreen({ logDirectory: () => undefined }).show('CORE_CRASH_LOOP', 'x');
    const refused = [
      fromCrashPage({ sender: kiosk.webContents }),
      fromCrashPage({ senderFrame: null }),
      fromCrashPage({ senderFrame: { url: pathToFileURL(PAGE).href, routingId: 2, processId: 3 } }),
      fromCrashPage({ senderFrame: { url: 'file:///etc/passwd', routingId: 1, processId: 3 } }),
      fromCrashPage({ senderFrame: { url: 'http://127.0.0.1:41000/', routingId: 1, processId: 3 } }),
    ];
    for (const event of refused) {
      expect(await exportVia(event)).toEqual({ ok: false, code: 'REFUSED' });
      ipc.listeners.get(CRASH_RETRY_CHANNEL)!(event);
    }
    expect(retries).toBe(0);
  });

  it('closes on retry, brings the kiosk window back and starts over', () => {
    crashScreen().show('CORE_CRASH_LOOP', 'x');
    const window = crashWindow();
    ipc.listeners.get(CRASH_RETRY_CHANNEL)!(fromCrashPage());
    expect(retries).toBe(1);
    expect(window.destroy).toHaveBeenCalled();
    expect(kiosk.show).toHaveBeenCalled();
    expect(screen.showing).toBe(false);
    // The closed window's messages are no longer served.
    ipc.listeners.get(CRASH_RETRY_CHANNEL)!({ sender: window.webContents, senderFrame: { url: pathToFileURL(PAGE).href, routingId: 1, processId: 3 } });
    expect(retries).toBe(1);
  });
});

describe('crash-loop.html', () => {
  const html = readFileSync(PAGE, 'utf8');

  it('has a section with its vi and en text for every crash code', () => {
    const codes: CrashCode[] = ['CORE_CRASH_LOOP', 'CORE_CONFIG_INVALID', 'CORE_START_FAILED', 'CONFIG_MISSING', 'RENDERER_CRASH_LOOP'];
    for (const code of codes) expect(html).toMatch(new RegExp(`<section id="${code}" data-code="${code}">\\s*<p>[^<]+.*\\s*<p class="en">`));
  });

  it('allows its one inline script by hash, and nothing remote', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!, 'utf8').digest('base64');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    expect(csp).toBe(`default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'`);
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).not.toMatch(/\bon[a-z]+=/);
    expect(html).toContain('data-testid="crash-export"');
    expect(html).toContain('data-testid="crash-retry"');
    expect(scripts[0]).not.toContain('innerHTML');
  });
});

describe('createCrashScreenBridge', () => {
  it('exposes exactly exportDiagnostics and retry, frozen, passing on only a path or a short code', async () => {
    const sent: string[] = [];
    const answers: unknown[] = [{ ok: true, path: '/var/lib/kiosk/reports/r.json', extra: 'x' }, { ok: false, code: 'ENOSPC' }, 'garbage'];
    const bridge = createCrashScreenBridge({ invoke: async () => answers.shift(), send: (c) => void sent.push(c) });
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['exportDiagnostics', 'retry']);
    expect(await bridge.exportDiagnostics()).toEqual({ ok: true, path: '/var/lib/kiosk/reports/r.json' });
    expect(await bridge.exportDiagnostics()).toEqual({ ok: false, code: 'ENOSPC' });
    expect(await bridge.exportDiagnostics()).toEqual({ ok: false, code: 'EXPORT_FAILED' });
    bridge.retry();
    expect(sent).toEqual([CRASH_RETRY_CHANNEL]);
  });
});
