// The chip's side of each access-control and authenticity protocol, as the simulator needs it. The
// implementations live beside this file (BacChip, PaceChip, SecureMessagingChip, ActiveAuthenticationChip,
// ChipAuthenticationChip); the simulator only routes APDUs to them, so it depends on these roles.

import type { CommandApdu } from '../../card/apdu/command-apdu.ts';
import type { ResponseApdu } from '../../card/apdu/response-apdu.ts';

/** A secure-messaging session on the chip's side (ICAO 9303-11 §9.8). */
export interface SecureMessagingResponder {
  /** Verifies and decrypts a protected command. Throws (CardError `SM_ERROR`) on a bad MAC or SM objects. */
  unwrapCommand(command: CommandApdu): CommandApdu;
  /** Protects a response (DO87/DO99/DO8E). */
  wrapResponse(response: ResponseApdu): ResponseApdu;
  /** When set, the next wrapped response carries a wrong MAC. */
  corruptNextMac?: boolean;
}

/** BAC (ICAO 9303-11 §4.3): GET CHALLENGE, then EXTERNAL AUTHENTICATE; null on a wrong cryptogram or MAC. */
export interface BacResponder {
  getChallenge(): Uint8Array;
  externalAuthenticate(data: Uint8Array): { readonly responseData: Uint8Array; readonly sm: SecureMessagingResponder } | null;
}

/** PACE (ICAO 9303-11 §4.4): MSE:Set AT, then the chained GENERAL AUTHENTICATE steps. */
export interface PaceResponder {
  /** Returns the status word for the MSE:Set AT data. */
  mseSetAt(data: Uint8Array): number;
  /** One GENERAL AUTHENTICATE step; the command is passed whole because chaining (CLA b5) matters. */
  generalAuthenticate(command: CommandApdu): { readonly sw: number; readonly data: Uint8Array; readonly sm?: SecureMessagingResponder };
}

/** Active authentication (ICAO 9303-11 §6.1): INTERNAL AUTHENTICATE signs the terminal's challenge. */
export interface ActiveAuthenticationResponder {
  internalAuthenticate(challenge: Uint8Array): Uint8Array;
}

/** Chip authentication (ICAO 9303-11 §6.2): MSE:Set KAT (v1) or MSE:Set AT + GENERAL AUTHENTICATE (v2). */
export interface ChipAuthenticationResponder {
  mseSetKat(data: Uint8Array): { readonly sw: number; readonly sm?: SecureMessagingResponder };
  mseSetAt(data: Uint8Array): number;
  generalAuthenticate(data: Uint8Array): { readonly sw: number; readonly data: Uint8Array; readonly sm?: SecureMessagingResponder };
}

/**
 * Factories for the protocols a chip supports. Each is called at power-on, since protocol state does not
 * survive a reset. A missing factory means the chip does not offer the protocol (e.g. no `bac` for a
 * PACE-only chip).
 */
export interface ChipProtocols {
  readonly bac?: () => BacResponder;
  readonly pace?: () => PaceResponder;
  readonly activeAuthentication?: () => ActiveAuthenticationResponder;
  readonly chipAuthentication?: () => ChipAuthenticationResponder;
}
