// The kiosk page's Content-Security-Policy, enforced twice. The core's host already sends it
// (electron/core/host/security-headers.ts); main sets it again on every response from the core's
// origin, so a host bug or a proxy that drops the header cannot leave the page without one, and the
// page cannot weaken it (a header the response carries in another case is replaced, not added to:
// two policies would both apply, but a look-alike header is one thing less to reason about).

import { contentSecurityPolicy } from '../../core/host/security-headers.ts';
import { originOf } from './origin.ts';

/** What onHeadersReceived hands over (Electron's OnHeadersReceivedListenerDetails, narrowed). */
export interface HeadersReceivedDetails {
  readonly url: string;
  readonly responseHeaders?: Record<string, string[]>;
}

/** Electron's HeadersReceivedResponse, narrowed. */
export interface HeadersReceivedAnswer {
  readonly cancel?: boolean;
  readonly responseHeaders?: Record<string, string[]>;
}

/** The part of Electron's WebRequest this module uses. */
export interface HeadersReceivedHook {
  onHeadersReceived(listener: (details: HeadersReceivedDetails, callback: (answer: HeadersReceivedAnswer) => void) => void): void;
}

const CSP_HEADER = 'Content-Security-Policy';

/**
 * `headers` with exactly one Content-Security-Policy: the kiosk policy for `origin`. Every other
 * header is kept as it came; a CSP header in any letter case is dropped first.
 */
export function withKioskPolicy(headers: Readonly<Record<string, string[]>> | undefined, origin: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== CSP_HEADER.toLowerCase()) result[name] = values;
  }
  result[CSP_HEADER] = [contentSecurityPolicy(origin)];
  return result;
}

export interface ContentSecurityPolicyOptions {
  /** The core's origin (`http://127.0.0.1:PORT`), or null while no core runs. */
  readonly coreOrigin: () => string | null;
}

/**
 * Sets the kiosk policy on every response from the core's origin. Responses from elsewhere pass
 * untouched: the request filter (request-filter.ts) has cancelled them before they were sent.
 */
export function enforceContentSecurityPolicy(webRequest: HeadersReceivedHook, options: ContentSecurityPolicyOptions): void {
  webRequest.onHeadersReceived((details, callback) => {
    const core = options.coreOrigin();
    if (core === null || originOf(details.url) !== core) return callback({});
    callback({ responseHeaders: withKioskPolicy(details.responseHeaders, core) });
  });
}
