import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EF_DG, EF_SOD } from '../../../../../native/card/lds/lds-files.ts';
import { dataGroupHash, parseSod } from '../../../../../native/card/lds/sod.ts';
import { chipProfiles, createChip, isProfileName, PROFILE_NAMES, type ProfileName } from '../../../../../native/sim/profiles/index.ts';
import { openChip } from './reader-side.ts';

describe('createChip', () => {
  it('builds every profile, unlockable with its published MRZ key', async () => {
    expect(PROFILE_NAMES).toEqual(['cccd', 'passport-td3']);
    for (const name of PROFILE_NAMES) {
      const chip = await openChip(createChip(name), [chipProfiles[name].mrzKey]);
      expect(chip.access.key).toBe(chipProfiles[name].mrzKey);
    }
  });

  it('refuses an unknown profile name', () => {
    expect(isProfileName('cccd')).toBe(true);
    expect(isProfileName('toString')).toBe(false);
    expect(() => createChip('driving-licence' as ProfileName)).toThrow(RangeError);
  });

  it('damages a data group after signing, so its hash no longer matches EF.SOD', async () => {
    const chip = await openChip(createChip('passport-td3', { faults: { tamper: { dataGroup: 2 } } }), [chipProfiles['passport-td3'].mrzKey]);
    const sod = parseSod(await chip.read(EF_SOD));
    const dg1 = await chip.read(EF_DG[1]!);
    const dg2 = await chip.read(EF_DG[2]!);
    expect(dataGroupHash(sod.digestAlgorithm.name, dg1)).toEqual(sod.dataGroupHashes.get(1));
    expect(dataGroupHash(sod.digestAlgorithm.name, dg2)).not.toEqual(sod.dataGroupHashes.get(2));
  });

  it('loses the card at the n-th APDU and lets it come back after power-on', async () => {
    const simulator = createChip('cccd');
    const key = chipProfiles.cccd.mrzKey;
    const chip = await openChip(simulator, [key]);
    simulator.faults.loseCardAtApdu(2);
    await expect(chip.read(EF_DG[2]!)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    await expect(simulator.transmit(Uint8Array.of(0, 0xa4, 0, 0))).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    const again = await openChip(simulator, [key]);
    expect((await again.read(EF_DG[1]!))[0]).toBe(0x61);
  });

  it('makes the reader see a secure-messaging failure when the chip sends a wrong MAC', async () => {
    const simulator = createChip('passport-td3');
    const chip = await openChip(simulator, [chipProfiles['passport-td3'].mrzKey]);
    simulator.faults.corruptNextMac();
    await expect(chip.read(EF_DG[1]!)).rejects.toMatchObject({ code: 'SM_ERROR' });
  });

  it('answers random commands to the real protocols with a status word, never an exception', async () => {
    const simulator = createChip('cccd');
    simulator.powerOn();
    const header = fc.tuple(fc.constantFrom(0x00, 0x0c, 0x10), fc.constantFrom(0x22, 0x86, 0x84, 0x82, 0x88, 0xa4, 0xb0, 0xb1), fc.constantFrom(0x00, 0x41, 0xc1), fc.constantFrom(0x00, 0xa4, 0xa6, 0x0c));
    await fc.assert(
      fc.asyncProperty(header, fc.uint8Array({ maxLength: 120 }), async ([cla, ins, p1, p2], body) => {
        const response = await simulator.transmit(Uint8Array.of(cla, ins, p1, p2, ...body));
        expect(response.length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 400 },
    );
  });

  it('accounts modelled latency for a read without waiting for it', async () => {
    const latency = { perApduMs: 20, bitsPerSecond: 106_000, mode: 'modelled' } as const;
    const simulator = createChip('passport-td3', { latency });
    const chip = await openChip(simulator, [chipProfiles['passport-td3'].mrzKey]);
    const started = performance.now();
    await chip.read(EF_DG[2]!);
    const expected = simulator.stats.apdus * 20 + ((simulator.stats.bytesIn + simulator.stats.bytesOut) * 8 * 1000) / 106_000;
    expect(simulator.faults.modelledMs).toBeCloseTo(expected, 6);
    expect(simulator.faults.modelledMs).toBeGreaterThan(performance.now() - started);
  });
});
