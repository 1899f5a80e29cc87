// CMS SignedData (RFC 5652 §5) as used by EF.SOD (ICAO 9303-10 §4.6.2) and by CSCA master lists
// (ICAO 9303-12 §9): one encapsulated content, the signer's certificates, and signer infos.

import { equal } from '../../../util/bytes.ts';
import { MalformedDataError } from '../../errors.ts';
import { type DigestAlgorithm, type SignatureAlgorithm, digest, parseDigestAlgorithm, parseSignatureAlgorithm, verifySignature } from './algorithms.ts';
import { type Certificate, certificatePublicKey } from './certificate.ts';
import { DER, type DerNode, decodeOid, decodeSmallInteger, derChildren, expectChildren, expectTag, integerBytes } from '../../asn1/der-reader.ts';
import { type NameAttribute, canonicalName, parseName } from './x509-name.ts';

export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
export const OID_CONTENT_TYPE_ATTRIBUTE = '1.2.840.113549.1.9.3';
export const OID_MESSAGE_DIGEST_ATTRIBUTE = '1.2.840.113549.1.9.4';
export const OID_SIGNING_TIME_ATTRIBUTE = '1.2.840.113549.1.9.5';

/** RFC 5652 §5.3 SignerIdentifier: issuer and serial number, or subject key identifier. */
export interface SignerIdentifier {
  readonly issuer?: readonly NameAttribute[];
  readonly serialNumber?: Uint8Array;
  readonly subjectKeyIdentifier?: Uint8Array;
}

export interface SignerInfo {
  readonly version: number;
  readonly sid: SignerIdentifier;
  readonly digestAlgorithm: DigestAlgorithm;
  readonly signatureAlgorithm: SignatureAlgorithm;
  /** The signed attributes re-encoded with the SET OF tag (RFC 5652 §5.4): the bytes actually signed. */
  readonly signedAttributes: Uint8Array | undefined;
  /** content-type attribute value (an OID), when signed attributes are present. */
  readonly contentType: string | undefined;
  /** message-digest attribute value, when signed attributes are present. */
  readonly messageDigest: Uint8Array | undefined;
  readonly signature: Uint8Array;
}

export interface SignedData {
  readonly version: number;
  readonly eContentType: string;
  readonly eContent: Uint8Array;
  /** DER certificates from the certificates field, in order. */
  readonly certificates: readonly Uint8Array[];
  readonly signerInfos: readonly SignerInfo[];
}

/**
 * Parses a ContentInfo holding SignedData. Throws MalformedDataError with `step` when the structure is
 * not SignedData with an attached content and at least one signer. Returned byte arrays are copies.
 */
export function parseSignedData(contentInfo: DerNode, step: string, maxCertificates = 16): SignedData {
  const [typeNode, explicit] = expectChildren(contentInfo, DER.SEQUENCE, step, 'ContentInfo', 2);
  if (decodeOid(typeNode, step, 'content type') !== OID_SIGNED_DATA) throw new MalformedDataError('content is not SignedData', { step });
  const [sdNode] = expectChildren(explicit, DER.context(0), step, 'SignedData wrapper', 1);
  const parts = expectChildren(sdNode, DER.SEQUENCE, step, 'SignedData', 6);
  let i = 0;
  const version = decodeSmallInteger(parts[i++], step, 'SignedData version');
  expectChildren(parts[i++], DER.SET, step, 'digestAlgorithms', 8);
  const [eTypeNode, eWrapper] = expectChildren(parts[i++], DER.SEQUENCE, step, 'encapContentInfo', 2);
  const eContentType = decodeOid(eTypeNode, step, 'eContentType');
  const [eContentNode] = expectChildren(eWrapper, DER.context(0), step, 'eContent', 1);
  const eContent = expectTag(eContentNode, DER.OCTET_STRING, step, 'eContent').value;
  let certificates: Uint8Array[] = [];
  if (parts[i]?.tag === DER.context(0)) {
    certificates = derChildren(parts[i++]!, step, maxCertificates).map((c) => new Uint8Array(expectTag(c, DER.SEQUENCE, step, 'certificate').raw));
  }
  if (parts[i]?.tag === DER.context(1)) i++; // CRLs inside SignedData are not used by ICAO 9303
  const signerNodes = expectChildren(parts[i++], DER.SET, step, 'signerInfos', 4);
  if (signerNodes.length === 0) throw new MalformedDataError('no signer', { step });
  if (i !== parts.length) throw new MalformedDataError('unexpected SignedData fields', { step });
  return Object.freeze({
    version,
    eContentType,
    eContent: new Uint8Array(eContent),
    certificates: Object.freeze(certificates),
    signerInfos: Object.freeze(signerNodes.map((n) => parseSignerInfo(n, step))),
  });
}

function parseSignerInfo(node: DerNode, step: string): SignerInfo {
  const parts = expectChildren(node, DER.SEQUENCE, step, 'SignerInfo', 7);
  let i = 0;
  const version = decodeSmallInteger(parts[i++], step, 'SignerInfo version');
  const sid = parseSignerIdentifier(parts[i++], step);
  const digestAlgorithm = parseDigestAlgorithm(parts[i++], step);
  let signedAttributes: Uint8Array | undefined;
  let contentType: string | undefined;
  let messageDigest: Uint8Array | undefined;
  if (parts[i]?.tag === DER.context(0)) {
    const attrs = parts[i++]!;
    // RFC 5652 §5.4: the signature covers the DER of SET OF Attribute, i.e. tag 0x31 instead of [0].
    signedAttributes = new Uint8Array(attrs.raw);
    signedAttributes[0] = DER.SET;
    for (const attr of derChildren(attrs, step, 32)) {
      const [oidNode, values] = expectChildren(attr, DER.SEQUENCE, step, 'attribute', 2);
      const oid = decodeOid(oidNode, step, 'attribute type');
      const value = expectChildren(values, DER.SET, step, 'attribute values', 4)[0];
      if (oid === OID_CONTENT_TYPE_ATTRIBUTE) contentType = decodeOid(value, step, 'content-type attribute');
      else if (oid === OID_MESSAGE_DIGEST_ATTRIBUTE) messageDigest = new Uint8Array(expectTag(value, DER.OCTET_STRING, step, 'message-digest attribute').value);
    }
  }
  const signatureAlgorithm = parseSignatureAlgorithm(parts[i++], step);
  const signature = new Uint8Array(expectTag(parts[i++], DER.OCTET_STRING, step, 'signature').value);
  if (parts[i] && parts[i]!.tag !== DER.context(1)) throw new MalformedDataError('unexpected SignerInfo field', { step });
  return Object.freeze({ version, sid, digestAlgorithm, signatureAlgorithm, signedAttributes, contentType, messageDigest, signature });
}

function parseSignerIdentifier(node: DerNode | undefined, step: string): SignerIdentifier {
  if (node?.tag === DER.contextPrimitive(0)) return Object.freeze({ subjectKeyIdentifier: new Uint8Array(node.value) });
  const [issuer, serial] = expectChildren(node, DER.SEQUENCE, step, 'IssuerAndSerialNumber', 2);
  return Object.freeze({ issuer: parseName(issuer, step), serialNumber: new Uint8Array(integerBytes(serial, step, 'serial number', 40)) });
}

/** True when `cert` is the certificate `sid` names. */
export function matchesSigner(sid: SignerIdentifier, cert: Certificate): boolean {
  if (sid.subjectKeyIdentifier) return cert.subjectKeyIdentifier !== undefined && equal(sid.subjectKeyIdentifier, cert.subjectKeyIdentifier);
  if (!sid.issuer || !sid.serialNumber) return false;
  return canonicalName(sid.issuer) === cert.issuerKey && equal(stripSign(sid.serialNumber), stripSign(cert.serialNumber));
}

function stripSign(serial: Uint8Array): Uint8Array {
  let i = 0;
  while (i < serial.length - 1 && serial[i] === 0) i++;
  return serial.subarray(i);
}

export type SignerCheck = { readonly valid: true } | { readonly valid: false; readonly reason: string };

/**
 * RFC 5652 §5.4-5.6: checks the signed attributes against the content (content type and message
 * digest), then the signature with the signer's certificate key. Never throws.
 */
export function verifySignerInfo(signedData: SignedData, signer: SignerInfo, signerCertificate: Certificate): SignerCheck {
  const contentDigest = digest(signer.digestAlgorithm.name, signedData.eContent);
  let signedBytes = signedData.eContent;
  if (signer.signedAttributes) {
    if (signer.contentType !== signedData.eContentType) return { valid: false, reason: 'content-type attribute does not match the content' };
    if (!signer.messageDigest) return { valid: false, reason: 'message-digest attribute missing' };
    if (!equal(signer.messageDigest, contentDigest)) return { valid: false, reason: 'message-digest attribute does not match the content' };
    signedBytes = signer.signedAttributes;
  }
  let key;
  try {
    key = certificatePublicKey(signerCertificate);
  } catch {
    return { valid: false, reason: 'signer public key cannot be used' };
  }
  return verifySignature(signer.signatureAlgorithm, signedBytes, signer.signature, key, signer.digestAlgorithm.name)
    ? { valid: true }
    : { valid: false, reason: 'signature does not verify' };
}
