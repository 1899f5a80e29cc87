// EF.SOD, the Document Security Object (ICAO 9303-10 §4.6.2): tag 77 around a CMS SignedData whose
// content is the LDSSecurityObject — the hash of every data group, signed by the Document Signer.

import type { KeyObject } from 'node:crypto';
import { MalformedDataError } from '../errors.ts';
import { EF_SOD } from './lds-files.ts';
import { encodeTlv } from './tlv.ts';
import { type DigestAlgorithm, type DigestName, digest, digestLength, encodeDigestAlgorithm, parseDigestAlgorithm } from './sod/algorithms.ts';
import { parseCertificate } from './sod/certificate.ts';
import { buildSignedData } from './sod/cms-builder.ts';
import { type SignedData, type SignerInfo, matchesSigner, parseSignedData } from './sod/cms-signed-data.ts';
import { DER, decodeSmallInteger, decodeString, expectChildren, expectTag, readDer, readDerExact } from '../asn1/der-reader.ts';
import { derInteger, derOctetString, derPrintableString, derSequence } from '../asn1/der-writer.ts';

export type { DigestAlgorithm, DigestName, SignatureAlgorithm } from './sod/algorithms.ts';
export type { SignerInfo, SignedData } from './sod/cms-signed-data.ts';

const STEP = 'lds.sod';
/** ICAO 9303-10 §4.6.2.2 (id-icao-mrtd-security-ldsSecurityObject). */
export const OID_LDS_SECURITY_OBJECT = '2.23.136.1.1.1';
/** Real SODs are 2-8 KiB (one DS certificate); 64 KiB bounds a hostile file. */
export const MAX_SOD_SIZE = 64 * 1024;
const MAX_DATA_GROUP = 16;

export interface LdsVersionInfo {
  /** e.g. '0108' for LDS 1.8. */
  readonly ldsVersion: string;
  /** e.g. '040000' for Unicode 4.0.0. */
  readonly unicodeVersion: string;
}

export interface SodInfo {
  /** LDSSecurityObject version: 0, or 1 when ldsVersionInfo is present. */
  readonly version: number;
  /** Algorithm of the data-group hashes. */
  readonly digestAlgorithm: DigestAlgorithm;
  /** Data-group number (1-16) to its hash. */
  readonly dataGroupHashes: ReadonlyMap<number, Uint8Array>;
  readonly ldsVersion: LdsVersionInfo | undefined;
  /** The (first) signer: digest and signature algorithm, signed attributes, signature. */
  readonly signerInfo: SignerInfo;
  /** The Document Signer certificate (DER) named by the signer, or the first embedded one; undefined when absent. */
  readonly dsCertificate: Uint8Array | undefined;
  /** The parsed CMS structure, for signature verification. */
  readonly signedData: SignedData;
  /** The EF.SOD bytes that were parsed (tag 77 TLV, without trailing padding). */
  readonly raw: Uint8Array;
}

/**
 * Parses EF.SOD (tag 77). Throws MalformedDataError (step `lds.sod`) for anything that is not a SignedData
 * over an LDSSecurityObject with supported algorithms; trailing file padding is ignored. Does not verify.
 */
export function parseSod(bytes: Uint8Array): SodInfo {
  if (bytes.length > MAX_SOD_SIZE) throw new MalformedDataError(`EF.SOD of ${bytes.length} bytes exceeds ${MAX_SOD_SIZE}`, { step: STEP });
  const outer = readDer(bytes, STEP);
  expectTag(outer, EF_SOD.tag!, STEP, 'EF.SOD');
  const signedData = parseSignedData(readDerExact(outer.value, STEP), STEP);
  if (signedData.eContentType !== OID_LDS_SECURITY_OBJECT) throw new MalformedDataError('content is not an LDSSecurityObject', { step: STEP });
  const lso = parseLdsSecurityObject(signedData.eContent);
  const signerInfo = signedData.signerInfos[0]!;
  return Object.freeze({
    ...lso,
    signerInfo,
    dsCertificate: pickSignerCertificate(signedData, signerInfo),
    signedData,
    raw: new Uint8Array(outer.raw),
  });
}

// ICAO 9303-10 §4.6.2.3: LDSSecurityObject ::= SEQUENCE { version, hashAlgorithm,
// dataGroupHashValues SEQUENCE SIZE (2..ub-DataGroups) OF DataGroupHash, ldsVersionInfo OPTIONAL }.
function parseLdsSecurityObject(eContent: Uint8Array) {
  const parts = expectChildren(readDerExact(eContent, STEP), DER.SEQUENCE, STEP, 'LDSSecurityObject', 4);
  const version = decodeSmallInteger(parts[0], STEP, 'LDSSecurityObject version');
  if (version > 1) throw new MalformedDataError(`LDSSecurityObject version ${version}`, { step: STEP });
  const digestAlgorithm = parseDigestAlgorithm(parts[1], STEP);
  const hashes = new Map<number, Uint8Array>();
  for (const entry of expectChildren(parts[2], DER.SEQUENCE, STEP, 'dataGroupHashValues', MAX_DATA_GROUP)) {
    const [numberNode, valueNode] = expectChildren(entry, DER.SEQUENCE, STEP, 'DataGroupHash', 2);
    const n = decodeSmallInteger(numberNode, STEP, 'data group number');
    const value = expectTag(valueNode, DER.OCTET_STRING, STEP, 'data group hash').value;
    if (n < 1 || n > MAX_DATA_GROUP) throw new MalformedDataError(`data group number ${n}`, { step: STEP });
    if (hashes.has(n)) throw new MalformedDataError(`data group ${n} listed twice`, { step: STEP });
    if (value.length !== digestLength(digestAlgorithm.name)) throw new MalformedDataError(`hash of DG${n} has ${value.length} bytes`, { step: STEP });
    hashes.set(n, new Uint8Array(value));
  }
  if (hashes.size === 0) throw new MalformedDataError('no data group hashes', { step: STEP });
  let ldsVersion: LdsVersionInfo | undefined;
  if (parts[3]) {
    const [lds, unicode] = expectChildren(parts[3], DER.SEQUENCE, STEP, 'ldsVersionInfo', 2);
    ldsVersion = Object.freeze({
      ldsVersion: decodeString(expectTag(lds, DER.PRINTABLE_STRING, STEP, 'ldsVersion'), STEP),
      unicodeVersion: decodeString(expectTag(unicode, DER.PRINTABLE_STRING, STEP, 'unicodeVersion'), STEP),
    });
  }
  return { version, digestAlgorithm, dataGroupHashes: hashes as ReadonlyMap<number, Uint8Array>, ldsVersion };
}

function pickSignerCertificate(signedData: SignedData, signer: SignerInfo): Uint8Array | undefined {
  for (const der of signedData.certificates) {
    try {
      if (matchesSigner(signer.sid, parseCertificate(der))) return der;
    } catch {
      // An unparsable embedded certificate cannot be the signer's; passive authentication reports it.
    }
  }
  return signedData.certificates[0];
}

export interface BuildSodOptions {
  /** Data-group number to the complete file bytes (tag, length, value), as the chip serves them. */
  readonly dataGroups: ReadonlyMap<number, Uint8Array>;
  readonly digest?: DigestName;
  /** Document Signer private key (EC or RSA). */
  readonly dsKey: KeyObject;
  /** Document Signer certificate (DER), embedded in the SignedData. */
  readonly dsCertificate: Uint8Array;
  /** RSA keys only: PKCS#1 v1.5 (default) or RSASSA-PSS. */
  readonly rsaScheme?: 'rsa-pkcs1' | 'rsa-pss';
  /** When given, an LDSSecurityObject v1 with this version info (LDS 1.7+), else v0. */
  readonly ldsVersion?: LdsVersionInfo;
  readonly signingTime?: Date;
  /** Test hook: replaces the signature bytes (to simulate a forged SOD). */
  readonly tamperSignature?: (signature: Uint8Array) => Uint8Array;
}

/** Builds EF.SOD bytes (tag 77) for the chip simulator. Throws RangeError on an invalid data-group number. */
export function buildSod(options: BuildSodOptions): Uint8Array {
  const hash = options.digest ?? 'SHA-256';
  const entries = [...options.dataGroups.entries()].sort(([a], [b]) => a - b);
  for (const [n] of entries) if (!Number.isInteger(n) || n < 1 || n > MAX_DATA_GROUP) throw new RangeError(`invalid data group ${n}`);
  const lso = derSequence(
    derInteger(options.ldsVersion ? 1 : 0),
    encodeDigestAlgorithm(hash),
    derSequence(...entries.map(([n, file]) => derSequence(derInteger(n), derOctetString(digest(hash, file))))),
    ...(options.ldsVersion ? [derSequence(derPrintableString(options.ldsVersion.ldsVersion), derPrintableString(options.ldsVersion.unicodeVersion))] : []),
  );
  const contentInfo = buildSignedData({
    eContentType: OID_LDS_SECURITY_OBJECT,
    eContent: lso,
    signerKey: options.dsKey,
    signerCertificate: options.dsCertificate,
    digest: hash,
    rsaScheme: options.rsaScheme,
    signingTime: options.signingTime,
    tamperSignature: options.tamperSignature,
  });
  return encodeTlv(EF_SOD.tag!, contentInfo);
}

/** The hash of a data-group file as EF.SOD records it. */
export function dataGroupHash(name: DigestName, file: Uint8Array): Uint8Array {
  return digest(name, file);
}
