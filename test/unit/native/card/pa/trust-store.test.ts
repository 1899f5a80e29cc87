import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { loadTrustStore, TrustStore } from '../../../../../native/card/pa/trust-store.ts';
import { issueMasterList } from '../../../../../native/sim/pki/crl-builder.ts';
import { FIXTURE_FILES, loadTestPki } from '../../../../../native/sim/pki/test-pki.ts';

const pki = loadTestPki();
const root = mkdtempSync(join(tmpdir(), 'trust-store-test-'));
let counter = 0;
const freshDir = () => join(root, `case-${counter++}`);
const pem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
const NOW = new Date('2026-06-01T00:00:00Z');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadTrustStore', () => {
  it('loads the CSCA certificates and CRLs of a folder', async () => {
    const dir = freshDir();
    pki.writeTrustStoreFolder(dir);
    const store = await loadTrustStore(dir);
    expect(store.size).toBe(2);
    expect(store.crls).toHaveLength(2);
    expect(store.report.map((r) => [r.kind, r.status])).toEqual([
      ['certificate', 'loaded'],
      ['crl', 'loaded'],
      ['certificate', 'loaded'],
      ['crl', 'loaded'],
    ]);
  });

  it('extracts every CSCA of a master list and reports its signer as verified', async () => {
    const dir = freshDir();
    pki.writeTrustStoreFolder(dir, { useMasterList: true });
    const store = await loadTrustStore(dir);
    expect(store.size).toBe(2);
    const line = store.report.find((r) => r.kind === 'master-list');
    expect(line).toMatchObject({ status: 'loaded', certificates: 2, masterListSignature: 'verified' });
    expect(store.findIssuers(pki.ds.certificate)).toHaveLength(1);
    expect(store.findIssuers(pki.dsRsa.certificate)).toHaveLength(1);
  });

  it('loads a master list whose signer chains to no known CSCA, and says so', async () => {
    const list = issueMasterList({ cscaCertificates: [pki.cscaRsa.certificate], signerCertificate: pki.masterListSigner.certificate, signerKey: pki.masterListSigner.privateKey });
    writeFileSync(join(root, 'rsa-only.ml'), list);
    const store = await loadTrustStore(join(root, 'rsa-only.ml'));
    expect(store.size).toBe(1);
    expect(store.report[0]).toMatchObject({ status: 'loaded', masterListSignature: 'signer-not-trusted' });
  });

  it('rejects every CSCA of a master list whose signature does not verify', async () => {
    const list = issueMasterList({
      cscaCertificates: [pki.csca.certificate],
      signerCertificate: pki.masterListSigner.certificate,
      signerKey: pki.masterListSigner.privateKey,
      tamperSignature: (s) => s.map((b, i) => (i === s.length - 1 ? b ^ 1 : b)),
    });
    const file = join(root, 'forged.ml');
    writeFileSync(file, list);
    const store = await loadTrustStore(file);
    expect(store.size).toBe(0);
    expect(store.report[0]).toMatchObject({ source: file, kind: 'master-list', status: 'rejected', reason: 'master list signature: signature does not verify' });
  });

  it('still loads the rest of a folder that holds junk, and reports each bad file', async () => {
    const dir = freshDir();
    pki.writeTrustStoreFolder(dir);
    writeFileSync(join(dir, 'junk.cer'), Uint8Array.of(0x30, 0x03, 0x02, 0x01));
    writeFileSync(join(dir, 'broken.crl'), 'not a crl');
    writeFileSync(join(dir, 'broken.ml'), Uint8Array.of(0x30, 0x00));
    writeFileSync(join(dir, 'notes.txt'), 'operator notes');
    writeFileSync(join(dir, 'ds.cer'), pki.ds.certificate);
    const store = await loadTrustStore(dir);
    expect(store.size).toBe(2);
    const bySource = (name: string) => store.report.find((r) => r.source === join(dir, name));
    expect(bySource('junk.cer')).toMatchObject({ status: 'rejected', kind: 'certificate' });
    expect(bySource('junk.cer')?.reason).toMatch(/truncated|overruns/);
    expect(bySource('broken.crl')).toMatchObject({ status: 'rejected', kind: 'crl' });
    expect(bySource('broken.ml')).toMatchObject({ status: 'rejected', kind: 'master-list' });
    expect(bySource('notes.txt')).toMatchObject({ status: 'skipped' });
    expect(bySource('ds.cer')).toMatchObject({ status: 'rejected', reason: 'entry 0: not a CA certificate' });
  });

  it('reads PEM bundles and PEM CRLs', async () => {
    const dir = freshDir();
    const bundle = pem('CERTIFICATE', pki.csca.certificate) + pem('CERTIFICATE', pki.cscaRsa.certificate);
    mkdirSync(dir);
    writeFileSync(join(dir, 'cscas.pem'), bundle);
    writeFileSync(join(dir, 'csca.crl'), pem('X509 CRL', pki.crl));
    const store = await loadTrustStore(dir);
    expect(store.size).toBe(2);
    expect(store.crls).toHaveLength(1);
    expect(store.isRevoked(pki.dsRevoked.certificate, NOW)).toBe(true);
  });

  it('loads a single certificate file', async () => {
    const dir = freshDir();
    pki.writeTrustStoreFolder(dir);
    const store = await loadTrustStore(join(dir, FIXTURE_FILES.csca));
    expect(store.size).toBe(1);
  });

  it('gives an empty store and a report line for a missing path', async () => {
    const store = await loadTrustStore(join(root, 'does-not-exist'));
    expect(store.size).toBe(0);
    expect(store.report).toEqual([expect.objectContaining({ status: 'rejected', reason: 'cannot read: ENOENT' })]);
  });

  it('does not use a CRL that no CSCA in the store signed', async () => {
    const dir = freshDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'csca-rsa.cer'), pki.cscaRsa.certificate);
    writeFileSync(join(dir, 'csca.crl'), pki.crl);
    const store = await loadTrustStore(dir);
    expect(store.crls).toHaveLength(0);
    expect(store.report.some((r) => r.kind === 'crl' && r.status === 'rejected')).toBe(true);
    expect(store.revocationStatus(pki.dsRevoked.certificate, NOW).status).toBe('no-crl');
  });
});

describe('TrustStore', () => {
  const store = TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], [pki.crl]);

  describe('findIssuers', () => {
    it('finds the CSCA that issued a Document Signer and nothing else', () => {
      const issuers = store.findIssuers(pki.ds.certificate);
      expect(issuers.map((c) => c.der)).toEqual([pki.csca.certificate]);
    });

    it('finds a self-signed CSCA as its own issuer', () => {
      expect(store.findIssuers(pki.cscaRsa.certificate).map((c) => c.der)).toEqual([pki.cscaRsa.certificate]);
    });
  });

  describe('revocationStatus', () => {
    it('says revoked for the serial on the CRL and not-revoked for others of that CSCA', () => {
      expect(store.revocationStatus(pki.dsRevoked.certificate, NOW)).toEqual({ status: 'revoked', stale: false });
      expect(store.revocationStatus(pki.ds.certificate, NOW)).toEqual({ status: 'not-revoked', stale: false });
      expect(store.isRevoked(pki.ds.certificate, NOW)).toBe(false);
    });

    it('says no-crl when the issuer published none', () => {
      expect(store.revocationStatus(pki.dsRsa.certificate, NOW).status).toBe('no-crl');
    });

    it('flags a CRL past its next update as stale', () => {
      expect(store.revocationStatus(pki.ds.certificate, new Date('2046-01-01T00:00:00Z'))).toEqual({ status: 'not-revoked', stale: true });
    });
  });

  describe('fromCertificates', () => {
    it('throws MalformedDataError for bytes that are not a certificate', () => {
      expect(() => TrustStore.fromCertificates([Uint8Array.of(1, 2, 3)])).toThrow(MalformedDataError);
    });

    it('returns a frozen store', () => {
      expect(Object.isFrozen(store)).toBe(true);
      expect(Object.isFrozen(store.certificates)).toBe(true);
    });
  });
});

describe('loadTrustStore with DER CRLs named .der', () => {
  it('recognises the CRL by its content', async () => {
    const dir = freshDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'csca.der'), pki.csca.certificate);
    writeFileSync(join(dir, 'csca-crl.der'), pki.crl);
    const store = await loadTrustStore(dir);
    expect(store.crls).toHaveLength(1);
    expect(store.report.find((r) => r.source.endsWith('csca-crl.der'))).toMatchObject({ kind: 'crl', status: 'loaded', crls: 1 });
  });
});
