// The kiosk window as createKioskWindow builds it, against the Electron security checklist: every
// preference stated, no menu bar, and each guard wired on its contents.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { silentLogger } from '../../../../native/util/logger.ts';
import { createKioskWindow, KIOSK_BACKGROUND } from '../../../../electron/main/kiosk-window.ts';
import { FakeWindow } from './electron-fakes.ts';

const CORE = 'http://127.0.0.1:41000';

function open(devTools = false, allowed: string | null = CORE): FakeWindow {
  createKioskWindow(FakeWindow as unknown as new (options: BrowserWindowConstructorOptions) => BrowserWindow, {
    preload: '/opt/kiosk/out/preload/index.cjs',
    devTools,
    allowedOrigin: () => allowed,
    logger: silentLogger(),
  });
  return FakeWindow.created[FakeWindow.created.length - 1]!;
}

beforeEach(() => {
  FakeWindow.created = [];
});

describe('createKioskWindow', () => {
  it('states every window preference of the lock-down', () => {
    expect(open().options).toEqual({
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
      backgroundColor: KIOSK_BACKGROUND,
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

  it('allows devtools only when asked (development, or KIOSK_DEVTOOLS=1)', () => {
    expect((open(true).options.webPreferences as { devTools: boolean }).devTools).toBe(true);
  });

  it('hides the menu bar', () => {
    expect(open().setMenuBarVisibility).toHaveBeenCalledWith(false);
  });

  it('guards its contents: navigation, windows, webviews, shortcuts and devtools', () => {
    const window = open();
    const contents = window.webContents;
    const navigate = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigate, 'https://example.com/');
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, {}, { src: CORE });
    const reload = { preventDefault: vi.fn() };
    contents.emit('before-input-event', reload, { type: 'keyDown', key: 'r', control: true, meta: false, shift: false, alt: false });
    contents.emit('devtools-opened');
    expect({
      navigation: navigate.preventDefault.mock.calls.length,
      webview: webview.preventDefault.mock.calls.length,
      newWindow: contents.openHandler!({ url: `${CORE}/` }),
      reloadKey: reload.preventDefault.mock.calls.length,
      devtoolsClosed: contents.closeDevTools.mock.calls.length,
    }).toEqual({ navigation: 1, webview: 1, newWindow: { action: 'deny' }, reloadKey: 1, devtoolsClosed: 1 });
  });

  it("follows the allowed origin as it changes (a restarted core's new port)", () => {
    let allowed: string | null = null;
    createKioskWindow(FakeWindow as unknown as new (options: BrowserWindowConstructorOptions) => BrowserWindow, {
      preload: '/p.cjs',
      devTools: false,
      allowedOrigin: () => allowed,
      logger: silentLogger(),
    });
    const contents = FakeWindow.created[0]!.webContents;
    const tryNavigate = () => {
      const event = { preventDefault: vi.fn() };
      contents.emit('will-navigate', event, 'http://127.0.0.1:41002/');
      return event.preventDefault.mock.calls.length === 0;
    };
    expect(tryNavigate()).toBe(false);
    allowed = 'http://127.0.0.1:41002';
    expect(tryNavigate()).toBe(true);
  });
});
