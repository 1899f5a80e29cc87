// DG11 (ICAO 9303-10 §4.7.11): additional personal details. Tag 6B { 5C tag list, then the elements
// the list names }. Every element is optional; text is UTF-8 (ISO/IEC 10646), names use '<' between
// the primary and secondary identifiers as in the MRZ.

import { concat } from '../../util/bytes.ts';
import { MalformedDataError } from '../errors.ts';
import { EF_DG } from './lds-files.ts';
import { decodeLdsDate, decodeLdsText, encodeLdsText, parseTagList, readTaggedFile } from './lds-tagged-file.ts';
import { encodeTag, encodeTlv, findTlv, readTlvList, requireTlv, type Tlv } from './tlv.ts';

const STEP = 'lds.dg11';
const DG11_TAG = EF_DG[11]!.tag!;
const TAG_LIST = 0x5c;
const TAG_OTHER_NAMES = 0xa0;
const TAG_COUNT = 0x02;
const TAG_OTHER_NAME = 0x5f0f;
const TAG_FULL_DATE_OF_BIRTH = 0x5f2b;
const TAG_PROOF_OF_CITIZENSHIP = 0x5f16;

/** The text elements of DG11 and their tags (ICAO 9303-10 Table 46). */
const TEXT_TAGS = {
  fullName: 0x5f0e,
  personalNumber: 0x5f10,
  placeOfBirth: 0x5f11,
  address: 0x5f42,
  telephone: 0x5f12,
  profession: 0x5f13,
  title: 0x5f14,
  personalSummary: 0x5f15,
  otherValidTdNumbers: 0x5f17,
  custodyInformation: 0x5f18,
} as const;

type TextField = keyof typeof TEXT_TAGS;

export type Dg11Info = { readonly [K in TextField]: string | undefined } & {
  /** The tags the file lists in 5C. */
  readonly tags: readonly number[];
  readonly otherNames: readonly string[];
  /** YYYYMMDD */
  readonly fullDateOfBirth: string | undefined;
  /** An image (often JPEG) of the proof of citizenship. */
  readonly proofOfCitizenship: Uint8Array | undefined;
};

/** Other names: A0 { 02 count, 5F0F name … } (ICAO 9303-10 §4.7.11), or bare 5F0F elements on some chips. */
function otherNames(children: readonly Tlv[]): string[] {
  const template = findTlv(children, TAG_OTHER_NAMES);
  const items = template ? readTlvList(template.value, STEP) : children;
  const names = items.filter((t) => t.tag === TAG_OTHER_NAME).map((t) => decodeLdsText(t.value));
  const count = template ? findTlv(items, TAG_COUNT) : undefined;
  if (count && (count.value.length !== 1 || count.value[0] !== names.length)) {
    throw new MalformedDataError(`other-names count disagrees with the ${names.length} names`, { step: STEP, offset: count.offset });
  }
  return names;
}

/**
 * Parses DG11.
 *
 * @throws MalformedDataError (step 'lds.dg11') on a wrong outer tag, a missing tag list, lengths that
 *   overrun or an other-names count that disagrees with the names present.
 */
export function parseDg11(bytes: Uint8Array): Dg11Info {
  const { children } = readTaggedFile(bytes, DG11_TAG, STEP);
  const tags = parseTagList(requireTlv(children, TAG_LIST, STEP).value, STEP);
  const text = Object.fromEntries(
    Object.entries(TEXT_TAGS).map(([key, tag]) => {
      const tlv = findTlv(children, tag);
      return [key, tlv ? decodeLdsText(tlv.value) : undefined];
    }),
  ) as { [K in TextField]: string | undefined };
  const dob = findTlv(children, TAG_FULL_DATE_OF_BIRTH);
  const proof = findTlv(children, TAG_PROOF_OF_CITIZENSHIP);
  return Object.freeze({
    ...text,
    tags: Object.freeze(tags),
    otherNames: Object.freeze(otherNames(children)),
    fullDateOfBirth: dob ? decodeLdsDate(dob.value) : undefined,
    proofOfCitizenship: proof ? new Uint8Array(proof.value) : undefined,
  });
}

export type Dg11Content = Partial<Omit<Dg11Info, 'tags' | 'otherNames'>> & { readonly otherNames?: readonly string[] };

/** Encodes DG11 (elements in ICAO order, tag list first) for the chip simulator. Dates go as 8 ASCII digits. */
export function encodeDg11(content: Dg11Content): Uint8Array {
  const elements: [number, Uint8Array][] = [];
  const text = (key: TextField) => {
    const value = content[key];
    if (value !== undefined) elements.push([TEXT_TAGS[key], encodeTlv(TEXT_TAGS[key], encodeLdsText(value))]);
  };
  text('fullName');
  if (content.otherNames && content.otherNames.length > 0) {
    const names = content.otherNames.map((n) => encodeTlv(TAG_OTHER_NAME, encodeLdsText(n)));
    elements.push([TAG_OTHER_NAME, encodeTlv(TAG_OTHER_NAMES, encodeTlv(TAG_COUNT, Uint8Array.of(names.length)), ...names)]);
  }
  text('personalNumber');
  if (content.fullDateOfBirth !== undefined) {
    elements.push([TAG_FULL_DATE_OF_BIRTH, encodeTlv(TAG_FULL_DATE_OF_BIRTH, encodeLdsText(content.fullDateOfBirth))]);
  }
  for (const key of ['placeOfBirth', 'address', 'telephone', 'profession', 'title', 'personalSummary'] as const) text(key);
  if (content.proofOfCitizenship !== undefined) {
    elements.push([TAG_PROOF_OF_CITIZENSHIP, encodeTlv(TAG_PROOF_OF_CITIZENSHIP, content.proofOfCitizenship)]);
  }
  text('otherValidTdNumbers');
  text('custodyInformation');
  const tagList = encodeTlv(TAG_LIST, concat(...elements.map(([tag]) => encodeTag(tag))));
  return encodeTlv(DG11_TAG, tagList, ...elements.map(([, bytes]) => bytes));
}
