// Issues X.509 v3 certificates (RFC 5280 §4.1) with the ICAO 9303-12 §7.1.1 profiles of the eMRTD PKI:
// CSCA (self-signed or link), Document Signer and Master List Signer. Only synthetic test PKIs use it.
// The same builder issues the loopback TLS certificates of the central-service simulator: a CSCA-shaped
// CA and `tls-leaf` certificates with subjectAltName and extendedKeyUsage (RFC 5280 §4.2.1.6, §4.2.1.12).

import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { type DigestName, encodeSignatureAlgorithm, signData, signatureAlgorithmFor } from '../../card/lds/sod/algorithms.ts';
import { parseCertificate } from '../../card/lds/sod/certificate.ts';
import { DER, readDer } from '../../card/asn1/der-reader.ts';
import {
  derBitString,
  derBoolean,
  derContext,
  derContextPrimitive,
  derInteger,
  derOctetString,
  derOid,
  derPrintableString,
  derSequence,
  derSetOf,
  derTime,
  derUtf8String,
} from '../../card/asn1/der-writer.ts';

export type CertificateProfile = 'csca' | 'document-signer' | 'master-list-signer' | 'tls-leaf';

/** Name attributes in order, e.g. [['C', 'VN'], ['O', 'Test CSCA'], ['CN', 'CSCA Test']]. */
export type NameSpec = readonly (readonly ['C' | 'O' | 'OU' | 'CN' | 'serialNumber', string])[];

const ATTRIBUTE_OIDS = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3', serialNumber: '2.5.4.5' } as const;

/** ICAO 9303-12 §7.1.1.3 / 9303-12 Table 6 OIDs. */
const OID = Object.freeze({
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extendedKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  documentTypeList: '2.23.136.1.1.6.2',
  cscaMasterListSigningKey: '2.23.136.1.1.3',
});

export interface CertificateSpec {
  readonly profile: CertificateProfile;
  readonly serialNumber: bigint | number;
  readonly subject: NameSpec;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The certified key (public or private; the public half is used). */
  readonly subjectKey: KeyObject;
  /** The issuer's private key; for a self-signed CSCA the subject's own private key. */
  readonly issuerKey: KeyObject;
  /** The issuer's certificate; omitted for a self-signed CSCA. */
  readonly issuerCertificate?: Uint8Array;
  readonly digest?: DigestName;
  /** Overrides the subject key identifier (tests: a rogue CSCA posing as a real one). */
  readonly subjectKeyIdentifier?: Uint8Array;
  /** Document Signer only: ICAO document types (ICAO 9303-12 §7.1.1.3.1), e.g. ['P', 'ID']. */
  readonly documentTypes?: readonly string[];
  /** subjectAltName entries (TLS): DNS names and IPv4 addresses. */
  readonly subjectAltNames?: readonly ({ readonly dns: string } | { readonly ip: string })[];
  /** extendedKeyUsage OIDs (TLS: serverAuth 1.3.6.1.5.5.7.3.1, clientAuth 1.3.6.1.5.5.7.3.2). */
  readonly extendedKeyUsages?: readonly string[];
}

/** GeneralName CHOICE (RFC 5280 §4.2.1.6): dNSName [2] IA5String, iPAddress [7] OCTET STRING (IPv4). */
function generalName(name: { readonly dns: string } | { readonly ip: string }): Uint8Array {
  if ('dns' in name) return derContextPrimitive(2, new TextEncoder().encode(name.dns));
  const octets = name.ip.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) throw new RangeError(`not an IPv4 address: ${name.ip}`);
  return derContextPrimitive(7, Uint8Array.from(octets));
}

/** X.501 Name with countryName as PrintableString and the rest as UTF8String (ICAO 9303-12 §7.1.1.2). */
export function encodeName(name: NameSpec): Uint8Array {
  return derSequence(
    ...name.map(([type, value]) =>
      derSetOf(derSequence(derOid(ATTRIBUTE_OIDS[type]), type === 'C' ? derPrintableString(value) : derUtf8String(value))),
    ),
  );
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING value. */
export function keyIdentifier(spki: Uint8Array): Uint8Array {
  const outer = readDer(spki, 'pki.build');
  let offset = 0;
  const algorithm = readDer(outer.value, 'pki.build', offset);
  offset += algorithm.raw.length;
  const key = readDer(outer.value, 'pki.build', offset);
  if (key.tag !== DER.BIT_STRING) throw new RangeError('not a SubjectPublicKeyInfo');
  return new Uint8Array(createHash('sha1').update(key.value.subarray(1)).digest());
}

function spkiOf(key: KeyObject): Uint8Array {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
}

function extension(oid: string, critical: boolean, value: Uint8Array): Uint8Array {
  return derSequence(derOid(oid), ...(critical ? [derBoolean(true)] : []), derOctetString(value));
}

/** keyUsage BIT STRING with the named bits (0-7) set; DER drops trailing zero bits (X.690 §11.2.2). */
function keyUsage(...bits: number[]): Uint8Array {
  let mask = 0;
  for (const b of bits) mask |= 0x80 >> b;
  return Uint8Array.of(DER.BIT_STRING, 2, 7 - Math.max(...bits), mask);
}

/** Issues and signs a certificate; throws when a key does not fit its algorithm. */
export function issueCertificate(spec: CertificateSpec): Uint8Array {
  const digest = spec.digest ?? 'SHA-256';
  const algorithm = signatureAlgorithmFor(spec.issuerKey, digest);
  const spki = spkiOf(spec.subjectKey);
  const subjectKeyId = spec.subjectKeyIdentifier ?? keyIdentifier(spki);
  const issuer = spec.issuerCertificate ? parseCertificate(spec.issuerCertificate) : undefined;
  const issuerName = issuer ? issuer.subjectDer : encodeName(spec.subject);
  const authorityKeyId = issuer ? (issuer.subjectKeyIdentifier ?? keyIdentifier(issuer.subjectPublicKeyInfo)) : subjectKeyId;

  const extensions = [
    extension(OID.authorityKeyIdentifier, false, derSequence(derContextPrimitive(0, authorityKeyId))),
    extension(OID.subjectKeyIdentifier, false, derOctetString(subjectKeyId)),
  ];
  if (spec.profile === 'csca') {
    extensions.push(extension(OID.keyUsage, true, keyUsage(5, 6)));
    extensions.push(extension(OID.basicConstraints, true, derSequence(derBoolean(true), derInteger(0))));
  } else {
    extensions.push(extension(OID.keyUsage, true, keyUsage(0)));
  }
  if (spec.profile === 'document-signer' && spec.documentTypes) {
    const list = derSequence(derInteger(0), derSetOf(...spec.documentTypes.map((t) => derPrintableString(t))));
    extensions.push(extension(OID.documentTypeList, false, list));
  }
  if (spec.subjectAltNames && spec.subjectAltNames.length > 0) {
    extensions.push(extension(OID.subjectAltName, false, derSequence(...spec.subjectAltNames.map(generalName))));
  }
  if (spec.extendedKeyUsages && spec.extendedKeyUsages.length > 0) {
    extensions.push(extension(OID.extendedKeyUsage, false, derSequence(...spec.extendedKeyUsages.map((oid) => derOid(oid)))));
  }
  if (spec.profile === 'master-list-signer') {
    extensions.push(extension(OID.extendedKeyUsage, true, derSequence(derOid(OID.cscaMasterListSigningKey))));
  }

  const algorithmId = encodeSignatureAlgorithm(algorithm);
  const tbs = derSequence(
    derContext(0, derInteger(2)), // v3
    derInteger(BigInt(spec.serialNumber)),
    algorithmId,
    issuerName,
    derSequence(derTime(spec.notBefore), derTime(spec.notAfter)),
    encodeName(spec.subject),
    spki,
    derContext(3, derSequence(...extensions)),
  );
  return derSequence(tbs, algorithmId, derBitString(signData(algorithm, tbs, spec.issuerKey, digest)));
}
