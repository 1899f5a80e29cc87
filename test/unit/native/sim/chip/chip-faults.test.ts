import { describe, expect, it } from 'vitest';
import { CommandApdu } from '../../../../../native/card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../../../../native/card/apdu/response-apdu.ts';
import { encodeTlv } from '../../../../../native/card/lds/tlv.ts';
import { ChipFaults, flipByte } from '../../../../../native/sim/chip/chip-faults.ts';
import { ChipSimulator } from '../../../../../native/sim/chip/chip-simulator.ts';
import { fromHex } from '../../../../../native/util/bytes.ts';
import { TransparentBac } from './transparent-protocols.ts';

const FILES = {
  com: encodeTlv(0x60, Uint8Array.of(1, 2, 3)),
  sod: encodeTlv(0x77, Uint8Array.of(4, 5, 6)),
  dataGroups: { 1: encodeTlv(0x61, new Uint8Array(90).fill(0x3c)), 2: encodeTlv(0x75, new Uint8Array(1000).fill(0x11)) },
};
const SELECT_APPLICATION = fromHex('00A4040C07A0000002471001');

describe('ChipFaults', () => {
  describe('latency', () => {
    it('accumulates per-APDU and per-byte time without waiting in modelled mode', async () => {
      const chip = new ChipSimulator({ files: FILES, faults: { latency: { perApduMs: 5, bitsPerSecond: 106_000, mode: 'modelled' } } });
      chip.powerOn();
      const started = performance.now();
      for (let i = 0; i < 100; i++) await chip.transmit(SELECT_APPLICATION);
      expect(performance.now() - started).toBeLessThan(400);
      const perExchangeMs = 5 + ((12 + 2) * 8 * 1000) / 106_000;
      expect(chip.faults.modelledMs).toBeCloseTo(100 * perExchangeMs, 6);
    });

    it('really waits in real mode', async () => {
      const chip = new ChipSimulator({ files: FILES, faults: { latency: { perApduMs: 30, bitsPerSecond: 0 } } });
      chip.powerOn();
      const started = performance.now();
      await chip.transmit(SELECT_APPLICATION);
      expect(performance.now() - started).toBeGreaterThanOrEqual(25);
      expect(chip.faults.modelledMs).toBe(30);
    });

    it('rejects a negative latency', () => {
      expect(() => new ChipFaults().setLatency({ perApduMs: -1, bitsPerSecond: 0 })).toThrow(RangeError);
    });
  });

  describe('card lost at APDU n', () => {
    it('rejects the n-th APDU and every later one with CardRemovedError until the next power-on', async () => {
      const chip = new ChipSimulator({ files: FILES, faults: { cardLostAtApdu: 3 } });
      chip.powerOn();
      await chip.transmit(SELECT_APPLICATION);
      await chip.transmit(SELECT_APPLICATION);
      await expect(chip.transmit(SELECT_APPLICATION)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
      await expect(chip.transmit(SELECT_APPLICATION)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
      chip.powerOn();
      expect(ResponseApdu.decode(await chip.transmit(SELECT_APPLICATION)).sw).toBe(0x9000);
    });

    it('can be armed at runtime', async () => {
      const chip = new ChipSimulator({ files: FILES });
      chip.powerOn();
      chip.faults.loseCardAtApdu(1);
      await expect(chip.transmit(SELECT_APPLICATION)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
      expect(() => chip.faults.loseCardAtApdu(0)).toThrow(RangeError);
    });
  });

  describe('tampered data group', () => {
    it('flips one byte of the data group and leaves the others alone', () => {
      const chip = new ChipSimulator({ files: FILES, faults: { tamper: { dataGroup: 2, offset: 500 } } });
      const dg2 = chip.fileSystem.dataGroup(2)!.content;
      expect(dg2.length).toBe(FILES.dataGroups[2].length);
      expect([...dg2].filter((b, i) => b !== FILES.dataGroups[2][i])).toHaveLength(1);
      expect(dg2[500]).toBe(0x10);
      expect(chip.fileSystem.dataGroup(1)!.content).toEqual(FILES.dataGroups[1]);
    });

    it('refuses an offset outside the file and a missing data group', () => {
      expect(() => flipByte(Uint8Array.of(1), 1)).toThrow(RangeError);
      expect(() => new ChipSimulator({ files: FILES }).tamperDataGroup(7)).toThrow(RangeError);
    });
  });

  describe('short APDUs only', () => {
    it('answers 6700 to an extended-length APDU and serves the same read in short form', async () => {
      const bac = new TransparentBac();
      const chip = new ChipSimulator({ files: FILES, protocols: { bac: () => bac }, faults: { shortApduOnly: true } });
      chip.powerOn();
      await chip.transmit(SELECT_APPLICATION);
      await chip.transmit(fromHex('0084000008'));
      await chip.transmit(new CommandApdu({ cla: 0, ins: 0x82, p1: 0, p2: 0, data: new Uint8Array(40).fill(1), ne: 40 }).encode());
      const extended = new CommandApdu({ cla: 0x0c, ins: 0xb0, p1: 0x82, p2: 0, ne: 1000 });
      expect(ResponseApdu.decode(await chip.transmit(extended.encode())).sw).toBe(0x6700);
      const short = ResponseApdu.decode(await chip.transmit(extended.with({ ne: 0xdf, extended: false }).encode()));
      expect(short.sw).toBe(0x9000);
      expect(short.data).toHaveLength(0xdf);
    });
  });

  describe('wrong MAC', () => {
    it('damages the next protected response only', async () => {
      const bac = new TransparentBac();
      const chip = new ChipSimulator({ files: FILES, protocols: { bac: () => bac } });
      chip.powerOn();
      await chip.transmit(SELECT_APPLICATION);
      await chip.transmit(fromHex('0084000008'));
      await chip.transmit(new CommandApdu({ cla: 0, ins: 0x82, p1: 0, p2: 0, data: new Uint8Array(40).fill(1), ne: 40 }).encode());
      chip.faults.corruptNextMac();
      const read = new CommandApdu({ cla: 0x0c, ins: 0xb0, p1: 0x81, p2: 0, ne: 4 }).encode();
      const damaged = ResponseApdu.decode(await chip.transmit(read));
      expect(damaged.data).not.toEqual(FILES.dataGroups[1].subarray(0, 4));
      const clean = ResponseApdu.decode(await chip.transmit(read));
      expect(clean.data).toEqual(FILES.dataGroups[1].subarray(0, 4));
      expect(bac.sm?.corruptNextMac).toBe(false);
    });
  });
});
