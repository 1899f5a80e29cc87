// The synthetic test PKI of the chip simulator: a CSCA 'C=VN, O=Test CSCA, CN=CSCA Test'
// (brainpoolP256r1) with its Document Signers (valid, expired, revoked), an RSA CSCA and DS, a CRL per
// CSCA and a master list of both CSCAs. The keys and certificates are committed fixtures (see
// generate-test-pki.ts), so runs are deterministic and fast. Nothing here is a real key or person.

import { createPrivateKey, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildSodOptions, buildSod } from '../../card/lds/sod.ts';

export const FIXTURE_FILES = Object.freeze({
  cscaKey: 'csca.key.pem',
  csca: 'csca.cer',
  dsKey: 'ds.key.pem',
  ds: 'ds.cer',
  dsExpired: 'ds-expired.cer',
  dsRevoked: 'ds-revoked.cer',
  cscaRsaKey: 'csca-rsa.key.pem',
  cscaRsa: 'csca-rsa.cer',
  dsRsaKey: 'ds-rsa.key.pem',
  dsRsa: 'ds-rsa.cer',
  masterListSignerKey: 'ml-signer.key.pem',
  masterListSigner: 'ml-signer.cer',
  crl: 'csca.crl',
  crlRsa: 'csca-rsa.crl',
  masterList: 'test-csca.ml',
});

export const TEST_PKI_DATES = Object.freeze({
  cscaFrom: new Date('2024-01-01T00:00:00Z'),
  cscaUntil: new Date('2045-12-31T23:59:59Z'),
  dsFrom: new Date('2024-01-01T00:00:00Z'),
  dsUntil: new Date('2045-06-30T23:59:59Z'),
  expiredFrom: new Date('2024-01-01T00:00:00Z'),
  expiredUntil: new Date('2024-12-31T23:59:59Z'),
  crlThisUpdate: new Date('2025-01-01T00:00:00Z'),
  crlNextUpdate: new Date('2045-12-31T00:00:00Z'),
});

export const TEST_PKI_SERIALS = Object.freeze({
  csca: 0x1001,
  cscaRsa: 0x1002,
  ds: 0x2001,
  dsExpired: 0x2002,
  dsRevoked: 0x2003,
  dsRsa: 0x2004,
  masterListSigner: 0x3001,
});

export interface TestKeyPair {
  /** DER certificate. */
  readonly certificate: Uint8Array;
  readonly privateKey: KeyObject;
}

/** Which Document Signer signs a simulated EF.SOD. */
export type TestSigner = 'ds' | 'ds-rsa' | 'ds-expired' | 'ds-revoked';

export interface TestPki {
  /** brainpoolP256r1 CSCA, C=VN, O=Test CSCA, CN=CSCA Test. */
  readonly csca: TestKeyPair;
  /** Document Signer issued by `csca`, valid 2024-2045. */
  readonly ds: TestKeyPair;
  /** Document Signer issued by `csca`, valid only during 2024. */
  readonly dsExpired: TestKeyPair;
  /** Document Signer issued by `csca` and listed on `crl`. */
  readonly dsRevoked: TestKeyPair;
  /** RSA-3072 CSCA (CN=CSCA Test RSA) and its RSA-2048 Document Signer. */
  readonly cscaRsa: TestKeyPair;
  readonly dsRsa: TestKeyPair;
  /** P-256 Master List Signer issued by `csca`. */
  readonly masterListSigner: TestKeyPair;
  /** CRL of `csca` revoking `dsRevoked`; `crlRsa` is the empty CRL of `cscaRsa`. */
  readonly crl: Uint8Array;
  readonly crlRsa: Uint8Array;
  /** Master list (CMS) holding both CSCAs, signed by `masterListSigner`. */
  readonly masterList: Uint8Array;
  /** The key pair behind a signer name. */
  signer(name: TestSigner): TestKeyPair;
  /**
   * Writes a trust-store folder: both CSCA certificates (DER .cer) and both CRLs, or the master list
   * instead of the certificates when `useMasterList` is set. Creates `dir` when needed.
   */
  writeTrustStoreFolder(dir: string, options?: { readonly useMasterList?: boolean }): void;
}

const FIXTURES = new URL('./fixtures/', import.meta.url);
let cached: TestPki | undefined;

function file(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(name, FIXTURES))));
}

function pair(cert: string, key: string): TestKeyPair {
  return Object.freeze({ certificate: file(cert), privateKey: createPrivateKey(readFileSync(fileURLToPath(new URL(key, FIXTURES)), 'utf8')) });
}

/** Loads the committed test PKI (cached after the first call). Throws when the fixtures are missing. */
export function loadTestPki(): TestPki {
  if (cached) return cached;
  const F = FIXTURE_FILES;
  const csca = pair(F.csca, F.cscaKey);
  const ds = pair(F.ds, F.dsKey);
  const dsExpired = pair(F.dsExpired, F.dsKey);
  const dsRevoked = pair(F.dsRevoked, F.dsKey);
  const cscaRsa = pair(F.cscaRsa, F.cscaRsaKey);
  const dsRsa = pair(F.dsRsa, F.dsRsaKey);
  const masterListSigner = pair(F.masterListSigner, F.masterListSignerKey);
  const crl = file(F.crl);
  const crlRsa = file(F.crlRsa);
  const masterList = file(F.masterList);
  const signers: Record<TestSigner, TestKeyPair> = { ds, 'ds-rsa': dsRsa, 'ds-expired': dsExpired, 'ds-revoked': dsRevoked };
  cached = Object.freeze({
    csca, ds, dsExpired, dsRevoked, cscaRsa, dsRsa, masterListSigner, crl, crlRsa, masterList,
    signer: (name: TestSigner) => signers[name],
    writeTrustStoreFolder(dir: string, options: { readonly useMasterList?: boolean } = {}) {
      mkdirSync(dir, { recursive: true });
      if (options.useMasterList) writeFileSync(join(dir, F.masterList), masterList);
      else {
        writeFileSync(join(dir, F.csca), csca.certificate);
        writeFileSync(join(dir, F.cscaRsa), cscaRsa.certificate);
      }
      writeFileSync(join(dir, F.crl), crl);
      writeFileSync(join(dir, F.crlRsa), crlRsa);
    },
  });
  return cached;
}

export interface TestSodOptions extends Partial<Omit<BuildSodOptions, 'dataGroups' | 'dsKey' | 'dsCertificate'>> {
  /** Default 'ds' (brainpoolP256r1, valid, not revoked). */
  readonly signer?: TestSigner;
}

/**
 * EF.SOD for a simulated chip: hashes `dataGroups` (full file bytes keyed by DG number) and signs them
 * with a test Document Signer. Simulator profiles call this once per card they build.
 */
export function buildTestSod(dataGroups: ReadonlyMap<number, Uint8Array>, options: TestSodOptions = {}): Uint8Array {
  const { signer = 'ds', ...rest } = options;
  const pki = loadTestPki();
  const { certificate, privateKey } = pki.signer(signer);
  return buildSod({ ldsVersion: { ldsVersion: '0108', unicodeVersion: '040000' }, ...rest, dataGroups, dsKey: privateKey, dsCertificate: certificate });
}
