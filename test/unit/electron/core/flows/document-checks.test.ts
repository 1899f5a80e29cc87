// The checks of a read document: DG1 against the scanned MRZ, the chip against the front QR, expiry in
// the kiosk's own calendar day, and the MRZ dates turned into ISO dates.

import { describe, expect, it } from 'vitest';
import { parseCccdQr } from '../../../../../native/card/cccd/cccd-qr.ts';
import { chipProfiles } from '../../../../../native/sim/profiles/index.ts';
import { isExpired, localIsoDate, mrzDifferences, qrDifferences } from '../../../../../electron/core/flows/document-checks.ts';
import { identityFromQr, mrzBirthDateToIso, mrzExpiryDateToIso } from '../../../../../electron/core/flows/identity.ts';
import { CCCD_QR_TEXT, OTHER_QR_TEXT } from './flow-rig.ts';

const passport = chipProfiles['passport-td3'].mrz;

describe('mrzDifferences', () => {
  it('finds none between a page and its own chip', () => {
    expect(mrzDifferences(passport, { ...passport })).toEqual([]);
  });

  it('names the fields that differ, never their values', () => {
    expect(mrzDifferences(passport, { ...passport, primaryIdentifier: 'OTHER', sex: 'M' })).toEqual(['primaryIdentifier', 'sex']);
  });

  it('treats another MRZ format as another document', () => {
    expect(mrzDifferences(passport, chipProfiles.cccd.mrz)).toEqual(['documentCode']);
  });
});

describe('qrDifferences', () => {
  it('finds the ID and birth date of another person', () => {
    const own = identityFromQr(parseCccdQr(CCCD_QR_TEXT));
    const other = identityFromQr(parseCccdQr(OTHER_QR_TEXT));
    expect(qrDifferences(own, { ...own, source: 'chip' })).toEqual([]);
    expect(qrDifferences(own, other)).toEqual(['personalNumber', 'documentNumber', 'dateOfBirth']);
  });
});

describe('isExpired', () => {
  it('keeps a document valid through its expiry day and refuses it the day after', () => {
    expect(isExpired({ dateOfExpiry: '2030-06-15' }, new Date(2030, 5, 15, 23, 59))).toBe(false);
    expect(isExpired({ dateOfExpiry: '2030-06-15' }, new Date(2030, 5, 16, 0, 1))).toBe(true);
  });

  it('never refuses a document without expiry', () => {
    expect(isExpired({}, new Date(2099, 0, 1))).toBe(false);
  });

  it('counts days in the kiosk’s local calendar', () => {
    expect(localIsoDate(new Date(2025, 0, 9, 0, 30))).toBe('2025-01-09');
  });
});

describe('MRZ dates', () => {
  const today = new Date(Date.UTC(2025, 2, 1));

  it('puts birth years after this year in the last century', () => {
    expect(mrzBirthDateToIso('990315', today)).toBe('1999-03-15');
    expect(mrzBirthDateToIso('100102', today)).toBe('2010-01-02');
    expect(mrzBirthDateToIso('85<<<<', today)).toBe('1985');
    expect(mrzBirthDateToIso('ABCDEF', today)).toBeUndefined();
  });

  it('reads expiries in this century and knows the documents without one', () => {
    expect(mrzExpiryDateToIso('390315')).toBe('2039-03-15');
    expect(mrzExpiryDateToIso('991231')).toBeUndefined();
    expect(mrzExpiryDateToIso('<<<<<<')).toBeUndefined();
  });
});
