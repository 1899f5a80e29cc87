// Fuzz targets for the LDS files (ICAO 9303-10): EF.COM, the data groups, SecurityInfos and EF.SOD.
// Seeds are the files the simulator profiles put on their chips, plus small hand-built variants the
// profiles do not carry (several faces with feature points, a JPEG 2000 face).
import { parseDg1 } from '../../../native/card/lds/dg1.ts';
import { parseDg11 } from '../../../native/card/lds/dg11.ts';
import { parseDg12 } from '../../../native/card/lds/dg12.ts';
import { encodeDg13, parseDg13 } from '../../../native/card/lds/dg13.ts';
import { parseDg14 } from '../../../native/card/lds/dg14.ts';
import { parseDg15 } from '../../../native/card/lds/dg15.ts';
import { encodeDg2, parseDg2 } from '../../../native/card/lds/dg2.ts';
import { parseEfCom } from '../../../native/card/lds/ef-com.ts';
import { encodeFaceImageRecord, parseFaceImageRecord, type FaceImageInput } from '../../../native/card/lds/face-image-record.ts';
import { parseSecurityInfos } from '../../../native/card/lds/security-infos/security-infos.ts';
import { parseSod } from '../../../native/card/lds/sod.ts';
import { readTlv } from '../../../native/card/lds/tlv.ts';
import { buildTestSod } from '../../../native/sim/pki/test-pki.ts';
import { concat, fromHex } from '../../../native/util/bytes.ts';
import type { FuzzTarget } from '../fuzz-target.ts';
import { dataGroupSeeds, profileFiles } from './profile-seeds.ts';

/** Small faces, so that mutations land in the record headers rather than in 20 KB of JPEG. */
const SMALL_FACES: readonly FaceImageInput[] = [
  {
    bytes: concat(fromHex('FFD8FFE000104A46494600010100000100010000'), new Uint8Array(24).fill(0x11), fromHex('FFD9')),
    width: 120,
    height: 160,
    gender: 1,
    featurePoints: [{ type: 1, code: 0x0c, x: 40, y: 60 }, { type: 1, code: 0x0d, x: 80, y: 60 }],
  },
  { bytes: concat(fromHex('0000000C6A5020200D0A870A'), new Uint8Array(20).fill(0x22)), width: 90, height: 120, sourceType: 2 },
  { bytes: concat(fromHex('FF4FFF51'), new Uint8Array(16).fill(0x33)), width: 60, height: 80 },
];

export const LDS_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'ef-com',
    seeds: () => [profileFiles().cccd.com, profileFiles().passport.com],
    parse: (b) => parseEfCom(b),
  },
  { name: 'dg1', seeds: () => dataGroupSeeds(1), parse: (b) => parseDg1(b) },
  {
    name: 'dg2',
    seeds: () => [...dataGroupSeeds(2), encodeDg2(SMALL_FACES), encodeDg2(SMALL_FACES.slice(0, 1))],
    parse: (b) => parseDg2(b),
  },
  {
    name: 'face-image-record',
    seeds: () => [encodeFaceImageRecord(SMALL_FACES), encodeFaceImageRecord(SMALL_FACES.slice(1, 2))],
    parse: (b) => parseFaceImageRecord(b),
  },
  { name: 'dg11', seeds: () => dataGroupSeeds(11), parse: (b) => parseDg11(b) },
  { name: 'dg12', seeds: () => dataGroupSeeds(12), parse: (b) => parseDg12(b) },
  {
    name: 'dg13',
    seeds: () => [
      ...dataGroupSeeds(13),
      encodeDg13({ idNumber: '001099012345', fullName: 'TRẦN THỊ MẪU', parents: ['TRẦN VĂN A'] }),
    ],
    parse: (b) => parseDg13(b),
  },
  { name: 'dg14', seeds: () => dataGroupSeeds(14), parse: (b) => parseDg14(b) },
  { name: 'dg15', seeds: () => dataGroupSeeds(15), parse: (b) => parseDg15(b) },
  {
    name: 'security-infos',
    seeds: () => [profileFiles().cccd.cardAccess!, ...dataGroupSeeds(14).map((dg14) => readTlv(dg14).value)],
    parse: (b) => parseSecurityInfos(b),
  },
  {
    name: 'sod',
    seeds: () => [
      profileFiles().cccd.sod,
      profileFiles().passport.sod,
      buildTestSod(new Map([[1, dataGroupSeeds(1)[0]!]]), { signer: 'ds-rsa', rsaScheme: 'rsa-pss', digest: 'SHA-512' }),
    ],
    parse: (b) => parseSod(b),
  },
];
