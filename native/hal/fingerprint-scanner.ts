// The fingerprint seam. The check-in flow sees FingerprintScanner; which protocol family (R30x/ZFM, ...)
// and which transport (HID reports, serial) sit underneath comes from config
// (native/drivers/fingerprint/fingerprint-options.ts). Implementation: ProtocolFingerprintScanner over a
// real link (node-hid, serialport) or over the packet-level simulator (native/sim/fingerprint). One
// contract suite (test/contract/fingerprint-scanner.contract.ts) runs against every path.

import type { Device } from './device.ts';
import type { Event } from './event.ts';

/** An 8-bit grayscale image, row-major, 0 = black (ridge) .. 255 = white (valley / background). */
export interface FingerprintImage {
  readonly width: number;
  readonly height: number;
  /** Sensor resolution in dots per inch (R30x: 500). */
  readonly dpi: number;
  readonly pixels: Uint8Array;
}

/** Why a capture is unusable, each with an action the person can take. */
export type FingerprintRejectReason =
  /** Too little of the sensor is covered: press harder, cover the middle (FINGER_PRESS_HARDER). */
  | 'PARTIAL'
  /** Faint, light, broken ridges: finger too dry (FINGER_TOO_DRY). */
  | 'TOO_DRY'
  /** Dark, smeared ridges: finger too wet (FINGER_TOO_WET). */
  | 'TOO_WET'
  /** Ridges have no consistent direction (moved, smudged): place again (FINGER_PLACE_AGAIN). */
  | 'TOO_MESSY'
  /** The scanner found too few minutiae to build a template: press harder (FINGER_PRESS_HARDER). */
  | 'TOO_FEW_FEATURES';

/**
 * The quality of one image (native/drivers/fingerprint/fingerprint-quality.ts documents the measures).
 * All measures are in 0..1 except `score` (0..100).
 */
export interface FingerprintQuality {
  /** Weighted summary of the measures below; higher is better. */
  readonly score: number;
  /** Fraction of 16x16 blocks that hold ridges (foreground). */
  readonly coverage: number;
  /** Median ridge/valley spread inside foreground blocks (10th to 90th percentile, over 255). */
  readonly contrast: number;
  /** Mean ridge orientation coherence of foreground blocks (1 = perfectly parallel ridges). */
  readonly coherence: number;
  /** Mean gray level of foreground blocks over 255 (light = dry, dark = wet). */
  readonly brightness: number;
  /** The first reason the image is unusable, or undefined when it is acceptable. */
  readonly rejectReason: FingerprintRejectReason | undefined;
}

export interface FingerprintCapture {
  readonly image: FingerprintImage;
  /** A standard 8-bit grayscale PNG with a pHYs chunk stating the resolution. */
  readonly png: Uint8Array;
  readonly quality: FingerprintQuality;
  /** The scanner's own feature template (R30x: UpChar of CharBuffer1), when requested. */
  readonly template: Uint8Array | undefined;
  /** Milliseconds waiting for the finger, uploading the image, converting it. */
  readonly timings: { readonly waitMs: number; readonly uploadMs: number; readonly convertMs: number };
}

export interface CaptureOptions {
  /** How long to wait for a finger before rejecting with DeviceTimeoutError (FINGER_NOT_DETECTED). */
  readonly timeoutMs: number;
  /** Cancels the wait or the upload; the capture rejects with KioskError `CAPTURE_CANCELLED`. */
  readonly signal?: AbortSignal;
  /** Also ask the scanner for its feature template (default false). */
  readonly includeTemplate?: boolean;
}

export interface UploadProgress {
  readonly bytes: number;
  readonly total: number;
}

/**
 * A fingerprint scanner.
 *
 * Obligations:
 * - `capture` opens the device when needed, fires `onDidRequestPlace`, waits for a finger until
 *   `timeoutMs` (then rejects with DeviceTimeoutError, user message FINGER_NOT_DETECTED), fires
 *   `onDidDetectFinger`, uploads the image firing `onDidProgress`, fires `onDidRequestLift`, and resolves
 *   with the PNG and its quality. An unusable image rejects with FingerprintRejectedError naming the reason.
 * - One capture at a time: a second call while one runs rejects with KioskError `FINGERPRINT_BUSY`.
 * - `health` is `busy` during a capture or self-test, `absent` after the device disappears (a capture in
 *   progress rejects with DeviceUnavailableError `FINGERPRINT_DISCONNECTED`), `faulted` when it answers
 *   but cannot be used (wrong password, repeated corrupt packets), `ready` otherwise.
 * - `open()` reconnects after an unplug; `selfTest()` runs the handshake and one capture.
 */
export interface FingerprintScanner extends Device {
  readonly role: 'fingerprint';
  readonly onDidRequestPlace: Event<void>;
  readonly onDidDetectFinger: Event<void>;
  readonly onDidRequestLift: Event<void>;
  readonly onDidProgress: Event<UploadProgress>;
  capture(options: CaptureOptions): Promise<FingerprintCapture>;
}
