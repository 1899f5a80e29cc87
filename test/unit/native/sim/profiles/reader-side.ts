// The terminal's side for profile tests: the card stack's own transport, access control and binary
// reader, talking to a simulated chip directly (no reader, no PC/SC).

import { ApduTransport } from '../../../../../native/card/apdu/apdu-transport.ts';
import { CommandApdu } from '../../../../../native/card/apdu/command-apdu.ts';
import type { AccessKey } from '../../../../../native/card/access-key.ts';
import { AID_MRTD, type LdsFile } from '../../../../../native/card/lds/lds-files.ts';
import { establishAccess, type AccessControlResult } from '../../../../../native/card/reader/access-control.ts';
import { BinaryReader, PartialFile } from '../../../../../native/card/reader/binary-reader.ts';
import type { ReadCapability } from '../../../../../native/card/reader/read-capabilities.ts';
import type { ChipSimulator } from '../../../../../native/sim/chip/chip-simulator.ts';

export interface OpenChip {
  readonly transport: ApduTransport;
  readonly access: AccessControlResult;
  read(file: LdsFile): Promise<Uint8Array>;
}

/** Powers the chip on, selects the eMRTD application, runs access control with `keys`. */
export async function openChip(chip: ChipSimulator, keys: readonly AccessKey[], extendedAllowed = true): Promise<OpenChip> {
  chip.powerOn();
  const transport = new ApduTransport({ atr: chip.atr, extendedLengthSupported: extendedAllowed, transmit: (bytes) => chip.transmit(bytes) });
  const capability: ReadCapability = { extendedLength: undefined, maxExtendedLe: 0xfff0, shortFileId: undefined };
  const access = await establishAccess(transport, keys, { capability, extendedAllowed });
  // ICAO 9303-10 §3.6.2: the application is selected under the new session.
  await transport.expectOk(new CommandApdu({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0x0c, data: AID_MRTD }), 'select.application');
  return {
    transport,
    access,
    read: (file) => new BinaryReader(transport, { capability, extendedAllowed }).read(new PartialFile(file)),
  };
}
