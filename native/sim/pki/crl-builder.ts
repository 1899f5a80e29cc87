// Issues X.509 v2 CRLs (RFC 5280 §5.1) as a CSCA publishes them (ICAO 9303-12 §7.1.4), and CSCA master
// lists (ICAO 9303-12 §9: SignedData over CscaMasterList) for the synthetic test PKI.

import type { KeyObject } from 'node:crypto';
import { type DigestName, encodeSignatureAlgorithm, signData, signatureAlgorithmFor } from '../../card/lds/sod/algorithms.ts';
import { parseCertificate } from '../../card/lds/sod/certificate.ts';
import { buildSignedData } from '../../card/lds/sod/cms-builder.ts';
import { derBitString, derContext, derContextPrimitive, derInteger, derOctetString, derOid, derSequence, derSetOf, derTime } from '../../card/asn1/der-writer.ts';
import { OID_CSCA_MASTER_LIST } from '../../card/pa/master-list.ts';
import { keyIdentifier } from './certificate-builder.ts';

export interface CrlSpec {
  /** The CSCA certificate and its private key. */
  readonly issuerCertificate: Uint8Array;
  readonly issuerKey: KeyObject;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  readonly crlNumber: number;
  readonly revoked: readonly { readonly serialNumber: bigint | number | Uint8Array; readonly date: Date }[];
  readonly digest?: DigestName;
}

/** DER CertificateList signed by the CSCA. */
export function issueCrl(spec: CrlSpec): Uint8Array {
  const digest = spec.digest ?? 'SHA-256';
  const algorithm = signatureAlgorithmFor(spec.issuerKey, digest);
  const issuer = parseCertificate(spec.issuerCertificate);
  const algorithmId = encodeSignatureAlgorithm(algorithm);
  const authorityKeyId = issuer.subjectKeyIdentifier ?? keyIdentifier(issuer.subjectPublicKeyInfo);
  const entries = spec.revoked.map((r) =>
    derSequence(derInteger(r.serialNumber instanceof Uint8Array ? r.serialNumber : BigInt(r.serialNumber)), derTime(r.date)),
  );
  const tbs = derSequence(
    derInteger(1), // v2
    algorithmId,
    issuer.subjectDer,
    derTime(spec.thisUpdate),
    derTime(spec.nextUpdate),
    ...(entries.length > 0 ? [derSequence(...entries)] : []),
    derContext(
      0,
      derSequence(
        derSequence(derOid('2.5.29.35'), derOctetString(derSequence(derContextPrimitive(0, authorityKeyId)))),
        derSequence(derOid('2.5.29.20'), derOctetString(derInteger(spec.crlNumber))),
      ),
    ),
  );
  return derSequence(tbs, algorithmId, derBitString(signData(algorithm, tbs, spec.issuerKey, digest)));
}

export interface MasterListSpec {
  readonly cscaCertificates: readonly Uint8Array[];
  readonly signerCertificate: Uint8Array;
  readonly signerKey: KeyObject;
  readonly digest?: DigestName;
  readonly tamperSignature?: (signature: Uint8Array) => Uint8Array;
}

/** DER ContentInfo: SignedData over CscaMasterList ::= SEQUENCE { version v0, certList SET OF Certificate }. */
export function issueMasterList(spec: MasterListSpec): Uint8Array {
  const content = derSequence(derInteger(0), derSetOf(...spec.cscaCertificates));
  return buildSignedData({
    eContentType: OID_CSCA_MASTER_LIST,
    eContent: content,
    signerKey: spec.signerKey,
    signerCertificate: spec.signerCertificate,
    digest: spec.digest ?? 'SHA-256',
    tamperSignature: spec.tamperSignature,
  });
}
