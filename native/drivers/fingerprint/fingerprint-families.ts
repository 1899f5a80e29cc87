// The registry of protocol families, keyed by the name config uses. A new family registers itself here.

import { KioskError } from '../../hal/errors.ts';
import type { FingerprintFamily } from './fingerprint-family.ts';
import { R30X_FAMILY } from './r30x/r30x-family.ts';

const families = new Map<string, FingerprintFamily>([[R30X_FAMILY.name, R30X_FAMILY]]);

export function registerFingerprintFamily(family: FingerprintFamily): void {
  if (families.has(family.name)) throw new KioskError('CONFIG_INVALID', `fingerprint family "${family.name}" is already registered`, { step: 'fingerprint.registerFamily' });
  families.set(family.name, family);
}

export function fingerprintFamilyNames(): readonly string[] {
  return [...families.keys()];
}

/** Throws KioskError `CONFIG_INVALID` naming the known families. */
export function getFingerprintFamily(name: string): FingerprintFamily {
  const family = families.get(name);
  if (!family) {
    throw new KioskError('CONFIG_INVALID', `unknown fingerprint family "${name}"; known: ${fingerprintFamilyNames().join(', ')}`, {
      step: 'fingerprint.family',
      userMessage: 'FINGERPRINT_UNAVAILABLE',
    });
  }
  return family;
}
