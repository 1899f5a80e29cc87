import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bacKeySeed, mrzInformation } from '../../../../../../native/card/access-key.ts';
import { CardError } from '../../../../../../native/card/errors.ts';
import { checkDigit } from '../../../../../../native/card/lds/mrz/check-digit.ts';
import {
  encodeMrz,
  mrzAccessKeyFromMrz,
  mrzChecksPass,
  MRZ_NO_EXPIRY,
  parseMrz,
  type MrzFields,
} from '../../../../../../native/card/lds/mrz/mrz.ts';
import { mrzTransliterate } from '../../../../../../native/card/lds/mrz/mrz-transliterate.ts';
import { toHex } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';

interface Specimen {
  id: string;
  format: 'TD1' | 'TD2' | 'TD3';
  lines: string[];
  fields: Record<string, string>;
  mrz_information: string;
  bac_kseed?: string;
}
interface Specimens {
  check_digit_examples_part3: { input?: string; check_digit?: string }[];
  specimens: Specimen[];
  derived_not_official: { td1: string[]; td2: string[] }[];
}

const vectors = loadVector<Specimens>('mrz_specimens.json');
const strip = (s: string) => s.replace(/<+$/, '');

describe('parseMrz', () => {
  describe.each(vectors.specimens.map((s) => [s.id, s] as const))('the ICAO specimen %s', (_id, specimen) => {
    const info = parseMrz(specimen.lines.join('\n'));
    const f = specimen.fields;

    it('recognises the format', () => {
      expect(info.format).toBe(specimen.format);
    });

    it('passes every check digit', () => {
      expect(info.checks.documentNumber).toBe(true);
      expect(info.checks.dateOfBirth).toBe(true);
      expect(info.checks.dateOfExpiry).toBe(true);
      expect(info.checks.composite).toBe(true);
      if (specimen.format === 'TD3') expect(info.checks.optionalData).toBe(true);
      expect(mrzChecksPass(info)).toBe(true);
    });

    it('extracts the fields', () => {
      expect(info.documentNumber).toBe(strip(f.document_number_full ?? f.document_number ?? ''));
      expect(info.dateOfBirth).toBe(f.date_of_birth);
      expect(info.dateOfExpiry).toBe(f.date_of_expiry);
      if (f.sex) expect(info.sex).toBe(f.sex);
      if (f.document_code) expect(info.documentCode).toBe(f.document_code);
      if (f.issuing_state) expect(info.issuingState).toBe(f.issuing_state);
      if (f.nationality) expect(info.nationality).toBe(strip(f.nationality));
      if (f.primary_identifier) expect(info.primaryIdentifier).toBe(f.primary_identifier);
      if (f.secondary_identifier) expect(info.secondaryIdentifier).toBe(f.secondary_identifier);
      if (f.personal_number) expect(info.optionalData1).toBe(strip(f.personal_number));
    });

    it('yields the MRZ information of ICAO 9303-11 §9.7.2', () => {
      expect(mrzInformation(mrzAccessKeyFromMrz(info))).toBe(specimen.mrz_information);
      if (specimen.bac_kseed) expect(toHex(bacKeySeed(mrzAccessKeyFromMrz(info)))).toBe(specimen.bac_kseed);
    });

    it('encodes back to the same lines', () => {
      expect(encodeMrz(info)).toEqual(specimen.lines);
    });
  });

  it('accepts the lines concatenated and surrounded by whitespace', () => {
    const s = vectors.specimens[1]!;
    expect(parseMrz(`  ${s.lines.join('')}\r\n`).lines).toEqual(s.lines);
    expect(parseMrz(`\n${s.lines.join('\r\n')}\n\n`).lines).toEqual(s.lines);
  });

  it('reports a wrong check digit instead of throwing', () => {
    const s = vectors.specimens[0]!;
    const broken = [s.lines[0]!, s.lines[1]!.slice(0, 9) + '0' + s.lines[1]!.slice(10)];
    const info = parseMrz(broken.join('\n'));
    expect(info.checks.documentNumber).toBe(false);
    expect(info.checks.composite).toBe(false);
    expect(mrzChecksPass(info)).toBe(false);
  });

  it('computes the composite check digits of the library-made lines', () => {
    for (const d of vectors.derived_not_official) {
      expect(parseMrz(d.td1.join('\n')).checks.composite).toBe(true);
      expect(parseMrz(d.td2.join('\n')).checks.composite).toBe(true);
    }
  });

  it.each([
    ['a wrong length', 'P<UTOERIKSSON'],
    ['lower-case letters', vectors.specimens[0]!.lines.join('\n').toLowerCase()],
    ['mixed line lengths', `${'<'.repeat(30)}\n${'<'.repeat(36)}`],
    ['an unknown sex code', `I<UTOD231458907<<<<<<<<<<<<<<<\n7408122Q1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<`],
  ])('rejects %s with INVALID_INPUT and no personal data in the message', (_what, text) => {
    try {
      parseMrz(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CardError);
      expect((e as CardError).code).toBe('INVALID_INPUT');
      expect((e as CardError).message).not.toMatch(/ERIKSSON|UTO/i);
    }
  });

  it('returns a frozen result', () => {
    const info = parseMrz(vectors.specimens[0]!.lines.join('\n'));
    expect(Object.isFrozen(info)).toBe(true);
    expect(Object.isFrozen(info.checks)).toBe(true);
    expect(Object.isFrozen(info.lines)).toBe(true);
  });

  it('never throws anything but CardError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Z0-9<\n]{0,100}$/)), (text) => {
        try {
          parseMrz(text);
        } catch (e) {
          expect(e).toBeInstanceOf(CardError);
        }
      }),
    );
  });
});

describe('the Part 3 check-digit examples', () => {
  it.each(vectors.check_digit_examples_part3.filter((e) => e.input).map((e) => [e.input!, e.check_digit!]))('%s has check digit %s', (input, digit) => {
    expect(checkDigit(input)).toBe(digit);
  });
});

describe('encodeMrz', () => {
  const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
  const DIGITS = '0123456789'.split('');
  const chars = (alphabet: string[], minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
  const word = chars(LETTERS, 1, 8);
  const names = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => pad(y) + pad(m) + pad(d));
  const code = chars(LETTERS, 3, 3);
  // Optional data: letters, digits and inner fillers, never a filler at either end.
  const optional = (max: number) =>
    chars([...LETTERS, ...DIGITS, '<'], 0, max).map((s) => s.replace(/^<+|<+$/g, ''));
  const documentNumber = (long: boolean) =>
    long
      ? fc.oneof(chars([...LETTERS, ...DIGITS], 1, 9), fc.tuple(chars([...LETTERS, ...DIGITS], 9, 9), chars(DIGITS, 1, 3)).map(([a, b]) => a + b))
      : chars([...LETTERS, ...DIGITS], 1, 9);

  const fields = fc.constantFrom('TD1', 'TD2', 'TD3').chain((format) =>
    fc.record({
      format: fc.constant(format),
      documentCode: format === 'TD3' ? fc.constant('P') : fc.constantFrom('I', 'ID', 'AC'),
      issuingState: code,
      documentNumber: documentNumber(format !== 'TD3'),
      primaryIdentifier: names,
      secondaryIdentifier: fc.oneof(fc.constant(''), names),
      nationality: code,
      dateOfBirth: date,
      sex: fc.constantFrom('M', 'F', 'X'),
      dateOfExpiry: date,
      optionalData1: optional(format === 'TD3' ? 14 : format === 'TD1' ? 15 : 7),
      optionalData2: format === 'TD1' ? optional(11) : fc.constant(''),
    }).filter((f) => {
      // The overflow of a long document number, its check digit and a filler share the optional data.
      const room = f.format === 'TD1' ? 15 : 7;
      return f.documentNumber.length <= 9 || f.documentNumber.length - 9 + 2 + f.optionalData1.length <= room;
    }),
  );

  it('round-trips random fields through parseMrz with all checks passing', () => {
    fc.assert(
      fc.property(fields, (f) => {
        const lines = encodeMrz(f as MrzFields);
        const info = parseMrz(lines.join('\n'));
        expect(mrzChecksPass(info)).toBe(true);
        const width = f.format === 'TD1' ? 30 : f.format === 'TD2' ? 31 : 39;
        const fitsName = f.primaryIdentifier.length + (f.secondaryIdentifier ? f.secondaryIdentifier.length + 2 : 0) <= width;
        const { checks: _c, lines: _l, ...parsed } = info;
        if (fitsName) expect(parsed).toEqual(f);
        else expect({ ...parsed, primaryIdentifier: '', secondaryIdentifier: '' }).toEqual({ ...f, primaryIdentifier: '', secondaryIdentifier: '' });
      }),
    );
  });

  it('rejects characters outside the MRZ set', () => {
    const f = parseMrz(vectors.specimens[0]!.lines.join('\n'));
    expect(() => encodeMrz({ ...f, primaryIdentifier: 'NGUYỄN' })).toThrow(CardError);
    expect(() => encodeMrz({ ...f, dateOfBirth: '7408' })).toThrow(CardError);
  });

  it('encodes a document without expiry and keeps the marker in the access key', () => {
    const f = parseMrz(vectors.specimens[1]!.lines.join('\n'));
    const info = parseMrz(encodeMrz({ ...f, dateOfExpiry: MRZ_NO_EXPIRY }).join('\n'));
    expect(info.dateOfExpiry).toBe(MRZ_NO_EXPIRY);
    expect(info.lines[1]!.slice(8, 15)).toBe('<<<<<<0');
    expect(mrzChecksPass(info)).toBe(true);
    expect(mrzInformation(mrzAccessKeyFromMrz(info)).slice(-7)).toBe('<<<<<<0');
  });
});

describe('mrzTransliterate', () => {
  it('drops Vietnamese diacritics and maps Đ to D', () => {
    expect(mrzTransliterate('Nguyễn Văn Thử Nghiệm')).toBe('NGUYEN VAN THU NGHIEM');
    expect(mrzTransliterate('ĐẶNG THỊ KIỂM-THỬ')).toBe('DANG THI KIEM THU');
    expect(mrzTransliterate("O'Brien")).toBe('OBRIEN');
  });
});
