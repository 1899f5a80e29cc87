import { describe, expect, it } from 'vitest';
import { parseDg1 } from '../../../../../native/card/lds/dg1.ts';
import { parseDg13 } from '../../../../../native/card/lds/dg13.ts';
import { parseDg14 } from '../../../../../native/card/lds/dg14.ts';
import { parseDg15 } from '../../../../../native/card/lds/dg15.ts';
import { parseEfCom } from '../../../../../native/card/lds/ef-com.ts';
import { EF_COM, EF_DG, EF_SOD } from '../../../../../native/card/lds/lds-files.ts';
import { parseSecurityInfos } from '../../../../../native/card/lds/security-infos/security-infos.ts';
import { dataGroupHash, parseSod } from '../../../../../native/card/lds/sod.ts';
import { ApduTransport } from '../../../../../native/card/apdu/apdu-transport.ts';
import { canAccessKey } from '../../../../../native/card/access-key.ts';
import { BacProtocol } from '../../../../../native/card/protocol/bac/bac-protocol.ts';
import { ChipAuthentication } from '../../../../../native/card/protocol/ca/chip-authentication.ts';
import { ActiveAuthentication } from '../../../../../native/card/protocol/aa/active-authentication.ts';
import { chipProfiles, createChip } from '../../../../../native/sim/profiles/index.ts';
import { openChip } from './reader-side.ts';

const profile = chipProfiles.cccd;

describe('cccd profile', () => {
  describe('chipProfiles.cccd', () => {
    it('derives the MRZ document number and the CAN from the 12-digit ID', () => {
      expect(profile.mrz.optionalData1).toMatch(/^\d{12}$/);
      expect(profile.mrzKey.documentNumber).toBe(profile.mrz.optionalData1.slice(3));
      expect(profile.canKey?.can).toBe(profile.mrz.optionalData1.slice(6));
    });
  });

  describe('EF.CardAccess', () => {
    it('offers PACE-ECDH-GM and CAM with AES-128 on brainpoolP256r1 (parameter id 13)', () => {
      const infos = parseSecurityInfos(createChip('cccd').fileSystem.byFid(0x011c, 'mf')!.content);
      expect(infos.map((i) => (i.kind === 'PaceInfo' ? [i.mapping, i.cipher, i.parameterId] : i.kind))).toEqual([
        ['GM', 'AES-128', 13],
        ['CAM', 'AES-128', 13],
      ]);
    });
  });

  describe('access control', () => {
    it('opens with PACE on the CAN and on the MRZ, under AES secure messaging', async () => {
      for (const key of [profile.canKey!, profile.mrzKey]) {
        const chip = await openChip(createChip('cccd'), [key]);
        expect(chip.access).toMatchObject({ method: 'PACE', cipher: 'AES-128', key });
        expect(chip.transport.wrapper?.kind).toMatch(/^AES/);
        expect((await chip.read(EF_DG[1]!))[0]).toBe(0x61);
      }
    });

    it('refuses a wrong CAN', async () => {
      await expect(openChip(createChip('cccd'), [canAccessKey('999999')])).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    });

    it('refuses BAC when built PACE-only, but still opens with PACE', async () => {
      const simulator = createChip('cccd', { paceOnly: true });
      simulator.powerOn();
      const transport = new ApduTransport({ atr: simulator.atr, extendedLengthSupported: true, transmit: (b) => simulator.transmit(b) });
      await expect(new BacProtocol(transport).run(profile.mrzKey)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
      expect((await openChip(simulator, [profile.mrzKey])).access.method).toBe('PACE');
    });

    it('opens with BAC when the reader knows no PACE', async () => {
      const simulator = createChip('cccd');
      simulator.powerOn();
      const transport = new ApduTransport({ atr: simulator.atr, extendedLengthSupported: true, transmit: (b) => simulator.transmit(b) });
      const bac = await new BacProtocol(transport).run(profile.mrzKey);
      expect(bac.wrapper.kind).toBe('3DES');
    });
  });

  describe('chip authentication', () => {
    it('agrees new keys with the DG14 key, and a cloned chip cannot confirm them', async () => {
      for (const [clonedChip, verdict] of [[false, 'passed'], [true, 'failed']] as const) {
        const chip = await openChip(createChip('cccd', { faults: { clonedChip } }), [profile.canKey!]);
        const infos = parseDg14(await chip.read(EF_DG[14]!)).securityInfos;
        const info = infos.find((i) => i.kind === 'ChipAuthenticationInfo')!;
        const publicKey = infos.find((i) => i.kind === 'ChipAuthenticationPublicKeyInfo')!;
        const ca = new ChipAuthentication(chip.transport);
        const pending = await ca.run({ caOid: info.protocol, keyId: info.keyId, chipPublicKey: publicKey.subjectPublicKeyInfo });
        expect(pending.verdict).toBe('pending');
        expect((await ca.confirm(pending)).verdict).toBe(verdict);
      }
    });
  });

  describe('files', () => {
    it('lists DG1, DG2, DG3, DG13, DG14, DG15 in EF.COM and keeps DG3 behind EAC', async () => {
      const chip = await openChip(createChip('cccd'), [profile.mrzKey]);
      expect(parseEfCom(await chip.read(EF_COM)).dataGroups).toEqual([1, 2, 3, 13, 14, 15]);
      await expect(chip.read(EF_DG[3]!)).rejects.toMatchObject({ code: 'ACCESS_DENIED', sw: 0x6982 });
    });

    it('serves a TD1 DG1 and a DG13 with every field, both matching the signed EF.SOD', async () => {
      const chip = await openChip(createChip('cccd'), [profile.mrzKey]);
      const sod = parseSod(await chip.read(EF_SOD));
      const dg1Bytes = await chip.read(EF_DG[1]!);
      const dg13Bytes = await chip.read(EF_DG[13]!);
      expect(dataGroupHash(sod.digestAlgorithm.name, dg1Bytes)).toEqual(sod.dataGroupHashes.get(1));
      expect(dataGroupHash(sod.digestAlgorithm.name, dg13Bytes)).toEqual(sod.dataGroupHashes.get(13));
      const mrz = parseDg1(dg1Bytes).mrz;
      expect([mrz.format, mrz.documentCode, mrz.issuingState, mrz.optionalData1]).toEqual(['TD1', 'ID', 'VNM', profile.mrz.optionalData1]);
      const dg13 = parseDg13(dg13Bytes);
      expect(dg13.idNumber).toBe(profile.mrz.optionalData1);
      expect(dg13.fullName).toBe('NGUYỄN VĂN THỬ');
      expect(dg13.parents).toHaveLength(2);
      expect(dg13.unknownFields).toEqual([]);
      for (const value of [dg13.dateOfBirth, dg13.sex, dg13.ethnicity, dg13.religion, dg13.placeOfOrigin, dg13.placeOfResidence, dg13.identifyingMarks, dg13.dateOfIssue, dg13.dateOfExpiry, dg13.spouseName, dg13.oldIdNumber]) {
        expect(value).toBeTruthy();
      }
    });

    it('publishes ECDH chip authentication and ECDSA active authentication in DG14', async () => {
      const chip = await openChip(createChip('cccd'), [profile.mrzKey]);
      const kinds = parseDg14(await chip.read(EF_DG[14]!)).securityInfos.map((i) => i.kind);
      expect(kinds).toEqual(expect.arrayContaining(['ChipAuthenticationInfo', 'ChipAuthenticationPublicKeyInfo', 'ActiveAuthenticationInfo']));
    });
  });

  describe('active authentication', () => {
    it('signs with the ECDSA key of DG15, and a cloned chip does not', async () => {
      for (const [clonedChip, verdict] of [[false, 'passed'], [true, 'failed']] as const) {
        const chip = await openChip(createChip('cccd', { faults: { clonedChip } }), [profile.mrzKey]);
        const publicKey = parseDg15(await chip.read(EF_DG[15]!));
        const result = await new ActiveAuthentication(chip.transport).run({ publicKey, challenge: Uint8Array.of(8, 7, 6, 5, 4, 3, 2, 1), signatureAlgorithmOid: '0.4.0.127.0.7.1.1.4.1.3' });
        expect(result.verdict).toBe(verdict);
      }
    });
  });
});
