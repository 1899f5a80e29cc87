// The simulated documents: build a chip by profile name, and read what unlocks it.
//   const chip = createChip('cccd', { faults: { cardLostAtApdu: 12 } });
//   const { mrzKey, canKey } = chipProfiles.cccd;

import { ChipSimulator } from '../chip/chip-simulator.ts';
import type { ChipFileContents } from '../chip/chip-file-system.ts';
import type { ChipProtocols } from '../chip/chip-protocol-roles.ts';
import { CCCD_PROFILE, cccdFiles, cccdProtocols } from './cccd-profile.ts';
import type { ChipProfile, CreateChipOptions, ProfileName } from './chip-profile.ts';
import { PASSPORT_TD3_PROFILE, passportTd3Files, passportTd3Protocols } from './passport-td3-profile.ts';

export type { ChipProfile, CreateChipOptions, ProfileFaultOptions, ProfileName } from './chip-profile.ts';

interface ProfileBuilder {
  readonly profile: ChipProfile;
  readonly files: (options: CreateChipOptions) => ChipFileContents;
  readonly protocols: (options: CreateChipOptions) => ChipProtocols;
}

const BUILDERS: Readonly<Record<ProfileName, ProfileBuilder>> = Object.freeze({
  cccd: { profile: CCCD_PROFILE, files: cccdFiles, protocols: cccdProtocols },
  'passport-td3': { profile: PASSPORT_TD3_PROFILE, files: passportTd3Files, protocols: passportTd3Protocols },
});

/** The profiles' public facts (MRZ, access keys, data groups), by name. */
export const chipProfiles: Readonly<Record<ProfileName, ChipProfile>> = Object.freeze({
  cccd: CCCD_PROFILE,
  'passport-td3': PASSPORT_TD3_PROFILE,
});

export const PROFILE_NAMES: readonly ProfileName[] = Object.freeze(Object.keys(BUILDERS) as ProfileName[]);

export function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(BUILDERS, name);
}

/**
 * Builds a powered-off chip for a profile: files encoded and signed with the test PKI, protocols wired,
 * faults armed (a tampered data group is damaged after signing). Throws RangeError for an unknown
 * profile name or an impossible fault (e.g. tampering with a data group the profile lacks).
 */
export function createChip(name: ProfileName, options: CreateChipOptions = {}): ChipSimulator {
  if (!isProfileName(name)) throw new RangeError(`unknown chip profile '${String(name)}'`);
  const builder = BUILDERS[name];
  const faults = options.latency ? { ...options.faults, latency: options.latency } : options.faults;
  return new ChipSimulator({
    files: builder.files(options),
    protocols: builder.protocols(options),
    ...(options.selectMasterFile === undefined ? {} : { selectMasterFile: options.selectMasterFile }),
    ...(options.extendedLength === undefined ? {} : { extendedLength: options.extendedLength }),
    ...(faults ? { faults } : {}),
  });
}
