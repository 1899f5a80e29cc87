// Object identifiers of the SecurityInfos in EF.CardAccess, EF.CardSecurity and DG14:
// ICAO 9303-11 §9.2 and BSI TR-03110-3 Appendix A.1 (bsi-de = 0.4.0.127.0.7).

import { KEY_OID } from '../../asn1/subject-public-key-info.ts';
import type { CipherAlgorithm } from '../../protocol/crypto/kdf.ts';

export type KeyAgreement = 'DH' | 'ECDH';
export type PaceMapping = 'GM' | 'IM' | 'CAM';

const BSI_DE = '0.4.0.127.0.7';

export const OID = Object.freeze({
  /** id-PK (TR-03110-3 A.1.1.2): chip authentication public keys. */
  PK_DH: `${BSI_DE}.2.2.1.1`,
  PK_ECDH: `${BSI_DE}.2.2.1.2`,
  /** id-TA (TR-03110-3 A.1.1.3). */
  TA: `${BSI_DE}.2.2.2`,
  /** id-CA (ICAO 9303-11 §9.2.5): the key-agreement prefixes; the cipher is a fifth-level arc. */
  CA_DH: `${BSI_DE}.2.2.3.1`,
  CA_ECDH: `${BSI_DE}.2.2.3.2`,
  /** id-PACE (ICAO 9303-11 §9.2.1): mapping + key agreement prefixes; the cipher is the last arc. */
  PACE: `${BSI_DE}.2.2.4`,
  PACE_DH_GM: `${BSI_DE}.2.2.4.1`,
  PACE_ECDH_GM: `${BSI_DE}.2.2.4.2`,
  PACE_DH_IM: `${BSI_DE}.2.2.4.3`,
  PACE_ECDH_IM: `${BSI_DE}.2.2.4.4`,
  PACE_ECDH_CAM: `${BSI_DE}.2.2.4.6`,
  /** id-AA (ICAO 9303-11 §9.2.3): id-icao-mrtd-security-aaProtocolObject. */
  AA: '2.23.136.1.1.5',
  /** TR-03110-3 A.2.1.1: standardized domain parameters, parameter = INTEGER id. */
  STANDARDIZED_DOMAIN_PARAMETERS: `${BSI_DE}.1.2`,
  /** RFC 5480 id-ecPublicKey and ANSI X9.42 dhpublicnumber. */
  EC_PUBLIC_KEY: KEY_OID.EC_PUBLIC_KEY,
  DH_PUBLIC_NUMBER: KEY_OID.DH_PUBLIC_NUMBER,
});

/** The cipher arc shared by id-PACE-* and id-CA-* (ICAO 9303-11 §9.2.1, §9.2.5). */
const CIPHER_ARCS: Readonly<Record<number, CipherAlgorithm>> = Object.freeze({ 1: '3DES', 2: 'AES-128', 3: 'AES-192', 4: 'AES-256' });

function cipherOfArc(arc: string): CipherAlgorithm | undefined {
  return /^\d$/.test(arc) ? CIPHER_ARCS[Number(arc)] : undefined;
}

function cipherArc(cipher: CipherAlgorithm): number {
  return Number(Object.entries(CIPHER_ARCS).find(([, c]) => c === cipher)![0]);
}

const PACE_PREFIXES: readonly (readonly [string, KeyAgreement, PaceMapping])[] = [
  [OID.PACE_DH_GM, 'DH', 'GM'],
  [OID.PACE_ECDH_GM, 'ECDH', 'GM'],
  [OID.PACE_DH_IM, 'DH', 'IM'],
  [OID.PACE_ECDH_IM, 'ECDH', 'IM'],
  [OID.PACE_ECDH_CAM, 'ECDH', 'CAM'],
];

export interface PaceAlgorithm {
  readonly keyAgreement: KeyAgreement;
  readonly mapping: PaceMapping;
  readonly cipher: CipherAlgorithm;
}

export interface ChipAuthenticationAlgorithm {
  readonly keyAgreement: KeyAgreement;
  readonly cipher: CipherAlgorithm;
}

/** The PACE variant an id-PACE-* protocol OID names, or undefined when it names none we know. */
export function paceAlgorithm(oid: string): PaceAlgorithm | undefined {
  for (const [prefix, keyAgreement, mapping] of PACE_PREFIXES) {
    if (!oid.startsWith(`${prefix}.`)) continue;
    const cipher = cipherOfArc(oid.slice(prefix.length + 1));
    // CAM is defined with AES only (ICAO 9303-11 §9.2.1).
    if (!cipher || (mapping === 'CAM' && cipher === '3DES')) return undefined;
    return Object.freeze({ keyAgreement, mapping, cipher });
  }
  return undefined;
}

/** The id-PACE-* domain-parameter prefix (PACEDomainParameterInfo.protocol) of a variant. */
export function paceDomainParameterOid(keyAgreement: KeyAgreement, mapping: PaceMapping): string {
  const entry = PACE_PREFIXES.find(([, k, m]) => k === keyAgreement && m === mapping);
  if (!entry) throw new RangeError(`no PACE ${keyAgreement} ${mapping} protocol`);
  return entry[0];
}

/** The protocol OID of a PACE variant (inverse of `paceAlgorithm`). */
export function paceOid(algorithm: PaceAlgorithm): string {
  if (algorithm.mapping === 'CAM' && algorithm.cipher === '3DES') throw new RangeError('PACE-CAM is defined with AES only');
  return `${paceDomainParameterOid(algorithm.keyAgreement, algorithm.mapping)}.${cipherArc(algorithm.cipher)}`;
}

/** The (key agreement, mapping) of a PACEDomainParameterInfo protocol, or undefined. */
export function paceDomainParameterAlgorithm(oid: string): { readonly keyAgreement: KeyAgreement; readonly mapping: PaceMapping } | undefined {
  const entry = PACE_PREFIXES.find(([prefix]) => prefix === oid);
  return entry ? Object.freeze({ keyAgreement: entry[1], mapping: entry[2] }) : undefined;
}

/** The chip-authentication variant an id-CA-* OID names, or undefined. */
export function chipAuthenticationAlgorithm(oid: string): ChipAuthenticationAlgorithm | undefined {
  for (const [prefix, keyAgreement] of [[OID.CA_DH, 'DH'], [OID.CA_ECDH, 'ECDH']] as const) {
    if (!oid.startsWith(`${prefix}.`)) continue;
    const cipher = cipherOfArc(oid.slice(prefix.length + 1));
    return cipher ? Object.freeze({ keyAgreement, cipher }) : undefined;
  }
  return undefined;
}

export function chipAuthenticationOid(algorithm: ChipAuthenticationAlgorithm): string {
  return `${algorithm.keyAgreement === 'DH' ? OID.CA_DH : OID.CA_ECDH}.${cipherArc(algorithm.cipher)}`;
}

const CIPHER_NAMES: Readonly<Record<CipherAlgorithm, string>> = {
  '3DES': '3DES-CBC-CBC',
  'AES-128': 'AES-CBC-CMAC-128',
  'AES-192': 'AES-CBC-CMAC-192',
  'AES-256': 'AES-CBC-CMAC-256',
};

const FIXED_NAMES: Readonly<Record<string, string>> = Object.freeze({
  [OID.PK_DH]: 'id-PK-DH',
  [OID.PK_ECDH]: 'id-PK-ECDH',
  [OID.TA]: 'id-TA',
  [OID.CA_DH]: 'id-CA-DH',
  [OID.CA_ECDH]: 'id-CA-ECDH',
  [OID.PACE_DH_GM]: 'id-PACE-DH-GM',
  [OID.PACE_ECDH_GM]: 'id-PACE-ECDH-GM',
  [OID.PACE_DH_IM]: 'id-PACE-DH-IM',
  [OID.PACE_ECDH_IM]: 'id-PACE-ECDH-IM',
  [OID.PACE_ECDH_CAM]: 'id-PACE-ECDH-CAM',
  [OID.AA]: 'id-AA',
  [OID.STANDARDIZED_DOMAIN_PARAMETERS]: 'standardizedDomainParameters',
  [OID.EC_PUBLIC_KEY]: 'id-ecPublicKey',
  [OID.DH_PUBLIC_NUMBER]: 'dhpublicnumber',
  '2.23.136.1.1.13': 'id-EFDIR',
  '0.4.0.127.0.7.2.2.12': 'id-PT',
  '0.4.0.127.0.7.2.2.11': 'id-RI',
  '0.4.0.127.0.7.3.1.2': 'id-CI',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '0.4.0.127.0.7.1.1.4.1.1': 'ecdsa-plain-SHA1',
  '0.4.0.127.0.7.1.1.4.1.3': 'ecdsa-plain-SHA256',
});

/**
 * A readable name for an OID (`id-PACE-ECDH-GM-AES-CBC-CMAC-128`), for traces and diagnostics; the
 * dotted form when the OID is not one of ours.
 */
export function oidName(oid: string): string {
  const fixed = FIXED_NAMES[oid];
  if (fixed) return fixed;
  const pace = paceAlgorithm(oid);
  if (pace) return `id-PACE-${pace.keyAgreement}-${pace.mapping}-${CIPHER_NAMES[pace.cipher]}`;
  const ca = chipAuthenticationAlgorithm(oid);
  if (ca) return `id-CA-${ca.keyAgreement}-${CIPHER_NAMES[ca.cipher]}`;
  return oid;
}
