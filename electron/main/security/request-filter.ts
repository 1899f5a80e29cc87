// Every request the kiosk session makes goes to the core's loopback origin, or nowhere. The page is
// the core's; its scripts, styles, fonts and the holder's photo (a data: URL inside a snapshot) come
// from there, and its contract traffic runs over a MessagePort that main relays, never over the
// network. So a request to any other origin — the internet, another loopback port, a ws: socket, a
// file — can only come from a bug or an attack, and is cancelled before it is sent.
//
// Three exceptions, each narrow: the static error page main shows when the core cannot run (a file:
// URL, top-level only, that exact file); data: images (the holder's photo: no network involved, and
// the CSP admits them); devtools:// when devtools are allowed (development, or KIOSK_DEVTOOLS=1).

import { pathToFileURL } from 'node:url';
import type { Logger } from '../../../native/util/logger.ts';
import { originOf, schemeOf } from './origin.ts';

/** What onBeforeRequest hands over (Electron's OnBeforeRequestListenerDetails, narrowed). */
export interface RequestDetails {
  readonly url: string;
  readonly resourceType: string;
}

/** The part of Electron's WebRequest this module uses. */
export interface BeforeRequestHook {
  onBeforeRequest(listener: (details: RequestDetails, callback: (answer: { cancel?: boolean }) => void) => void): void;
}

export interface RequestPolicy {
  /** The core's origin (`http://127.0.0.1:PORT`), or null while no core runs. */
  readonly coreOrigin: () => string | null;
  /** Absolute paths of the local pages main itself loads (the crash-loop page). */
  readonly localPages: readonly string[];
  /** Whether devtools may open (their devtools:// pages are then allowed). */
  readonly devTools: boolean;
}

export type RequestRefusal = 'not-core-origin' | 'no-core' | 'local-file' | 'data-not-image' | 'devtools';

/** Why `details` must be cancelled, or null when it may go. */
export function refusalOf(details: RequestDetails, policy: RequestPolicy): RequestRefusal | null {
  const scheme = schemeOf(details.url);
  switch (scheme) {
    case 'devtools':
      return policy.devTools ? null : 'devtools';
    case 'data':
      return details.resourceType === 'image' ? null : 'data-not-image';
    case 'file': {
      const withoutFragment = details.url.split('#', 1)[0] ?? '';
      const isLocalPage = policy.localPages.some((path) => pathToFileURL(path).href === withoutFragment);
      return details.resourceType === 'mainFrame' && isLocalPage ? null : 'local-file';
    }
    default: {
      const core = policy.coreOrigin();
      if (core === null) return 'no-core';
      // Only the page's own scheme: a ws: socket to the core's port has another origin, and is refused.
      return originOf(details.url) === core ? null : 'not-core-origin';
    }
  }
}

/** Cancels every request of the session that `refusalOf` refuses, logging scheme and type only. */
export function filterRequests(webRequest: BeforeRequestHook, policy: RequestPolicy, logger: Logger): void {
  webRequest.onBeforeRequest((details, callback) => {
    const refusal = refusalOf(details, policy);
    if (refusal === null) return callback({});
    // Never the URL: a query string may carry anything, and the host says nothing a technician needs.
    logger.warn({ event: 'request-refused', reason: refusal, scheme: schemeOf(details.url), resourceType: details.resourceType }, 'refused a request that does not go to the core');
    callback({ cancel: true });
  });
}
