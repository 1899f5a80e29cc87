// Errors of the card stack. Each carries `code`, `step` (protocol step), `sw` (status word) and `cause`.

import { KioskError, type KioskErrorOptions, type UserMessageKey } from '../hal/errors.ts';
import { SW, swHex } from './apdu/status-word.ts';

export type CardErrorCode =
  /** The card refused the access-control keys (wrong MRZ/CAN, blocked password). Expected. */
  | 'ACCESS_DENIED'
  /** Secure messaging broke: bad MAC, missing SM objects, wrong SSC. */
  | 'SM_ERROR'
  /** A file or data group is absent on this card. */
  | 'FILE_NOT_FOUND'
  /** A status word the step did not expect. */
  | 'UNEXPECTED_STATUS'
  /** Bytes from the card (or any input) do not parse. */
  | 'MALFORMED_DATA'
  /** The card or reader lacks a needed capability (e.g. no supported PACE parameters). */
  | 'UNSUPPORTED'
  /** A cryptographic check of the protocol failed (authentication token, cryptogram). */
  | 'AUTHENTICATION_FAILED'
  /** Invalid input from a person or caller (MRZ, CAN, QR text). */
  | 'INVALID_INPUT';

const DEFAULT_USER_MESSAGE: Record<CardErrorCode, UserMessageKey> = {
  ACCESS_DENIED: 'ACCESS_DENIED',
  SM_ERROR: 'SECURE_MESSAGING_FAILED',
  FILE_NOT_FOUND: 'CARD_UNREADABLE',
  UNEXPECTED_STATUS: 'CARD_UNREADABLE',
  MALFORMED_DATA: 'MALFORMED_CARD_DATA',
  UNSUPPORTED: 'UNSUPPORTED_CARD',
  AUTHENTICATION_FAILED: 'ACCESS_DENIED',
  INVALID_INPUT: 'INVALID_INPUT',
};

export class CardError extends KioskError {
  declare readonly code: CardErrorCode;

  constructor(code: CardErrorCode, message: string, options: KioskErrorOptions = {}) {
    super(code, message, { userMessage: DEFAULT_USER_MESSAGE[code], ...options });
  }

  /** Maps a failing status word to an error, with the step that received it. */
  static fromStatus(sw: number, step: string): CardError {
    const text = `${step} failed with SW ${swHex(sw)}`;
    switch (sw) {
      case SW.SECURITY_STATUS_NOT_SATISFIED:
      case SW.AUTHENTICATION_METHOD_BLOCKED:
      case SW.REFERENCE_DATA_NOT_USABLE:
      case SW.VERIFICATION_FAILED:
        return new CardError('ACCESS_DENIED', text, { step, sw });
      case SW.SM_DATA_MISSING:
      case SW.SM_DATA_INCORRECT:
        return new CardError('SM_ERROR', text, { step, sw });
      case SW.FILE_NOT_FOUND:
      case SW.RECORD_NOT_FOUND:
        return new CardError('FILE_NOT_FOUND', text, { step, sw });
      default:
        if ((sw & 0xfff0) === 0x63c0) return new CardError('ACCESS_DENIED', text, { step, sw });
        return new CardError('UNEXPECTED_STATUS', text, { step, sw });
    }
  }
}

/** Input bytes that do not parse. `step` names the parser (`lds.dg1`, `tlv`), `offset` where it broke. */
export class MalformedDataError extends CardError {
  readonly offset: number | undefined;

  constructor(message: string, options: KioskErrorOptions & { readonly offset?: number } = {}) {
    super('MALFORMED_DATA', options.offset === undefined ? message : `${message} at offset ${options.offset}`, options);
    this.offset = options.offset;
  }
}
