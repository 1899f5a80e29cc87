// The one kiosk window, locked down against the Electron security checklist: fullscreen kiosk mode
// with no menu; a sandboxed renderer with context isolation and no Node in the page, its workers or
// its frames; no <webview>; web security on, no insecure content, no experimental or extra Blink
// features; no spellchecker (it would send typed text to a service); no dialogs (an alert() would
// freeze an unattended kiosk); devtools only in development; no context menu (Electron shows one only
// when main builds it on 'context-menu', which main never does). Its contents may not navigate away, open windows, attach webviews, or take the
// reload / devtools / zoom / close shortcuts (security/navigation-guard.ts, security/input-guard.ts).
// The session's permissions, request filter and CSP are security/session-lockdown.ts's.
//
// A renderer that crashes or hangs is reloaded by renderer-watchdog.ts (with a heartbeat, and the crash
// screen when reloads keep happening): the core keeps the flow, so nothing is lost
// (DESIGN.md, Processes).

import type { BrowserWindowConstructorOptions, BrowserWindow as ElectronBrowserWindow, WebContents } from 'electron';
import type { Logger } from '../../native/util/logger.ts';
import { guardInput, type GuardedContents } from './security/input-guard.ts';
import { guardNavigation, type NavigableContents } from './security/navigation-guard.ts';

export { originOf } from './security/origin.ts';

export const KIOSK_BACKGROUND = '#0b1f33';

export interface KioskWindowOptions {
  readonly preload: string;
  /** Devtools are allowed only when the app is not packaged, or KIOSK_DEVTOOLS=1. */
  readonly devTools: boolean;
}

export interface GuardOptions {
  /** The one origin the window may show (the core's), or null while there is none. */
  readonly allowedOrigin: () => string | null;
  readonly logger: Logger;
}

/**
 * Installs the guards on the window's contents: navigation and redirects only within the allowed
 * origin, no subframe navigation, no new windows, no <webview>, the escape shortcuts swallowed,
 * devtools closed in production. (Reloading a crashed or hung renderer is renderer-watchdog.ts's.)
 */
export function guardKioskContents(contents: WebContents, options: GuardOptions & Pick<KioskWindowOptions, 'devTools'>): void {
  guardNavigation(contents as unknown as NavigableContents, options);
  guardInput(contents as unknown as GuardedContents, options);
}

/**
 * Creates the kiosk window with its guards. The options are written out here, in the
 * `new BrowserWindow({...})` call itself, so the electronegativity scan (test/unit/security) reads
 * the real ones; every security-relevant preference is stated, none left to a default.
 */
export function createKioskWindow(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow,
  options: KioskWindowOptions & GuardOptions,
): ElectronBrowserWindow {
  const window = new BrowserWindow({
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
      disableDialogs: true,
    },
  });
  window.setMenuBarVisibility(false);
  guardKioskContents(window.webContents, options);
  return window;
}
