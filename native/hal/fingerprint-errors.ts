// The errors every FingerprintScanner raises for the same situations, so that drivers of every protocol
// family and the simulator agree on codes (test/contract/fingerprint-scanner.contract.ts checks them).

import { DeviceTimeoutError, DeviceUnavailableError, KioskError, type UserMessageKey } from './errors.ts';
import type { FingerprintQuality, FingerprintRejectReason } from './fingerprint-scanner.ts';

const REJECT_MESSAGES: Readonly<Record<FingerprintRejectReason, UserMessageKey>> = Object.freeze({
  PARTIAL: 'FINGER_PRESS_HARDER',
  TOO_DRY: 'FINGER_TOO_DRY',
  TOO_WET: 'FINGER_TOO_WET',
  TOO_MESSY: 'FINGER_PLACE_AGAIN',
  TOO_FEW_FEATURES: 'FINGER_PRESS_HARDER',
});

/** The image is unusable; `reason` says why and `userMessage` what the person should do. */
export class FingerprintRejectedError extends KioskError {
  readonly reason: FingerprintRejectReason;
  /** The host's measures of the rejected image, when it was uploaded. */
  readonly quality: FingerprintQuality | undefined;

  constructor(reason: FingerprintRejectReason, quality?: FingerprintQuality, options: { step?: string; cause?: unknown } = {}) {
    super('FINGERPRINT_REJECTED', `fingerprint image rejected: ${reason}`, {
      userMessage: REJECT_MESSAGES[reason],
      step: options.step ?? 'fingerprint.quality',
      cause: options.cause,
    });
    this.reason = reason;
    this.quality = quality;
  }
}

/**
 * A protocol failure on the wire (corrupt packet, unexpected answer, an error code from the device).
 * `code` is family-specific (`R30X_BAD_CHECKSUM`, `R30X_DEVICE_ERROR`, ...); `confirmationCode` is the
 * device's own status byte when it sent one.
 */
export class FingerprintProtocolError extends KioskError {
  readonly confirmationCode: number | undefined;

  constructor(code: string, message: string, options: { step?: string; cause?: unknown; confirmationCode?: number; userMessage?: UserMessageKey } = {}) {
    super(code, message, { userMessage: options.userMessage ?? 'FINGERPRINT_UNAVAILABLE', step: options.step, cause: options.cause });
    this.confirmationCode = options.confirmationCode;
  }
}

/** No finger arrived within the capture's timeout. */
export function fingerNotDetectedError(timeoutMs: number): DeviceTimeoutError {
  return new DeviceTimeoutError(`no finger detected within ${timeoutMs} ms`, { step: 'fingerprint.waitForFinger', userMessage: 'FINGER_NOT_DETECTED' });
}

/** The scanner went away (unplugged, port closed) or was disposed. */
export function scannerGoneError(id: string, step: string, cause?: unknown): DeviceUnavailableError {
  return new DeviceUnavailableError('FINGERPRINT_DISCONNECTED', `fingerprint scanner "${id}" is not connected`, {
    userMessage: 'FINGERPRINT_UNAVAILABLE',
    step,
    cause,
  });
}

/** A capture or self-test already runs on this scanner. */
export function scannerBusyError(id: string): KioskError {
  return new KioskError('FINGERPRINT_BUSY', `fingerprint scanner "${id}" is already capturing`, { userMessage: 'FINGERPRINT_UNAVAILABLE', step: 'fingerprint.capture' });
}

/** The caller's AbortSignal fired (the flow was cancelled or reset). */
export function captureCancelledError(cause?: unknown): KioskError {
  return new KioskError('CAPTURE_CANCELLED', 'fingerprint capture cancelled', { userMessage: 'FINGER_PLACE_AGAIN', step: 'fingerprint.capture', cause });
}
