import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedDataError } from '../../../../../../native/card/errors.ts';
import type { SecurityInfo } from '../../../../../../native/card/lds/security-infos/security-info.ts';
import { OID, oidName, paceAlgorithm, paceDomainParameterOid } from '../../../../../../native/card/lds/security-infos/security-info-oids.ts';
import {
  createActiveAuthenticationInfo,
  createChipAuthenticationInfo,
  createChipAuthenticationPublicKeyInfo,
  createPaceInfo,
  encodeSecurityInfos,
  parseSecurityInfos,
} from '../../../../../../native/card/lds/security-infos/security-infos.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';
import { loadVector } from '../../../../../helpers/vectors.ts';

const g1 = loadVector<{ ef_card_access: string; pace_oid: string }>('pace_9303p11_appG1_ecdh_gm.json');
const g2 = loadVector<{ ef_card_access: string; pace_oid: string }>('pace_9303p11_appG2_dh_gm.json');
const cam = loadVector<{ chip_authentication_public_key_info: string }>('pace_9303p11_appI_cam.json');

/** AlgorithmIdentifier { standardizedDomainParameters, INTEGER 13 }. */
const STANDARDIZED_13 = fromHex('300C060704007F0007010202010D');

/** One of every kind, as a chip simulator would publish them in EF.CardAccess and DG14. */
const EVERY_KIND: readonly SecurityInfo[] = [
  createPaceInfo({ keyAgreement: 'ECDH', mapping: 'GM', cipher: 'AES-128' }, 13),
  createPaceInfo({ keyAgreement: 'ECDH', mapping: 'CAM', cipher: 'AES-256' }),
  { kind: 'PaceDomainParameterInfo', protocol: paceDomainParameterOid('ECDH', 'GM'), keyAgreement: 'ECDH', mapping: 'GM', domainParameter: STANDARDIZED_13, parameterId: 32 },
  createChipAuthenticationInfo('ECDH', 'AES-128', 1),
  createChipAuthenticationInfo('DH', '3DES'),
  createChipAuthenticationPublicKeyInfo('ECDH', fromHex('3003300100'), 7),
  { kind: 'ChipAuthenticationDomainParameterInfo', protocol: OID.CA_ECDH, keyAgreement: 'ECDH', domainParameter: STANDARDIZED_13, keyId: 1 },
  createActiveAuthenticationInfo('1.2.840.10045.4.3.2'),
  { kind: 'TerminalAuthenticationInfo', protocol: OID.TA, version: 1 },
  { kind: 'TerminalAuthenticationInfo', protocol: OID.TA, version: 2, efCvca: { fid: 0x011c, sfi: 0x1c } },
  { kind: 'Unknown', protocol: '2.23.136.1.1.13', encoded: fromHex('300E060667810801010D0404000100FF') },
];

describe('parseSecurityInfos', () => {
  it('reads the PACEInfo of the Appendix G.1 EF.CardAccess', () => {
    expect(parseSecurityInfos(fromHex(g1.ef_card_access))).toEqual([
      { kind: 'PaceInfo', protocol: g1.pace_oid, keyAgreement: 'ECDH', mapping: 'GM', cipher: 'AES-128', version: 2, parameterId: 13 },
    ]);
  });

  it('reads the DH PACEInfo of the Appendix G.2 EF.CardAccess', () => {
    expect(parseSecurityInfos(fromHex(g2.ef_card_access))).toEqual([
      { kind: 'PaceInfo', protocol: g2.pace_oid, keyAgreement: 'DH', mapping: 'GM', cipher: 'AES-128', version: 2, parameterId: 0 },
    ]);
  });

  it('reads the ChipAuthenticationPublicKeyInfo of Appendix I with its key id', () => {
    const [info] = parseSecurityInfos(fromHex(`3164${cam.chip_authentication_public_key_info}`));
    expect(info).toMatchObject({ kind: 'ChipAuthenticationPublicKeyInfo', protocol: OID.PK_ECDH, keyAgreement: 'ECDH', keyId: 13 });
    expect(toHex((info as { subjectPublicKeyInfo: Uint8Array }).subjectPublicKeyInfo)).toBe(cam.chip_authentication_public_key_info.slice(26, 26 + 0x54 * 2));
  });

  it('returns frozen objects', () => {
    const infos = parseSecurityInfos(fromHex(g1.ef_card_access));
    expect(Object.isFrozen(infos)).toBe(true);
    expect(Object.isFrozen(infos[0])).toBe(true);
  });

  it('keeps unknown protocols and unknown PACE ciphers whole, as Unknown', () => {
    // id-PACE-ECDH-GM with cipher arc 9, and id-PACE-ECDH-CAM with 3DES (CAM is AES only).
    const bytes = fromHex('3122' + '300F060A04007F00070202040209020102' + '300F060A04007F00070202040601020102');
    const infos = parseSecurityInfos(bytes);
    expect(infos.map((i) => i.kind)).toEqual(['Unknown', 'Unknown']);
    expect(toHex(encodeSecurityInfos(infos))).toBe(toHex(bytes));
  });

  it('ignores 00/FF padding after the SET but not other trailing bytes', () => {
    expect(parseSecurityInfos(fromHex(`${g1.ef_card_access}0000FF`))).toHaveLength(1);
    expect(() => parseSecurityInfos(fromHex(`${g1.ef_card_access}01`))).toThrow(MalformedDataError);
  });

  it('rejects a known protocol with the wrong shape', () => {
    // PACEInfo whose version is an OCTET STRING; PACEInfo with four fields; AA info without algorithm.
    const cases = ['3111300F060A04007F00070202040202040102', '31173015060A04007F0007020204020202010202010D020100', '310D300B0606678108010105020101'];
    for (const hex of cases) expect(() => parseSecurityInfos(fromHex(hex))).toThrow(MalformedDataError);
  });

  it('rejects anything but a SET', () => {
    expect(() => parseSecurityInfos(fromHex('3000'))).toThrow(MalformedDataError);
    expect(() => parseSecurityInfos(new Uint8Array(0))).toThrow(MalformedDataError);
  });
});

describe('encodeSecurityInfos', () => {
  it('reproduces the Appendix G EF.CardAccess files from their parse', () => {
    for (const file of [g1.ef_card_access, g2.ef_card_access]) {
      expect(toHex(encodeSecurityInfos(parseSecurityInfos(fromHex(file))))).toBe(file);
    }
  });

  it('round-trips one of every kind, in order', () => {
    const bytes = encodeSecurityInfos(EVERY_KIND);
    const parsed = parseSecurityInfos(bytes);
    expect(parsed).toEqual(EVERY_KIND);
    expect(toHex(encodeSecurityInfos(parsed))).toBe(toHex(bytes));
  });

  it('round-trips generated SecurityInfos', () => {
    const small = fc.integer({ min: 0, max: 0xffffffff });
    const cipher = fc.constantFrom('3DES', 'AES-128', 'AES-192', 'AES-256' as const);
    const pace = fc
      .record({ keyAgreement: fc.constantFrom('DH', 'ECDH' as const), mapping: fc.constantFrom('GM', 'IM' as const), cipher, id: fc.option(fc.integer({ min: 0, max: 63 }), { nil: undefined }) })
      .map(({ id, ...algorithm }) => createPaceInfo(algorithm, id));
    const ca = fc
      .record({ keyAgreement: fc.constantFrom('DH', 'ECDH' as const), cipher, keyId: fc.option(small, { nil: undefined }) })
      .map(({ keyAgreement, cipher: c, keyId }) => createChipAuthenticationInfo(keyAgreement, c, keyId));
    const key = fc
      .record({ spki: fc.uint8Array({ maxLength: 300 }), keyId: fc.option(small, { nil: undefined }) })
      .map(({ spki, keyId }) => createChipAuthenticationPublicKeyInfo('ECDH', encodeOctetsAsSequence(spki), keyId));
    const aa = fc.array(fc.integer({ min: 0, max: 100000 }), { minLength: 1, maxLength: 6 }).map((arcs) => createActiveAuthenticationInfo(`1.2.${arcs.join('.')}`));
    fc.assert(
      fc.property(fc.array(fc.oneof(pace, ca, key, aa), { maxLength: 12 }), (infos) => {
        const bytes = encodeSecurityInfos(infos);
        expect(parseSecurityInfos(bytes)).toEqual(infos);
        expect(toHex(encodeSecurityInfos(parseSecurityInfos(bytes)))).toBe(toHex(bytes));
      }),
    );
  });

  it('parses corrupted files only into results or MalformedDataError', () => {
    const valid = encodeSecurityInfos(EVERY_KIND);
    fc.assert(
      fc.property(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 1, max: 255 }), fc.nat({ max: valid.length }), (at, flip, cut) => {
        const bytes = valid.slice(0, Math.max(cut, at + 1));
        bytes[at]! ^= flip;
        try {
          parseSecurityInfos(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(MalformedDataError);
        }
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          parseSecurityInfos(Uint8Array.of(0x31, bytes.length, ...bytes));
        } catch (err) {
          expect(err).toBeInstanceOf(MalformedDataError);
        }
      }),
    );
  });
});

describe('oidName', () => {
  it('names the PACE, CA and other protocols for traces', () => {
    expect(oidName(g1.pace_oid)).toBe('id-PACE-ECDH-GM-AES-CBC-CMAC-128');
    expect(oidName(g2.pace_oid)).toBe('id-PACE-DH-GM-AES-CBC-CMAC-128');
    expect(oidName('0.4.0.127.0.7.2.2.4.6.4')).toBe('id-PACE-ECDH-CAM-AES-CBC-CMAC-256');
    expect(oidName('0.4.0.127.0.7.2.2.3.2.1')).toBe('id-CA-ECDH-3DES-CBC-CBC');
    expect(oidName(OID.PK_ECDH)).toBe('id-PK-ECDH');
    expect(oidName(OID.AA)).toBe('id-AA');
    expect(oidName('1.2.3.4')).toBe('1.2.3.4');
  });

  it('agrees with paceAlgorithm on which OIDs are PACE variants', () => {
    expect(paceAlgorithm('0.4.0.127.0.7.2.2.4.2.2.1')).toBeUndefined();
    expect(paceAlgorithm('0.4.0.127.0.7.2.2.4.3.4')).toEqual({ keyAgreement: 'DH', mapping: 'IM', cipher: 'AES-256' });
  });
});

/** Wraps arbitrary bytes as SEQUENCE { OCTET STRING } so they stand in for a SubjectPublicKeyInfo. */
function encodeOctetsAsSequence(bytes: Uint8Array): Uint8Array {
  const octet = [0x04, ...lengthOf(bytes.length), ...bytes];
  return Uint8Array.from([0x30, ...lengthOf(octet.length), ...octet]);
}

function lengthOf(n: number): number[] {
  return n < 0x80 ? [n] : n <= 0xff ? [0x81, n] : [0x82, n >> 8, n & 0xff];
}
