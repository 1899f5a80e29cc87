// What a person is told, and what a technician reads, when a check-in needs a device that is not ready:
// the registry's requireReady throws DeviceNotReadyError; the diagnostics service uses the same
// messages for a failed self-test.

import type { DeviceHealth, DeviceRole } from './device.ts';
import { DeviceUnavailableError, USER_MESSAGES, type UserMessageKey } from './errors.ts';

/** requireReady found no ready device of the role. `userMessage` is for the person, `message` for the technician. */
export class DeviceNotReadyError extends DeviceUnavailableError {
  constructor(
    readonly role: DeviceRole,
    readonly deviceId: string | undefined,
    readonly health: DeviceHealth | undefined,
    message: string,
    userMessage: UserMessageKey,
  ) {
    super(deviceId === undefined ? 'DEVICE_NOT_CONFIGURED' : health?.state === 'busy' ? 'DEVICE_BUSY' : 'DEVICE_NOT_READY', message, {
      userMessage,
      step: 'devices.requireReady',
    });
  }
}

const ROLE_MESSAGES: Readonly<Record<DeviceRole, UserMessageKey>> = Object.freeze({
  cardReader: 'READER_UNAVAILABLE',
  fingerprint: 'FINGERPRINT_UNAVAILABLE',
  documentScanner: 'DOCUMENT_SCANNER_UNAVAILABLE',
  printer: 'PRINTER_UNAVAILABLE',
  gate: 'GATE_UNAVAILABLE',
});

// Health reasons whose message says more than the role's "not ready". A reason that is itself a
// USER_MESSAGES key (e.g. PCSC_NOT_INSTALLED) is used as it is.
const REASON_MESSAGES: Readonly<Record<string, UserMessageKey>> = Object.freeze({
  PAPER_OUT: 'PRINTER_PAPER_OUT',
  COVER_OPEN: 'PRINTER_COVER_OPEN',
});

/** The message a person reads when a device of `role` in `health` is needed now. */
export function userMessageFor(role: DeviceRole, health: DeviceHealth | undefined): UserMessageKey {
  if (health?.state === 'busy') return 'DEVICE_BUSY';
  const reason = health?.reason;
  if (reason !== undefined) {
    const mapped = REASON_MESSAGES[reason];
    if (mapped !== undefined) return mapped;
    if (Object.hasOwn(USER_MESSAGES, reason)) return reason as UserMessageKey;
  }
  return ROLE_MESSAGES[role];
}

/** The role's own "not ready" message. */
export function roleUserMessage(role: DeviceRole): UserMessageKey {
  return ROLE_MESSAGES[role];
}
