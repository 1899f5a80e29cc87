// The kiosk window never leaves the core's page (Electron security checklist, 13 and 14): a
// navigation or redirect of the main frame to any other origin is refused, a subframe may not
// navigate at all (the page has none: its CSP's default-src 'none' forbids frames), window.open and
// target=_blank are denied, a <webview> is never attached (webviewTag is false as well), and a
// beforeunload handler cannot keep the page from being reloaded or the kiosk from quitting.
// No 'select-bluetooth-device' listener is installed on purpose: without one Electron cancels every
// Web Bluetooth request, while a listener that forgot preventDefault would pick the first device.
// Navigations main itself starts (loadURL, loadFile) raise none of these events.

import type { Logger } from '../../../native/util/logger.ts';
import { originOf, schemeOf } from './origin.ts';

interface Preventable {
  preventDefault(): void;
}

/** The part of Electron's WebContents this module uses. */
export interface NavigableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: Preventable, url: string) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: Preventable & { readonly url: string; readonly isMainFrame: boolean }) => void): unknown;
  on(event: 'will-attach-webview' | 'will-prevent-unload', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
}

export interface NavigationPolicy {
  /** The one origin the window may show (the core's), or null while there is none. */
  readonly allowedOrigin: () => string | null;
  readonly logger: Logger;
}

/** Whether the main frame may go to `url`: only within the allowed origin. */
export function mayNavigate(url: string, allowedOrigin: string | null): boolean {
  const origin = originOf(url);
  return origin !== null && origin === allowedOrigin;
}

/** Installs the navigation, redirect, subframe, window.open and webview guards on `contents`. */
export function guardNavigation(contents: NavigableContents, policy: NavigationPolicy): void {
  const log = policy.logger;
  const refuse = (event: Preventable, url: string, kind: string) => {
    event.preventDefault();
    log.warn({ event: 'navigation-refused', kind, scheme: schemeOf(url) }, 'refused to leave the kiosk page');
  };
  const guardMainFrame = (kind: string) => (event: Preventable, url: string) => {
    if (!mayNavigate(url, policy.allowedOrigin())) refuse(event, url, kind);
  };
  contents.on('will-navigate', guardMainFrame('navigate'));
  contents.on('will-redirect', guardMainFrame('redirect'));
  // The main frame's own navigations are will-navigate's; this catches those of subframes.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuse(event, event.url, 'subframe');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({ event: 'webview-refused' }, 'refused a webview');
  });
  // A beforeunload handler may not hold the page: main's reloads (the watchdog) and the quit go through.
  contents.on('will-prevent-unload', (event) => {
    event.preventDefault();
    log.warn({ event: 'unload-block-ignored' }, 'ignored a page that tried to block its unload');
  });
  contents.setWindowOpenHandler((details) => {
    log.warn({ event: 'window-open-denied', scheme: schemeOf(details.url) }, 'denied a new window');
    return { action: 'deny' };
  });
}
