// Everything the kiosk locks down on its session, in one call made before the window loads anything:
// no permission and no device for the page, every request to anywhere but the core cancelled, and
// the core's Content-Security-Policy set on its responses by main as well.

import type { Logger } from '../../../native/util/logger.ts';
import { enforceContentSecurityPolicy, type HeadersReceivedHook } from './content-security-policy.ts';
import { denyAllPermissions, type PermissionSession } from './permission-policy.ts';
import { filterRequests, type BeforeRequestHook, type RequestPolicy } from './request-filter.ts';

/** The part of Electron's Session the lock-down uses. */
export interface LockableSession extends PermissionSession {
  readonly webRequest: BeforeRequestHook & HeadersReceivedHook;
}

export interface SessionLockdownOptions extends RequestPolicy {
  readonly logger: Logger;
}

/** Locks `session` down (see the file comment). Call once, before the window loads a page. */
export function lockDownSession(session: LockableSession, options: SessionLockdownOptions): void {
  const log = options.logger.child({ module: 'session-lockdown' });
  denyAllPermissions(session, log);
  filterRequests(session.webRequest, options, log);
  enforceContentSecurityPolicy(session.webRequest, { coreOrigin: options.coreOrigin });
}
