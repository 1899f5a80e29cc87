import { describe, expect, it } from 'vitest';
import { ApduTransport } from '../../../../../native/card/apdu/apdu-transport.ts';
import { MalformedDataError } from '../../../../../native/card/errors.ts';
import { dataGroup, EF_COM } from '../../../../../native/card/lds/lds-files.ts';
import { encodeTlv } from '../../../../../native/card/lds/tlv.ts';
import { BinaryReader, PartialFile, SessionLostError, shortLeLimit, type ReadProgress } from '../../../../../native/card/reader/binary-reader.ts';
import { ReadCapabilityCache } from '../../../../../native/card/reader/read-capabilities.ts';
import { FakeFileCard } from '../../../../helpers/fake-file-card.ts';

function pseudoRandom(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const dg2 = encodeTlv(0x75, pseudoRandom(20_000));
const com = encodeTlv(0x60, Uint8Array.of(0x5f, 0x01, 0x04, 0x30, 0x31, 0x30, 0x37));

function setup(options: { extended?: boolean; maxExtendedLe?: number; sfi?: boolean; extendedAllowed?: boolean }) {
  const card = new FakeFileCard({ files: new Map([[0x0102, dg2], [0x011e, com]]), ...options });
  const transport = new ApduTransport(card);
  const capability = new ReadCapabilityCache().get('ATR');
  const progress: ReadProgress[] = [];
  const reader = new BinaryReader(transport, { capability, extendedAllowed: options.extendedAllowed ?? true, onProgress: (p) => progress.push(p) });
  return { card, transport, capability, progress, reader };
}

async function readAll(reader: BinaryReader, partial: PartialFile): Promise<{ bytes: Uint8Array; sessionLosses: number }> {
  let sessionLosses = 0;
  for (;;) {
    try {
      return { bytes: await reader.read(partial), sessionLosses };
    } catch (err) {
      if (!(err instanceof SessionLostError) || ++sessionLosses > 10) throw err;
      partial.selected = false;
    }
  }
}

describe('BinaryReader', () => {
  describe('shortLeLimit', () => {
    it('fits a 3DES-protected answer in 256 bytes with 231 plaintext bytes and an AES one with 223 (0xDF)', () => {
      expect(shortLeLimit(0)).toBe(256);
      expect(shortLeLimit(8)).toBe(231);
      expect(shortLeLimit(16)).toBe(0xdf);
    });
  });

  describe('read', () => {
    it('reads a 20 KB file in two extended APDUs when the card allows extended length', async () => {
      const { reader, card, capability, progress } = setup({ extended: true });
      const { bytes } = await readAll(reader, new PartialFile(dataGroup(2)));
      expect(bytes).toEqual(dg2);
      expect(card.log).toHaveLength(2);
      expect(capability.extendedLength).toBe(true);
      expect(progress.at(-1)).toEqual({ file: 'DG2', bytesRead: dg2.length, totalBytes: dg2.length });
    });

    it('asks for the whole file in the first APDU once extended length is known to work', async () => {
      const { reader, card, capability } = setup({ extended: true });
      capability.extendedLength = true;
      const { bytes } = await readAll(reader, new PartialFile(dataGroup(2)));
      expect(bytes).toEqual(dg2);
      expect(card.log).toHaveLength(1);
      expect(capability.extendedHead).toBe(true);
    });

    it('goes back to a short first read when a whole-file first read is refused', async () => {
      const { reader, card, capability } = setup({ extended: true, maxExtendedLe: 0x400 });
      capability.extendedLength = true;
      const { bytes } = await readAll(reader, new PartialFile(dataGroup(2)));
      expect(bytes).toEqual(dg2);
      expect(capability.extendedHead).toBe(false);
      expect(card.log[0]).toMatch(/ext$/);
    });

    it('drops to a smaller extended size when the card refuses a large Le, and remembers it', async () => {
      const { reader, capability, card } = setup({ extended: true, maxExtendedLe: 0x1000 });
      const { bytes } = await readAll(reader, new PartialFile(dataGroup(2)));
      expect(bytes).toEqual(dg2);
      expect(capability).toMatchObject({ extendedLength: true, maxExtendedLe: 0x400 });
      expect(card.log.length).toBeLessThan(Math.ceil(dg2.length / 0xdf) / 4);
    });

    it('steps down one rung at a time once extended length has worked', async () => {
      const { reader, capability } = setup({ extended: true, maxExtendedLe: 0x3000 });
      capability.extendedLength = true;
      await readAll(reader, new PartialFile(dataGroup(2)));
      expect(capability.maxExtendedLe).toBe(0x2000);
    });

    it('falls back to short APDUs on a short-only card and marks extended length unsupported', async () => {
      const { reader, card, capability } = setup({ extended: false });
      const { bytes } = await readAll(reader, new PartialFile(dataGroup(2)));
      expect(bytes).toEqual(dg2);
      expect(capability.extendedLength).toBe(false);
      expect(card.log.filter((l) => l.endsWith('ext'))).toHaveLength(2);
    });

    it('uses only short APDUs when extended length is not allowed', async () => {
      const { reader, card } = setup({ extended: true, extendedAllowed: false });
      await readAll(reader, new PartialFile(dataGroup(2)));
      expect(card.log.some((l) => l.endsWith('ext'))).toBe(false);
      expect(card.log.length).toBe(Math.ceil(dg2.length / 256));
    });

    it('selects the file when short EF identifiers are refused', async () => {
      const { reader, card, capability } = setup({ extended: true, sfi: false });
      const { bytes } = await readAll(reader, new PartialFile(EF_COM));
      expect(bytes).toEqual(com);
      expect(capability.shortFileId).toBe(false);
      expect(card.log.some((l) => l.startsWith('00 A4 02 0C'))).toBe(true);
    });

    it('reads beyond offset 32767 with the odd READ BINARY instruction', async () => {
      const big = encodeTlv(0x75, pseudoRandom(40_000, 3));
      const card = new FakeFileCard({ files: new Map([[0x0102, big]]), extended: false });
      const capability = new ReadCapabilityCache().get('ATR');
      const reader = new BinaryReader(new ApduTransport(card), { capability, extendedAllowed: false });
      const { bytes } = await readAll(reader, new PartialFile(dataGroup(2)));
      expect(bytes).toEqual(big);
      expect(card.log.some((l) => l.startsWith('00 B1'))).toBe(true);
    });

    it('rejects a file shorter than its TLV header claims', async () => {
      const truncated = encodeTlv(0x75, pseudoRandom(1000)).subarray(0, 600);
      const card = new FakeFileCard({ files: new Map([[0x0102, truncated]]), extended: false });
      const reader = new BinaryReader(new ApduTransport(card), { capability: new ReadCapabilityCache().get('A'), extendedAllowed: false });
      await expect(reader.read(new PartialFile(dataGroup(2)))).rejects.toBeInstanceOf(MalformedDataError);
    });

    it('continues a partially read file from its last offset', async () => {
      const { reader, card } = setup({ extended: false, extendedAllowed: false });
      const partial = new PartialFile(dataGroup(2));
      partial.totalBytes = dg2.length;
      partial.append(dg2.subarray(0, 10_000));
      const { bytes } = await readAll(reader, partial);
      expect(bytes).toEqual(dg2);
      expect(card.log[0]).toMatch(/^00 A4 02 0C/);
      expect(card.log.length).toBe(1 + Math.ceil(10_000 / 256));
    });
  });
});
