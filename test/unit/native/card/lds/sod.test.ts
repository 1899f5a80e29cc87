import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { buildSod, dataGroupHash, OID_LDS_SECURITY_OBJECT, parseSod } from '../../../../../native/card/lds/sod.ts';
import { parseCertificate } from '../../../../../native/card/lds/sod/certificate.ts';
import { verifySignerInfo } from '../../../../../native/card/lds/sod/cms-signed-data.ts';
import { encodeTlv } from '../../../../../native/card/lds/tlv.ts';
import { buildTestSod, loadTestPki } from '../../../../../native/sim/pki/test-pki.ts';
import { toHex } from '../../../../../native/util/bytes.ts';

// Synthetic data groups: a made-up TD1 MRZ, filler for a portrait, an empty DG13 shell.
const ascii = (s: string) => new TextEncoder().encode(s);
const DG1 = encodeTlv(0x61, encodeTlv(0x5f1f, ascii('IDVNM0000000001000000000000<<<0001012M3001017VNM<<<<<<<<<<<6TEST<<SYNTHETIC<<<<<<<<<<<<<<<<<')));
const DG2 = encodeTlv(0x75, new Uint8Array(600).fill(0x5a));
const DG13 = encodeTlv(0x6d, Uint8Array.of(0x30, 0x00));
const GROUPS = new Map([
  [1, DG1],
  [2, DG2],
  [13, DG13],
]);

describe('parseSod', () => {
  const pki = loadTestPki();

  it('round-trips the data-group hashes, digest algorithm and LDS version of buildSod', () => {
    const sod = parseSod(buildTestSod(GROUPS, { digest: 'SHA-384' }));
    expect(sod.digestAlgorithm).toEqual({ name: 'SHA-384', oid: '2.16.840.1.101.3.4.2.2' });
    expect([...sod.dataGroupHashes.keys()]).toEqual([1, 2, 13]);
    for (const [n, file] of GROUPS) expect(toHex(sod.dataGroupHashes.get(n)!)).toBe(toHex(dataGroupHash('SHA-384', file)));
    expect(sod.ldsVersion).toEqual({ ldsVersion: '0108', unicodeVersion: '040000' });
    expect(sod.version).toBe(1);
    expect(sod.signedData.eContentType).toBe(OID_LDS_SECURITY_OBJECT);
    expect(Object.isFrozen(sod)).toBe(true);
  });

  it('names the signer by issuer and serial and embeds the Document Signer certificate', () => {
    const sod = parseSod(buildTestSod(GROUPS));
    expect(sod.dsCertificate).toEqual(pki.ds.certificate);
    expect(toHex(sod.signerInfo.sid.serialNumber!)).toBe('2001');
    expect(sod.signerInfo.signatureAlgorithm.name).toBe('ecdsa-with-SHA256');
    expect(sod.signerInfo.contentType).toBe(OID_LDS_SECURITY_OBJECT);
  });

  it('produces a signature that verifies for ECDSA, RSA PKCS#1 v1.5 and RSASSA-PSS', () => {
    const cases = [
      { signer: 'ds' as const, algorithm: 'ecdsa-with-SHA256' },
      { signer: 'ds-rsa' as const, algorithm: 'sha256WithRSAEncryption' },
      { signer: 'ds-rsa' as const, rsaScheme: 'rsa-pss' as const, algorithm: 'RSASSA-PSS' },
    ];
    for (const c of cases) {
      const sod = parseSod(buildTestSod(GROUPS, { signer: c.signer, ...(c.rsaScheme ? { rsaScheme: c.rsaScheme } : {}) }));
      expect(sod.signerInfo.signatureAlgorithm.name).toBe(c.algorithm);
      expect(verifySignerInfo(sod.signedData, sod.signerInfo, parseCertificate(sod.dsCertificate!))).toEqual({ valid: true });
    }
  });

  it('writes an LDSSecurityObject v0 without version info when none is asked for', () => {
    const sod = parseSod(buildSod({ dataGroups: GROUPS, dsKey: pki.ds.privateKey, dsCertificate: pki.ds.certificate, digest: 'SHA-1' }));
    expect(sod.version).toBe(0);
    expect(sod.ldsVersion).toBeUndefined();
    expect(sod.dataGroupHashes.get(2)).toHaveLength(20);
  });

  it('ignores the padding a chip leaves after the EF.SOD object', () => {
    const bytes = buildTestSod(GROUPS);
    const padded = new Uint8Array(bytes.length + 32).fill(0xff);
    padded.set(bytes);
    expect(parseSod(padded).raw).toEqual(bytes);
  });

  it('rejects a file that is not tag 77 with a MalformedDataError of step lds.sod', () => {
    const bytes = buildTestSod(GROUPS);
    bytes[0] = 0x78;
    const error = thrown(() => parseSod(bytes));
    expect(error).toBeInstanceOf(MalformedDataError);
    expect((error as MalformedDataError).step).toBe('lds.sod');
  });

  it('rejects an oversized file before walking it', () => {
    expect(() => parseSod(new Uint8Array(70_000))).toThrow(/exceeds/);
  });

  it('only ever throws MalformedDataError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expectOnlyMalformed(() => parseSod(bytes));
        expectOnlyMalformed(() => parseSod(encodeTlv(0x77, bytes)));
      }),
      { numRuns: 500 },
    );
  });

  it('only ever throws MalformedDataError on mutated and truncated SODs', () => {
    const valid = buildTestSod(GROUPS);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.nat({ max: valid.length }),
        (mutations, cut) => {
          const bytes = valid.slice(0, Math.max(cut, 1));
          for (const [at, value] of mutations) if (at < bytes.length) bytes[at] = value;
          expectOnlyMalformed(() => parseSod(bytes));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('buildSod', () => {
  it('refuses a data-group number outside 1-16', () => {
    const pki = loadTestPki();
    expect(() => buildSod({ dataGroups: new Map([[17, DG1]]), dsKey: pki.ds.privateKey, dsCertificate: pki.ds.certificate })).toThrow(RangeError);
  });
});

function expectOnlyMalformed(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof MalformedDataError)) throw e;
  }
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}
