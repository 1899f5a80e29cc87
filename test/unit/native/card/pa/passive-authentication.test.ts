import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { parseSod } from '../../../../../native/card/lds/sod.ts';
import { parseCertificate } from '../../../../../native/card/lds/sod/certificate.ts';
import { encodeTlv } from '../../../../../native/card/lds/tlv.ts';
import { verifyPassiveAuthentication } from '../../../../../native/card/pa/passive-authentication.ts';
import { TrustStore } from '../../../../../native/card/pa/trust-store.ts';
import { issueCertificate } from '../../../../../native/sim/pki/certificate-builder.ts';
import { buildTestSod, loadTestPki } from '../../../../../native/sim/pki/test-pki.ts';

// Synthetic data groups only: a made-up TD1 MRZ, filler for the portrait, a small DG13 shell.
const MRZ = 'IDVNM0000000001000000000000<<<0001012M3001017VNM<<<<<<<<<<<6TEST<<SYNTHETIC<<<<<<<<<<<<<<<<<';
const DG1 = encodeTlv(0x61, encodeTlv(0x5f1f, new TextEncoder().encode(MRZ)));
const DG2 = encodeTlv(0x75, new Uint8Array(900).fill(0x42));
const DG13 = encodeTlv(0x6d, Uint8Array.of(0x30, 0x00));
const GROUPS = new Map([
  [1, DG1],
  [2, DG2],
  [13, DG13],
]);
const NOW = new Date('2026-06-01T00:00:00Z');

const pki = loadTestPki();
const fullStore = TrustStore.fromCertificates([pki.csca.certificate, pki.cscaRsa.certificate], [pki.crl, pki.crlRsa]);

describe('verifyPassiveAuthentication', () => {
  it('verifies a simulated chip signed by the test Document Signer', async () => {
    const result = await verifyPassiveAuthentication({ sod: buildTestSod(GROUPS), dataGroups: GROUPS, trustStore: fullStore, now: NOW });
    expect(result.verdict).toBe('verified');
    expect(result.sodSignature).toEqual({ status: 'valid', algorithm: 'ecdsa-with-SHA256' });
    expect([...result.dataGroupHashes]).toEqual([
      [1, 'match'],
      [2, 'match'],
      [13, 'match'],
    ]);
    expect(result.dsCertificateValidity.status).toBe('valid');
    expect(result.dsChain).toEqual({ status: 'trusted', csca: 'C=VN, O=Test CSCA, CN=CSCA Test' });
    expect(result.crl).toEqual({ status: 'not-revoked', stale: false });
    expect(result.reasons).toEqual([]);
    expect(Object.isFrozen(result)).toBe(true);
  });

  it('verifies the RSA chain with PKCS#1 v1.5 and RSASSA-PSS signatures', async () => {
    for (const rsaScheme of ['rsa-pkcs1', 'rsa-pss'] as const) {
      const sod = buildTestSod(GROUPS, { signer: 'ds-rsa', rsaScheme, digest: 'SHA-512' });
      const result = await verifyPassiveAuthentication({ sod, dataGroups: GROUPS, trustStore: fullStore, now: NOW });
      expect(result.verdict).toBe('verified');
      expect(result.digestAlgorithm).toBe('SHA-512');
      expect(result.dsChain.csca).toBe('C=VN, O=Test CSCA, CN=CSCA Test RSA');
    }
  });

  it('marks a tampered data group as a mismatch and fails', async () => {
    const tampered = new Map(GROUPS);
    const dg2 = DG2.slice();
    dg2[500] = dg2[500]! ^ 0x01;
    tampered.set(2, dg2);
    const result = await verifyPassiveAuthentication({ sod: buildTestSod(GROUPS), dataGroups: tampered, trustStore: fullStore, now: NOW });
    expect(result.verdict).toBe('failed');
    expect(result.dataGroupHashes.get(2)).toBe('mismatch');
    expect(result.dataGroupHashes.get(1)).toBe('match');
    expect(result.reasons).toContain('DG2 hash does not match the SOD');
  });

  it('reports groups listed but not read, and fails on a group read but not listed', async () => {
    const sod = buildTestSod(GROUPS);
    const partial = await verifyPassiveAuthentication({ sod, dataGroups: new Map([[1, DG1]]), trustStore: fullStore, now: NOW });
    expect(partial.verdict).toBe('verified');
    expect(partial.dataGroupHashes.get(2)).toBe('not-read');

    const extra = await verifyPassiveAuthentication({ sod, dataGroups: new Map([...GROUPS, [11, DG13]]), trustStore: fullStore, now: NOW });
    expect(extra.verdict).toBe('failed');
    expect(extra.dataGroupHashes.get(11)).toBe('missing-in-sod');
  });

  it('is unverified when no data group was read at all', async () => {
    const result = await verifyPassiveAuthentication({ sod: buildTestSod(GROUPS), dataGroups: new Map(), trustStore: fullStore, now: NOW });
    expect(result.verdict).toBe('unverified');
    expect(result.reasons).toContain('no data group was read to check');
  });

  it('fails a SOD whose signature is wrong', async () => {
    const sod = buildTestSod(GROUPS, {
      tamperSignature: (s) => {
        const copy = s.slice();
        copy[copy.length - 1] = copy[copy.length - 1]! ^ 0xff;
        return copy;
      },
    });
    const result = await verifyPassiveAuthentication({ sod, dataGroups: GROUPS, trustStore: fullStore, now: NOW });
    expect(result.verdict).toBe('failed');
    expect(result.sodSignature.status).toBe('invalid');
    expect(result.dataGroupHashes.get(1)).toBe('match');
  });

  it('fails a SOD whose hash list was edited after signing', async () => {
    const sod = buildTestSod(GROUPS);
    const info = parseSod(sod);
    const hash = info.dataGroupHashes.get(1)!;
    const at = indexOf(sod, hash);
    const forged = sod.slice();
    forged[at] = forged[at]! ^ 0x01;
    const result = await verifyPassiveAuthentication({ sod: forged, dataGroups: GROUPS, trustStore: fullStore, now: NOW });
    expect(result.verdict).toBe('failed');
    expect(result.sodSignature).toMatchObject({ status: 'invalid', reason: 'message-digest attribute does not match the content' });
  });

  it('is unverified when the trust store has no CSCA for the Document Signer', async () => {
    const rsaOnly = TrustStore.fromCertificates([pki.cscaRsa.certificate]);
    const result = await verifyPassiveAuthentication({ sod: buildTestSod(GROUPS), dataGroups: GROUPS, trustStore: rsaOnly, now: NOW });
    expect(result.verdict).toBe('unverified');
    expect(result.dsChain.status).toBe('untrusted');
    expect(result.crl.status).toBe('no-crl');
  });

  describe('with a rogue CSCA that copies the real CSCA name', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const rogue = (subjectKeyIdentifier?: Uint8Array) =>
      issueCertificate({
        profile: 'csca',
        serialNumber: 99,
        subject: [['C', 'VN'], ['O', 'Test CSCA'], ['CN', 'CSCA Test']],
        notBefore: new Date('2024-01-01T00:00:00Z'),
        notAfter: new Date('2045-01-01T00:00:00Z'),
        subjectKey: privateKey,
        issuerKey: privateKey,
        ...(subjectKeyIdentifier ? { subjectKeyIdentifier } : {}),
      });

    it('does not consider it an issuer when its key identifier differs', async () => {
      const store = TrustStore.fromCertificates([rogue()]);
      const result = await verifyPassiveAuthentication({ sod: buildTestSod(GROUPS), dataGroups: GROUPS, trustStore: store, now: NOW });
      expect(result.verdict).toBe('unverified');
      expect(result.dsChain.status).toBe('untrusted');
    });

    it('reports the chain invalid when it also copies the key identifier, and stays unverified', async () => {
      const realKeyId = parseCertificate(pki.csca.certificate).subjectKeyIdentifier!;
      const store = TrustStore.fromCertificates([rogue(realKeyId)]);
      const result = await verifyPassiveAuthentication({ sod: buildTestSod(GROUPS), dataGroups: GROUPS, trustStore: store, now: NOW });
      expect(result.dsChain.status).toBe('invalid');
      expect(result.verdict).toBe('unverified');
    });
  });

  it('is unverified without a trust store', async () => {
    const result = await verifyPassiveAuthentication({ sod: buildTestSod(GROUPS), dataGroups: GROUPS, now: NOW });
    expect(result.verdict).toBe('unverified');
    expect(result.dsChain.status).toBe('no-trust-store');
    expect(result.sodSignature.status).toBe('valid');
  });

  it('fails when the Document Signer certificate has expired or is not yet valid', async () => {
    const expired = await verifyPassiveAuthentication({ sod: buildTestSod(GROUPS, { signer: 'ds-expired' }), dataGroups: GROUPS, trustStore: fullStore, now: NOW });
    expect(expired.verdict).toBe('failed');
    expect(expired.dsCertificateValidity).toMatchObject({ status: 'expired', notAfter: new Date('2024-12-31T23:59:59Z') });
    expect(expired.dsChain.status).toBe('trusted');

    const early = await verifyPassiveAuthentication({ sod: buildTestSod(GROUPS), dataGroups: GROUPS, trustStore: fullStore, now: new Date('2023-06-01T00:00:00Z') });
    expect(early.dsCertificateValidity.status).toBe('not-yet-valid');
    expect(early.verdict).toBe('failed');
  });

  it('fails when the CSCA revoked the Document Signer on its CRL', async () => {
    const result = await verifyPassiveAuthentication({ sod: buildTestSod(GROUPS, { signer: 'ds-revoked' }), dataGroups: GROUPS, trustStore: fullStore, now: NOW });
    expect(result.verdict).toBe('failed');
    expect(result.crl.status).toBe('revoked');
    expect(result.dsChain.status).toBe('trusted');
    expect(result.reasons).toEqual(['DS certificate revoked']);
  });

  it('keeps personal data out of every text it returns', async () => {
    const tampered = new Map([...GROUPS, [1, DG1.slice(0, -1)]]);
    const result = await verifyPassiveAuthentication({ sod: buildTestSod(GROUPS, { signer: 'ds-revoked' }), dataGroups: tampered, trustStore: fullStore, now: NOW });
    const text = JSON.stringify({ ...result, dataGroupHashes: [...result.dataGroupHashes] });
    expect(text).not.toContain('SYNTHETIC');
    expect(text).not.toContain('000000000');
  });

  it('rejects a malformed SOD with MalformedDataError and nothing else', async () => {
    const valid = buildTestSod(GROUPS);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 }), async (at, value) => {
        const bytes = valid.slice();
        bytes[at] = value;
        try {
          const result = await verifyPassiveAuthentication({ sod: bytes, dataGroups: GROUPS, trustStore: fullStore, now: NOW });
          expect(['verified', 'failed', 'unverified']).toContain(result.verdict);
        } catch (e) {
          expect(e).toBeInstanceOf(MalformedDataError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('needle not found');
}
