// Permissions: none. The flows need no camera, microphone, notifications, geolocation, clipboard,
// HID, serial or USB: every device belongs to the core, which drives it from its own process, never
// to the page. Not even `fullscreen`: that permission gates the page's Fullscreen API
// (element.requestFullscreen), while the kiosk window is fullscreen by its own construction options
// (kiosk: true, fullscreen: true), which no permission check governs — so the page asking for it
// would only be a page trying to change what main decided.
//
// Electron grants every permission unless a handler says otherwise (security checklist, 5), so both
// the request and the check handler are set; WebHID/WebSerial/WebUSB pickers are answered "no
// device" as well, in case a future Chromium asks before it checks.

import type { Logger } from '../../../native/util/logger.ts';

type Cancel = () => void;

/** The part of Electron's Session this module uses. */
export interface PermissionSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  on(event: 'select-hid-device' | 'select-usb-device', listener: (event: { preventDefault(): void }, details: unknown, callback: Cancel) => void): unknown;
  on(event: 'select-serial-port', listener: (event: { preventDefault(): void }, ports: unknown, contents: unknown, callback: (portId: string) => void) => void): unknown;
}

/** The permissions the kiosk page may have. Empty on purpose: see the file comment. */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

/** Denies every permission request and check of `session`, and every device the page asks for. */
export function denyAllPermissions(session: PermissionSession, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const granted = GRANTED_PERMISSIONS.has(permission);
    if (!granted) logger.warn({ event: 'permission-denied', permission: String(permission).slice(0, 40) }, 'denied a permission request');
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission) => GRANTED_PERMISSIONS.has(permission));
  session.setDevicePermissionHandler(() => false);
  const refuseDevice = (kind: string) => {
    logger.warn({ event: 'device-picker-refused', kind }, 'refused a device picker: devices belong to the core');
  };
  // Electron's docs: "passing no arguments to callback will cancel the request" (HID, USB); "an empty
  // string will cancel the request" (serial). preventDefault stops Electron's own choice.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    refuseDevice('hid');
    callback();
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    refuseDevice('usb');
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    refuseDevice('serial');
    callback('');
  });
}
