// The CSCA trust store of passive authentication (ICAO 9303-12 §5, §9): trusted CSCA certificates
// from certificate files and ICAO master lists, and the CSCAs' CRLs. Loading never fails on one bad
// file: each file gets a report line (path, kind, status, reason) for the diagnostics screen.

import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { equal } from '../../util/bytes.ts';
import { MalformedDataError } from '../errors.ts';
import { verifySignature } from '../lds/sod/algorithms.ts';
import { type Certificate, KEY_USAGE, certificatePublicKey, hasKeyUsage, isSignedBy, parseCertificate } from '../lds/sod/certificate.ts';
import { matchesSigner, verifySignerInfo } from '../lds/sod/cms-signed-data.ts';
import { type CertificateRevocationList, parseCrl, serialKey } from './crl.ts';
import { parseMasterList } from './master-list.ts';
import { decodePem } from './pem.ts';

/** Files larger than this are not read (the ICAO PKD master list is a few MiB). */
export const MAX_TRUST_FILE_SIZE = 32 * 1024 * 1024;
const MAX_FILES = 10_000;
const MAX_DEPTH = 6;
const CERTIFICATE_EXTENSIONS = new Set(['.cer', '.crt', '.der', '.pem']);

export type TrustFileKind = 'certificate' | 'master-list' | 'crl' | 'unknown';

export interface TrustStoreFileReport {
  /** The file (or `memory:` source) the line is about. */
  readonly source: string;
  readonly kind: TrustFileKind;
  /** loaded: everything used; partial: some entries rejected; rejected: nothing used; skipped: not a trust file. */
  readonly status: 'loaded' | 'partial' | 'rejected' | 'skipped';
  readonly certificates: number;
  readonly crls: number;
  /** Technical reason for partial/rejected/skipped, or the master-list signature outcome. */
  readonly reason?: string;
  /** Master lists only: whether the signer chained to a CSCA in the list or the store. */
  readonly masterListSignature?: 'verified' | 'signer-not-trusted';
}

export interface RevocationStatus {
  readonly status: 'revoked' | 'not-revoked' | 'no-crl';
  /** True when the newest CRL consulted is past its nextUpdate. */
  readonly stale: boolean;
}

export class TrustStore {
  /** Trusted CSCA certificates (deduplicated). */
  readonly certificates: readonly Certificate[];
  /** CRLs whose signature a CSCA of this store verified. */
  readonly crls: readonly CertificateRevocationList[];
  readonly report: readonly TrustStoreFileReport[];

  private constructor(certificates: Certificate[], crls: { crl: CertificateRevocationList; source: string }[], report: TrustStoreFileReport[]) {
    const unique = new Map<string, Certificate>();
    for (const c of certificates) unique.set(fingerprint(c.der), c);
    this.certificates = Object.freeze([...unique.values()]);
    const accepted: CertificateRevocationList[] = [];
    for (const { crl, source } of crls) {
      if (this.crlIssuers(crl).length > 0) accepted.push(crl);
      else report.push(Object.freeze({ source, kind: 'crl', status: 'rejected', certificates: 0, crls: 0, reason: 'no CSCA in the store verifies the CRL signature' }));
    }
    this.crls = Object.freeze(accepted);
    this.report = Object.freeze(report);
    Object.freeze(this);
  }

  /**
   * A store from DER certificates and CRLs already in memory (tests, embedded defaults). Throws
   * MalformedDataError for an input that does not parse; CRLs no CSCA verifies are reported, not used.
   */
  static fromCertificates(certificates: Iterable<Uint8Array>, crls: Iterable<Uint8Array> = []): TrustStore {
    const certs = [...certificates].map((der) => parseCertificate(der));
    const report: TrustStoreFileReport[] = certs.length > 0 ? [{ source: 'memory:certificates', kind: 'certificate', status: 'loaded', certificates: certs.length, crls: 0 }] : [];
    return new TrustStore(certs, [...crls].map((der, i) => ({ crl: parseCrl(der), source: `memory:crl[${i}]` })), report);
  }

  /** @internal Used by loadTrustStore. */
  static fromParts(certificates: Certificate[], crls: { crl: CertificateRevocationList; source: string }[], report: TrustStoreFileReport[]): TrustStore {
    return new TrustStore(certificates, crls, report);
  }

  get size(): number {
    return this.certificates.length;
  }

  /**
   * CSCAs that may have issued `cert`: same subject as its issuer (RFC 5280 §7.1 matching) and, when
   * both carry one, the same key identifier. The caller still verifies the signature.
   */
  findIssuers(cert: Certificate | Uint8Array): readonly Certificate[] {
    const c = cert instanceof Uint8Array ? parseCertificate(cert) : cert;
    return this.certificates.filter(
      (ca) =>
        ca.subjectKey === c.issuerKey &&
        !(c.authorityKeyIdentifier && ca.subjectKeyIdentifier && !equal(c.authorityKeyIdentifier, ca.subjectKeyIdentifier)),
    );
  }

  /** ICAO 9303-12 §7.1.4: is `cert` on a verified CRL of its issuer? */
  revocationStatus(cert: Certificate | Uint8Array, now: Date = new Date()): RevocationStatus {
    const c = cert instanceof Uint8Array ? parseCertificate(cert) : cert;
    const relevant = this.crls.filter((crl) => crl.issuerKey === c.issuerKey);
    if (relevant.length === 0) return Object.freeze({ status: 'no-crl', stale: false });
    const serial = serialKey(c.serialNumber);
    const revoked = relevant.some((crl) => crl.revokedSerials.has(serial));
    const stale = relevant.every((crl) => crl.nextUpdate !== undefined && crl.nextUpdate.getTime() < now.getTime());
    return Object.freeze({ status: revoked ? 'revoked' : 'not-revoked', stale });
  }

  isRevoked(cert: Certificate | Uint8Array, now: Date = new Date()): boolean {
    return this.revocationStatus(cert, now).status === 'revoked';
  }

  private crlIssuers(crl: CertificateRevocationList): Certificate[] {
    const algorithm = crl.signatureAlgorithm;
    if (!algorithm) return [];
    return this.certificates.filter((ca) => {
      if (ca.subjectKey !== crl.issuerKey || !hasKeyUsage(ca, KEY_USAGE.cRLSign)) return false;
      try {
        return verifySignature(algorithm, crl.tbs, crl.signature, certificatePublicKey(ca));
      } catch {
        return false;
      }
    });
  }
}

function fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** A CSCA is a CA certificate; old self-signed CSCAs without basicConstraints are accepted too. */
function isCscaCandidate(cert: Certificate): boolean {
  return cert.isCa || cert.subjectKey === cert.issuerKey;
}

/**
 * Loads a trust store from a certificate / CRL / master-list file or from a folder of them (searched
 * recursively, in name order). Never rejects for bad content: unreadable, unknown or malformed files
 * appear in `report`. A missing path gives an empty store with one rejected report line.
 */
export async function loadTrustStore(path: string): Promise<TrustStore> {
  const report: TrustStoreFileReport[] = [];
  const files: string[] = [];
  try {
    await collectFiles(path, 0, files, report);
  } catch (cause) {
    report.push(rejected(path, 'unknown', `cannot read: ${errorCode(cause)}`));
  }
  const certificates: Certificate[] = [];
  const crls: { crl: CertificateRevocationList; source: string }[] = [];
  const masterLists: { file: string; bytes: Uint8Array }[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      const info = await stat(file);
      if (info.size > MAX_TRUST_FILE_SIZE) {
        report.push(rejected(file, 'unknown', `file of ${info.size} bytes exceeds ${MAX_TRUST_FILE_SIZE}`));
        continue;
      }
      bytes = new Uint8Array(await readFile(file));
    } catch (cause) {
      report.push(rejected(file, 'unknown', `cannot read: ${errorCode(cause)}`));
      continue;
    }
    const ext = extname(file).toLowerCase();
    if (ext === '.ml') masterLists.push({ file, bytes });
    else if (ext === '.crl') report.push(loadCrlFile(file, bytes, crls));
    else if (CERTIFICATE_EXTENSIONS.has(ext)) report.push(loadCertificateFile(file, bytes, certificates, crls));
    else report.push(Object.freeze({ source: file, kind: 'unknown', status: 'skipped', certificates: 0, crls: 0, reason: 'not a certificate, CRL or master list file' }));
  }
  // Master lists last, so their signers can chain to CSCAs loaded from plain certificate files too.
  for (const { file, bytes } of masterLists) report.push(loadMasterListFile(file, bytes, certificates));
  return TrustStore.fromParts(certificates, crls, report);
}

async function collectFiles(path: string, depth: number, out: string[], report: TrustStoreFileReport[]): Promise<void> {
  const info = await stat(path);
  if (info.isFile()) {
    out.push(path);
    return;
  }
  if (!info.isDirectory()) return;
  if (depth > MAX_DEPTH) {
    report.push(Object.freeze({ source: path, kind: 'unknown', status: 'skipped', certificates: 0, crls: 0, reason: 'folder nested too deep' }));
    return;
  }
  const entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
  for (const name of entries) {
    if (out.length >= MAX_FILES) return;
    const child = join(path, name);
    try {
      await collectFiles(child, depth + 1, out, report);
    } catch (cause) {
      report.push(rejected(child, 'unknown', `cannot read: ${errorCode(cause)}`));
    }
  }
}

function loadCertificateFile(file: string, bytes: Uint8Array, certificates: Certificate[], crls: { crl: CertificateRevocationList; source: string }[]): TrustStoreFileReport {
  const blocks = decodePem(bytes) ?? [{ label: 'CERTIFICATE', der: bytes }];
  if (blocks.length === 0) return rejected(file, 'certificate', 'no PEM block found');
  let certs = 0;
  let crlCount = 0;
  const problems: string[] = [];
  for (const [i, block] of blocks.entries()) {
    try {
      if (block.label === 'X509 CRL') {
        crls.push({ crl: parseCrl(block.der), source: `${file}#${i}` });
        crlCount++;
        continue;
      }
      const cert = parseCertificateOrCrl(block.der, `${file}#${i}`, crls);
      if (!cert) {
        crlCount++;
        continue;
      }
      if (!isCscaCandidate(cert)) problems.push(`entry ${i}: not a CA certificate`);
      else {
        certificates.push(cert);
        certs++;
      }
    } catch (cause) {
      problems.push(`entry ${i}: ${describe(cause)}`);
    }
  }
  const status = problems.length === 0 ? 'loaded' : certs + crlCount > 0 ? 'partial' : 'rejected';
  return Object.freeze({ source: file, kind: crlCount > 0 && certs === 0 ? 'crl' : 'certificate', status, certificates: certs, crls: crlCount, ...(problems.length ? { reason: problems.join('; ') } : {}) });
}

/** A certificate, or undefined after adding a CRL that a file named like a certificate held (.der is both). */
function parseCertificateOrCrl(der: Uint8Array, source: string, crls: { crl: CertificateRevocationList; source: string }[]): Certificate | undefined {
  try {
    return parseCertificate(der);
  } catch (certificateError) {
    try {
      crls.push({ crl: parseCrl(der), source });
      return undefined;
    } catch {
      throw certificateError;
    }
  }
}

function loadCrlFile(file: string, bytes: Uint8Array, crls: { crl: CertificateRevocationList; source: string }[]): TrustStoreFileReport {
  const der = decodePem(bytes)?.find((b) => b.label === 'X509 CRL')?.der ?? bytes;
  try {
    crls.push({ crl: parseCrl(der), source: file });
    return Object.freeze({ source: file, kind: 'crl', status: 'loaded', certificates: 0, crls: 1 });
  } catch (cause) {
    return rejected(file, 'crl', describe(cause));
  }
}

/**
 * ICAO 9303-12 §9: the list's signature must verify with its signer certificate, or none of its CSCAs
 * are used. A signer that does not chain to a CSCA (in the list or the store) is loaded but reported.
 */
function loadMasterListFile(file: string, bytes: Uint8Array, certificates: Certificate[]): TrustStoreFileReport {
  let list;
  try {
    list = parseMasterList(decodePem(bytes)?.[0]?.der ?? bytes);
  } catch (cause) {
    return rejected(file, 'master-list', describe(cause));
  }
  const signer = list.signedData.signerInfos[0]!;
  const signerCerts = list.signedData.certificates.flatMap((der) => {
    try {
      return [parseCertificate(der)];
    } catch {
      return [];
    }
  });
  const signerCert = signerCerts.find((c) => matchesSigner(signer.sid, c));
  if (!signerCert) return rejected(file, 'master-list', 'signer certificate not included');
  const check = verifySignerInfo(list.signedData, signer, signerCert);
  if (!check.valid) return rejected(file, 'master-list', `master list signature: ${check.reason}`);

  const listed: Certificate[] = [];
  let bad = 0;
  for (const der of list.cscaCertificates) {
    try {
      const cert = parseCertificate(der);
      if (isCscaCandidate(cert)) listed.push(cert);
      else bad++;
    } catch {
      bad++;
    }
  }
  const chained = [...listed, ...certificates].some((ca) => ca.subjectKey === signerCert.issuerKey && isSignedBy(signerCert, ca));
  certificates.push(...listed);
  const reasons = [bad > 0 ? `${bad} entries are not usable CSCA certificates` : '', chained ? '' : 'master list signer does not chain to a known CSCA'].filter(Boolean);
  return Object.freeze({
    source: file,
    kind: 'master-list',
    status: listed.length === 0 ? 'rejected' : bad > 0 ? 'partial' : 'loaded',
    certificates: listed.length,
    crls: 0,
    masterListSignature: chained ? 'verified' : 'signer-not-trusted',
    ...(reasons.length ? { reason: reasons.join('; ') } : {}),
  });
}

function rejected(source: string, kind: TrustFileKind, reason: string): TrustStoreFileReport {
  return Object.freeze({ source, kind, status: 'rejected', certificates: 0, crls: 0, reason });
}

function describe(cause: unknown): string {
  if (cause instanceof MalformedDataError) return cause.message;
  return cause instanceof Error ? cause.message : String(cause);
}

function errorCode(cause: unknown): string {
  return typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : describe(cause);
}
