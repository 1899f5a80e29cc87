// What a simulated document is: its printed MRZ, the keys that unlock it, and the options a test or the
// demo may set when it builds a chip from it. The chip's files are built from the profile's data with the
// LDS encoders and signed with the synthetic test PKI (native/sim/pki).

import type { CanAccessKey, MrzAccessKey } from '../../card/access-key.ts';
import type { MrzFields } from '../../card/lds/mrz/mrz.ts';
import type { ChipFaultOptions, LatencyModel } from '../chip/chip-faults.ts';
import type { TestSigner } from '../pki/test-pki.ts';

export type ProfileName = 'cccd' | 'passport-td3';

/** Public facts about a simulated document, for tests and the CLI. All people are synthetic. */
export interface ChipProfile {
  readonly name: ProfileName;
  readonly description: string;
  /** The MRZ as printed on the document. */
  readonly mrz: MrzFields;
  /** Unlocks BAC, and PACE with the MRZ password. */
  readonly mrzKey: MrzAccessKey;
  /** Unlocks PACE with the CAN; undefined for documents without PACE. */
  readonly canKey: CanAccessKey | undefined;
  readonly accessControl: readonly ('BAC' | 'PACE')[];
  /** The data groups on the chip (as EF.COM lists them). */
  readonly dataGroups: readonly number[];
}

export interface ProfileFaultOptions extends ChipFaultOptions {
  /**
   * A cloned chip: the data and the SOD are genuine, but the chip's AA and CA private keys are not the
   * ones DG15 and DG14 publish, so active and chip authentication fail.
   */
  readonly clonedChip?: boolean;
}

export interface CreateChipOptions {
  readonly faults?: ProfileFaultOptions;
  /** Shortcut for `faults.latency`. */
  readonly latency?: LatencyModel;
  /** How SELECT MF (3F00) is answered: `supported` (default) or a failing status word (6D00, 6A82). */
  readonly selectMasterFile?: 'supported' | number;
  /** Whether the chip accepts extended-length APDUs (default true). */
  readonly extendedLength?: boolean;
  /** PACE-capable profiles only: refuse BAC, as PACE-only chips do. */
  readonly paceOnly?: boolean;
  /** Which test Document Signer signs EF.SOD (default `ds`: valid and not revoked). */
  readonly signer?: TestSigner;
}
