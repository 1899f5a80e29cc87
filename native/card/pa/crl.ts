// X.509 v2 certificate revocation lists (RFC 5280 §5.1) as CSCAs publish them (ICAO 9303-12 §7.1.4).
// Parsed to what passive authentication needs: issuer, update times, revoked serial numbers, signature.

import { toHex } from '../../util/bytes.ts';
import { MalformedDataError } from '../errors.ts';
import { type SignatureAlgorithm, parseSignatureAlgorithm } from '../lds/sod/algorithms.ts';
import { DER, decodeBitString, decodeOid, decodeTime, derChildren, expectChildren, integerBytes, readDerExact } from '../asn1/der-reader.ts';
import { type NameAttribute, canonicalName, parseName } from '../lds/sod/x509-name.ts';

const STEP = 'pa.crl';
/** National CRLs are usually under 100 KiB; this bounds a hostile or wrong file. */
export const MAX_CRL_SIZE = 8 * 1024 * 1024;
const MAX_ENTRIES = 200_000;

export interface CertificateRevocationList {
  readonly der: Uint8Array;
  readonly issuer: readonly NameAttribute[];
  readonly issuerKey: string;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  /** Revoked serial numbers as upper-case hex without leading zero bytes. */
  readonly revokedSerials: ReadonlySet<string>;
  /** Undefined when signed with an algorithm we do not implement. */
  readonly signatureAlgorithm: SignatureAlgorithm | undefined;
  readonly tbs: Uint8Array;
  readonly signature: Uint8Array;
}

/** Parses a DER CRL. Throws MalformedDataError (step `pa.crl`) when it is not one. */
export function parseCrl(der: Uint8Array): CertificateRevocationList {
  if (der.length > MAX_CRL_SIZE) throw new MalformedDataError(`CRL of ${der.length} bytes`, { step: STEP });
  const bytes = new Uint8Array(der);
  const [tbsNode, algNode, sigNode] = expectChildren(readDerExact(bytes, STEP), DER.SEQUENCE, STEP, 'CertificateList', 3);
  const tbs = expectChildren(tbsNode, DER.SEQUENCE, STEP, 'tbsCertList', 7);
  let i = tbs[0]?.tag === DER.INTEGER ? 1 : 0;
  i++; // signature AlgorithmIdentifier, repeated outside
  const issuer = parseName(tbs[i++], STEP);
  const thisUpdate = decodeTime(tbs[i++], STEP, 'thisUpdate');
  let nextUpdate: Date | undefined;
  if (tbs[i] && (tbs[i]!.tag === DER.UTC_TIME || tbs[i]!.tag === DER.GENERALIZED_TIME)) nextUpdate = decodeTime(tbs[i++], STEP, 'nextUpdate');
  const revokedSerials = new Set<string>();
  if (tbs[i]?.tag === DER.SEQUENCE) {
    for (const entry of derChildren(tbs[i++]!, STEP, MAX_ENTRIES)) {
      const [serial] = expectChildren(entry, DER.SEQUENCE, STEP, 'revoked certificate', 3);
      revokedSerials.add(serialKey(integerBytes(serial, STEP, 'serial number', 40)));
    }
  }
  if (tbs[i] && tbs[i]!.tag !== DER.context(0)) throw new MalformedDataError('unexpected tbsCertList field', { step: STEP });
  let signatureAlgorithm: SignatureAlgorithm | undefined;
  try {
    signatureAlgorithm = parseSignatureAlgorithm(algNode, STEP);
  } catch {
    // An algorithm we do not implement: the CRL still parses, but can never count as verified.
    decodeOid(expectChildren(algNode, DER.SEQUENCE, STEP, 'signature algorithm', 2)[0], STEP, 'signature algorithm');
    signatureAlgorithm = undefined;
  }
  return Object.freeze({
    der: bytes,
    issuer,
    issuerKey: canonicalName(issuer),
    thisUpdate,
    nextUpdate,
    revokedSerials,
    signatureAlgorithm,
    tbs: tbsNode!.raw,
    signature: decodeBitString(sigNode, STEP, 'signature'),
  });
}

/** Serial numbers compared as hex without leading zero bytes (a DER INTEGER may carry one for the sign). */
export function serialKey(serial: Uint8Array): string {
  let i = 0;
  while (i < serial.length - 1 && serial[i] === 0) i++;
  return toHex(serial.subarray(i));
}
