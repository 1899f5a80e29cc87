// The one kiosk window, locked down: fullscreen kiosk mode, a sandboxed renderer with context
// isolation and no Node, no <webview>, no spellchecker (it would send typed text to a service), no
// devtools in production; navigation away from the core's origin refused, window.open denied, every
// permission denied (the flows need none: devices are the core's business). A renderer that crashes
// or hangs is reloaded: the core keeps the flow, so nothing is lost (DESIGN.md, Processes).

import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import type { Logger } from '../../native/util/logger.ts';

export const KIOSK_BACKGROUND = '#0b1f33';

export interface KioskWindowOptions {
  readonly preload: string;
  /** Devtools are allowed only when the app is not packaged, or KIOSK_DEVTOOLS=1. */
  readonly devTools: boolean;
}

/** The window's construction options; every security-relevant preference is stated, none defaulted. */
export function kioskWindowOptions(options: KioskWindowOptions): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
    // Shown at once: the background colour covers the desktop while the core starts.
    show: true,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.devTools,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/** `origin` of a URL, or null when it has none (about:blank, a malformed URL). */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** Refuses every permission request and check of `session` (camera, notifications, HID, serial...). */
export function denyAllPermissions(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    logger.warn({ event: 'permission-denied', permission }, 'denied a permission request');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export interface GuardOptions {
  /** The one origin the window may show (the core's), or null while there is none. */
  readonly allowedOrigin: () => string | null;
  readonly logger: Logger;
}

/**
 * Installs the guards on the window's contents: navigation and redirects only within the allowed
 * origin, no new windows, no <webview>, reload after a renderer crash or hang.
 */
export function guardKioskContents(contents: WebContents, options: GuardOptions): void {
  const log = options.logger;
  const refuseOutside = (event: { preventDefault(): void }, url: string, kind: string) => {
    const origin = originOf(url);
    if (origin !== null && origin === options.allowedOrigin()) return;
    event.preventDefault();
    log.warn({ event: 'navigation-refused', kind, scheme: url.split(':', 1)[0]?.slice(0, 16) }, 'refused to leave the kiosk page');
  };
  contents.on('will-navigate', (event, url) => refuseOutside(event, url, 'navigate'));
  contents.on('will-redirect', (event, url) => refuseOutside(event, url, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({ event: 'webview-refused' }, 'refused a webview');
  });
  contents.setWindowOpenHandler(() => {
    log.warn({ event: 'window-open-denied' }, 'denied a new window');
    return { action: 'deny' };
  });
  contents.on('render-process-gone', (_event, details) => {
    log.error({ event: 'renderer-gone', reason: details.reason, exitCode: details.exitCode }, 'the renderer is gone; reloading');
    contents.reload();
  });
  contents.on('unresponsive', () => {
    log.error({ event: 'renderer-unresponsive' }, 'the renderer does not respond; reloading');
    contents.forcefullyCrashRenderer();
    contents.reload();
  });
}

/** Creates the kiosk window with its guards. */
export function createKioskWindow(
  BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  options: KioskWindowOptions & GuardOptions,
): BrowserWindow {
  const window = new BrowserWindowClass(kioskWindowOptions(options));
  window.setMenuBarVisibility(false);
  guardKioskContents(window.webContents, options);
  return window;
}
