import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../../native/util/logger.ts';
import { denyAllPermissions, GRANTED_PERMISSIONS, type PermissionSession } from '../../../../../electron/main/security/permission-policy.ts';
import { FakeSession } from '../electron-fakes.ts';

type ElectronPermission = Parameters<NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>>[1];

/** Every permission Electron 45 can ask for (its electron.d.ts); the type keeps the list honest. */
const ELECTRON_PERMISSIONS = [
  'ar', 'automatic-fullscreen', 'background-fetch', 'background-sync', 'captured-surface-control', 'clipboard-read',
  'clipboard-sanitized-write', 'deprecated-sync-clipboard-read', 'display-capture', 'fileSystem', 'fullscreen',
  'geolocation', 'geolocation-approximate', 'hand-tracking', 'hid', 'idle-detection', 'keyboardLock', 'local-fonts',
  'local-network', 'local-network-access', 'loopback-network', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'nfc',
  'notifications', 'openExternal', 'payment-handler', 'periodic-background-sync', 'persistent-storage', 'pointerLock',
  'screen-wake-lock', 'sensors', 'serial', 'smart-card', 'speaker-selection', 'storage-access', 'system-wake-lock',
  'top-level-storage-access', 'usb', 'vr', 'web-app-installation', 'web-printing', 'window-management', 'unknown',
] as const satisfies readonly ElectronPermission[];

function lockedSession(): FakeSession {
  const session = new FakeSession();
  denyAllPermissions(session as unknown as PermissionSession, silentLogger());
  return session;
}

describe('denyAllPermissions', () => {
  it('grants no permission at all, fullscreen included (the window is fullscreen by its options)', () => {
    expect([...GRANTED_PERMISSIONS]).toEqual([]);
  });

  it('denies every permission Electron can request', () => {
    const session = lockedSession();
    for (const permission of ELECTRON_PERMISSIONS) {
      const callback = vi.fn();
      session.permissions.request!({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
  });

  it('answers every permission check with false', () => {
    const session = lockedSession();
    for (const permission of ELECTRON_PERMISSIONS) expect(session.permissions.check!({}, permission), permission).toBe(false);
  });

  it('refuses every device permission', () => {
    expect(lockedSession().permissions.device!({ deviceType: 'hid', origin: 'http://127.0.0.1:41000' })).toBe(false);
  });

  it('cancels the HID and USB pickers with no device, and the serial picker with an empty port', () => {
    const session = lockedSession();
    const answers: Record<string, { prevented: boolean; args: unknown[] }> = {};
    for (const name of ['select-hid-device', 'select-usb-device']) {
      const event = { preventDefault: vi.fn() };
      const callback = vi.fn();
      session.emit(name, event, { deviceList: [{ deviceId: 'reader' }] }, callback);
      answers[name] = { prevented: event.preventDefault.mock.calls.length === 1, args: callback.mock.calls[0] ?? ['not called'] };
    }
    const event = { preventDefault: vi.fn() };
    const callback = vi.fn();
    session.emit('select-serial-port', event, [{ portId: 'ttyUSB0' }], {}, callback);
    answers['select-serial-port'] = { prevented: event.preventDefault.mock.calls.length === 1, args: callback.mock.calls[0] ?? ['not called'] };
    expect(answers).toEqual({
      'select-hid-device': { prevented: true, args: [] },
      'select-usb-device': { prevented: true, args: [] },
      'select-serial-port': { prevented: true, args: [''] },
    });
  });
});
