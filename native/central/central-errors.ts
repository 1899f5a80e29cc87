// Typed errors of the central-service seam shared by the kiosk's client and the simulator: a contract
// that does not load, and a request signature the service refuses (with the reason a program reads).

import { KioskError, type KioskErrorOptions } from '../hal/errors.ts';

/** The OpenAPI document is missing, unreadable or not usable. */
export class ContractError extends KioskError {
  constructor(code: 'CONTRACT_UNREADABLE' | 'CONTRACT_INVALID', message: string, options: KioskErrorOptions = {}) {
    super(code, message, { step: 'central.contract', userMessage: 'INTERNAL', ...options });
  }
}

/** Why a signed request was refused (RFC 9421 §3.2 verification, plus the service's replay policy). */
export type SignatureFailureReason =
  /** No Signature / Signature-Input fields, or none with the expected label. */
  | 'unsigned'
  /** The fields do not parse as RFC 8941 structured fields, or a parameter has the wrong type. */
  | 'malformed'
  /** A component the policy requires (e.g. content-digest) is not covered, or is absent from the message. */
  | 'missing-component'
  /** alg names something other than ed25519. */
  | 'unsupported-algorithm'
  /** keyid is not registered. */
  | 'unknown-key'
  /** The signature does not verify over the signature base: the message was changed. */
  | 'bad-signature'
  /** Content-Digest does not match the body: the body was changed. */
  | 'digest-mismatch'
  /** created is older than the allowed window, or expires has passed. */
  | 'expired'
  /** created lies further in the future than the allowed clock skew. */
  | 'not-yet-valid'
  /** The nonce was already seen within the window. */
  | 'replayed';

export class SignatureError extends KioskError {
  constructor(
    readonly reason: SignatureFailureReason,
    message: string,
    options: KioskErrorOptions = {},
  ) {
    super(`SIGNATURE_${reason.toUpperCase().replaceAll('-', '_')}`, message, { step: 'central.signature', userMessage: 'INTERNAL', ...options });
  }
}
