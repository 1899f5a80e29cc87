// Where `kiosk card read` gets its card: a simulated chip (--sim PROFILE, with optional faults) or a
// PC/SC reader (--reader NAME, or the only reader present).

import type { CardReader, CardReaderManager } from '../../../native/hal/card-reader.ts';
import { KioskError } from '../../../native/hal/errors.ts';
import type { ProfileFaultOptions, ProfileName } from '../../../native/sim/profiles/index.ts';
import { CliError } from './cli-error.ts';

export interface CardSource {
  readonly reader: CardReader;
  readonly description: string;
  /** The simulated profile, when the card is simulated. */
  readonly profile?: ProfileName;
  dispose(): Promise<void>;
}

const FAULTS = ['cloned', 'tamper-dg1', 'tamper-dg2', 'wrong-mac', 'short-apdu', 'card-lost-at=N', 'select-mf-6d00', 'latency'] as const;

/** Parses `--fault` values into the simulator's fault options. */
export function parseFaults(values: readonly string[]): { faults: ProfileFaultOptions; selectMasterFile?: number; readerShortOnly: boolean } {
  const faults: { -readonly [K in keyof ProfileFaultOptions]: ProfileFaultOptions[K] } = {};
  let selectMasterFile: number | undefined;
  let readerShortOnly = false;
  for (const value of values) {
    const [name, arg] = value.split('=', 2);
    switch (name) {
      case 'cloned':
        faults.clonedChip = true;
        break;
      case 'tamper-dg1':
      case 'tamper-dg2':
        faults.tamper = { dataGroup: Number(name.slice(-1)) };
        break;
      case 'wrong-mac':
        faults.wrongMac = true;
        break;
      case 'short-apdu':
        readerShortOnly = true;
        break;
      case 'card-lost-at': {
        const n = Number(arg);
        if (!Number.isInteger(n) || n < 1) throw new CliError('--fault card-lost-at=N needs a positive APDU number');
        faults.cardLostAtApdu = n;
        break;
      }
      case 'select-mf-6d00':
        selectMasterFile = 0x6d00;
        break;
      case 'latency':
        // A realistic contactless link (DESIGN.md bench model): 424 kbit/s and 15 ms per APDU.
        faults.latency = { perApduMs: 15, bitsPerSecond: 424_000, mode: 'real' };
        break;
      default:
        throw new CliError(`unknown --fault '${value}'; use one of: ${FAULTS.join(', ')}`);
    }
  }
  return { faults, readerShortOnly, ...(selectMasterFile === undefined ? {} : { selectMasterFile }) };
}

export async function simulatedSource(profileName: string, faultValues: readonly string[]): Promise<CardSource> {
  const { createChip, isProfileName, PROFILE_NAMES } = await import('../../../native/sim/profiles/index.ts');
  const { SimCardReader } = await import('../../../native/sim/sim-card-reader.ts');
  if (!isProfileName(profileName)) throw new CliError(`unknown simulator profile '${profileName}'; use one of: ${PROFILE_NAMES.join(', ')}`);
  const { faults, selectMasterFile, readerShortOnly } = parseFaults(faultValues);
  const chip = createChip(profileName, { faults, ...(selectMasterFile === undefined ? {} : { selectMasterFile }) });
  const reader = new SimCardReader('Simulated Reader 00', { extendedLengthSupported: !readerShortOnly });
  reader.insertCard(chip);
  let timer: NodeJS.Timeout | undefined;
  let comeBack: { dispose(): void } | undefined;
  if (faults.cardLostAtApdu !== undefined) {
    // As a person would: the card comes back a second after it was lost.
    comeBack = reader.onDidRemoveCard(() => {
      comeBack?.dispose();
      timer = setTimeout(() => reader.insertCard(chip), 1000);
    });
  }
  return {
    reader,
    profile: profileName,
    description: `simulated ${profileName} chip`,
    dispose: async () => {
      comeBack?.dispose();
      clearTimeout(timer);
      reader.dispose();
    },
  };
}

/** Opens the PC/SC reader whose name contains `pattern` (case-insensitive), or the only one present. */
export async function pcscSource(pattern: string | undefined): Promise<CardSource> {
  const { PcscCardReaderManager } = await import('../../../native/drivers/pcsc/pcsc-card-reader-manager.ts');
  const manager: CardReaderManager = new PcscCardReaderManager({ logger: { warn: () => undefined } });
  try {
    await manager.ready();
  } catch (err) {
    manager.dispose();
    if (err instanceof KioskError) throw new CliError(err.message, 1);
    throw err;
  }
  const readers = manager.readers;
  const matches = pattern === undefined ? readers : readers.filter((r) => r.name.toLowerCase().includes(pattern.toLowerCase()));
  const reader = matches.length === 1 ? matches[0] : matches.find((r) => r.name === pattern);
  if (!reader) {
    manager.dispose();
    const names = readers.map((r) => `'${r.name}'`).join(', ') || 'none';
    if (pattern === undefined) throw new CliError(`choose a reader with --reader NAME (readers: ${names})`, readers.length === 0 ? 1 : 2);
    throw new CliError(`no reader matches '${pattern}' (readers: ${names})`, 1);
  }
  return { reader, description: `PC/SC reader '${reader.name}'`, dispose: async () => manager.dispose() };
}
