// A synthetic Vietnamese CCCD (chip-based citizen identity card), as public reader code describes the
// real ones: TD1 MRZ 'IDVNM' whose document number is the last 9 digits of the 12-digit ID and whose
// optional data holds the full ID; PACE-ECDH-GM-AES-CBC-CMAC-128 on brainpoolP256r1 (parameter id 13,
// CAM offered too) with BAC as fallback; DG1, DG2 (JPEG), DG3 (EAC-protected), DG13, DG14, DG15.
// The citizen does not exist: name, numbers and addresses are invented.

import type { KeyObject } from 'node:crypto';
import { canAccessKey, mrzAccessKey } from '../../card/access-key.ts';
import { encodeDg1 } from '../../card/lds/dg1.ts';
import { encodeDg13, type Dg13Content } from '../../card/lds/dg13.ts';
import { encodeDg14 } from '../../card/lds/dg14.ts';
import { encodeDg15 } from '../../card/lds/dg15.ts';
import { encodeDg2 } from '../../card/lds/dg2.ts';
import { encodeEfCom } from '../../card/lds/ef-com.ts';
import type { MrzFields } from '../../card/lds/mrz/mrz.ts';
import {
  createActiveAuthenticationInfo,
  createChipAuthenticationInfo,
  createChipAuthenticationPublicKeyInfo,
  createPaceInfo,
  encodeSecurityInfos,
} from '../../card/lds/security-infos/security-infos.ts';
import { encodeTlv, expectTlv, readTlvList } from '../../card/lds/tlv.ts';
import { ecdsaPlainOid } from '../../card/protocol/aa/aa-hash.ts';
import { chipAuthenticationOid } from '../../card/lds/security-infos/security-info-oids.ts';
import { ActiveAuthenticationChip } from '../chip/active-authentication-chip.ts';
import { BacChip } from '../chip/bac-chip.ts';
import { ChipAuthenticationChip } from '../chip/chip-authentication-chip.ts';
import { PaceChip } from '../chip/pace-chip.ts';
import type { ChipFileContents } from '../chip/chip-file-system.ts';
import type { ChipProtocols } from '../chip/chip-protocol-roles.ts';
import { buildTestSod } from '../pki/test-pki.ts';
import type { ChipProfile, CreateChipOptions } from './chip-profile.ts';
import { profileKey, spkiDer, type KeySpec } from './profile-keys.ts';
import { syntheticFace } from './synthetic-face.ts';

const ID_NUMBER = '001099012345';
/** PACE standardized domain parameter 13: brainpoolP256r1 (ICAO 9303-11 §9.5.1). */
const BRAINPOOL_P256R1_ID = 13;
const EC_KEY: KeySpec = { type: 'ec', curve: 'brainpoolP256r1' };
const CA_KEY_ID = 1;
const CA_OID = chipAuthenticationOid({ keyAgreement: 'ECDH', cipher: 'AES-128' });

const MRZ: MrzFields = Object.freeze({
  format: 'TD1',
  documentCode: 'ID',
  issuingState: 'VNM',
  documentNumber: ID_NUMBER.slice(3),
  primaryIdentifier: 'NGUYEN',
  secondaryIdentifier: 'VAN THU',
  nationality: 'VNM',
  dateOfBirth: '990315',
  sex: 'M',
  dateOfExpiry: '390315',
  optionalData1: ID_NUMBER,
  optionalData2: '',
});

const DG13: Dg13Content = Object.freeze({
  idNumber: ID_NUMBER,
  fullName: 'NGUYỄN VĂN THỬ',
  dateOfBirth: '15/03/1999',
  sex: 'Nam',
  nationality: 'Việt Nam',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Xã Thử Nghiệm, Huyện Mẫu, Hà Nam',
  placeOfResidence: 'Số 1 Đường Thử Nghiệm, Phường Mẫu, Quận Ba Đình, Hà Nội',
  identifyingMarks: 'Nốt ruồi C:1cm trên đuôi mắt trái',
  dateOfIssue: '10/05/2024',
  dateOfExpiry: '15/03/2039',
  parents: Object.freeze(['NGUYỄN VĂN MẪU', 'TRẦN THỊ THỬ']),
  spouseName: 'LÊ THỊ MẪU',
  oldIdNumber: '012345678',
});

/** DG1, DG2, DG3 (never readable: EAC), DG13, DG14, DG15, as EF.COM lists them on real cards. */
const DATA_GROUPS = Object.freeze([1, 2, 3, 13, 14, 15]);

export const CCCD_PROFILE: ChipProfile = Object.freeze({
  name: 'cccd',
  description: 'Vietnamese CCCD chip ID card (synthetic citizen), PACE with BAC fallback',
  mrz: MRZ,
  mrzKey: mrzAccessKey(MRZ.documentNumber, MRZ.dateOfBirth, MRZ.dateOfExpiry),
  canKey: canAccessKey(ID_NUMBER.slice(-6)),
  accessControl: Object.freeze(['PACE', 'BAC'] as const),
  dataGroups: DATA_GROUPS,
});

const PACE_INFOS = Object.freeze([
  createPaceInfo({ keyAgreement: 'ECDH', mapping: 'GM', cipher: 'AES-128' }, BRAINPOOL_P256R1_ID),
  createPaceInfo({ keyAgreement: 'ECDH', mapping: 'CAM', cipher: 'AES-128' }, BRAINPOOL_P256R1_ID),
]);

/** The CCCD's files, signed with the test Document Signer. The keys are the genuine ones. */
export function cccdFiles(options: CreateChipOptions = {}): ChipFileContents {
  const aa = profileKey('cccd.aa', EC_KEY);
  const ca = profileKey('cccd.ca', EC_KEY);
  const face = syntheticFace();
  const dataGroups = new Map<number, Uint8Array>([
    [1, encodeDg1(MRZ)],
    [2, encodeDg2([{ bytes: face.bytes, width: face.width, height: face.height, gender: 1 }])],
    // DG3 holds no fingerprint here: it exists so that EF.COM, the SOD and the EAC refusal look real.
    [3, encodeTlv(0x63, encodeTlv(0x7f61, encodeTlv(0x02, Uint8Array.of(0))))],
    [13, encodeDg13(DG13)],
    [
      14,
      encodeDg14([
        ...PACE_INFOS,
        createChipAuthenticationInfo('ECDH', 'AES-128', CA_KEY_ID),
        createChipAuthenticationPublicKeyInfo('ECDH', spkiDer(ca.publicKey), CA_KEY_ID),
        createActiveAuthenticationInfo(ecdsaPlainOid('SHA-256')),
      ]),
    ],
    [15, encodeDg15(aa.publicKey)],
  ]);
  return {
    cardAccess: encodeSecurityInfos(PACE_INFOS),
    com: encodeEfCom({ dataGroups: DATA_GROUPS }),
    sod: buildTestSod(dataGroups, options.signer ? { signer: options.signer } : {}),
    dataGroups: Object.fromEntries(dataGroups),
  };
}

/**
 * BAC (unless PACE-only), PACE GM and CAM with the MRZ or the CAN, ECDSA active authentication, ECDH
 * chip authentication. The CAM static key is the chip-authentication key, as ICAO 9303-11 §4.4.3.5 has it.
 */
export function cccdProtocols(options: CreateChipOptions = {}): ChipProtocols {
  const genuine = options.faults?.clonedChip !== true;
  const aa = profileKey('cccd.aa', EC_KEY, genuine);
  const ca = profileKey('cccd.ca', EC_KEY, genuine);
  const camStaticPrivateKey = ecPrivateScalar(ca.privateKey);
  const { mrzKey, canKey } = CCCD_PROFILE;
  return {
    ...(options.paceOnly ? {} : { bac: () => new BacChip(mrzKey) }),
    pace: () => new PaceChip({ paceInfos: PACE_INFOS, passwords: { mrz: mrzKey, can: canKey!.can }, camStaticPrivateKey }),
    activeAuthentication: () => new ActiveAuthenticationChip(aa.privateKey, { hash: 'SHA-256' }),
    chipAuthentication: () => new ChipAuthenticationChip({ privateKey: ca.privateKey, caOid: CA_OID, keyId: CA_KEY_ID }),
  };
}

/** The private scalar of an EC key, big-endian: the OCTET STRING of SEC1 ECPrivateKey (RFC 5915 §3). */
function ecPrivateScalar(privateKey: KeyObject): Uint8Array {
  const der = new Uint8Array(privateKey.export({ format: 'der', type: 'sec1' }));
  const fields = readTlvList(expectTlv(der, 0x30, 'sim.cccd.key').value, 'sim.cccd.key');
  const scalar = fields.find((f) => f.tag === 0x04);
  if (!scalar) throw new RangeError('not an EC private key');
  return new Uint8Array(scalar.value);
}
