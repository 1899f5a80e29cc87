// Valid inputs for the fuzz targets, taken from what the simulator's profiles put on their chips: every
// file is built by the project's own encoders and signed with the synthetic test PKI. Built once per worker.
import type { ChipFileContents } from '../../../native/sim/chip/chip-file-system.ts';
import { cccdFiles } from '../../../native/sim/profiles/cccd-profile.ts';
import { passportTd3Files } from '../../../native/sim/profiles/passport-td3-profile.ts';

let cached: { readonly cccd: ChipFileContents; readonly passport: ChipFileContents } | undefined;

/** The files of the cccd and passport-td3 profiles. */
export function profileFiles(): { readonly cccd: ChipFileContents; readonly passport: ChipFileContents } {
  cached ??= { cccd: cccdFiles(), passport: passportTd3Files() };
  return cached;
}

/** Data group `n` of every profile that has it. */
export function dataGroupSeeds(n: number): Uint8Array[] {
  const { cccd, passport } = profileFiles();
  return [cccd.dataGroups[n], passport.dataGroups[n]].filter((b): b is Uint8Array => b !== undefined);
}

/** Text as bytes (UTF-8), and bytes back to text the way a scanner or reader hands it over. */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const text = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);
