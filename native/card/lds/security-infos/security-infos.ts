// SecurityInfos ::= SET OF SecurityInfo (ICAO 9303-11 §9.2, BSI TR-03110-3 A.1): the content of
// EF.CardAccess, of DG14 (inside tag 6E) and of EF.CardSecurity's signed content. Parsing keeps the
// order and the OIDs as read, so `encodeSecurityInfos(parseSecurityInfos(x))` gives back x for DER input.

import { concat } from '../../../util/bytes.ts';
import { MalformedDataError } from '../../errors.ts';
import type { CipherAlgorithm } from '../../protocol/crypto/kdf.ts';
import { DER, decodeOid, decodeSmallInteger, derChildren, expectChildren, expectTag, readDer, type DerNode } from '../../asn1/der-reader.ts';
import { derInteger, derOctetString, derOid, derSequence } from '../../asn1/der-writer.ts';
import { encodeTlv } from '../tlv.ts';
import type {
  ActiveAuthenticationInfo,
  ChipAuthenticationDomainParameterInfo,
  ChipAuthenticationInfo,
  ChipAuthenticationPublicKeyInfo,
  PaceDomainParameterInfo,
  PaceInfo,
  SecurityInfo,
  TerminalAuthenticationInfo,
} from './security-info.ts';
import {
  OID,
  chipAuthenticationAlgorithm,
  chipAuthenticationOid,
  paceAlgorithm,
  paceDomainParameterAlgorithm,
  paceOid,
  type KeyAgreement,
  type PaceAlgorithm,
} from './security-info-oids.ts';

const STEP = 'lds.securityInfos';
/** More SecurityInfos than any chip carries; bounds the work hostile input can cause. */
const MAX_INFOS = 64;

/**
 * Parses a DER SET OF SecurityInfo. Trailing 00/FF padding after the SET (some chips pad the file) is
 * ignored. Unknown protocols become `Unknown` entries; a known protocol with the wrong shape is an
 * error. Throws MalformedDataError (step `lds.securityInfos`) on any structural fault.
 */
export function parseSecurityInfos(bytes: Uint8Array): readonly SecurityInfo[] {
  const set = readDer(bytes, STEP);
  expectTag(set, DER.SET, STEP, 'SecurityInfos');
  for (let i = set.raw.length; i < bytes.length; i++) {
    if (bytes[i] !== 0x00 && bytes[i] !== 0xff) throw new MalformedDataError('trailing bytes after SecurityInfos', { step: STEP, offset: i });
  }
  return Object.freeze(derChildren(set, STEP, MAX_INFOS).map(parseSecurityInfo));
}

/** Parses one SecurityInfo SEQUENCE node. */
export function parseSecurityInfo(node: DerNode): SecurityInfo {
  const children = expectChildren(node, DER.SEQUENCE, STEP, 'SecurityInfo', 8);
  const protocol = decodeOid(children[0], STEP, 'SecurityInfo.protocol');
  const shape = (min: number, max: number) => {
    if (children.length < min || children.length > max) {
      throw new MalformedDataError(`${protocol}: ${children.length} fields, expected ${min}..${max}`, { step: STEP });
    }
  };
  const optionalInteger = (i: number, what: string) => (children[i] ? decodeSmallInteger(children[i], STEP, what) : undefined);
  const withOptional = <T extends object>(info: T, key: string, value: number | undefined) =>
    Object.freeze(value === undefined ? info : { ...info, [key]: value });

  const pace = paceAlgorithm(protocol);
  if (pace) {
    shape(2, 3);
    const version = decodeSmallInteger(children[1], STEP, 'PACEInfo.version');
    return withOptional<PaceInfo>({ kind: 'PaceInfo', protocol, ...pace, version }, 'parameterId', optionalInteger(2, 'PACEInfo.parameterId'));
  }
  const paceDomain = paceDomainParameterAlgorithm(protocol);
  if (paceDomain) {
    shape(2, 3);
    const domainParameter = copy(expectTag(children[1], DER.SEQUENCE, STEP, 'PACEDomainParameterInfo.domainParameter').raw);
    return withOptional<PaceDomainParameterInfo>(
      { kind: 'PaceDomainParameterInfo', protocol, ...paceDomain, domainParameter },
      'parameterId',
      optionalInteger(2, 'PACEDomainParameterInfo.parameterId'),
    );
  }
  const ca = chipAuthenticationAlgorithm(protocol);
  if (ca) {
    shape(2, 3);
    const version = decodeSmallInteger(children[1], STEP, 'ChipAuthenticationInfo.version');
    return withOptional<ChipAuthenticationInfo>({ kind: 'ChipAuthenticationInfo', protocol, ...ca, version }, 'keyId', optionalInteger(2, 'ChipAuthenticationInfo.keyId'));
  }
  if (protocol === OID.CA_DH || protocol === OID.CA_ECDH) {
    shape(2, 3);
    const domainParameter = copy(expectTag(children[1], DER.SEQUENCE, STEP, 'ChipAuthenticationDomainParameterInfo.domainParameter').raw);
    const keyAgreement: KeyAgreement = protocol === OID.CA_DH ? 'DH' : 'ECDH';
    return withOptional<ChipAuthenticationDomainParameterInfo>(
      { kind: 'ChipAuthenticationDomainParameterInfo', protocol, keyAgreement, domainParameter },
      'keyId',
      optionalInteger(2, 'ChipAuthenticationDomainParameterInfo.keyId'),
    );
  }
  if (protocol === OID.PK_DH || protocol === OID.PK_ECDH) {
    shape(2, 3);
    const subjectPublicKeyInfo = copy(expectTag(children[1], DER.SEQUENCE, STEP, 'ChipAuthenticationPublicKeyInfo.chipAuthenticationPublicKey').raw);
    const keyAgreement: KeyAgreement = protocol === OID.PK_DH ? 'DH' : 'ECDH';
    return withOptional<ChipAuthenticationPublicKeyInfo>(
      { kind: 'ChipAuthenticationPublicKeyInfo', protocol, keyAgreement, subjectPublicKeyInfo },
      'keyId',
      optionalInteger(2, 'ChipAuthenticationPublicKeyInfo.keyId'),
    );
  }
  if (protocol === OID.TA) {
    shape(2, 3);
    const version = decodeSmallInteger(children[1], STEP, 'TerminalAuthenticationInfo.version');
    const info: TerminalAuthenticationInfo = { kind: 'TerminalAuthenticationInfo', protocol, version };
    return Object.freeze(children[2] ? { ...info, efCvca: parseFileId(children[2]) } : info);
  }
  if (protocol === OID.AA) {
    shape(3, 3);
    const version = decodeSmallInteger(children[1], STEP, 'ActiveAuthenticationInfo.version');
    const signatureAlgorithm = decodeOid(children[2], STEP, 'ActiveAuthenticationInfo.signatureAlgorithm');
    return Object.freeze<ActiveAuthenticationInfo>({ kind: 'ActiveAuthenticationInfo', protocol, version, signatureAlgorithm });
  }
  return Object.freeze({ kind: 'Unknown', protocol, encoded: copy(node.raw) });
}

function parseFileId(node: DerNode): { readonly fid: number; readonly sfi?: number } {
  const parts = expectChildren(node, DER.SEQUENCE, STEP, 'FileID', 2);
  const fid = expectTag(parts[0], DER.OCTET_STRING, STEP, 'FileID.fid').value;
  if (fid.length !== 2) throw new MalformedDataError(`FileID.fid of ${fid.length} bytes`, { step: STEP });
  const fidValue = (fid[0]! << 8) | fid[1]!;
  if (!parts[1]) return Object.freeze({ fid: fidValue });
  const sfi = expectTag(parts[1], DER.OCTET_STRING, STEP, 'FileID.sfid').value;
  if (sfi.length !== 1) throw new MalformedDataError(`FileID.sfid of ${sfi.length} bytes`, { step: STEP });
  return Object.freeze({ fid: fidValue, sfi: sfi[0]! });
}

function copy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** Encodes SecurityInfos as a DER SET OF, keeping the given order (the simulator's EF.CardAccess and DG14). */
export function encodeSecurityInfos(infos: readonly SecurityInfo[]): Uint8Array {
  return encodeTlv(DER.SET, concat(...infos.map(encodeSecurityInfo)));
}

/** Encodes one SecurityInfo SEQUENCE. */
export function encodeSecurityInfo(info: SecurityInfo): Uint8Array {
  const optional = (value: number | undefined) => (value === undefined ? new Uint8Array(0) : derInteger(value));
  switch (info.kind) {
    case 'PaceInfo':
      return derSequence(derOid(info.protocol), derInteger(info.version), optional(info.parameterId));
    case 'PaceDomainParameterInfo':
      return derSequence(derOid(info.protocol), info.domainParameter, optional(info.parameterId));
    case 'ChipAuthenticationInfo':
      return derSequence(derOid(info.protocol), derInteger(info.version), optional(info.keyId));
    case 'ChipAuthenticationDomainParameterInfo':
      return derSequence(derOid(info.protocol), info.domainParameter, optional(info.keyId));
    case 'ChipAuthenticationPublicKeyInfo':
      return derSequence(derOid(info.protocol), info.subjectPublicKeyInfo, optional(info.keyId));
    case 'TerminalAuthenticationInfo': {
      const file = info.efCvca;
      const fileId = file
        ? derSequence(derOctetString(Uint8Array.of(file.fid >> 8, file.fid & 0xff)), file.sfi === undefined ? new Uint8Array(0) : derOctetString(Uint8Array.of(file.sfi)))
        : new Uint8Array(0);
      return derSequence(derOid(info.protocol), derInteger(info.version), fileId);
    }
    case 'ActiveAuthenticationInfo':
      return derSequence(derOid(info.protocol), derInteger(info.version), derOid(info.signatureAlgorithm));
    case 'Unknown':
      return info.encoded;
  }
}

/** Builds a PaceInfo for a variant (version 2, ICAO 9303-11 §9.2.1). */
export function createPaceInfo(algorithm: PaceAlgorithm, parameterId?: number): PaceInfo {
  const info: PaceInfo = {
    kind: 'PaceInfo',
    protocol: paceOid(algorithm),
    keyAgreement: algorithm.keyAgreement,
    mapping: algorithm.mapping,
    cipher: algorithm.cipher,
    version: 2,
  };
  return Object.freeze(parameterId === undefined ? info : { ...info, parameterId });
}

/** Builds a ChipAuthenticationInfo (version 1, ICAO 9303-11 §9.2.5). */
export function createChipAuthenticationInfo(keyAgreement: KeyAgreement, cipher: CipherAlgorithm, keyId?: number): ChipAuthenticationInfo {
  const protocol = chipAuthenticationOid({ keyAgreement, cipher });
  const info: ChipAuthenticationInfo = { kind: 'ChipAuthenticationInfo', protocol, keyAgreement, cipher, version: 1 };
  return Object.freeze(keyId === undefined ? info : { ...info, keyId });
}

/** Builds a ChipAuthenticationPublicKeyInfo around a SubjectPublicKeyInfo DER. */
export function createChipAuthenticationPublicKeyInfo(
  keyAgreement: KeyAgreement,
  subjectPublicKeyInfo: Uint8Array,
  keyId?: number,
): ChipAuthenticationPublicKeyInfo {
  const protocol = keyAgreement === 'DH' ? OID.PK_DH : OID.PK_ECDH;
  const info: ChipAuthenticationPublicKeyInfo = { kind: 'ChipAuthenticationPublicKeyInfo', protocol, keyAgreement, subjectPublicKeyInfo: copy(subjectPublicKeyInfo) };
  return Object.freeze(keyId === undefined ? info : { ...info, keyId });
}

/** Builds an ActiveAuthenticationInfo (version 1) naming the ECDSA signature algorithm. */
export function createActiveAuthenticationInfo(signatureAlgorithm: string): ActiveAuthenticationInfo {
  return Object.freeze({ kind: 'ActiveAuthenticationInfo', protocol: OID.AA, version: 1, signatureAlgorithm });
}
