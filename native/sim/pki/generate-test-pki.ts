// Regenerates the committed synthetic test PKI under native/sim/pki/fixtures/:
//   node bin/run-ts.mjs native/sim/pki/generate-test-pki.ts [--new-keys]
// Keys are reused unless --new-keys is given (RSA key generation is slow and the fixtures should stay
// stable); certificates, the CRL and the master list are re-issued from them. Everything is synthetic.

import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { issueCertificate, type NameSpec } from './certificate-builder.ts';
import { issueCrl, issueMasterList } from './crl-builder.ts';
import { FIXTURE_FILES, TEST_PKI_DATES, TEST_PKI_SERIALS } from './test-pki.ts';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const newKeys = process.argv.includes('--new-keys');

type KeySpec = { readonly type: 'ec'; readonly curve: string } | { readonly type: 'rsa'; readonly bits: number };

function key(file: string, spec: KeySpec): KeyObject {
  const path = `${dir}${file}`;
  if (!newKeys && existsSync(path)) return createPrivateKey(readFileSync(path, 'utf8'));
  const { privateKey } =
    spec.type === 'ec' ? generateKeyPairSync('ec', { namedCurve: spec.curve }) : generateKeyPairSync('rsa', { modulusLength: spec.bits });
  writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }));
  return privateKey;
}

mkdirSync(dir, { recursive: true });
const F = FIXTURE_FILES;
const D = TEST_PKI_DATES;
const S = TEST_PKI_SERIALS;
const cscaName: NameSpec = [['C', 'VN'], ['O', 'Test CSCA'], ['CN', 'CSCA Test']];
const cscaRsaName: NameSpec = [['C', 'VN'], ['O', 'Test CSCA'], ['CN', 'CSCA Test RSA']];
const dsName = (cn: string): NameSpec => [['C', 'VN'], ['O', 'Test Document Signer'], ['CN', cn]];

const cscaKey = key(F.cscaKey, { type: 'ec', curve: 'brainpoolP256r1' });
const dsKey = key(F.dsKey, { type: 'ec', curve: 'brainpoolP256r1' });
const cscaRsaKey = key(F.cscaRsaKey, { type: 'rsa', bits: 3072 });
const dsRsaKey = key(F.dsRsaKey, { type: 'rsa', bits: 2048 });
const mlSignerKey = key(F.masterListSignerKey, { type: 'ec', curve: 'prime256v1' });

const csca = issueCertificate({
  profile: 'csca', serialNumber: S.csca, subject: cscaName, notBefore: D.cscaFrom, notAfter: D.cscaUntil,
  subjectKey: cscaKey, issuerKey: cscaKey,
});
const cscaRsa = issueCertificate({
  profile: 'csca', serialNumber: S.cscaRsa, subject: cscaRsaName, notBefore: D.cscaFrom, notAfter: D.cscaUntil,
  subjectKey: cscaRsaKey, issuerKey: cscaRsaKey,
});
const documentSigner = (serialNumber: number, cn: string, from: Date, until: Date, rsa = false) =>
  issueCertificate({
    profile: 'document-signer', serialNumber, subject: dsName(cn), notBefore: from, notAfter: until,
    subjectKey: rsa ? dsRsaKey : dsKey, issuerKey: rsa ? cscaRsaKey : cscaKey, issuerCertificate: rsa ? cscaRsa : csca,
    documentTypes: ['P', 'ID'],
  });
const ds = documentSigner(S.ds, 'DS Test', D.dsFrom, D.dsUntil);
const dsExpired = documentSigner(S.dsExpired, 'DS Test Expired', D.expiredFrom, D.expiredUntil);
const dsRevoked = documentSigner(S.dsRevoked, 'DS Test Revoked', D.dsFrom, D.dsUntil);
const dsRsa = documentSigner(S.dsRsa, 'DS Test RSA', D.dsFrom, D.dsUntil, true);
const mlSigner = issueCertificate({
  profile: 'master-list-signer', serialNumber: S.masterListSigner, subject: [['C', 'VN'], ['O', 'Test CSCA'], ['CN', 'Master List Signer Test']],
  notBefore: D.dsFrom, notAfter: D.dsUntil, subjectKey: mlSignerKey, issuerKey: cscaKey, issuerCertificate: csca,
});
const crl = issueCrl({
  issuerCertificate: csca, issuerKey: cscaKey, thisUpdate: D.crlThisUpdate, nextUpdate: D.crlNextUpdate, crlNumber: 1,
  revoked: [{ serialNumber: S.dsRevoked, date: D.crlThisUpdate }],
});
const crlRsa = issueCrl({
  issuerCertificate: cscaRsa, issuerKey: cscaRsaKey, thisUpdate: D.crlThisUpdate, nextUpdate: D.crlNextUpdate, crlNumber: 1, revoked: [],
});
const masterList = issueMasterList({ cscaCertificates: [csca, cscaRsa], signerCertificate: mlSigner, signerKey: mlSignerKey });

const outputs: [string, Uint8Array][] = [
  [F.csca, csca], [F.cscaRsa, cscaRsa], [F.ds, ds], [F.dsExpired, dsExpired], [F.dsRevoked, dsRevoked], [F.dsRsa, dsRsa],
  [F.masterListSigner, mlSigner], [F.crl, crl], [F.crlRsa, crlRsa], [F.masterList, masterList],
];
for (const [file, bytes] of outputs) writeFileSync(`${dir}${file}`, bytes);
console.log(`wrote ${outputs.length} files to ${dir}`);
