// What every device of the kiosk shares: a role, a health state that changes as events, and a
// self-test. Concrete devices (native/hal/fingerprint-scanner.ts, printer.ts, gate.ts,
// document-scanner.ts, card-reader.ts) extend this; the registry (native/hal/device-registry.ts) keeps
// them connected and reports their health to the diagnostics service.

import type { Disposable, Event } from './event.ts';
import type { LocalizedText } from './errors.ts';

export type DeviceRole = 'cardReader' | 'fingerprint' | 'documentScanner' | 'printer' | 'gate';

export const DEVICE_ROLES: readonly DeviceRole[] = Object.freeze(['cardReader', 'fingerprint', 'documentScanner', 'printer', 'gate']);

/**
 * absent: not connected (unplugged, or never found); ready: usable; busy: in use by a flow or a
 * self-test; faulted: connected but not usable (paper out, cover open, bad answers) — `reason` says why.
 */
export type DeviceState = 'absent' | 'ready' | 'busy' | 'faulted';

export interface DeviceHealth {
  readonly state: DeviceState;
  /** Stable machine-readable reason, e.g. `PAPER_OUT`, `NOT_CONNECTED`, `CHECKSUM_ERRORS`. */
  readonly reason?: string;
  /** Technician-facing detail (English, no personal data). */
  readonly detail?: string;
  /** When the state was entered (ms since epoch). */
  readonly since: number;
}

export interface SelfTestStep {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly detail?: string;
}

export interface SelfTestResult {
  readonly ok: boolean;
  readonly steps: readonly SelfTestStep[];
  readonly totalMs: number;
  /** What a person would be told if a check-in needed this device now. */
  readonly userMessage?: LocalizedText;
}

export interface Device extends Disposable {
  /** Stable id from config, e.g. `printer` or `fingerprint-left`. */
  readonly id: string;
  readonly role: DeviceRole;
  /** Driver name from config, e.g. `escpos-serial`, `r30x-hid`, `pcsc`, `sim`. */
  readonly driver: string;
  readonly health: DeviceHealth;
  readonly onDidChangeHealth: Event<DeviceHealth>;
  /**
   * Opens the device (idempotent). Resolves when ready; rejects with DeviceUnavailableError when it is
   * absent. The registry calls it again with backoff until it succeeds.
   */
  open(): Promise<void>;
  /** Runs the role's self-test (reader: connect and ATR; printer: status and a test ticket; ...). */
  selfTest(): Promise<SelfTestResult>;
}
