// DG2 (ICAO 9303-10 §4.7.2): the encoded face, as an ISO/IEC 7816-11 biometric information group:
//   75 { 7F61 { 02 instance count, 7F60 { A1 biometric header template, 5F2E (or 7F2E) biometric data block } … } }
// The data block is an ISO/IEC 19794-5 facial record (face-image-record.ts).

import { MalformedDataError } from '../errors.ts';
import { encodeFaceImageRecord, parseFaceImageRecord, type FaceImageInfo, type FaceImageInput } from './face-image-record.ts';
import { EF_DG } from './lds-files.ts';
import { readTaggedFile } from './lds-tagged-file.ts';
import { encodeTlv, findTlv, readTlvList, requireTlv, type Tlv } from './tlv.ts';

const STEP = 'lds.dg2';
const DG2_TAG = EF_DG[2]!.tag!;
const TAG_GROUP = 0x7f61;
const TAG_COUNT = 0x02;
const TAG_TEMPLATE = 0x7f60;
const TAG_HEADER = 0xa1;
const TAG_BDB = 0x5f2e;
const TAG_BDB_CONSTRUCTED = 0x7f2e;

/** ISO/IEC 7816-11 Table 7 elements of the biometric header template (A1). */
export interface BiometricHeader {
  /** 80: patron header version. */
  readonly version: number | undefined;
  /** 81: biometric type (2 = facial features). */
  readonly biometricType: number | undefined;
  /** 82: biometric subtype. */
  readonly biometricSubtype: number | undefined;
  /** 87: format owner (0x0101 = ISO/IEC JTC 1/SC 37). */
  readonly formatOwner: number | undefined;
  /** 88: format type (0x0008 = ISO/IEC 19794-5 face). */
  readonly formatType: number | undefined;
}

export interface Dg2Template {
  readonly header: BiometricHeader;
  readonly faces: readonly FaceImageInfo[];
}

export interface Dg2Info {
  readonly templates: readonly Dg2Template[];
  /** Every face of every template, in order; `faces[0]` is the portrait to show. */
  readonly faces: readonly FaceImageInfo[];
}

function uint(tlv: Tlv | undefined): number | undefined {
  if (!tlv) return undefined;
  if (tlv.value.length > 4) throw new MalformedDataError(`header element ${tlv.tag.toString(16)} longer than 4 bytes`, { step: STEP, offset: tlv.offset });
  let v = 0;
  for (const b of tlv.value) v = v * 256 + b;
  return v;
}

function parseTemplate(template: Tlv): Dg2Template {
  const children = readTlvList(template.value, STEP);
  const headerItems = readTlvList(requireTlv(children, TAG_HEADER, STEP).value, STEP);
  const header = Object.freeze({
    version: uint(findTlv(headerItems, 0x80)),
    biometricType: uint(findTlv(headerItems, 0x81)),
    biometricSubtype: uint(findTlv(headerItems, 0x82)),
    formatOwner: uint(findTlv(headerItems, 0x87)),
    formatType: uint(findTlv(headerItems, 0x88)),
  });
  const bdb = findTlv(children, TAG_BDB) ?? findTlv(children, TAG_BDB_CONSTRUCTED);
  if (!bdb) throw new MalformedDataError('biometric data block missing', { step: STEP, offset: template.offset });
  return Object.freeze({ header, faces: parseFaceImageRecord(bdb.value) });
}

/**
 * Parses DG2 and extracts the face images with their type and size.
 *
 * @throws MalformedDataError (step 'lds.dg2' or 'lds.dg2.face') on a wrong structure, lengths that do
 *   not fit, a count that disagrees with the templates present, or an image neither JPEG nor JPEG 2000.
 */
export function parseDg2(bytes: Uint8Array): Dg2Info {
  const { children } = readTaggedFile(bytes, DG2_TAG, STEP);
  const group = readTlvList(requireTlv(children, TAG_GROUP, STEP).value, STEP);
  const count = uint(requireTlv(group, TAG_COUNT, STEP));
  const templates = group.filter((t) => t.tag === TAG_TEMPLATE).map(parseTemplate);
  if (count !== templates.length) {
    throw new MalformedDataError(`instance count ${count} but ${templates.length} templates`, { step: STEP });
  }
  return Object.freeze({ templates: Object.freeze(templates), faces: Object.freeze(templates.flatMap((t) => t.faces)) });
}

/**
 * Encodes DG2 with one biometric information template per image, for the chip simulator.
 *
 * @throws RangeError when an image is neither JPEG nor JPEG 2000, or for more than 255 images.
 */
export function encodeDg2(images: readonly FaceImageInput[]): Uint8Array {
  if (images.length > 255) throw new RangeError('DG2 holds at most 255 images');
  const templates = images.map((image) =>
    encodeTlv(
      TAG_TEMPLATE,
      encodeTlv(
        TAG_HEADER,
        encodeTlv(0x80, Uint8Array.of(0x01, 0x01)),
        encodeTlv(0x81, Uint8Array.of(0x02)),
        encodeTlv(0x87, Uint8Array.of(0x01, 0x01)),
        encodeTlv(0x88, Uint8Array.of(0x00, 0x08)),
      ),
      encodeTlv(TAG_BDB, encodeFaceImageRecord([image])),
    ),
  );
  return encodeTlv(DG2_TAG, encodeTlv(TAG_GROUP, encodeTlv(TAG_COUNT, Uint8Array.of(images.length)), ...templates));
}
