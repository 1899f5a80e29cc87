import { describe, expect, it } from 'vitest';
import { civilDate } from '../../../../../../native/card/cccd/civil-date.ts';
import { interpretScan } from '../../../../../../native/drivers/serial/scanner/scan-interpreter.ts';
import { chipProfiles } from '../../../../../../native/sim/profiles/index.ts';
import { CCCD_MRZ_LINES, CCCD_QR_TEXT } from '../../../../../helpers/serial-fixtures.ts';

const options = { today: () => civilDate(2025, 3, 14)! };

describe('interpretScan', () => {
  it('turns a TD1 MRZ into its MRZ key with the check digits verified', () => {
    const event = interpretScan({ kind: 'mrz', lines: CCCD_MRZ_LINES }, options);
    expect(event).toMatchObject({ kind: 'mrz', checksPass: true, keys: [chipProfiles.cccd.mrzKey] });
    expect(Object.isFrozen(event)).toBe(true);
  });

  it('still offers the key of an MRZ with a misread check digit, saying the checks failed', () => {
    const lines = [...CCCD_MRZ_LINES];
    const l2 = lines[1]!;
    lines[1] = l2.slice(0, 6) + String((Number(l2[6]) + 1) % 10) + l2.slice(7);
    expect(interpretScan({ kind: 'mrz', lines }, options)).toMatchObject({ kind: 'mrz', checksPass: false });
  });

  it('reports MRZ-shaped lines that do not parse as MRZ_INVALID', () => {
    const event = interpretScan({ kind: 'mrz', lines: [CCCD_MRZ_LINES[0]!, CCCD_MRZ_LINES[1]!.replace(/.$/, 'x'), CCCD_MRZ_LINES[2]!] }, options);
    expect(event.kind === 'error' && event.error.code).toBe('MRZ_INVALID');
  });

  it('turns a CCCD QR into the chip key (expiry from the age rule) and the CAN guess', () => {
    const event = interpretScan({ kind: 'text', text: CCCD_QR_TEXT }, options);
    expect(event.kind).toBe('cccd-qr');
    if (event.kind !== 'cccd-qr') return;
    expect(event.keys[0]).toEqual(chipProfiles.cccd.mrzKey);
    expect(event.keys.at(-1)).toEqual(chipProfiles.cccd.canKey);
  });

  it('reads the 6-field QR variant without the old ID', () => {
    const six = CCCD_QR_TEXT.replace('|012345678|', '|');
    expect(interpretScan({ kind: 'text', text: six }, options).kind).toBe('cccd-qr');
  });

  it('reports a QR that starts like a CCCD but has wrong fields as QR_INVALID, without its content', () => {
    const event = interpretScan({ kind: 'text', text: '001099012345|x' }, options);
    expect(event.kind === 'error' && event.error.code).toBe('QR_INVALID');
    expect(event.kind === 'error' && event.error.message).not.toContain('001099012345');
  });

  it('keeps any other text as unknown', () => {
    expect(interpretScan({ kind: 'text', text: 'BHYT:HS4010123456789' }, options)).toEqual({ kind: 'unknown', text: 'BHYT:HS4010123456789' });
  });
});
