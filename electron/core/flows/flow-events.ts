// The events a flow machine takes: the intents a person sends through the UI (the contract's intents map
// onto these one to one), and the events its own device watchers and tasks send back.

import type { ScanEvent } from '../../../native/hal/document-scanner.ts';
import type { FingerprintVerdict } from './person-session.ts';
import type { ChipRead, ChipReadEvent, FingerPhase, FingerprintSample, Language } from './ports.ts';

/**
 * What the person (or the shell) may ask of a flow; the contract's `flow.*` intents map onto these one
 * to one (contract-intents.ts). Intents that do not apply to the current step are ignored.
 */
export type FlowIntent =
  /** Leave the welcome screen (the chip path). */
  | { readonly type: 'START' }
  /** "I will place my card on the reader": the chip path. */
  | { readonly type: 'PRESENT_CARD' }
  /** "I will scan the QR on my CCCD"; with a QR already scanned (hospital, when allowed): check in with it alone. */
  | { readonly type: 'USE_QR' }
  | { readonly type: 'SET_LANGUAGE'; readonly language: Language }
  | { readonly type: 'CHOOSE_DEPARTMENT'; readonly departmentId: string }
  | { readonly type: 'CONFIRM' }
  /** One step back. */
  | { readonly type: 'BACK' }
  /** Abandon the check-in (or leave a final screen): back to the start, the person's data wiped. */
  | { readonly type: 'CANCEL' }
  /** Try the failed step again. */
  | { readonly type: 'RETRY' }
  /** Skip an optional fingerprint. */
  | { readonly type: 'SKIP' }
  /** The person touched the screen: the step waiting for them restarts its timeout. */
  | { readonly type: 'ACTIVITY' }
  /** Idle reset from outside (the shell, a technician): back to the start, the person's data wiped. */
  | { readonly type: 'RESET' };

export const FLOW_INTENT_TYPES: readonly FlowIntent['type'][] = Object.freeze([
  'START',
  'PRESENT_CARD',
  'USE_QR',
  'SET_LANGUAGE',
  'CHOOSE_DEPARTMENT',
  'CONFIRM',
  'BACK',
  'CANCEL',
  'RETRY',
  'SKIP',
  'ACTIVITY',
  'RESET',
]);

/** Events the flow's device watchers and tasks send to it. */
export type FlowDeviceEvent =
  | { readonly type: 'CARD.INSERTED' }
  | { readonly type: 'CARD.REMOVED' }
  | { readonly type: 'SCANNED'; readonly scan: ScanEvent }
  | { readonly type: 'READ.EVENT'; readonly event: ChipReadEvent }
  | { readonly type: 'READ.DONE'; readonly read: ChipRead }
  | { readonly type: 'READ.FAILED'; readonly error: unknown }
  | { readonly type: 'FINGER.PHASE'; readonly phase: FingerPhase }
  | { readonly type: 'FINGER.DONE'; readonly sample: FingerprintSample; readonly verdict: FingerprintVerdict }
  | { readonly type: 'FINGER.FAILED'; readonly error: unknown };

export type FlowEvent = FlowIntent | FlowDeviceEvent;
