// The flow machines' settings (electron/core/flows/flow-settings.ts) from the validated config: seconds
// become milliseconds, booths their ids, and the kiosk's identity and default language come from their
// own sections. Timeouts the config does not expose (the fingerprint retry pause, the AA nonce and gate
// pulse watchdogs) keep the flows' defaults. `idleResetSeconds` is not a flow setting: whoever watches
// for touches (the host) sends the flow its RESET after that long.

import { KioskError } from '../../../native/hal/errors.ts';
import { borderGateSettings, hospitalSettings, type BorderGateFlowSettings, type HospitalFlowSettings } from '../flows/flow-settings.ts';
import type { KioskConfig } from './kiosk-config-schema.ts';

const SECOND = 1000;

function notConfigured(section: string): KioskError {
  return new KioskError('CONFIG_INVALID', `flows.${section} is not configured`, { step: 'config.flows', userMessage: 'CONFIG_INVALID' });
}

/** Throws KioskError CONFIG_INVALID when the config has no `flows.hospital` (validation requires it only for the flow in use). */
export function hospitalFlowSettings(config: KioskConfig): HospitalFlowSettings {
  const flow = config.flows.hospital;
  if (flow === undefined) throw notConfigured('hospital');
  const t = flow.timeouts;
  return hospitalSettings({
    kioskId: config.kiosk.id,
    siteName: config.kiosk.siteName,
    fingerprint: flow.fingerprint,
    fingerprintAttempts: flow.fingerprintAttempts,
    allowQrOnly: flow.allowQrOnly,
    onlineVerification: flow.onlineVerification,
    minimumAssurance: flow.minimumAssurance,
    departments: flow.departments,
    defaultLanguage: config.ui.defaultLanguage,
    ...(flow.ticketFooter === undefined ? {} : { ticketFooter: flow.ticketFooter }),
    timeouts: {
      presentCardMs: t.presentCardSeconds * SECOND,
      readMs: t.readingSeconds * SECOND,
      resumeCardMs: t.resumeCardSeconds * SECOND,
      fingerprintMs: t.fingerprintSeconds * SECOND,
      chooseMs: t.chooseDepartmentSeconds * SECOND,
      confirmMs: t.confirmSeconds * SECOND,
      verifyMs: t.verificationSeconds * SECOND,
      printMs: t.printingSeconds * SECOND,
      doneMs: t.doneSeconds * SECOND,
      errorMs: t.errorSeconds * SECOND,
    },
  });
}

/** Throws KioskError CONFIG_INVALID when the config has no `flows.borderGate`. */
export function borderGateFlowSettings(config: KioskConfig): BorderGateFlowSettings {
  const flow = config.flows.borderGate;
  if (flow === undefined) throw notConfigured('borderGate');
  const t = flow.timeouts;
  return borderGateSettings({
    kioskId: config.kiosk.id,
    fingerprint: flow.fingerprint,
    fingerprintAttempts: flow.fingerprintAttempts,
    minimumAssurance: flow.minimumAssurance,
    booths: flow.booths.map((b) => b.id),
    offlineDecision: flow.offlineDecision,
    readAttempts: flow.readAttempts,
    defaultLanguage: flow.languages.includes(config.ui.defaultLanguage) ? config.ui.defaultLanguage : flow.languages[0]!,
    timeouts: {
      presentCardMs: t.presentDocumentSeconds * SECOND,
      readMs: t.readingSeconds * SECOND,
      resumeCardMs: t.resumeCardSeconds * SECOND,
      fingerprintMs: t.fingerprintSeconds * SECOND,
      verifyMs: t.verificationSeconds * SECOND,
      doneMs: t.verdictSeconds * SECOND,
      errorMs: t.errorSeconds * SECOND,
    },
  });
}
