import { describe, expect, it } from 'vitest';
import { cccdIdFromMrz, cccdMrzFields } from '../../../../../native/card/cccd/cccd-mrz.ts';
import { CardError } from '../../../../../native/card/errors.ts';
import { checkDigit } from '../../../../../native/card/lds/mrz/check-digit.ts';
import { encodeMrz, mrzChecksPass, parseMrz } from '../../../../../native/card/lds/mrz/mrz.ts';

const person = {
  idNumber: '001099012345',
  fullName: 'NGUYỄN VĂN THỬ NGHIỆM',
  dateOfBirth: '1999-03-15',
  sex: 'M',
  dateOfExpiry: '2024-03-15',
} as const;

describe('cccdMrzFields', () => {
  const lines = encodeMrz(cccdMrzFields(person));

  it('lays out the TD1 MRZ as CCCD cards print it', () => {
    expect(lines[0]).toBe(`IDVNM099012345${checkDigit('099012345')}001099012345<<${checkDigit('001099012345<<')}`);
    expect(lines[1]!.slice(0, 18)).toBe(`990315${checkDigit('990315')}M240315${checkDigit('240315')}VNM`);
    expect(lines[2]).toBe('NGUYEN<<VAN<THU<NGHIEM<<<<<<<<');
  });

  it('parses back with every check digit right and the full ID recoverable', () => {
    const info = parseMrz(lines.join('\n'));
    expect(mrzChecksPass(info)).toBe(true);
    expect(info.documentNumber).toBe('099012345');
    expect(cccdIdFromMrz(info)).toBe('001099012345');
  });

  it("writes '<<<<<<' for a card without expiry", () => {
    expect(parseMrz(encodeMrz(cccdMrzFields({ ...person, dateOfExpiry: null })).join('')).dateOfExpiry).toBe('<<<<<<');
  });

  it('rejects an ID that is not 12 digits', () => {
    expect(() => cccdMrzFields({ ...person, idNumber: '0010990123' })).toThrow(CardError);
  });
});

describe('cccdIdFromMrz', () => {
  it('is undefined for a document of another state or an ID that does not end with the document number', () => {
    expect(cccdIdFromMrz({ issuingState: 'UTO', documentNumber: '099012345', optionalData1: '001099012345<<2' })).toBeUndefined();
    expect(cccdIdFromMrz({ issuingState: 'VNM', documentNumber: '099012346', optionalData1: '001099012345<<2' })).toBeUndefined();
  });
});
