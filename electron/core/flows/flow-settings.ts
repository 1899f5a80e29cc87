// What the flows take from the kiosk config (the `flows` section, validated by electron/core/config):
// fingerprint mode, attempts, minimum assurance, booths, and the timeout of every waiting step. Defaults
// here are the product's defaults; the composition root passes the validated section through
// hospitalSettings / borderGateSettings.

import type { AssuranceLevel } from '../../../native/card/reader/assurance.ts';
import { KioskError } from '../../../native/hal/errors.ts';
import type { Department, Language } from './ports.ts';

export type FingerprintMode = 'required' | 'optional' | 'off';

/** Milliseconds each step may wait before the flow moves on (or resets, wiping the person's data). */
export interface FlowTimeouts {
  /** Waiting for a card or a scan after the person started (hospital) or scanned (border gate). */
  readonly presentCardMs: number;
  /** Watchdog of a whole chip read, resumes included. */
  readonly readMs: number;
  /** How long a removed card may take to come back before the read gives up. */
  readonly resumeCardMs: number;
  /** Waiting for a finger on the scanner (one attempt). */
  readonly fingerprintMs: number;
  /** Pause on a "try again" message before the next fingerprint attempt starts by itself. */
  readonly fingerprintRetryMs: number;
  /** Choosing a department; confirming. */
  readonly chooseMs: number;
  readonly confirmMs: number;
  /** The AA nonce from the central service (offline beyond it). */
  readonly nonceMs: number;
  /** Online identity verification (offline beyond it). */
  readonly verifyMs: number;
  /** Watchdog of a print (the check-in is already saved). */
  readonly printMs: number;
  /** Watchdog of a gate pulse. */
  readonly gateMs: number;
  /** How long the final screen (done, gate open, booth) stays before the next person. */
  readonly doneMs: number;
  /** How long an error screen waits for the person to choose before resetting. */
  readonly errorMs: number;
}

export interface HospitalFlowSettings {
  readonly kioskId: string;
  /** Printed at the top of the ticket. */
  readonly siteName: string;
  readonly fingerprint: FingerprintMode;
  /** Captures (and comparisons) before the fingerprint step gives up. */
  readonly fingerprintAttempts: number;
  /** A patient may check in with the front QR alone (assurance QR_ONLY). */
  readonly allowQrOnly: boolean;
  /** Ask the central service to verify the identity when it is reachable (queued offline either way). */
  readonly onlineVerification: boolean;
  /** The lowest chip assurance accepted (QR-only check-ins are governed by `allowQrOnly`). */
  readonly minimumAssurance: AssuranceLevel;
  /** Used when the department source offers none (offline without a cached list). */
  readonly departments: readonly Department[];
  readonly defaultLanguage: Language;
  readonly ticketFooter?: string;
  readonly timeouts: FlowTimeouts;
}

export interface BorderGateFlowSettings {
  readonly kioskId: string;
  readonly fingerprint: FingerprintMode;
  readonly fingerprintAttempts: number;
  /** The assurance a traveller's document must reach (locally, or as the service states it). */
  readonly minimumAssurance: AssuranceLevel;
  /** Manual booths travellers are sent to, in turn (e.g. ['1', '2']). */
  readonly booths: readonly string[];
  /** Offline: send everyone to a booth (default), or decide on the local checks alone. */
  readonly offlineDecision: 'booth' | 'local';
  /** Chip read attempts (re-presenting the document) before the traveller is sent to a booth. */
  readonly readAttempts: number;
  readonly defaultLanguage: Language;
  readonly timeouts: FlowTimeouts;
}

export const DEFAULT_TIMEOUTS: FlowTimeouts = Object.freeze({
  presentCardMs: 60_000,
  readMs: 30_000,
  resumeCardMs: 10_000,
  fingerprintMs: 15_000,
  fingerprintRetryMs: 2_500,
  chooseMs: 60_000,
  confirmMs: 60_000,
  nonceMs: 2_000,
  verifyMs: 8_000,
  printMs: 20_000,
  gateMs: 5_000,
  doneMs: 10_000,
  errorMs: 30_000,
});

type Input<T> = Partial<Omit<T, 'timeouts'>> & { readonly timeouts?: Partial<FlowTimeouts> };

export function hospitalSettings(input: Input<HospitalFlowSettings> = {}): HospitalFlowSettings {
  return Object.freeze({
    kioskId: 'kiosk',
    siteName: 'BỆNH VIỆN',
    fingerprint: 'optional',
    fingerprintAttempts: 3,
    allowQrOnly: true,
    onlineVerification: true,
    minimumAssurance: 'CHIP_READ',
    departments: Object.freeze([]),
    defaultLanguage: 'vi',
    ...input,
    timeouts: Object.freeze({ ...DEFAULT_TIMEOUTS, ...input.timeouts }),
  });
}

export function borderGateSettings(input: Input<BorderGateFlowSettings> = {}): BorderGateFlowSettings {
  const settings: BorderGateFlowSettings = Object.freeze({
    kioskId: 'kiosk',
    fingerprint: 'required',
    fingerprintAttempts: 3,
    minimumAssurance: 'PA_AA_OR_CA',
    booths: Object.freeze(['1']),
    offlineDecision: 'booth',
    readAttempts: 2,
    defaultLanguage: 'vi',
    ...input,
    timeouts: Object.freeze({ ...DEFAULT_TIMEOUTS, doneMs: 6_000, presentCardMs: 30_000, ...input.timeouts }),
  });
  if (settings.booths.length === 0) throw new KioskError('FLOW_SETTINGS_INVALID', 'flows.borderGate.booths: at least one booth is needed', { userMessage: 'CONFIG_INVALID' });
  return settings;
}
