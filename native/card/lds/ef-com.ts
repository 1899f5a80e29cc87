// EF.COM (ICAO 9303-10 §4.6.1): LDS version, Unicode version and the list of data groups present.
// Tag 60 { 5F01 LDS version "aabb", 5F36 Unicode version "aabbcc", 5C tag list }.

import { concat } from '../../util/bytes.ts';
import { MalformedDataError } from '../errors.ts';
import { dataGroup, EF_COM, ldsFileByTag } from './lds-files.ts';
import { decodeLdsText, encodeLdsText, readTaggedFile } from './lds-tagged-file.ts';
import { encodeTlv, findTlv, requireTlv } from './tlv.ts';

const STEP = 'lds.com';
const TAG_LDS_VERSION = 0x5f01;
const TAG_UNICODE_VERSION = 0x5f36;
const TAG_LIST = 0x5c;

export interface EfComInfo {
  /** Four digits 'aabb', e.g. '0107' for LDS 1.7; undefined when absent. */
  readonly ldsVersion: string | undefined;
  /** Six digits 'aabbcc', e.g. '040000' for Unicode 4.0.0; undefined when absent. */
  readonly unicodeVersion: string | undefined;
  /** The tags listed, in order, including ones this stack does not know. */
  readonly tags: readonly number[];
  /** The data-group numbers of the known tags, in order (CCCD: 1, 2, 3, 13, 14, 15). */
  readonly dataGroups: readonly number[];
}

function version(value: Uint8Array | undefined, digits: number, what: string): string | undefined {
  if (value === undefined) return undefined;
  const text = decodeLdsText(value);
  if (!new RegExp(`^\\d{${digits}}$`).test(text)) throw new MalformedDataError(`${what} is not ${digits} digits`, { step: STEP });
  return text;
}

/**
 * Parses EF.COM.
 *
 * @throws MalformedDataError (step 'lds.com') on a wrong outer tag, a missing tag list, bad lengths or
 *   versions that are not digits.
 */
export function parseEfCom(bytes: Uint8Array): EfComInfo {
  const { children } = readTaggedFile(bytes, EF_COM.tag!, STEP);
  const tags = Array.from(requireTlv(children, TAG_LIST, STEP).value);
  const dataGroups = tags.map((t) => ldsFileByTag(t)?.dataGroup ?? 0).filter((n) => n > 0);
  return Object.freeze({
    ldsVersion: version(findTlv(children, TAG_LDS_VERSION)?.value, 4, 'LDS version'),
    unicodeVersion: version(findTlv(children, TAG_UNICODE_VERSION)?.value, 6, 'Unicode version'),
    tags: Object.freeze(tags),
    dataGroups: Object.freeze(dataGroups),
  });
}

export interface EfComContent {
  readonly ldsVersion?: string;
  readonly unicodeVersion?: string;
  readonly dataGroups: readonly number[];
}

/**
 * Encodes EF.COM for the chip simulator. Versions default to LDS 1.7 and Unicode 4.0.0.
 *
 * @throws RangeError for a data-group number outside 1..16 or versions that are not digits.
 */
export function encodeEfCom(content: EfComContent): Uint8Array {
  const lds = content.ldsVersion ?? '0107';
  const unicode = content.unicodeVersion ?? '040000';
  if (!/^\d{4}$/.test(lds) || !/^\d{6}$/.test(unicode)) throw new RangeError('EF.COM versions must be 4 and 6 digits');
  const tags = Uint8Array.from(content.dataGroups.map((n) => dataGroup(n).tag!));
  return encodeTlv(
    EF_COM.tag!,
    concat(encodeTlv(TAG_LDS_VERSION, encodeLdsText(lds)), encodeTlv(TAG_UNICODE_VERSION, encodeLdsText(unicode)), encodeTlv(TAG_LIST, tags)),
  );
}
