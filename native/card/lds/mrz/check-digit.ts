// ICAO 9303-3 §4.9: check digits with weights 7, 3, 1; '<' and letters A-Z map to 0 and 10-35.

import { CardError } from '../../errors.ts';

function charValue(c: string): number {
  const code = c.charCodeAt(0);
  if (c === '<') return 0;
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  throw new CardError('INVALID_INPUT', `character ${JSON.stringify(c)} is not allowed in an MRZ`, { step: 'mrz.checkDigit' });
}

/** The check digit (as a character '0'-'9') of an MRZ field. */
export function checkDigit(field: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += charValue(field[i]!) * weights[i % 3]!;
  return String(sum % 10);
}
