import { describe, expect, it } from 'vitest';
import { mrzInformation, type AccessKey } from '../../../../../native/card/access-key.ts';
import { cccdAccessKeys, cccdCanGuess, cccdDocumentNumber } from '../../../../../native/card/cccd/cccd-access.ts';
import { parseCccdQr } from '../../../../../native/card/cccd/cccd-qr.ts';
import { civilDate } from '../../../../../native/card/cccd/civil-date.ts';
import { CardError } from '../../../../../native/card/errors.ts';
import { checkDigit } from '../../../../../native/card/lds/mrz/check-digit.ts';

const qr = parseCccdQr('001099012345|012345678|NGUYỄN VĂN THỬ NGHIỆM|15031999|Nam|Hà Nội|10052021');
const describeKey = (k: AccessKey) => (k.kind === 'can' ? `CAN ${k.can}` : `${k.documentNumber} ${k.dateOfBirth} ${k.dateOfExpiry}`);

describe('cccdAccessKeys', () => {
  it('tries the MRZ key of the age rule first and the CAN guess last', () => {
    expect(cccdAccessKeys(qr).map(describeKey)).toEqual(['099012345 990315 240315', 'CAN 012345']);
  });

  it('offers one MRZ key per expiry candidate, in the same order', () => {
    const keys = cccdAccessKeys({ idNumber: '001066012345', dateOfBirth: '1966-03-01', dateOfIssue: '2024-02-20' }, { includeCan: false });
    expect(keys.map(describeKey)).toEqual(['066012345 660301 260301', '066012345 660301 <<<<<<', '066012345 660301 991231']);
  });

  it('builds the MRZ information of a card without expiry from its filler expiry field', () => {
    const [key] = cccdAccessKeys({ idNumber: '001050012345', dateOfBirth: '1950-07-07', dateOfIssue: '2021-07-07' });
    if (key?.kind !== 'mrz') throw new Error('expected an MRZ key');
    expect(mrzInformation(key)).toBe(`050012345${checkDigit('050012345')}500707${checkDigit('500707')}<<<<<<0`);
  });

  it('uses every future renewal birthday when the issue date is unknown', () => {
    const keys = cccdAccessKeys({ idNumber: qr.idNumber, dateOfBirth: qr.dateOfBirth }, { today: civilDate(2026, 1, 1)! });
    expect(keys.map(describeKey)).toEqual(['099012345 990315 390315', '099012345 990315 590315', 'CAN 012345']);
  });

  it('needs the current date when the issue date is unknown', () => {
    expect(() => cccdAccessKeys({ idNumber: qr.idNumber, dateOfBirth: qr.dateOfBirth })).toThrow(CardError);
  });

  it('rejects an ID that is not 12 digits', () => {
    expect(() => cccdAccessKeys({ ...qr, idNumber: '12345' })).toThrow(CardError);
  });
});

describe('cccdDocumentNumber', () => {
  it('is the last 9 digits of the ID, and the CAN guess its last 6', () => {
    expect(cccdDocumentNumber('001099012345')).toBe('099012345');
    expect(cccdCanGuess('001099012345')).toBe('012345');
  });
});
