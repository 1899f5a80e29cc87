// Turns a confirmation code the scanner answered into the typed error a caller can act on. Codes that
// mean "the finger or the image is the problem" carry the message the person needs ("press harder",
// "place your finger again"); codes that mean "the device is the problem" carry the technician's cause.

import type { KioskError } from '../../../hal/errors.ts';
import { FingerprintProtocolError, FingerprintRejectedError } from '../../../hal/fingerprint-errors.ts';
import { instructionName, R30xConfirmation as C } from './r30x-instructions.ts';

const DESCRIPTIONS: ReadonlyMap<number, string> = new Map([
  [C.PACKET_RECEIVE_ERROR, 'the device received a corrupt packet'],
  [C.NO_FINGER, 'no finger on the sensor'],
  [C.IMAGE_FAIL, 'the image could not be collected'],
  [C.IMAGE_MESSY, 'the image is too disorderly to extract features'],
  [C.FEATURE_FAIL, 'too few feature points (image too small or faint)'],
  [C.UPLOAD_FEATURE_FAIL, 'the template could not be uploaded'],
  [C.PACKET_RESPONSE_FAIL, 'the device cannot receive the following data packets'],
  [C.UPLOAD_FAIL, 'the image could not be uploaded'],
  [C.PASSWORD_FAIL, 'wrong password'],
  [C.INVALID_IMAGE, 'there is no valid image in the image buffer'],
  [C.FLASH_ERROR, 'flash write error'],
  [C.PASSWORD_REQUIRED, 'the password must be verified first'],
]);

export function describeConfirmation(code: number): string {
  return DESCRIPTIONS.get(code) ?? `confirmation code 0x${code.toString(16).padStart(2, '0')}`;
}

/** The error for a non-zero confirmation code answered to `instruction`. */
export function confirmationError(code: number, instruction: number): KioskError {
  const step = `r30x.${instructionName(instruction)}`;
  const message = `${instructionName(instruction)}: ${describeConfirmation(code)} (confirmation 0x${code.toString(16).padStart(2, '0')})`;
  const options = { step, confirmationCode: code };
  switch (code) {
    case C.IMAGE_MESSY:
      return new FingerprintRejectedError('TOO_MESSY', undefined, { step });
    case C.FEATURE_FAIL:
      return new FingerprintRejectedError('TOO_FEW_FEATURES', undefined, { step });
    case C.NO_FINGER:
      return new FingerprintProtocolError('R30X_NO_FINGER', message, { ...options, userMessage: 'FINGER_NOT_DETECTED' });
    case C.IMAGE_FAIL:
    case C.INVALID_IMAGE:
      return new FingerprintProtocolError('R30X_NO_IMAGE', message, { ...options, userMessage: 'FINGER_PLACE_AGAIN' });
    case C.PASSWORD_FAIL:
    case C.PASSWORD_REQUIRED:
      return new FingerprintProtocolError('R30X_WRONG_PASSWORD', message, options);
    case C.PACKET_RECEIVE_ERROR:
      return new FingerprintProtocolError('R30X_PACKET_RECEIVE_ERROR', message, options);
    default:
      return new FingerprintProtocolError('R30X_DEVICE_ERROR', message, options);
  }
}
