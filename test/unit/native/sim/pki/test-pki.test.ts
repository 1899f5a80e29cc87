import { createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KEY_USAGE, parseCertificate } from '../../../../../native/card/lds/sod/certificate.ts';
import { parseSod } from '../../../../../native/card/lds/sod.ts';
import { parseCrl, serialKey } from '../../../../../native/card/pa/crl.ts';
import { parseMasterList } from '../../../../../native/card/pa/master-list.ts';
import { buildTestSod, loadTestPki, TEST_PKI_SERIALS } from '../../../../../native/sim/pki/test-pki.ts';

// Node's own X.509 parser (OpenSSL) is the independent judge of what the builder produced.
const pki = loadTestPki();
const x509 = (der: Uint8Array) => new X509Certificate(Buffer.from(der));
const spki = (key: Parameters<typeof createPublicKey>[0]) => createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('hex');

describe('loadTestPki', () => {
  it('has a self-signed CSCA with the ICAO CSCA profile', () => {
    const csca = x509(pki.csca.certificate);
    expect(csca.subject).toBe('C=VN\nO=Test CSCA\nCN=CSCA Test');
    expect(csca.ca).toBe(true);
    expect(csca.checkIssued(csca)).toBe(true);
    expect(csca.verify(csca.publicKey)).toBe(true);
    const parsed = parseCertificate(pki.csca.certificate);
    expect(parsed.keyUsage).toBe((1 << KEY_USAGE.keyCertSign) | (1 << KEY_USAGE.cRLSign));
    expect(csca.publicKey.asymmetricKeyDetails?.namedCurve).toBe('brainpoolP256r1');
  });

  it('has Document Signers issued and signed by their CSCA, for digital signature only', () => {
    for (const [ds, csca] of [
      [pki.ds, pki.csca],
      [pki.dsExpired, pki.csca],
      [pki.dsRevoked, pki.csca],
      [pki.dsRsa, pki.cscaRsa],
    ] as const) {
      const cert = x509(ds.certificate);
      expect(cert.ca).toBe(false);
      expect(cert.checkIssued(x509(csca.certificate))).toBe(true);
      expect(cert.verify(x509(csca.certificate).publicKey)).toBe(true);
      expect(parseCertificate(ds.certificate).keyUsage).toBe(1 << KEY_USAGE.digitalSignature);
      expect(spki(ds.privateKey)).toBe(cert.publicKey.export({ format: 'der', type: 'spki' }).toString('hex'));
    }
  });

  it('gives the certificates long validity and one expired Document Signer', () => {
    expect(new Date(x509(pki.csca.certificate).validTo).getUTCFullYear()).toBe(2045);
    expect(new Date(x509(pki.ds.certificate).validFrom).getUTCFullYear()).toBe(2024);
    expect(new Date(x509(pki.dsExpired.certificate).validTo).getTime()).toBeLessThan(Date.UTC(2025, 0, 1));
  });

  it('has a CRL of the CSCA that revokes only the revoked Document Signer', () => {
    const crl = parseCrl(pki.crl);
    expect([...crl.revokedSerials]).toEqual([serialKey(Uint8Array.of(TEST_PKI_SERIALS.dsRevoked >> 8, TEST_PKI_SERIALS.dsRevoked & 0xff))]);
    expect(crl.issuerKey).toBe(parseCertificate(pki.csca.certificate).subjectKey);
  });

  it('has a master list of both CSCAs signed by a Master List Signer of the CSCA', () => {
    const list = parseMasterList(pki.masterList);
    expect(list.cscaCertificates.map((c) => x509(c).subject).sort()).toEqual(['C=VN\nO=Test CSCA\nCN=CSCA Test', 'C=VN\nO=Test CSCA\nCN=CSCA Test RSA']);
    expect(list.signedData.certificates).toEqual([pki.masterListSigner.certificate]);
    expect(x509(pki.masterListSigner.certificate).checkIssued(x509(pki.csca.certificate))).toBe(true);
  });
});

describe('buildTestSod', () => {
  it('signs with the chosen Document Signer', () => {
    const groups = new Map([[1, Uint8Array.of(0x61, 0x00)]]);
    expect(parseSod(buildTestSod(groups, { signer: 'ds-rsa' })).dsCertificate).toEqual(pki.dsRsa.certificate);
    expect(parseSod(buildTestSod(groups)).dsCertificate).toEqual(pki.ds.certificate);
  });
});
