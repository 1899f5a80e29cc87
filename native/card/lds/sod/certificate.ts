// X.509 certificates of the eMRTD PKI (RFC 5280 §4.1, ICAO 9303-12 §7): the fields passive
// authentication needs — names, serial, validity, key, key identifiers, CA flag — walked from DER.

import { createPublicKey, type KeyObject } from 'node:crypto';
import { MalformedDataError } from '../../errors.ts';
import { type SignatureAlgorithm, parseSignatureAlgorithm, verifySignature } from './algorithms.ts';
import { DER, type DerNode, decodeBitString, decodeOid, decodeTime, derChildren, expectChildren, expectTag, integerBytes, readDerExact } from '../../asn1/der-reader.ts';
import { type NameAttribute, canonicalName, formatName, parseName } from './x509-name.ts';

const STEP = 'pa.certificate';
/** Real CSCA and DS certificates are 1-3 KiB; 16 KiB leaves room for large RSA keys and extensions. */
export const MAX_CERTIFICATE_SIZE = 16 * 1024;

const OID_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
const OID_KEY_USAGE = '2.5.29.15';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_AUTHORITY_KEY_IDENTIFIER = '2.5.29.35';

export interface Certificate {
  /** The complete DER encoding. */
  readonly der: Uint8Array;
  readonly serialNumber: Uint8Array;
  readonly issuer: readonly NameAttribute[];
  readonly subject: readonly NameAttribute[];
  /** The issuer and subject Names exactly as encoded (to be copied into SignerInfo, CRLs, issued certificates). */
  readonly issuerDer: Uint8Array;
  readonly subjectDer: Uint8Array;
  /** Canonical issuer and subject keys for matching (see x509-name.ts). */
  readonly issuerKey: string;
  readonly subjectKey: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectKeyIdentifier: Uint8Array | undefined;
  readonly authorityKeyIdentifier: Uint8Array | undefined;
  /** basicConstraints cA. */
  readonly isCa: boolean;
  /** keyUsage bits (bit 0 = digitalSignature … bit 6 = cRLSign); undefined when the extension is absent. */
  readonly keyUsage: number | undefined;
  /** Undefined when the certificate is signed with an algorithm we do not implement. */
  readonly signatureAlgorithm: SignatureAlgorithm | undefined;
  readonly tbs: Uint8Array;
  readonly signature: Uint8Array;
  readonly subjectPublicKeyInfo: Uint8Array;
}

/** keyUsage bit numbers of RFC 5280 §4.2.1.3. */
export const KEY_USAGE = Object.freeze({ digitalSignature: 0, keyCertSign: 5, cRLSign: 6 });

/**
 * Parses a DER certificate. Throws MalformedDataError (step `pa.certificate`) when it is not one; an
 * unsupported signature algorithm is not an error here (it shows as `signatureAlgorithm: undefined`).
 */
export function parseCertificate(der: Uint8Array): Certificate {
  if (der.length > MAX_CERTIFICATE_SIZE) throw new MalformedDataError(`certificate of ${der.length} bytes`, { step: STEP });
  const bytes = new Uint8Array(der);
  const [tbsNode, algNode, sigNode] = expectChildren(readDerExact(bytes, STEP), DER.SEQUENCE, STEP, 'certificate', 3);
  const tbs = expectChildren(tbsNode, DER.SEQUENCE, STEP, 'tbsCertificate', 10);
  let i = tbs[0]?.tag === DER.context(0) ? 1 : 0;
  const serialNumber = integerBytes(tbs[i++], STEP, 'serial number', 40);
  i++; // the inner signature AlgorithmIdentifier repeats the outer one
  const issuerNode = tbs[i++];
  const issuer = parseName(issuerNode, STEP);
  const [nb, na] = expectChildren(tbs[i++], DER.SEQUENCE, STEP, 'validity', 2);
  const subjectNode = tbs[i++];
  const subject = parseName(subjectNode, STEP);
  const spki = expectTag(tbs[i++], DER.SEQUENCE, STEP, 'subject public key info');
  const extensions = tbs.slice(i).find((n) => n.tag === DER.context(3));
  const ext = parseExtensions(extensions);
  let signatureAlgorithm: SignatureAlgorithm | undefined;
  try {
    signatureAlgorithm = parseSignatureAlgorithm(algNode, STEP);
  } catch {
    signatureAlgorithm = undefined;
  }
  return Object.freeze({
    der: bytes,
    serialNumber,
    issuer,
    subject,
    issuerDer: issuerNode!.raw,
    subjectDer: subjectNode!.raw,
    issuerKey: canonicalName(issuer),
    subjectKey: canonicalName(subject),
    notBefore: decodeTime(nb, STEP, 'notBefore'),
    notAfter: decodeTime(na, STEP, 'notAfter'),
    ...ext,
    signatureAlgorithm,
    tbs: tbsNode!.raw,
    signature: decodeBitString(sigNode, STEP, 'signature'),
    subjectPublicKeyInfo: spki.raw,
  });
}

function parseExtensions(node: DerNode | undefined) {
  let subjectKeyIdentifier: Uint8Array | undefined;
  let authorityKeyIdentifier: Uint8Array | undefined;
  let isCa = false;
  let keyUsage: number | undefined;
  if (node) {
    const list = expectChildren(derChildren(node, STEP, 1)[0], DER.SEQUENCE, STEP, 'extensions', 32);
    for (const extension of list) {
      const parts = expectChildren(extension, DER.SEQUENCE, STEP, 'extension', 3);
      const oid = decodeOid(parts[0], STEP, 'extension id');
      const value = expectTag(parts[parts.length - 1], DER.OCTET_STRING, STEP, 'extension value').value;
      const inner = value.length > 0 ? readDerExact(value, STEP) : undefined;
      if (oid === OID_SUBJECT_KEY_IDENTIFIER) subjectKeyIdentifier = expectTag(inner, DER.OCTET_STRING, STEP, 'subject key identifier').value;
      else if (oid === OID_AUTHORITY_KEY_IDENTIFIER) {
        const keyId = expectChildren(inner, DER.SEQUENCE, STEP, 'authority key identifier', 3).find((n) => n.tag === DER.contextPrimitive(0));
        authorityKeyIdentifier = keyId?.value;
      } else if (oid === OID_BASIC_CONSTRAINTS) {
        const first = expectChildren(inner, DER.SEQUENCE, STEP, 'basic constraints', 2)[0];
        isCa = first?.tag === DER.BOOLEAN && first.value[0] !== 0;
      } else if (oid === OID_KEY_USAGE) keyUsage = decodeKeyUsage(inner);
    }
  }
  return { subjectKeyIdentifier, authorityKeyIdentifier, isCa, keyUsage };
}

// The BIT STRING's first content byte holds bit 0 in its most significant position.
function decodeKeyUsage(node: DerNode | undefined): number {
  const v = expectTag(node, DER.BIT_STRING, STEP, 'key usage').value;
  if (v.length < 1 || v.length > 3) throw new MalformedDataError('key usage length', { step: STEP });
  let bits = 0;
  for (let bit = 0; bit < (v.length - 1) * 8; bit++) {
    if ((v[1 + (bit >> 3)]! & (0x80 >> (bit & 7))) !== 0) bits |= 1 << bit;
  }
  return bits;
}

export function hasKeyUsage(cert: Certificate, bit: number): boolean {
  return cert.keyUsage === undefined || (cert.keyUsage & (1 << bit)) !== 0;
}

/** The certificate's public key; throws MalformedDataError when the key cannot be decoded. */
export function certificatePublicKey(cert: Certificate): KeyObject {
  try {
    return createPublicKey({ key: Buffer.from(cert.subjectPublicKeyInfo), format: 'der', type: 'spki' });
  } catch (cause) {
    throw new MalformedDataError('unusable subject public key', { step: STEP, cause });
  }
}

/** True when `issuer`'s key verifies `cert`'s signature. Never throws. */
export function isSignedBy(cert: Certificate, issuer: Certificate): boolean {
  if (!cert.signatureAlgorithm) return false;
  try {
    return verifySignature(cert.signatureAlgorithm, cert.tbs, cert.signature, certificatePublicKey(issuer));
  } catch {
    return false;
  }
}

/** `C=VN, O=…, CN=…` of the subject, for reports. */
export function describeCertificate(cert: Certificate): string {
  return formatName(cert.subject);
}
