// ISO/IEC 19794-5:2005 facial record data, the biometric data block of DG2 (ICAO 9303-10 §4.7.2):
//   general header: 'FAC\0', version '010\0', record length (4), number of facial images (2)
//   per image: facial record header (20), feature points (8 each), image information (12), image data.
// Every length is checked against the bytes present before anything is copied.

import { concat, equal, uintBE } from '../../util/bytes.ts';
import { MalformedDataError } from '../errors.ts';

const STEP = 'lds.dg2.face';
const FORMAT_ID = Uint8Array.of(0x46, 0x41, 0x43, 0x00); // 'FAC\0'
const VERSION_010 = Uint8Array.of(0x30, 0x31, 0x30, 0x00); // '010\0'
const GENERAL_HEADER = 14;
const FACE_HEADER = 20;
const FEATURE_POINT = 8;
const IMAGE_INFO = 12;

export type FaceImageMimeType = 'image/jpeg' | 'image/jp2';

export interface FeaturePoint {
  readonly type: number;
  /** Major and minor code, ISO/IEC 14496-2 (e.g. 0x41 = point 4.1). */
  readonly code: number;
  readonly x: number;
  readonly y: number;
}

export interface FaceImageInfo {
  readonly mimeType: FaceImageMimeType;
  /** 'jp2' = JPEG 2000 file with signature box, 'j2k' = raw JPEG 2000 codestream. */
  readonly container: 'jpeg' | 'jp2' | 'j2k';
  /** The image, a copy owned by this object. */
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** ISO/IEC 19794-5 §5.7.1: 0 unspecified, 1 basic, 2 full frontal, 3 token frontal. */
  readonly faceImageType: number;
  /** §5.7.2 as declared: 0 JPEG, 1 JPEG 2000. */
  readonly imageDataType: number;
  /** §5.5.3: 0 unspecified, 1 male, 2 female, 3 unknown. */
  readonly gender: number;
  readonly eyeColour: number;
  readonly hairColour: number;
  readonly featureMask: number;
  readonly expression: number;
  /** Yaw, pitch, roll as encoded (0 = unspecified, 1-181 = -180..180 degrees). */
  readonly poseAngle: readonly [number, number, number];
  readonly poseAngleUncertainty: readonly [number, number, number];
  readonly featurePoints: readonly FeaturePoint[];
  readonly colourSpace: number;
  readonly sourceType: number;
  readonly deviceType: number;
  readonly quality: number;
}

const JP2_SIGNATURE = Uint8Array.of(0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a);
const J2K_CODESTREAM = Uint8Array.of(0xff, 0x4f, 0xff, 0x51);
const JPEG_SOI = Uint8Array.of(0xff, 0xd8, 0xff);

const startsWith = (bytes: Uint8Array, prefix: Uint8Array) => bytes.length >= prefix.length && equal(bytes.subarray(0, prefix.length), prefix);

/** The image format by its signature (JPEG: FF D8 FF; JP2: signature box; J2K: FF4F FF51), or undefined. */
export function detectImageFormat(bytes: Uint8Array): { mimeType: FaceImageMimeType; container: 'jpeg' | 'jp2' | 'j2k' } | undefined {
  if (startsWith(bytes, JPEG_SOI)) return { mimeType: 'image/jpeg', container: 'jpeg' };
  if (startsWith(bytes, JP2_SIGNATURE)) return { mimeType: 'image/jp2', container: 'jp2' };
  if (startsWith(bytes, J2K_CODESTREAM)) return { mimeType: 'image/jp2', container: 'j2k' };
  return undefined;
}

class Reader {
  p = 0;
  constructor(readonly bytes: Uint8Array) {}
  need(n: number, what: string): void {
    if (this.p + n > this.bytes.length) throw new MalformedDataError(`truncated ${what}`, { step: STEP, offset: this.p });
  }
  uint(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.bytes[this.p++]!;
    return v;
  }
}

function parseFace(r: Reader): FaceImageInfo {
  const start = r.p;
  r.need(FACE_HEADER, 'facial record header');
  const blockLength = r.uint(4);
  const pointCount = r.uint(2);
  const minimum = FACE_HEADER + pointCount * FEATURE_POINT + IMAGE_INFO;
  if (blockLength < minimum || blockLength > r.bytes.length - start) {
    throw new MalformedDataError(`facial record block of ${blockLength} bytes does not fit`, { step: STEP, offset: start });
  }
  const gender = r.uint(1);
  const eyeColour = r.uint(1);
  const hairColour = r.uint(1);
  const featureMask = r.uint(3);
  const expression = r.uint(2);
  const poseAngle = Object.freeze([r.uint(1), r.uint(1), r.uint(1)] as const);
  const poseAngleUncertainty = Object.freeze([r.uint(1), r.uint(1), r.uint(1)] as const);
  const featurePoints: FeaturePoint[] = [];
  for (let i = 0; i < pointCount; i++) {
    const type = r.uint(1);
    const code = r.uint(1);
    const x = r.uint(2);
    const y = r.uint(2);
    r.p += 2; // reserved
    featurePoints.push(Object.freeze({ type, code, x, y }));
  }
  const faceImageType = r.uint(1);
  const imageDataType = r.uint(1);
  const width = r.uint(2);
  const height = r.uint(2);
  const colourSpace = r.uint(1);
  const sourceType = r.uint(1);
  const deviceType = r.uint(2);
  const quality = r.uint(2);
  const image = r.bytes.subarray(r.p, start + blockLength);
  r.p = start + blockLength;
  const format = detectImageFormat(image);
  if (!format) throw new MalformedDataError('face image is neither JPEG nor JPEG 2000', { step: STEP, offset: start + minimum });
  return Object.freeze({
    ...format,
    bytes: new Uint8Array(image),
    width,
    height,
    faceImageType,
    imageDataType,
    gender,
    eyeColour,
    hairColour,
    featureMask,
    expression,
    poseAngle,
    poseAngleUncertainty,
    featurePoints: Object.freeze(featurePoints),
    colourSpace,
    sourceType,
    deviceType,
    quality,
  });
}

/**
 * Parses an ISO/IEC 19794-5 facial record.
 *
 * @throws MalformedDataError (step 'lds.dg2.face') on a wrong format identifier, lengths that do not fit
 *   the bytes, or an image that is neither JPEG nor JPEG 2000.
 */
export function parseFaceImageRecord(bytes: Uint8Array): readonly FaceImageInfo[] {
  const r = new Reader(bytes);
  r.need(GENERAL_HEADER, 'general header');
  if (!startsWith(bytes, FORMAT_ID)) throw new MalformedDataError("format identifier is not 'FAC'", { step: STEP, offset: 0 });
  r.p = 8; // the version ('010') does not change the layout this parser reads
  const recordLength = r.uint(4);
  if (recordLength < GENERAL_HEADER || recordLength > bytes.length) {
    throw new MalformedDataError(`record length ${recordLength} does not fit the ${bytes.length} bytes`, { step: STEP, offset: 8 });
  }
  const count = r.uint(2);
  const body = new Reader(bytes.subarray(0, recordLength));
  body.p = GENERAL_HEADER;
  const faces: FaceImageInfo[] = [];
  for (let i = 0; i < count; i++) faces.push(parseFace(body));
  return Object.freeze(faces);
}

/** A face image for the encoder; omitted attributes are 0 (unspecified), face image type 1 (basic). */
export interface FaceImageInput {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly faceImageType?: number;
  readonly gender?: number;
  readonly eyeColour?: number;
  readonly hairColour?: number;
  readonly expression?: number;
  readonly featurePoints?: readonly FeaturePoint[];
  readonly sourceType?: number;
}

/**
 * Encodes an ISO/IEC 19794-5 facial record (version 010) holding the given images.
 *
 * @throws RangeError when an image is neither JPEG nor JPEG 2000 or a dimension exceeds 65535.
 */
export function encodeFaceImageRecord(images: readonly FaceImageInput[]): Uint8Array {
  const blocks = images.map((img) => {
    const format = detectImageFormat(img.bytes);
    if (!format) throw new RangeError('face image is neither JPEG nor JPEG 2000');
    const points = img.featurePoints ?? [];
    const header = concat(
      uintBE(FACE_HEADER + points.length * FEATURE_POINT + IMAGE_INFO + img.bytes.length, 4),
      uintBE(points.length, 2),
      Uint8Array.of(img.gender ?? 0, img.eyeColour ?? 0, img.hairColour ?? 0),
      uintBE(0, 3),
      uintBE(img.expression ?? 0, 2),
      new Uint8Array(6),
    );
    const featurePoints = points.map((p) => concat(Uint8Array.of(p.type, p.code), uintBE(p.x, 2), uintBE(p.y, 2), new Uint8Array(2)));
    const info = concat(
      Uint8Array.of(img.faceImageType ?? 1, format.mimeType === 'image/jpeg' ? 0 : 1),
      uintBE(img.width, 2),
      uintBE(img.height, 2),
      Uint8Array.of(1, img.sourceType ?? 0),
      uintBE(0, 2),
      uintBE(0, 2),
    );
    return concat(header, ...featurePoints, info, img.bytes);
  });
  const length = GENERAL_HEADER + blocks.reduce((n, b) => n + b.length, 0);
  return concat(FORMAT_ID, VERSION_010, uintBE(length, 4), uintBE(images.length, 2), ...blocks);
}
