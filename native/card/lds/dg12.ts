// DG12 (ICAO 9303-10 §4.7.12): additional document details. Tag 6C { 5C tag list, then the elements
// the list names }. Every element is optional.

import { concat } from '../../util/bytes.ts';
import { MalformedDataError } from '../errors.ts';
import { EF_DG } from './lds-files.ts';
import { decodeLdsDate, decodeLdsText, encodeLdsText, parseTagList, readTaggedFile } from './lds-tagged-file.ts';
import { encodeTag, encodeTlv, findTlv, readTlvList, requireTlv } from './tlv.ts';

const STEP = 'lds.dg12';
const DG12_TAG = EF_DG[12]!.tag!;
const TAG_LIST = 0x5c;
const TAG_ISSUING_AUTHORITY = 0x5f19;
const TAG_DATE_OF_ISSUE = 0x5f26;
const TAG_OTHER_PERSONS = 0xa0;
const TAG_COUNT = 0x02;
const TAG_OTHER_PERSON = 0x5f1a;
const TAG_ENDORSEMENTS = 0x5f1b;
const TAG_TAX_EXIT = 0x5f1c;
// ICAO 9303-10 Table 47: 5F1D / 5F1E hold the images of the front and rear of the document. (5F85 and
// 5F86, quoted elsewhere, cannot be two-byte BER tags: 0x85 has bit 8 set, announcing a third byte.)
const TAG_FRONT_IMAGE = 0x5f1d;
const TAG_REAR_IMAGE = 0x5f1e;
const TAG_PERSONALIZATION_TIME = 0x5f55;
const TAG_PERSONALIZATION_SERIAL = 0x5f56;

export interface Dg12Info {
  readonly tags: readonly number[];
  readonly issuingAuthority: string | undefined;
  /** YYYYMMDD */
  readonly dateOfIssue: string | undefined;
  /** Names of other persons (e.g. children) included in the document. */
  readonly otherPersons: readonly string[];
  readonly endorsements: string | undefined;
  readonly taxOrExitRequirements: string | undefined;
  readonly frontImage: Uint8Array | undefined;
  readonly rearImage: Uint8Array | undefined;
  /** YYYYMMDDhhmmss */
  readonly personalizationTime: string | undefined;
  readonly personalizationSystemSerial: string | undefined;
}

/**
 * Parses DG12.
 *
 * @throws MalformedDataError (step 'lds.dg12') on a wrong outer tag, a missing tag list, lengths that
 *   overrun or an other-persons count that disagrees with the names present.
 */
export function parseDg12(bytes: Uint8Array): Dg12Info {
  const { children } = readTaggedFile(bytes, DG12_TAG, STEP);
  const tags = parseTagList(requireTlv(children, TAG_LIST, STEP).value, STEP);
  const text = (tag: number) => {
    const tlv = findTlv(children, tag);
    return tlv ? decodeLdsText(tlv.value) : undefined;
  };
  const image = (tag: number) => {
    const tlv = findTlv(children, tag);
    return tlv ? new Uint8Array(tlv.value) : undefined;
  };
  const template = findTlv(children, TAG_OTHER_PERSONS);
  const items = template ? readTlvList(template.value, STEP) : children;
  const otherPersons = items.filter((t) => t.tag === TAG_OTHER_PERSON).map((t) => decodeLdsText(t.value));
  const count = template ? findTlv(items, TAG_COUNT) : undefined;
  if (count && (count.value.length !== 1 || count.value[0] !== otherPersons.length)) {
    throw new MalformedDataError(`other-persons count disagrees with the ${otherPersons.length} names`, { step: STEP, offset: count.offset });
  }
  const issue = findTlv(children, TAG_DATE_OF_ISSUE);
  return Object.freeze({
    tags: Object.freeze(tags),
    issuingAuthority: text(TAG_ISSUING_AUTHORITY),
    dateOfIssue: issue ? decodeLdsDate(issue.value) : undefined,
    otherPersons: Object.freeze(otherPersons),
    endorsements: text(TAG_ENDORSEMENTS),
    taxOrExitRequirements: text(TAG_TAX_EXIT),
    frontImage: image(TAG_FRONT_IMAGE),
    rearImage: image(TAG_REAR_IMAGE),
    personalizationTime: text(TAG_PERSONALIZATION_TIME),
    personalizationSystemSerial: text(TAG_PERSONALIZATION_SERIAL),
  });
}

export type Dg12Content = Partial<Omit<Dg12Info, 'tags' | 'otherPersons'>> & { readonly otherPersons?: readonly string[] };

/** Encodes DG12 (tag list first, ICAO tags) for the chip simulator. */
export function encodeDg12(content: Dg12Content): Uint8Array {
  const elements: [number, Uint8Array][] = [];
  const text = (tag: number, value: string | undefined) => {
    if (value !== undefined) elements.push([tag, encodeTlv(tag, encodeLdsText(value))]);
  };
  text(TAG_ISSUING_AUTHORITY, content.issuingAuthority);
  text(TAG_DATE_OF_ISSUE, content.dateOfIssue);
  if (content.otherPersons && content.otherPersons.length > 0) {
    const names = content.otherPersons.map((n) => encodeTlv(TAG_OTHER_PERSON, encodeLdsText(n)));
    elements.push([TAG_OTHER_PERSON, encodeTlv(TAG_OTHER_PERSONS, encodeTlv(TAG_COUNT, Uint8Array.of(names.length)), ...names)]);
  }
  text(TAG_ENDORSEMENTS, content.endorsements);
  text(TAG_TAX_EXIT, content.taxOrExitRequirements);
  if (content.frontImage !== undefined) elements.push([TAG_FRONT_IMAGE, encodeTlv(TAG_FRONT_IMAGE, content.frontImage)]);
  if (content.rearImage !== undefined) elements.push([TAG_REAR_IMAGE, encodeTlv(TAG_REAR_IMAGE, content.rearImage)]);
  text(TAG_PERSONALIZATION_TIME, content.personalizationTime);
  text(TAG_PERSONALIZATION_SERIAL, content.personalizationSystemSerial);
  const tagList = encodeTlv(TAG_LIST, concat(...elements.map(([tag]) => encodeTag(tag))));
  return encodeTlv(DG12_TAG, tagList, ...elements.map(([, bytes]) => bytes));
}
