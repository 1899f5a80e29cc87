// Builds CMS SignedData (RFC 5652 §5) for the simulator and the test PKI: EF.SOD content and CSCA
// master lists, signed with signed attributes as ICAO 9303-10 §4.6.2.2 requires.

import type { KeyObject } from 'node:crypto';
import { type DigestName, type SignatureAlgorithm, digest, encodeDigestAlgorithm, encodeSignatureAlgorithm, signData, signatureAlgorithmFor } from './algorithms.ts';
import { parseCertificate } from './certificate.ts';
import { OID_CONTENT_TYPE_ATTRIBUTE, OID_MESSAGE_DIGEST_ATTRIBUTE, OID_SIGNED_DATA, OID_SIGNING_TIME_ATTRIBUTE } from './cms-signed-data.ts';
import { derContext, derInteger, derOctetString, derOid, derSequence, derSetOf, derTime } from '../../asn1/der-writer.ts';
import { DER } from '../../asn1/der-reader.ts';

export interface SignedDataOptions {
  readonly eContentType: string;
  readonly eContent: Uint8Array;
  readonly signerKey: KeyObject;
  /** DER certificate of the signer; it is embedded and named by issuer and serial number. */
  readonly signerCertificate: Uint8Array;
  readonly digest?: DigestName;
  /** For RSA keys: PKCS#1 v1.5 (default) or RSASSA-PSS. EC keys always sign with ECDSA. */
  readonly rsaScheme?: 'rsa-pkcs1' | 'rsa-pss';
  readonly signingTime?: Date;
  /** Test hook: replaces the computed signature (e.g. to produce a wrong one). */
  readonly tamperSignature?: (signature: Uint8Array) => Uint8Array;
}

/** DER ContentInfo containing SignedData. Throws when the key does not fit the chosen algorithm. */
export function buildSignedData(options: SignedDataOptions): Uint8Array {
  const hash = options.digest ?? 'SHA-256';
  const algorithm: SignatureAlgorithm = signatureAlgorithmFor(options.signerKey, hash, options.rsaScheme);
  const cert = parseCertificate(options.signerCertificate);

  const attributes = [
    derSequence(derOid(OID_CONTENT_TYPE_ATTRIBUTE), derSetOf(derOid(options.eContentType))),
    derSequence(derOid(OID_MESSAGE_DIGEST_ATTRIBUTE), derSetOf(derOctetString(digest(hash, options.eContent)))),
  ];
  if (options.signingTime) attributes.push(derSequence(derOid(OID_SIGNING_TIME_ATTRIBUTE), derSetOf(derTime(options.signingTime))));
  const signedAttributes = derSetOf(...attributes);
  let signature = signData(algorithm, signedAttributes, options.signerKey, hash);
  if (options.tamperSignature) signature = options.tamperSignature(signature);

  const signerInfo = derSequence(
    derInteger(1),
    derSequence(cert.issuerDer, derInteger(cert.serialNumber)),
    encodeDigestAlgorithm(hash),
    implicitContextZero(signedAttributes),
    encodeSignatureAlgorithm(algorithm),
    derOctetString(signature),
  );
  const signedData = derSequence(
    derInteger(3), // RFC 5652 §5.1: version 3 because eContentType is not id-data
    derSetOf(encodeDigestAlgorithm(hash)),
    derSequence(derOid(options.eContentType), derContext(0, derOctetString(options.eContent))),
    derContext(0, options.signerCertificate),
    derSetOf(signerInfo),
  );
  return derSequence(derOid(OID_SIGNED_DATA), derContext(0, signedData));
}

/** RFC 5652 §5.3: signedAttrs is [0] IMPLICIT SET OF Attribute — the SET's encoding under tag A0. */
function implicitContextZero(set: Uint8Array): Uint8Array {
  const out = set.slice();
  out[0] = DER.context(0);
  return out;
}
