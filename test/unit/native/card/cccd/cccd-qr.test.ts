import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCccdQr, parseCccdQr } from '../../../../../native/card/cccd/cccd-qr.ts';
import { CardError } from '../../../../../native/card/errors.ts';

// Synthetic people only.
const standard = '001099012345|012345678|Nguyễn Văn Thử Nghiệm|15031999|Nam|Số 1 Đường Kiểm Thử, Phường Mô Phỏng, Hà Nội|10052021';

function failure(text: string): CardError {
  try {
    parseCccdQr(text);
  } catch (e) {
    expect(e).toBeInstanceOf(CardError);
    return e as CardError;
  }
  throw new Error('expected parseCccdQr to throw');
}

describe('parseCccdQr', () => {
  it('reads the seven fields of the standard layout', () => {
    expect(parseCccdQr(standard)).toEqual({
      idNumber: '001099012345',
      oldIdNumber: '012345678',
      fullName: 'Nguyễn Văn Thử Nghiệm',
      dateOfBirth: '1999-03-15',
      sex: 'M',
      sexText: 'Nam',
      address: 'Số 1 Đường Kiểm Thử, Phường Mô Phỏng, Hà Nội',
      dateOfIssue: '2021-05-10',
      extraFields: [],
    });
    expect(Object.isFrozen(parseCccdQr(standard))).toBe(true);
  });

  it('reads a card without an old ID number (empty field)', () => {
    const qr = parseCccdQr('079304000123||TRẦN THỊ KIỂM TRA|29022004|Nữ|Ấp Thử, Xã Mẫu, Tỉnh Giả|01032022');
    expect(qr.oldIdNumber).toBeUndefined();
    expect(qr.sex).toBe('F');
    expect(qr.dateOfBirth).toBe('2004-02-29');
  });

  it('reads the six-field variant that omits the old-ID field', () => {
    const qr = parseCccdQr('079304000123|TRẦN THỊ KIỂM TRA|29022004|Nữ|Ấp Thử|01032022');
    expect(qr.fullName).toBe('TRẦN THỊ KIỂM TRA');
    expect(qr.oldIdNumber).toBeUndefined();
    expect(qr.dateOfIssue).toBe('2022-03-01');
  });

  it('ignores a byte-order mark, surrounding whitespace, CR/LF and a trailing separator', () => {
    expect(parseCccdQr(`\uFEFF${standard}|\r\n`)).toEqual(parseCccdQr(standard));
  });

  it('accepts dates with slashes', () => {
    expect(parseCccdQr(standard.replace('15031999', '15/03/1999')).dateOfBirth).toBe('1999-03-15');
  });

  it('keeps fields appended after the seventh', () => {
    expect(parseCccdQr(`${standard}|ABC|`).extraFields).toEqual(['ABC']);
  });

  it('normalises decomposed Vietnamese text to NFC', () => {
    expect(parseCccdQr(standard.normalize('NFD')).fullName).toBe('Nguyễn Văn Thử Nghiệm'.normalize('NFC'));
  });

  it.each([
    ['idNumber', standard.replace('001099012345', '00109901234')],
    ['oldIdNumber', standard.replace('012345678', '0123')],
    ['fullName', standard.replace('Nguyễn Văn Thử Nghiệm', '')],
    ['dateOfBirth', standard.replace('15031999', '31021999')],
    ['sex', standard.replace('|Nam|', '|Q|')],
    ['dateOfIssue', standard.replace('10052021', '2021')],
    ['dateOfIssue', '001099012345|012345678|Nguyễn Văn Thử Nghiệm|15031999|Nam|Hà Nội'],
    ['layout', '001099012345|012345678|Nguyễn Văn Thử Nghiệm'],
  ])('names the field %s when it is wrong, without echoing the content', (field, text) => {
    const e = failure(text);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.step).toBe('cccd.qr');
    expect(e.message).toContain(field);
    expect(e.message).not.toMatch(/0010990|Nguy|1999|Hà Nội/);
  });

  it('never throws anything but CardError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.stringMatching(/^\d{0,12}$/)), { maxLength: 9 }), (parts) => {
        try {
          parseCccdQr(parts.join('|'));
        } catch (e) {
          expect(e).toBeInstanceOf(CardError);
        }
      }),
    );
  });
});

describe('encodeCccdQr', () => {
  it('round-trips through parseCccdQr', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, '0'));
    const month = fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, '0'));
    const iso = fc.tuple(fc.integer({ min: 1930, max: 2030 }), month, day).map(([y, m, d]) => `${y}-${m}-${d}`);
    const text = fc.string({ unit: fc.constantFrom(...'aăâđêôơưAĂÂĐÊÔƠƯ ễệữỳ,.0123456789'.split('')), minLength: 1, maxLength: 30 }).map((s) => s.trim() || 'A');
    fc.assert(
      fc.property(
        fc.record({
          idNumber: fc.stringMatching(/^\d{12}$/),
          oldIdNumber: fc.option(fc.stringMatching(/^\d{9}$/), { nil: undefined }),
          fullName: text,
          dateOfBirth: iso,
          sexText: fc.constantFrom('Nam', 'Nữ'),
          address: text,
          dateOfIssue: iso,
        }),
        (data) => {
          const qr = parseCccdQr(encodeCccdQr(data));
          expect(qr).toEqual({ ...data, sex: data.sexText === 'Nam' ? 'M' : 'F', extraFields: [] });
        },
      ),
    );
  });
});
