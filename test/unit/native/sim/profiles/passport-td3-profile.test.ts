import { describe, expect, it } from 'vitest';
import { parseDg1 } from '../../../../../native/card/lds/dg1.ts';
import { parseDg15 } from '../../../../../native/card/lds/dg15.ts';
import { parseDg2 } from '../../../../../native/card/lds/dg2.ts';
import { parseEfCom } from '../../../../../native/card/lds/ef-com.ts';
import { EF_COM, EF_DG, EF_SOD } from '../../../../../native/card/lds/lds-files.ts';
import { dataGroupHash, parseSod } from '../../../../../native/card/lds/sod.ts';
import { mrzAccessKey } from '../../../../../native/card/access-key.ts';
import { ActiveAuthentication } from '../../../../../native/card/protocol/aa/active-authentication.ts';
import { chipProfiles, createChip } from '../../../../../native/sim/profiles/index.ts';
import { syntheticFace } from '../../../../../native/sim/profiles/synthetic-face.ts';
import { openChip } from './reader-side.ts';

const profile = chipProfiles['passport-td3'];
const CHALLENGE = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);

describe('passport-td3 profile', () => {
  describe('access control', () => {
    it('opens with BAC and the MRZ key, under 3DES secure messaging', async () => {
      const { access, transport } = await openChip(createChip('passport-td3'), [profile.mrzKey]);
      expect(access.method).toBe('BAC');
      expect(access.cardAccess).toBeUndefined();
      expect(transport.wrapper?.kind).toBe('3DES');
    });

    it('refuses a wrong MRZ key', async () => {
      const wrong = mrzAccessKey(profile.mrzKey.documentNumber, '850705', profile.mrzKey.dateOfExpiry);
      await expect(openChip(createChip('passport-td3'), [wrong])).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    });
  });

  describe('files', () => {
    it('serves EF.COM, DG1 and DG2 whose hashes match the signed EF.SOD', async () => {
      const chip = await openChip(createChip('passport-td3'), [profile.mrzKey]);
      const com = parseEfCom(await chip.read(EF_COM));
      expect(com.dataGroups).toEqual([1, 2, 11, 12, 15]);
      const sod = parseSod(await chip.read(EF_SOD));
      const dg1Bytes = await chip.read(EF_DG[1]!);
      const dg2Bytes = await chip.read(EF_DG[2]!);
      for (const [n, bytes] of [[1, dg1Bytes], [2, dg2Bytes]] as const) {
        expect(dataGroupHash(sod.digestAlgorithm.name, bytes)).toEqual(sod.dataGroupHashes.get(n));
      }
      const dg1 = parseDg1(dg1Bytes);
      expect(dg1.mrz.format).toBe('TD3');
      expect(dg1.mrz.documentNumber).toBe(profile.mrz.documentNumber);
      expect(parseDg2(dg2Bytes).faces[0]?.bytes).toEqual(syntheticFace().bytes);
    });

    it('reads DG2 with short APDUs only when extended length is refused', async () => {
      const simulator = createChip('passport-td3', { faults: { shortApduOnly: true } });
      const chip = await openChip(simulator, [profile.mrzKey], false);
      const dg2 = await chip.read(EF_DG[2]!);
      expect(dg2.length).toBeGreaterThan(15_000);
      expect(simulator.stats.apdus).toBeGreaterThan(dg2.length / 256);
    });
  });

  describe('active authentication', () => {
    it('signs the challenge with the RSA key of DG15 (ISO/IEC 9796-2)', async () => {
      const chip = await openChip(createChip('passport-td3'), [profile.mrzKey]);
      const publicKey = parseDg15(await chip.read(EF_DG[15]!));
      expect(publicKey.algorithm).toBe('RSA');
      const result = await new ActiveAuthentication(chip.transport).run({ publicKey, challenge: CHALLENGE });
      expect(result).toMatchObject({ verdict: 'passed', algorithm: 'RSA-ISO9796-2' });
    });

    it('fails on a cloned chip whose key does not match DG15', async () => {
      const chip = await openChip(createChip('passport-td3', { faults: { clonedChip: true } }), [profile.mrzKey]);
      const publicKey = parseDg15(await chip.read(EF_DG[15]!));
      const result = await new ActiveAuthentication(chip.transport).run({ publicKey, challenge: CHALLENGE });
      expect(result.verdict).toBe('failed');
    });
  });
});
