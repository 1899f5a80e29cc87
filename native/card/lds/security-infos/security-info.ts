// The SecurityInfo variants of ICAO 9303-11 §9.2 and BSI TR-03110-3 A.1, as frozen typed objects.
// `protocol` is always the dotted OID as read, so an encoder can reproduce the input exactly.

import type { CipherAlgorithm } from '../../protocol/crypto/kdf.ts';
import type { KeyAgreement, PaceMapping } from './security-info-oids.ts';

/** PACEInfo ::= SEQUENCE { protocol, version INTEGER, parameterId INTEGER OPTIONAL } (ICAO 9303-11 §9.2.1). */
export interface PaceInfo {
  readonly kind: 'PaceInfo';
  readonly protocol: string;
  readonly keyAgreement: KeyAgreement;
  readonly mapping: PaceMapping;
  readonly cipher: CipherAlgorithm;
  /** 2 for ICAO 9303 PACE. */
  readonly version: number;
  /** Standard domain parameter id (ICAO 9303-11 §9.5.1), or a proprietary id (32-63) naming a PaceDomainParameterInfo. */
  readonly parameterId?: number;
}

/** PACEDomainParameterInfo ::= SEQUENCE { protocol, domainParameter AlgorithmIdentifier, parameterId OPTIONAL }. */
export interface PaceDomainParameterInfo {
  readonly kind: 'PaceDomainParameterInfo';
  readonly protocol: string;
  readonly keyAgreement: KeyAgreement;
  readonly mapping: PaceMapping;
  /** The AlgorithmIdentifier DER (SEQUENCE { OID, parameters }). */
  readonly domainParameter: Uint8Array;
  readonly parameterId?: number;
}

/** ChipAuthenticationInfo ::= SEQUENCE { protocol, version INTEGER, keyId INTEGER OPTIONAL } (ICAO 9303-11 §9.2.5). */
export interface ChipAuthenticationInfo {
  readonly kind: 'ChipAuthenticationInfo';
  readonly protocol: string;
  readonly keyAgreement: KeyAgreement;
  readonly cipher: CipherAlgorithm;
  readonly version: number;
  readonly keyId?: number;
}

/** ChipAuthenticationPublicKeyInfo ::= SEQUENCE { protocol id-PK-*, SubjectPublicKeyInfo, keyId OPTIONAL } (§9.2.6). */
export interface ChipAuthenticationPublicKeyInfo {
  readonly kind: 'ChipAuthenticationPublicKeyInfo';
  readonly protocol: string;
  readonly keyAgreement: KeyAgreement;
  /** The SubjectPublicKeyInfo DER. */
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly keyId?: number;
}

/** ChipAuthenticationDomainParameterInfo ::= SEQUENCE { protocol id-CA-DH|ECDH, AlgorithmIdentifier, keyId OPTIONAL }. */
export interface ChipAuthenticationDomainParameterInfo {
  readonly kind: 'ChipAuthenticationDomainParameterInfo';
  readonly protocol: string;
  readonly keyAgreement: KeyAgreement;
  readonly domainParameter: Uint8Array;
  readonly keyId?: number;
}

/** ActiveAuthenticationInfo ::= SEQUENCE { protocol id-AA, version INTEGER, signatureAlgorithm OID } (§9.2.3). */
export interface ActiveAuthenticationInfo {
  readonly kind: 'ActiveAuthenticationInfo';
  readonly protocol: string;
  readonly version: number;
  readonly signatureAlgorithm: string;
}

/** TerminalAuthenticationInfo ::= SEQUENCE { protocol id-TA, version INTEGER, efCVCA FileID OPTIONAL } (TR-03110-3 A.1.1.3). */
export interface TerminalAuthenticationInfo {
  readonly kind: 'TerminalAuthenticationInfo';
  readonly protocol: string;
  readonly version: number;
  /** FileID ::= SEQUENCE { fid OCTET STRING (SIZE(2)), sfid OCTET STRING (SIZE(1)) OPTIONAL }. */
  readonly efCvca?: { readonly fid: number; readonly sfi?: number };
}

/** Any other SecurityInfo (EFDIR, CardInfoLocator, PrivilegedTerminalInfo, ...), kept whole. */
export interface UnknownSecurityInfo {
  readonly kind: 'Unknown';
  readonly protocol: string;
  /** The complete SecurityInfo SEQUENCE DER. */
  readonly encoded: Uint8Array;
}

export type SecurityInfo =
  | PaceInfo
  | PaceDomainParameterInfo
  | ChipAuthenticationInfo
  | ChipAuthenticationPublicKeyInfo
  | ChipAuthenticationDomainParameterInfo
  | ActiveAuthenticationInfo
  | TerminalAuthenticationInfo
  | UnknownSecurityInfo;
