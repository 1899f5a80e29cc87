// DG1 (ICAO 9303-10 §4.7.1): the MRZ as printed. Tag 61 { 5F1F MRZ data elements (ASCII, no separators) }.

import { CardError, MalformedDataError } from '../errors.ts';
import { EF_DG } from './lds-files.ts';
import { decodeLdsText, encodeLdsText, readTaggedFile } from './lds-tagged-file.ts';
import { encodeMrz, parseMrz, type MrzFields, type MrzInfo } from './mrz/mrz.ts';
import { encodeTlv, requireTlv } from './tlv.ts';

const STEP = 'lds.dg1';
const TAG_MRZ = 0x5f1f;
const DG1_TAG = EF_DG[1]!.tag!;

export interface Dg1Info {
  readonly mrz: MrzInfo;
}

/**
 * Parses DG1. Check-digit mismatches are reported in `mrz.checks`, not thrown (passive authentication
 * decides whether the bytes are genuine).
 *
 * @throws MalformedDataError (step 'lds.dg1') when the file or the MRZ inside it is malformed; an MRZ
 *   that does not parse becomes a MalformedDataError with the CardError as cause.
 */
export function parseDg1(bytes: Uint8Array): Dg1Info {
  const { children } = readTaggedFile(bytes, DG1_TAG, STEP);
  const text = decodeLdsText(requireTlv(children, TAG_MRZ, STEP).value);
  try {
    return Object.freeze({ mrz: parseMrz(text) });
  } catch (e) {
    if (e instanceof CardError) throw new MalformedDataError(`DG1 MRZ: ${e.message}`, { step: STEP, cause: e });
    throw e;
  }
}

/**
 * Encodes DG1 from MRZ fields (check digits computed) for the chip simulator.
 *
 * @throws CardError INVALID_INPUT when the fields do not form an MRZ (see encodeMrz).
 */
export function encodeDg1(mrz: MrzFields): Uint8Array {
  return encodeTlv(DG1_TAG, encodeTlv(TAG_MRZ, encodeLdsText(encodeMrz(mrz).join(''))));
}
