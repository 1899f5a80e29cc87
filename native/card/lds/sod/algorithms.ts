// Digest and signature algorithms of ICAO 9303-12 §7.1 (SHA-1/2 family; RSA PKCS#1 v1.5, RSASSA-PSS,
// ECDSA) as they appear in AlgorithmIdentifiers (RFC 5280 §4.1.1.2, RFC 4055, RFC 5758, BSI TR-03111).

import { createHash, sign as nodeSign, verify as nodeVerify, constants, type KeyObject } from 'node:crypto';
import { MalformedDataError } from '../../errors.ts';
import { DER, type DerNode, decodeOid, decodeSmallInteger, derChildren, expectChildren } from '../../asn1/der-reader.ts';
import { derContext, derInteger, derNull, derOid, derSequence } from '../../asn1/der-writer.ts';
import { KEY_OID } from '../../asn1/subject-public-key-info.ts';

export type DigestName = 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface DigestAlgorithm {
  readonly name: DigestName;
  readonly oid: string;
}

/** How a signature is computed; `hash` is absent when the OID names only the key type (rsaEncryption). */
export interface SignatureAlgorithm {
  readonly name: string;
  readonly oid: string;
  readonly scheme: 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa' | 'ecdsa-plain';
  readonly hash: DigestName | undefined;
  /** RSASSA-PSS parameters (RFC 4055 §3.1). */
  readonly pss?: { readonly mgfHash: DigestName; readonly saltLength: number };
}

export const DIGEST_OIDS: Readonly<Record<DigestName, string>> = Object.freeze({
  'SHA-1': '1.3.14.3.2.26',
  'SHA-224': '2.16.840.1.101.3.4.2.4',
  'SHA-256': '2.16.840.1.101.3.4.2.1',
  'SHA-384': '2.16.840.1.101.3.4.2.2',
  'SHA-512': '2.16.840.1.101.3.4.2.3',
});

const NODE_HASH: Readonly<Record<DigestName, string>> = { 'SHA-1': 'sha1', 'SHA-224': 'sha224', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const DIGEST_LENGTH: Readonly<Record<DigestName, number>> = { 'SHA-1': 20, 'SHA-224': 28, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

export const OID_RSA_ENCRYPTION = KEY_OID.RSA;
export const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';
export const OID_MGF1 = '1.2.840.113549.1.1.8';
export const OID_EC_PUBLIC_KEY = KEY_OID.EC_PUBLIC_KEY;

type Known = Omit<SignatureAlgorithm, 'oid' | 'pss'>;
const SIGNATURE_OIDS: Readonly<Record<string, Known>> = {
  [OID_RSA_ENCRYPTION]: { name: 'rsaEncryption', scheme: 'rsa-pkcs1', hash: undefined },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', scheme: 'rsa-pkcs1', hash: 'SHA-1' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', scheme: 'rsa-pkcs1', hash: 'SHA-224' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', scheme: 'rsa-pkcs1', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', scheme: 'rsa-pkcs1', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', scheme: 'rsa-pkcs1', hash: 'SHA-512' },
  // Some issuers put the key-type OID in SignerInfo.signatureAlgorithm; the hash is then the digest algorithm.
  [OID_EC_PUBLIC_KEY]: { name: 'ecPublicKey', scheme: 'ecdsa', hash: undefined },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', scheme: 'ecdsa', hash: 'SHA-1' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', scheme: 'ecdsa', hash: 'SHA-224' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', scheme: 'ecdsa', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', scheme: 'ecdsa', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', scheme: 'ecdsa', hash: 'SHA-512' },
  // BSI TR-03111 §5.2.1.1: plain (r ‖ s) ECDSA signatures.
  '0.4.0.127.0.7.1.1.4.1.1': { name: 'ecdsa-plain-SHA1', scheme: 'ecdsa-plain', hash: 'SHA-1' },
  '0.4.0.127.0.7.1.1.4.1.2': { name: 'ecdsa-plain-SHA224', scheme: 'ecdsa-plain', hash: 'SHA-224' },
  '0.4.0.127.0.7.1.1.4.1.3': { name: 'ecdsa-plain-SHA256', scheme: 'ecdsa-plain', hash: 'SHA-256' },
  '0.4.0.127.0.7.1.1.4.1.4': { name: 'ecdsa-plain-SHA384', scheme: 'ecdsa-plain', hash: 'SHA-384' },
  '0.4.0.127.0.7.1.1.4.1.5': { name: 'ecdsa-plain-SHA512', scheme: 'ecdsa-plain', hash: 'SHA-512' },
};

/** Parses a DigestAlgorithmIdentifier; an unknown hash is malformed for our purposes. */
export function parseDigestAlgorithm(node: DerNode | undefined, step: string): DigestAlgorithm {
  const [oidNode] = expectChildren(node, DER.SEQUENCE, step, 'digest algorithm', 2);
  const oid = decodeOid(oidNode, step, 'digest algorithm');
  const name = digestNameOf(oid);
  if (!name) throw new MalformedDataError(`unsupported digest algorithm ${oid}`, { step });
  return Object.freeze({ name, oid });
}

export function digestNameOf(oid: string): DigestName | undefined {
  return (Object.keys(DIGEST_OIDS) as DigestName[]).find((n) => DIGEST_OIDS[n] === oid);
}

/** Parses a signature AlgorithmIdentifier, including RSASSA-PSS-params. */
export function parseSignatureAlgorithm(node: DerNode | undefined, step: string): SignatureAlgorithm {
  const parts = expectChildren(node, DER.SEQUENCE, step, 'signature algorithm', 2);
  const oid = decodeOid(parts[0], step, 'signature algorithm');
  if (oid === OID_RSASSA_PSS) return parsePss(parts[1], step);
  const known = SIGNATURE_OIDS[oid];
  if (!known) throw new MalformedDataError(`unsupported signature algorithm ${oid}`, { step });
  return Object.freeze({ ...known, oid });
}

// RFC 4055 §3.1: every field has a SHA-1 default, which the DER encoder omits.
function parsePss(params: DerNode | undefined, step: string): SignatureAlgorithm {
  let hash: DigestName = 'SHA-1';
  let mgfHash: DigestName = 'SHA-1';
  let saltLength = 20;
  const fields = params && params.tag === DER.SEQUENCE ? derChildren(params, step, 4) : [];
  for (const field of fields) {
    const inner = derChildren(field, step, 1)[0];
    if (field.tag === DER.context(0)) hash = parseDigestAlgorithm(inner, step).name;
    else if (field.tag === DER.context(1)) {
      const mgf = expectChildren(inner, DER.SEQUENCE, step, 'mask generation function', 2);
      if (decodeOid(mgf[0], step) !== OID_MGF1) throw new MalformedDataError('unsupported mask generation function', { step });
      mgfHash = parseDigestAlgorithm(mgf[1], step).name;
    } else if (field.tag === DER.context(2)) saltLength = decodeSmallInteger(inner, step, 'salt length');
    else if (field.tag === DER.context(3)) {
      if (decodeSmallInteger(inner, step, 'trailer field') !== 1) throw new MalformedDataError('unsupported PSS trailer', { step });
    } else throw new MalformedDataError('unknown RSASSA-PSS parameter', { step });
  }
  return Object.freeze({ name: 'RSASSA-PSS', oid: OID_RSASSA_PSS, scheme: 'rsa-pss', hash, pss: Object.freeze({ mgfHash, saltLength }) });
}

export function digest(name: DigestName, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(NODE_HASH[name]).update(data).digest());
}

export function digestLength(name: DigestName): number {
  return DIGEST_LENGTH[name];
}

/**
 * Verifies `signature` over `data` with `publicKey`. `fallbackHash` applies when the algorithm OID does
 * not name a hash (rsaEncryption, ecPublicKey). Never throws: a key/algorithm mismatch or an unusable
 * encoding is a failed verification.
 */
export function verifySignature(
  algorithm: SignatureAlgorithm,
  data: Uint8Array,
  signature: Uint8Array,
  publicKey: KeyObject,
  fallbackHash: DigestName = 'SHA-256',
): boolean {
  const hash = algorithm.hash ?? fallbackHash;
  // Node ties the MGF1 hash to the signature hash; a different MGF1 hash cannot be verified here.
  if (algorithm.pss && algorithm.pss.mgfHash !== hash) return false;
  try {
    return nodeVerify(NODE_HASH[hash], data, keyOptions(algorithm, publicKey), signature);
  } catch {
    return false;
  }
}

/** Signs `data` (the simulator and the test PKI use this). Throws when the key does not fit the algorithm. */
export function signData(algorithm: SignatureAlgorithm, data: Uint8Array, privateKey: KeyObject, fallbackHash: DigestName = 'SHA-256'): Uint8Array {
  const hash = algorithm.hash ?? fallbackHash;
  return new Uint8Array(nodeSign(NODE_HASH[hash], data, keyOptions(algorithm, privateKey)));
}

function keyOptions(algorithm: SignatureAlgorithm, key: KeyObject) {
  switch (algorithm.scheme) {
    case 'rsa-pss':
      return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: algorithm.pss?.saltLength ?? 20 };
    case 'rsa-pkcs1':
      return { key, padding: constants.RSA_PKCS1_PADDING };
    case 'ecdsa':
      return { key, dsaEncoding: 'der' as const };
    case 'ecdsa-plain':
      return { key, dsaEncoding: 'ieee-p1363' as const };
  }
}

/** The algorithm a key signs with by default: ECDSA for EC keys, PKCS#1 v1.5 or PSS for RSA keys. */
export function signatureAlgorithmFor(key: KeyObject, hash: DigestName, rsaScheme: 'rsa-pkcs1' | 'rsa-pss' = 'rsa-pkcs1'): SignatureAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'ec') return signatureAlgorithm(ECDSA_OIDS[hash]);
  if (type === 'rsa-pss' || (type === 'rsa' && rsaScheme === 'rsa-pss')) {
    return Object.freeze({ name: 'RSASSA-PSS', oid: OID_RSASSA_PSS, scheme: 'rsa-pss', hash, pss: Object.freeze({ mgfHash: hash, saltLength: DIGEST_LENGTH[hash] }) });
  }
  if (type === 'rsa') return signatureAlgorithm(RSA_OIDS[hash]);
  throw new RangeError(`unsupported key type ${type ?? 'unknown'}`);
}

function signatureAlgorithm(oid: string): SignatureAlgorithm {
  return Object.freeze({ ...SIGNATURE_OIDS[oid]!, oid });
}

const ECDSA_OIDS: Record<DigestName, string> = {
  'SHA-1': '1.2.840.10045.4.1',
  'SHA-224': '1.2.840.10045.4.3.1',
  'SHA-256': '1.2.840.10045.4.3.2',
  'SHA-384': '1.2.840.10045.4.3.3',
  'SHA-512': '1.2.840.10045.4.3.4',
};
const RSA_OIDS: Record<DigestName, string> = {
  'SHA-1': '1.2.840.113549.1.1.5',
  'SHA-224': '1.2.840.113549.1.1.14',
  'SHA-256': '1.2.840.113549.1.1.11',
  'SHA-384': '1.2.840.113549.1.1.12',
  'SHA-512': '1.2.840.113549.1.1.13',
};

/** DER AlgorithmIdentifier of a digest (parameters absent, RFC 5754 §2). */
export function encodeDigestAlgorithm(name: DigestName): Uint8Array {
  return derSequence(derOid(DIGEST_OIDS[name]));
}

/** DER AlgorithmIdentifier of a signature algorithm (RFC 4055 / RFC 5758 parameter rules). */
export function encodeSignatureAlgorithm(algorithm: SignatureAlgorithm): Uint8Array {
  if (algorithm.scheme === 'rsa-pss') {
    const hash = algorithm.hash ?? 'SHA-1';
    const pss = algorithm.pss ?? { mgfHash: hash, saltLength: 20 };
    return derSequence(
      derOid(OID_RSASSA_PSS),
      derSequence(
        derContext(0, encodeDigestAlgorithm(hash)),
        derContext(1, derSequence(derOid(OID_MGF1), encodeDigestAlgorithm(pss.mgfHash))),
        derContext(2, derInteger(pss.saltLength)),
      ),
    );
  }
  // RSA algorithms carry an explicit NULL; ECDSA ones carry nothing (RFC 5758 §3.2).
  if (algorithm.scheme === 'rsa-pkcs1') return derSequence(derOid(algorithm.oid), derNull());
  return derSequence(derOid(algorithm.oid));
}
