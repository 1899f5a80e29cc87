// A protocol family is what a given scanner speaks (R30x/ZFM first). The scanner
// (ProtocolFingerprintScanner) drives capture through this family-neutral session, so adding a family
// means adding one module and registering it here; neither the capture logic nor the transports change.

import type { Disposable } from '../../hal/event.ts';
import type { FingerprintImage, UploadProgress } from '../../hal/fingerprint-scanner.ts';
import type { ByteLink } from './byte-link.ts';

/** What the device said about itself during the handshake (no personal data). */
export interface FingerprintDeviceInfo {
  readonly family: string;
  /** Technician-facing summary, e.g. `R30x system id 0x0009, packet 128 B, 57600 bps`. */
  readonly detail: string;
}

/** The LED states a capture goes through; a family maps them to what its hardware can show. */
export type FingerprintIndication = 'waiting' | 'capturing' | 'success' | 'failure' | 'off';

/**
 * One protocol session on one open link. Obligations: every method rejects with a typed error
 * (FingerprintProtocolError, FingerprintRejectedError, DeviceTimeoutError, DeviceUnavailableError
 * `FINGERPRINT_DISCONNECTED` when the link is lost); methods are called one at a time.
 */
export interface FingerprintSession extends Disposable {
  /** Authenticates (password) and reads the device parameters. */
  handshake(): Promise<FingerprintDeviceInfo>;
  /** One poll: takes an image if a finger is on the sensor; false when there is none yet. */
  detectFinger(): Promise<boolean>;
  /** Uploads the image taken by the last successful `detectFinger`. */
  uploadImage(onProgress: (progress: UploadProgress) => void): Promise<FingerprintImage>;
  /** Asks the device to extract features; rejects with FingerprintRejectedError when it cannot. */
  checkFeatures(): Promise<void>;
  /** The feature template extracted by `checkFeatures`. */
  uploadTemplate(): Promise<Uint8Array>;
  /** Best effort: a device without LEDs resolves without doing anything. */
  indicate(state: FingerprintIndication): Promise<void>;
  /** Counters for diagnostics. */
  readonly stats: { readonly corruptPackets: number; readonly retries: number };
}

/** Family-specific settings from config (address, password, timeouts). */
export interface FingerprintFamilyOptions {
  readonly address: number;
  readonly password: number;
  /** Longest wait for the device's answer to a command. */
  readonly commandTimeoutMs: number;
  /** Longest wait between data packets, and for the rest of a packet once it has started. */
  readonly packetTimeoutMs: number;
  /** How many more times a command is sent after a corrupt answer. */
  readonly retries: number;
  readonly deviceId: string;
}

export interface FingerprintFamily {
  /** The name used in config (`family: 'r30x'`). */
  readonly name: string;
  createSession(link: ByteLink, options: FingerprintFamilyOptions): FingerprintSession;
}
