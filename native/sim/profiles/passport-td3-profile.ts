// A synthetic TD3 passport of the fictional state Utopia ('UTO', the ICAO 9303 specimen country): BAC
// only with 3DES secure messaging, no EF.CardAccess; DG1, DG2, DG11, DG12, DG15 with an RSA key for
// active authentication (ISO/IEC 9796-2), and an EF.SOD signed by the test Document Signer.
// The holder does not exist.

import { mrzAccessKey } from '../../card/access-key.ts';
import { encodeDg1 } from '../../card/lds/dg1.ts';
import { encodeDg15 } from '../../card/lds/dg15.ts';
import { encodeDg2 } from '../../card/lds/dg2.ts';
import { encodeEfCom } from '../../card/lds/ef-com.ts';
import type { MrzFields } from '../../card/lds/mrz/mrz.ts';
import { ActiveAuthenticationChip } from '../chip/active-authentication-chip.ts';
import { BacChip } from '../chip/bac-chip.ts';
import type { ChipFileContents } from '../chip/chip-file-system.ts';
import type { ChipProtocols } from '../chip/chip-protocol-roles.ts';
import { buildTestSod } from '../pki/test-pki.ts';
import type { ChipProfile, CreateChipOptions } from './chip-profile.ts';
import { passportDg11, passportDg12 } from './passport-details.ts';
import { profileKey, type KeySpec } from './profile-keys.ts';
import { syntheticFace } from './synthetic-face.ts';

/** RSA-1024 with SHA-1 and the implicit trailer: what most BAC-era passports carry for AA. */
const AA_KEY: KeySpec = { type: 'rsa', bits: 1024 };

const MRZ: MrzFields = Object.freeze({
  format: 'TD3',
  documentCode: 'P',
  issuingState: 'UTO',
  documentNumber: 'UT4839201',
  primaryIdentifier: 'SAMPLE',
  secondaryIdentifier: 'ALEX JORDAN',
  nationality: 'UTO',
  dateOfBirth: '850704',
  sex: 'F',
  dateOfExpiry: '330101',
  optionalData1: 'ZE184226B',
  optionalData2: '',
});

const DATA_GROUPS = Object.freeze([1, 2, 11, 12, 15]);

export const PASSPORT_TD3_PROFILE: ChipProfile = Object.freeze({
  name: 'passport-td3',
  description: 'TD3 passport of Utopia (synthetic holder), BAC only, RSA active authentication',
  mrz: MRZ,
  mrzKey: mrzAccessKey(MRZ.documentNumber, MRZ.dateOfBirth, MRZ.dateOfExpiry),
  canKey: undefined,
  accessControl: Object.freeze(['BAC'] as const),
  dataGroups: DATA_GROUPS,
});

/** The passport's files, signed with the test Document Signer. */
export function passportTd3Files(options: CreateChipOptions = {}): ChipFileContents {
  const aa = profileKey('passport-td3.aa', AA_KEY);
  const face = syntheticFace();
  const dataGroups = new Map<number, Uint8Array>([
    [1, encodeDg1(MRZ)],
    [2, encodeDg2([{ bytes: face.bytes, width: face.width, height: face.height, gender: 2 }])],
    [11, passportDg11()],
    [12, passportDg12()],
    [15, encodeDg15(aa.publicKey)],
  ]);
  return {
    com: encodeEfCom({ dataGroups: DATA_GROUPS }),
    sod: buildTestSod(dataGroups, options.signer ? { signer: options.signer } : {}),
    dataGroups: Object.fromEntries(dataGroups),
  };
}

/** BAC and RSA active authentication; a cloned chip signs with a key DG15 does not publish. */
export function passportTd3Protocols(options: CreateChipOptions = {}): ChipProtocols {
  const aa = profileKey('passport-td3.aa', AA_KEY, options.faults?.clonedChip !== true);
  return {
    bac: () => new BacChip(PASSPORT_TD3_PROFILE.mrzKey),
    activeAuthentication: () => new ActiveAuthenticationChip(aa.privateKey),
  };
}
