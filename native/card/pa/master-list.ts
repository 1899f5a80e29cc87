// ICAO CSCA master lists (ICAO 9303-12 §9): a CMS SignedData, signed by a Master List Signer whose
// certificate a CSCA issued, over CscaMasterList ::= SEQUENCE { version, certList SET OF Certificate }.

import { MalformedDataError } from '../errors.ts';
import { type SignedData, parseSignedData } from '../lds/sod/cms-signed-data.ts';
import { DER, decodeSmallInteger, expectChildren, expectTag, readDer, readDerExact } from '../asn1/der-reader.ts';

const STEP = 'pa.master-list';
/** id-icao-cscaMasterList (ICAO 9303-12 §9.1). */
export const OID_CSCA_MASTER_LIST = '2.23.136.1.1.2';
/** The ICAO PKD master lists are a few MiB; this bounds a wrong file. */
export const MAX_MASTER_LIST_SIZE = 32 * 1024 * 1024;
const MAX_CERTIFICATES = 20_000;

export interface MasterList {
  readonly version: number;
  /** DER of every CSCA certificate in the list, in order. */
  readonly cscaCertificates: readonly Uint8Array[];
  /** The signed envelope, to verify the Master List Signer's signature. */
  readonly signedData: SignedData;
}

/** Parses a master list file (DER ContentInfo). Throws MalformedDataError (step `pa.master-list`). */
export function parseMasterList(bytes: Uint8Array): MasterList {
  if (bytes.length > MAX_MASTER_LIST_SIZE) throw new MalformedDataError(`master list of ${bytes.length} bytes`, { step: STEP });
  const signedData = parseSignedData(readDer(bytes, STEP), STEP);
  if (signedData.eContentType !== OID_CSCA_MASTER_LIST) throw new MalformedDataError('content is not a CscaMasterList', { step: STEP });
  const [versionNode, listNode] = expectChildren(readDerExact(signedData.eContent, STEP), DER.SEQUENCE, STEP, 'CscaMasterList', 2);
  const version = decodeSmallInteger(versionNode, STEP, 'CscaMasterList version');
  const cscaCertificates = expectChildren(listNode, DER.SET, STEP, 'certList', MAX_CERTIFICATES).map((c) =>
    expectTag(c, DER.SEQUENCE, STEP, 'certificate').raw,
  );
  return Object.freeze({ version, cscaCertificates: Object.freeze(cscaCertificates), signedData });
}
