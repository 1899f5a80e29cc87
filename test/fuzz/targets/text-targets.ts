// Fuzz targets for the text a person or a scanner hands over: the MRZ (OCR or typed) and the CCCD front
// QR code. Bytes are decoded as UTF-8 the way the scanners deliver them (invalid sequences become U+FFFD).
import { encodeCccdQr, parseCccdQr } from '../../../native/card/cccd/cccd-qr.ts';
import { encodeMrz, parseMrz } from '../../../native/card/lds/mrz/mrz.ts';
import { chipProfiles } from '../../../native/sim/profiles/index.ts';
import type { FuzzTarget } from '../fuzz-target.ts';
import { text, utf8 } from './profile-seeds.ts';

const QR = {
  idNumber: '001099012345',
  oldIdNumber: '012345678',
  fullName: 'Nguyễn Văn Thử Nghiệm',
  dateOfBirth: '1999-03-15',
  sexText: 'Nam',
  address: 'Số 1 Đường Kiểm Thử, Phường Mô Phỏng, Hà Nội',
  dateOfIssue: '2021-05-10',
} as const;

export const TEXT_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'mrz',
    seeds: () => {
      const { cccd, 'passport-td3': passport } = chipProfiles;
      const td2 = { ...passport.mrz, format: 'TD2' as const, documentCode: 'I', optionalData1: '' };
      return [cccd.mrz, passport.mrz, td2].flatMap((fields) => {
        const lines = encodeMrz(fields);
        return [utf8(lines.join('\n')), utf8(lines.join(''))];
      });
    },
    parse: (b) => parseMrz(text(b)),
  },
  {
    name: 'cccd-qr',
    seeds: () => [
      utf8(encodeCccdQr(QR)),
      utf8(`\uFEFF${encodeCccdQr({ ...QR, oldIdNumber: undefined, sexText: 'Nữ' })}|\r\n`),
      utf8(encodeCccdQr({ ...QR, extraFields: ['Ông', 'Bà'] }).replace('15031999', '15/03/1999')),
    ],
    parse: (b) => parseCccdQr(text(b)),
  },
];
