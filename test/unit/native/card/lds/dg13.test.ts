import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { encodeDg13, parseDg13, type Dg13Content } from '../../../../../native/card/lds/dg13.ts';
import { encodeTlv } from '../../../../../native/card/lds/tlv.ts';
import { concat, fromHex } from '../../../../../native/util/bytes.ts';

// A synthetic person: no real citizen has these details.
const person = {
  idNumber: '001099012345',
  fullName: 'NGUYỄN VĂN THỬ NGHIỆM',
  dateOfBirth: '15/03/1999',
  sex: 'Nam',
  nationality: 'Việt Nam',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Xã Thử Nghiệm, Huyện Mẫu, Tỉnh Giả Định',
  placeOfResidence: 'Số 1 Đường Kiểm Thử, Phường Mô Phỏng, Quận Ảo, Hà Nội',
  identifyingMarks: 'Nốt ruồi C:1cm trên trước mày phải',
  dateOfIssue: '10/05/2021',
  dateOfExpiry: '15/03/2039',
  parents: ['NGUYỄN VĂN CHA GIẢ', 'TRẦN THỊ MẸ GIẢ'],
  spouseName: 'LÊ THỊ BẠN ĐỜI',
  oldIdNumber: '012345678',
} satisfies Dg13Content;

const utf8 = (s: string) => encodeTlv(0x0c, new TextEncoder().encode(s));
const field = (n: number, ...values: Uint8Array[]) => encodeTlv(0x30, encodeTlv(0x02, Uint8Array.of(n)), ...values);
const wrap = (...fields: Uint8Array[]) =>
  encodeTlv(0x6d, encodeTlv(0x30, encodeTlv(0x02, Uint8Array.of(1)), fromHex('060628D316010008'), encodeTlv(0x31, ...fields)));

describe('parseDg13', () => {
  it('reads every field of a flat encoding', () => {
    const info = parseDg13(encodeDg13(person));
    expect(info).toMatchObject({ ...person, fatherName: person.parents[0], motherName: person.parents[1], unknownFields: [] });
    expect(Object.isFrozen(info)).toBe(true);
    expect(Object.isFrozen(info.parents)).toBe(true);
  });

  it('reads the parents when each name sits in its own SEQUENCE', () => {
    const info = parseDg13(encodeDg13(person, { parents: 'nested' }));
    expect(info.parents).toEqual(person.parents);
    expect(info.motherName).toBe('TRẦN THỊ MẸ GIẢ');
  });

  it('tolerates missing, empty and unknown fields in any order', () => {
    const info = parseDg13(wrap(field(2, utf8('PHẠM THỊ KIỂM TRA')), field(7, utf8('')), field(42, utf8('x'), utf8('y')), field(1, utf8('079199000001'))));
    expect(info.idNumber).toBe('079199000001');
    expect(info.fullName).toBe('PHẠM THỊ KIỂM TRA');
    expect(info.religion).toBeUndefined();
    expect(info.dateOfBirth).toBeUndefined();
    expect(info.parents).toEqual([]);
    expect(info.fatherName).toBeUndefined();
    expect(info.unknownFields).toEqual([{ number: 42, values: ['x', 'y'] }]);
  });

  it('takes the old ID number from field 16 when field 15 holds another code', () => {
    const info = parseDg13(encodeDg13({ oldIdNumber: '987654321', unknownFields: [{ number: 15, values: ['AB-7'] }] }, { oldIdField: 16 }));
    expect(info.oldIdNumber).toBe('987654321');
    expect(info.unknownFields).toEqual([{ number: 15, values: ['AB-7'] }]);
  });

  it('keeps an empty father name so the mother stays second', () => {
    const info = parseDg13(wrap(field(13, utf8(''), utf8('VÕ THỊ MẸ GIẢ'))));
    expect(info.fatherName).toBeUndefined();
    expect(info.motherName).toBe('VÕ THỊ MẸ GIẢ');
  });

  it('reads PrintableString and BMPString values', () => {
    const bmp = encodeTlv(0x1e, Uint8Array.of(0x00, 0x4e, 0x1e, 0xef));
    const info = parseDg13(wrap(field(1, encodeTlv(0x13, new TextEncoder().encode('001099012345'))), field(2, bmp)));
    expect(info.idNumber).toBe('001099012345');
    expect(info.fullName).toBe('Nữ');
  });

  it.each([
    ['a wrong outer tag', concat(Uint8Array.of(0x6c), wrap().subarray(1))],
    ['an overrunning length', fromHex('6D0530FF0201')],
    ['a field number that is not small', wrap(encodeTlv(0x30, encodeTlv(0x02, fromHex('01020304')), utf8('x')))],
  ])('rejects %s with MalformedDataError', (_what, bytes) => {
    expect(() => parseDg13(bytes)).toThrow(MalformedDataError);
  });

  it('never throws anything but MalformedDataError on random or mutated bytes', () => {
    const original = encodeDg13(person, { parents: 'nested' });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 }), (random, at, value) => {
        const mutated = original.slice();
        mutated[at] = value;
        for (const bytes of [random, concat(Uint8Array.of(0x6d, random.length), random), mutated]) {
          try {
            parseDg13(bytes);
          } catch (e) {
            expect(e).toBeInstanceOf(MalformedDataError);
          }
        }
      }),
    );
  });
});

describe('encodeDg13', () => {
  it('writes the header SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8, SET }', () => {
    const bytes = encodeDg13({ idNumber: '001099012345' });
    expect(Array.from(bytes.subarray(0, 2))).toEqual([0x6d, bytes.length - 2]);
    expect(Array.from(bytes.subarray(4, 15))).toEqual([0x02, 0x01, 0x01, 0x06, 0x06, 0x28, 0xd3, 0x16, 0x01, 0x00, 0x08]);
  });

  const text = fc.string({ unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐỄỆỮỳýỷỹ /:-0123456789'.split('')), minLength: 1, maxLength: 40 });
  const optional = fc.option(text, { nil: undefined });
  const content = fc.record({
    idNumber: optional,
    fullName: optional,
    dateOfBirth: optional,
    sex: optional,
    nationality: optional,
    ethnicity: optional,
    religion: optional,
    placeOfOrigin: optional,
    placeOfResidence: optional,
    identifyingMarks: optional,
    dateOfIssue: optional,
    dateOfExpiry: optional,
    parents: fc.array(text, { maxLength: 3 }),
    spouseName: optional,
    oldIdNumber: fc.option(fc.stringMatching(/^(\d{9}|\d{12})$/), { nil: undefined }),
    unknownFields: fc.uniqueArray(
      fc.record({ number: fc.integer({ min: 17, max: 300 }), values: fc.array(text, { minLength: 1, maxLength: 2 }) }),
      { selector: (f) => f.number, maxLength: 3 },
    ),
  });

  it('round-trips random Vietnamese text through parseDg13', () => {
    fc.assert(
      fc.property(content, fc.constantFrom('flat', 'nested') as fc.Arbitrary<'flat' | 'nested'>, (c, parents) => {
        const info = parseDg13(encodeDg13(c, { parents }));
        const { fatherName, motherName, unknownFields, ...rest } = info;
        expect(rest).toEqual(c.parents.length ? { ...c, unknownFields: undefined } : { ...c, unknownFields: undefined, parents: [] });
        expect(fatherName).toBe(c.parents[0]);
        expect(motherName).toBe(c.parents[1]);
        expect(unknownFields).toEqual([...c.unknownFields].sort((a, b) => a.number - b.number));
      }),
    );
  });
});
