// Why a traveller goes to a booth: the reason codes of failed reads and refused documents, and what the
// traveller reads for each.

import { describe, expect, it } from 'vitest';
import { CardError } from '../../../../../../native/card/errors.ts';
import { CardRemovedError, DeviceUnavailableError, KioskError } from '../../../../../../native/hal/errors.ts';
import { boothMessage, documentRefusal, readFailureReason } from '../../../../../../electron/core/flows/border-gate/gate-decision.ts';
import { EMPTY_SESSION, type PersonSession } from '../../../../../../electron/core/flows/person-session.ts';
import type { ChipRead } from '../../../../../../electron/core/flows/ports.ts';
import { chipProfiles } from '../../../../../../native/sim/profiles/index.ts';

const mrz = { ...chipProfiles['passport-td3'].mrz, checks: { documentNumber: true, dateOfBirth: true, dateOfExpiry: true, composite: true }, lines: [] };
const read = (over: Partial<ChipRead['verdicts']> = {}, dateOfExpiry = '2033-01-01'): ChipRead => ({
  identity: { source: 'chip', documentType: 'PASSPORT', documentNumber: mrz.documentNumber, issuingState: 'UTO', fullName: 'SAMPLE ALEX JORDAN', dateOfBirth: '1985-07-04', sex: 'F', dateOfExpiry },
  mrz,
  verdicts: { passive: 'passed', active: 'passed', chip: 'not-performed', ...over },
  assurance: 'PA_AA_OR_CA',
  trusted: true,
  evidence: { sod: new Uint8Array(1), dg1: new Uint8Array(1) },
});
const session = (r: ChipRead, scanned = mrz): PersonSession => ({ ...EMPTY_SESSION, read: r, scan: { kind: 'mrz', keys: [], mrz: scanned } });
const today = new Date(2026, 0, 1);

describe('documentRefusal', () => {
  it('lets a genuine, matching, valid document through', () => {
    expect(documentRefusal(session(read()), today)).toBeUndefined();
  });

  it('names the first failed chip check, the MRZ mismatch, then the expiry', () => {
    expect(documentRefusal(session(read({ passive: 'failed', active: 'failed' })), today)).toBe('PA_FAILED');
    expect(documentRefusal(session(read({ active: 'failed' })), today)).toBe('AA_FAILED');
    expect(documentRefusal(session(read({ chip: 'failed' })), today)).toBe('CA_FAILED');
    expect(documentRefusal(session(read(), { ...mrz, nationality: 'XXX' }), today)).toBe('MRZ_MISMATCH');
    expect(documentRefusal(session(read({}, '2025-12-31')), today)).toBe('DOCUMENT_EXPIRED');
    expect(documentRefusal(EMPTY_SESSION, today)).toBe('CHIP_UNREADABLE');
  });
});

describe('readFailureReason', () => {
  it('tells a wrong document, a removed card, a missing reader and an unreadable chip apart', () => {
    expect(readFailureReason(new CardError('ACCESS_DENIED', 'denied'))).toBe('WRONG_DOCUMENT');
    expect(readFailureReason(new CardRemovedError())).toBe('CARD_REMOVED');
    expect(readFailureReason(new DeviceUnavailableError('READER_GONE', 'gone'))).toBe('READER_UNAVAILABLE');
    expect(readFailureReason(new KioskError('UNEXPECTED_STATUS', 'sw'))).toBe('CHIP_UNREADABLE');
  });
});

describe('boothMessage', () => {
  it('tells an expired document, a faulty gate and a mismatched finger what they are, and others to go to the booth', () => {
    expect(boothMessage('DOCUMENT_EXPIRED')).toBe('DOCUMENT_EXPIRED');
    expect(boothMessage('GATE_FAULT')).toBe('GATE_UNAVAILABLE');
    expect(boothMessage('FINGERPRINT_MISMATCH')).toBe('FINGERPRINT_MISMATCH');
    expect(boothMessage('PA_FAILED')).toBe('GO_TO_BOOTH');
  });
});
