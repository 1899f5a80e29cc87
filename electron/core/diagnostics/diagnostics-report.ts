// What the diagnostics service reports: plain, JSON-ready objects for the technician's screen,
// `kiosk diag --json` and an exported report. No personal data: device ids, states, reasons, timings.

import type { DeviceRole, DeviceState, SelfTestStep } from '../../../native/hal/device.ts';
import type { LocalizedText } from '../../../native/hal/errors.ts';

export interface DeviceStatusReport {
  readonly id: string;
  readonly role: DeviceRole;
  readonly driver: string;
  /** Whether a check-in needs this device. */
  readonly required: boolean;
  readonly state: DeviceState;
  readonly reason?: string;
  readonly detail?: string;
  /** When the device entered its state (ISO 8601). */
  readonly since: string;
  /** The next reconnect attempt while the registry retries. */
  readonly reconnect?: { readonly attempt: number; readonly at: string };
}

export interface SelfTestReport {
  readonly ok: boolean;
  readonly totalMs: number;
  readonly steps: readonly SelfTestStep[];
  /** What a person would be told if a check-in needed the device now (when the test failed). */
  readonly userMessage?: LocalizedText;
}

export interface DeviceDiagnosticsReport extends DeviceStatusReport {
  readonly selfTest: SelfTestReport;
}

export interface DiagnosticsReport {
  readonly generatedAt: string;
  /** Every required device passed its self-test. */
  readonly ok: boolean;
  readonly totalMs: number;
  readonly devices: readonly DeviceDiagnosticsReport[];
}
