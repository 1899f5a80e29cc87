import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandApdu } from '../../../../../native/card/apdu/command-apdu.ts';
import { ResponseApdu } from '../../../../../native/card/apdu/response-apdu.ts';
import { parseAtr } from '../../../../../native/card/apdu/atr.ts';
import { encodeTlv } from '../../../../../native/card/lds/tlv.ts';
import { ChipSimulator, type ChipSimulatorOptions } from '../../../../../native/sim/chip/chip-simulator.ts';
import type { ChipFileContents } from '../../../../../native/sim/chip/chip-file-system.ts';
import { fromHex } from '../../../../../native/util/bytes.ts';
import { TransparentBac } from './transparent-protocols.ts';

const filler = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);

const FILES: ChipFileContents = {
  cardAccess: encodeTlv(0x31, filler(20, 1)),
  com: encodeTlv(0x60, filler(12, 2)),
  sod: encodeTlv(0x77, filler(300, 3)),
  dataGroups: {
    1: encodeTlv(0x61, filler(93, 4)),
    2: encodeTlv(0x75, filler(40_000, 5)),
    3: encodeTlv(0x63, filler(50, 6)),
  },
};

function chip(options: Partial<ChipSimulatorOptions> = {}): ChipSimulator {
  const c = new ChipSimulator({ files: FILES, protocols: { bac: () => new TransparentBac() }, ...options });
  c.powerOn();
  return c;
}

async function send(c: ChipSimulator, apdu: CommandApdu | string): Promise<ResponseApdu> {
  const bytes = typeof apdu === 'string' ? fromHex(apdu) : apdu.encode();
  return ResponseApdu.decode(await c.transmit(bytes));
}

const selectApplication = ' 00A4040C07A0000002471001';
const sm = (command: CommandApdu): CommandApdu => command.with({ cla: command.cla | 0x0c });
const readBinary = (offset: number, ne: number, extended = false) =>
  new CommandApdu({ cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, ne, extended });

async function unlocked(options: Partial<ChipSimulatorOptions> = {}): Promise<ChipSimulator> {
  const c = chip(options);
  expect((await send(c, selectApplication)).sw).toBe(0x9000);
  expect((await send(c, '0084000008')).sw).toBe(0x9000);
  const auth = await send(c, new CommandApdu({ cla: 0, ins: 0x82, p1: 0, p2: 0, data: new Uint8Array(40).fill(1), ne: 40 }));
  expect(auth.sw).toBe(0x9000);
  expect(c.secureMessagingActive).toBe(true);
  return c;
}

async function selectEf(c: ChipSimulator, fid: number, secured = false): Promise<number> {
  const command = new CommandApdu({ cla: 0, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(fid >> 8, fid & 0xff) });
  return (await send(c, secured ? sm(command) : command)).sw;
}

describe('ChipSimulator', () => {
  describe('powerOn', () => {
    it('announces extended length in the ATR unless the chip is short-APDU only', () => {
      expect(parseAtr(chip().atr).extendedLength).toBe(true);
      expect(parseAtr(chip({ faults: { shortApduOnly: true } }).atr).extendedLength).toBe(false);
    });

    it('refuses APDUs before power-on with CardRemovedError', async () => {
      const c = new ChipSimulator({ files: FILES });
      await expect(c.transmit(fromHex(selectApplication))).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    });
  });

  describe('SELECT', () => {
    it('selects the eMRTD application by AID and refuses an unknown one', async () => {
      const c = chip();
      expect((await send(c, selectApplication)).sw).toBe(0x9000);
      expect((await send(c, '00A4040C07A0000002471002')).sw).toBe(0x6a82);
    });

    it('selects the master file, or answers the configured failure', async () => {
      expect((await send(chip(), '00A4000C023F00')).sw).toBe(0x9000);
      expect((await send(chip({ selectMasterFile: 0x6d00 }), '00A4000C023F00')).sw).toBe(0x6d00);
      expect((await send(chip({ selectMasterFile: 0x6a82 }), '00A40000')).sw).toBe(0x6a82);
    });

    it('answers 6A82 for an EF the chip lacks', async () => {
      const c = chip();
      await send(c, selectApplication);
      expect(await selectEf(c, 0x010f)).toBe(0x6a82);
    });
  });

  describe('READ BINARY', () => {
    it('reads EF.CardAccess without authentication, even where SELECT MF fails', async () => {
      const c = chip({ selectMasterFile: 0x6d00 });
      expect(await selectEf(c, 0x011c)).toBe(0x9000);
      const r = await send(c, readBinary(0, 0x40));
      expect(r.sw).toBe(0x6282);
      expect(r.data).toEqual(FILES.cardAccess);
      const bySfi = await send(chip(), new CommandApdu({ cla: 0, ins: 0xb0, p1: 0x9c, p2: 0, ne: 4 }));
      expect(bySfi.sw).toBe(0x9000);
      expect(bySfi.data).toEqual(FILES.cardAccess!.subarray(0, 4));
    });

    it('denies the application files before BAC or PACE with 6982', async () => {
      const c = chip();
      await send(c, selectApplication);
      expect(await selectEf(c, 0x011e)).toBe(0x9000);
      expect((await send(c, readBinary(0, 4))).sw).toBe(0x6982);
      expect((await send(c, new CommandApdu({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, ne: 4 }))).sw).toBe(0x6982);
    });

    it('reads short, extended, by short EF identifier and with the odd INS under secure messaging', async () => {
      const c = await unlocked();
      const dg2 = FILES.dataGroups[2]!;
      const head = await send(c, sm(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0x82, p2: 0, ne: 4 })));
      expect(head.data).toEqual(dg2.subarray(0, 4));
      const extended = await send(c, sm(readBinary(4, 30_000)));
      expect(extended.sw).toBe(0x9000);
      expect(extended.data).toEqual(dg2.subarray(4, 30_004));
      const odd = await send(c, sm(new CommandApdu({ cla: 0, ins: 0xb1, p1: 0, p2: 0, data: fromHex('5403008000'), ne: 0x84 })));
      expect(odd.sw).toBe(0x9000);
      expect(odd.data).toEqual(encodeTlv(0x53, dg2.subarray(0x8000, 0x8000 + 129)));
    });

    it('returns what remains with 6282 when Le runs past the end, and 6B00 past the end', async () => {
      const c = await unlocked();
      expect(await selectEf(c, 0x0101, true)).toBe(0x9000);
      const dg1 = FILES.dataGroups[1]!;
      const tail = await send(c, sm(readBinary(90, 0x20)));
      expect(tail.sw).toBe(0x6282);
      expect(tail.data).toEqual(dg1.subarray(90));
      expect((await send(c, sm(readBinary(dg1.length, 1)))).sw).toBe(0x6b00);
      expect((await send(c, sm(readBinary(0x7000, 1)))).sw).toBe(0x6b00);
    });

    it('answers 6700 to a READ BINARY without Le and to one whose protected answer cannot fit a short response', async () => {
      const c = await unlocked();
      expect(await selectEf(c, 0x011d, true)).toBe(0x9000);
      expect((await send(c, sm(readBinary(0, 0)))).sw).toBe(0x6700);
      expect((await send(c, sm(readBinary(0, 256)))).sw).toBe(0x6700);
      expect((await send(c, sm(readBinary(0, 0xe0)))).sw).toBe(0x9000);
    });

    it('keeps DG3 behind EAC even after BAC', async () => {
      const c = await unlocked();
      expect((await send(c, sm(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0x83, p2: 0, ne: 4 })))).sw).toBe(0x6982);
    });
  });

  describe('secure messaging', () => {
    it('ends the session when a plain command arrives (6987) and denies reads afterwards', async () => {
      const c = await unlocked();
      expect((await send(c, readBinary(0, 4))).sw).toBe(0x6987);
      expect(c.secureMessagingActive).toBe(false);
      expect((await send(c, new CommandApdu({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, ne: 4 }))).sw).toBe(0x6982);
    });

    it('ends the session when a protected command fails its checks (6988)', async () => {
      const c = await unlocked();
      expect((await send(c, sm(new CommandApdu({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: Uint8Array.of(0xee, 0x01) })))).sw).toBe(0x6988);
      expect(c.secureMessagingActive).toBe(false);
    });

    it('refuses a wrong BAC cryptogram with 6300 and keeps the files closed', async () => {
      const c = chip();
      await send(c, selectApplication);
      await send(c, '0084000008');
      const r = await send(c, new CommandApdu({ cla: 0, ins: 0x82, p1: 0, p2: 0, data: new Uint8Array(40), ne: 40 }));
      expect(r.sw).toBe(0x6300);
      expect(c.secureMessagingActive).toBe(false);
    });

    it('refuses BAC on a PACE-only chip', async () => {
      const c = chip({ protocols: {} });
      await send(c, selectApplication);
      expect((await send(c, '0084000008')).sw).toBe(0x6d00);
      expect((await send(c, new CommandApdu({ cla: 0, ins: 0x82, p1: 0, p2: 0, data: new Uint8Array(40).fill(1), ne: 40 }))).sw).toBe(0x6982);
    });

    it('loses the session at power-off', async () => {
      const c = await unlocked();
      c.powerOff();
      c.powerOn();
      expect(c.secureMessagingActive).toBe(false);
    });
  });

  describe('malformed commands', () => {
    it('answers 6E00 to a foreign class, 6D00 to an unknown instruction and 6700 to a bad length', async () => {
      const c = chip();
      expect((await send(c, '80CA000000')).sw).toBe(0x6e00);
      expect((await send(c, '00CA000000')).sw).toBe(0x6d00);
      expect((await send(c, '00A4040C07A00000')).sw).toBe(0x6700);
      expect(ResponseApdu.decode(await c.transmit(Uint8Array.of(0x00, 0xb0))).sw).toBe(0x6700);
    });

    it('answers any byte string with a status word and never throws', async () => {
      const c = await unlocked();
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 300 }), fc.boolean(), async (bytes, fresh) => {
          if (fresh) c.powerOn();
          const response = await c.transmit(bytes);
          expect(response.length).toBeGreaterThanOrEqual(2);
          const sw1 = response[response.length - 2]!;
          expect(sw1 === 0x90 || (sw1 >= 0x61 && sw1 <= 0x6f)).toBe(true);
        }),
        { numRuns: 500 },
      );
    });

    it('counts APDUs and bytes in both directions', async () => {
      const c = chip();
      await send(c, selectApplication);
      expect(c.stats).toEqual({ apdus: 1, bytesIn: 12, bytesOut: 2 });
    });
  });
});
