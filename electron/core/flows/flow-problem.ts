// What went wrong at a step, as a flow keeps it: a stable code for the officer, the support report and the
// tests, and the key of the text the person reads. Never the error's message (technician English) and
// never personal data, so a problem can sit in a snapshot, a log line and a check-in record.

import { CardRemovedError, DeviceUnavailableError, KioskError, USER_MESSAGES, type LocalizedText, type UserMessageKey } from '../../../native/hal/errors.ts';
import { SyncTransportError } from '../sync/sync-transport.ts';

export interface FlowProblem {
  /** e.g. `CARD_REMOVED`, `ACCESS_DENIED`, `PAPER_OUT`, `FINGERPRINT_REJECTED`. */
  readonly code: string;
  readonly messageKey: UserMessageKey;
}

export function flowProblem(code: string, messageKey: UserMessageKey): FlowProblem {
  return Object.freeze({ code, messageKey });
}

/** The problem an error stands for: its code and user message when typed, INTERNAL otherwise. */
export function problemOf(err: unknown): FlowProblem {
  if (err instanceof KioskError) return flowProblem(err.code, err.userMessageKey);
  return flowProblem('INTERNAL', 'INTERNAL');
}

export function problemText(problem: FlowProblem): LocalizedText {
  return USER_MESSAGES[problem.messageKey];
}

/** The central service cannot be reached now (a retry later may work): the flow goes on offline. */
export function isOffline(err: unknown): boolean {
  return err instanceof SyncTransportError && err.kind !== 'refused';
}

export function isCardRemoved(err: unknown): boolean {
  return err instanceof CardRemovedError || (err instanceof KioskError && err.code === 'CARD_REMOVED');
}

export function isDeviceUnavailable(err: unknown): boolean {
  return err instanceof DeviceUnavailableError;
}

/** The chip refused every key: the card is not the one the scanned document describes. */
export function isAccessDenied(err: unknown): boolean {
  return err instanceof KioskError && err.code === 'ACCESS_DENIED';
}

/** Thrown into a task whose signal aborted (the person went back, or the flow reset). */
export function cancelledError(step: string): KioskError {
  return new KioskError('READ_CANCELLED', 'the flow left the step before it finished', { step, userMessage: 'INTERNAL' });
}

/** A port the flow needs is not wired: a configuration fault, not the person's. */
export function flowUnavailable(messageKey: UserMessageKey = 'CONFIG_INVALID'): DeviceUnavailableError {
  return new DeviceUnavailableError('FLOW_PORT_MISSING', 'a device or service the flow needs is not configured', { userMessage: messageKey, step: 'flow' });
}
