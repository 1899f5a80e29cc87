// Whole reads of simulated chips that misbehave, or that a forger made: each fault ends in the right
// typed error or the right verdict, and every recoverable one still yields the genuine bytes.

import { describe, expect, it } from 'vitest';
import { parseAtr } from '../../native/card/apdu/atr.ts';
import { readDocument, type DocumentReadEvent } from '../../native/card/reader/document-reader.ts';
import { ReadCapabilityCache } from '../../native/card/reader/read-capabilities.ts';
import type { CardPresence, CardReader, CardSession, ConnectOptions } from '../../native/hal/card-reader.ts';
import { CardRemovedError } from '../../native/hal/errors.ts';
import { contactlessAtr } from '../../native/sim/chip/chip-atr.ts';
import { ChipSimulator } from '../../native/sim/chip/chip-simulator.ts';
import type { VirtualCard } from '../../native/sim/chip/virtual-card.ts';
import { cccdFiles, cccdProtocols } from '../../native/sim/profiles/cccd-profile.ts';
import { chipProfiles, createChip } from '../../native/sim/profiles/index.ts';
import { SimCardReader } from '../../native/sim/sim-card-reader.ts';
import { CommandLog, RecordedRead, testTrustStore } from './sim-read.ts';

const cccd = chipProfiles.cccd;
const passport = chipProfiles['passport-td3'];

/** The APDU number (1-based, as the chip counts them) of the middle DG2 chunk of an undisturbed short-APDU read. */
async function middleOfDg2(): Promise<number> {
  const run = new RecordedRead(createChip('cccd', { extendedLength: false }));
  await run.read({ keys: [cccd.canKey!] });
  const dg2 = run.trace.flatMap((entry, i) => (entry.step === 'read.DG2' ? [i + 1] : []));
  expect(dg2.length).toBeGreaterThan(10);
  return dg2[Math.floor(dg2.length / 2)]!;
}

/** A card whose every secure-messaging response carries a wrong MAC. */
function alwaysWrongMac(chip: ChipSimulator): VirtualCard {
  return {
    get atr() {
      return chip.atr;
    },
    powerOn: () => chip.powerOn(),
    powerOff: () => chip.powerOff(),
    transmit: (command) => {
      chip.faults.corruptNextMac();
      return chip.transmit(command);
    },
  };
}

/**
 * A reader whose presence lags the removal, as pcscd's does (it polls the slot): for `lagMs` after the
 * card left, `waitForCard` still resolves at once although `connect` finds no card.
 */
class LaggingPresenceReader implements CardReader {
  private removedAt = -Infinity;
  readonly name: string;
  readonly onDidInsertCard: CardReader['onDidInsertCard'];
  readonly onDidRemoveCard: CardReader['onDidRemoveCard'];

  constructor(
    private readonly inner: SimCardReader,
    private readonly lagMs: number,
  ) {
    this.name = inner.name;
    this.onDidInsertCard = inner.onDidInsertCard;
    this.onDidRemoveCard = inner.onDidRemoveCard;
    inner.onDidRemoveCard(() => (this.removedAt = performance.now()));
  }

  get cardPresent(): boolean {
    return this.inner.cardPresent || performance.now() - this.removedAt < this.lagMs;
  }

  connect(options?: ConnectOptions): Promise<CardSession> {
    return this.inner.connect(options);
  }

  waitForCard(timeoutMs: number): Promise<CardPresence> {
    if (!this.inner.cardPresent && this.cardPresent) return Promise.resolve({ readerName: this.name, atr: new Uint8Array(0) });
    return this.inner.waitForCard(timeoutMs);
  }

  dispose(): void {
    this.inner.dispose();
  }
}

describe('readDocument with faults', () => {
  describe('a cloned chip', () => {
    it('fails active and chip authentication on the CCCD, so the genuine data is not trusted', async () => {
      const result = await new RecordedRead(createChip('cccd', { faults: { clonedChip: true } })).read({ keys: [cccd.mrzKey], trustStore: testTrustStore() });

      expect(result.verification.passive.verdict).toBe('passed');
      expect(result.verification.active.verdict).toBe('failed');
      expect(result.verification.chip).toMatchObject({ verdict: 'failed', method: 'PACE-CAM' });
      expect(result.verification).toMatchObject({ assurance: 'CHIP_READ', trusted: false });
    });

    it('fails RSA active authentication on the passport', async () => {
      const result = await new RecordedRead(createChip('passport-td3', { faults: { clonedChip: true } })).read({ keys: [passport.mrzKey], trustStore: testTrustStore() });

      expect(result.verification.active.verdict).toBe('failed');
      expect(result.verification).toMatchObject({ assurance: 'CHIP_READ', trusted: false });
    });
  });

  it('fails passive authentication on a tampered DG2 and names DG2 the mismatch', async () => {
    const result = await new RecordedRead(createChip('cccd', { faults: { tamper: { dataGroup: 2 } } })).read({ keys: [cccd.mrzKey], trustStore: testTrustStore() });
    const hashes = result.verification.passive.detail?.dataGroupHashes;

    expect(result.verification.passive.verdict).toBe('failed');
    expect(hashes?.get(2)).toBe('mismatch');
    expect([1, 13, 14, 15].map((n) => hashes?.get(n))).toEqual(['match', 'match', 'match', 'match']);
    expect(result.verification).toMatchObject({ assurance: 'CHIP_READ', trusted: false });
  });

  describe('a wrong MAC', () => {
    it('is recovered from once by re-opening the chip, and the read is complete and trusted', async () => {
      const reference = await new RecordedRead(createChip('cccd')).read({ keys: [cccd.mrzKey] });
      const result = await new RecordedRead(createChip('cccd', { faults: { wrongMac: true } })).read({ keys: [cccd.mrzKey], trustStore: testTrustStore() });

      expect(result.apdu.resumes).toBeGreaterThanOrEqual(1);
      expect(result.verification).toMatchObject({ assurance: 'PA_AA_OR_CA', trusted: true });
      expect(result.files.get('DG2')).toEqual(reference.files.get('DG2'));
    });

    it('gives a typed SM_ERROR after a bounded number of re-openings when it persists', async () => {
      const run = new RecordedRead(alwaysWrongMac(createChip('cccd')));
      const error = await run.failure({ keys: [cccd.mrzKey] });

      expect(error).toMatchObject({ code: 'SM_ERROR' });
      const paceRuns = run.steps('pace.mseSetAt').length;
      expect(paceRuns).toBeGreaterThan(1);
      expect(paceRuns).toBeLessThanOrEqual(8);
    });
  });

  describe('a card lost mid-read', () => {
    it('resumes DG2 from where it stopped once the card is presented again, with the same bytes', async () => {
      const reference = await new RecordedRead(createChip('cccd', { extendedLength: false })).read({ keys: [cccd.canKey!] });
      const chip = createChip('cccd', { extendedLength: false, faults: { cardLostAtApdu: await middleOfDg2() } });
      const run = new RecordedRead(chip);
      const result = await run.read({
        keys: [cccd.canKey!],
        trustStore: testTrustStore(),
        resumeWithinMs: 2000,
        onEvent: (event) => {
          if (event.type === 'card-lost') setTimeout(() => run.reader.insertCard(chip), 20);
        },
      });

      const lost = run.events.find((event) => event.type === 'card-lost');
      expect(lost).toMatchObject({ type: 'card-lost', file: 'DG2' });
      expect(lost?.type === 'card-lost' && lost.bytesRead).toBeGreaterThan(0);
      expect(run.events.map((e) => e.type)).toContain('card-back');
      expect(result.apdu.resumes).toBeGreaterThanOrEqual(1);
      expect(result.files.get('DG2')).toEqual(reference.files.get('DG2'));
      expect(result.verification).toMatchObject({ assurance: 'PA_AA_OR_CA', trusted: true });
      // Resumed, not restarted: DG2 came in once, not once and a half.
      const dg2Bytes = run.steps('read.DG2').reduce((sum, entry) => sum + entry.responseBytes, 0);
      const referenceBytes = reference.files.get('DG2')!.length;
      expect(dg2Bytes).toBeLessThan(referenceBytes * 1.3);
    });

    it('waits out a reader that still lists the lost card, and reports the loss once', async () => {
      const chip = createChip('cccd', { extendedLength: false, faults: { cardLostAtApdu: await middleOfDg2() } });
      const inner = new SimCardReader('Lagging Reader 00');
      inner.insertCard(chip);
      const reader = new LaggingPresenceReader(inner, 400);
      const events: DocumentReadEvent[] = [];
      const result = await readDocument(reader, {
        keys: [cccd.canKey!],
        resumeWithinMs: 5000,
        onEvent: (event) => {
          events.push(event);
          if (event.type === 'card-lost') setTimeout(() => inner.insertCard(chip), 600);
        },
      });

      expect(events.filter((e) => e.type === 'card-lost' || e.type === 'card-back').map((e) => e.type)).toEqual(['card-lost', 'card-back']);
      expect(result.apdu.resumes).toBe(1);
      expect(result.files.get('DG2')).toEqual(chip.fileSystem.dataGroup(2)!.content);
    });

    it('gives CardRemovedError naming the step when the card is not back within resumeWithinMs', async () => {
      const chip = createChip('cccd', { extendedLength: false, faults: { cardLostAtApdu: await middleOfDg2() } });
      const error = await new RecordedRead(chip).failure({ keys: [cccd.canKey!], resumeWithinMs: 50 });

      expect(error).toBeInstanceOf(CardRemovedError);
      expect(error.step).toBe('read.DG2');
    });

    it('gives CardRemovedError at once when resuming is not wanted', async () => {
      const chip = createChip('passport-td3', { faults: { cardLostAtApdu: 12 } });
      const run = new RecordedRead(chip);
      const error = await run.failure({ keys: [passport.mrzKey], resumeWithinMs: 0 });

      expect(error).toBeInstanceOf(CardRemovedError);
      expect(run.events.filter((e) => e.type === 'card-lost')).toHaveLength(1);
    });
  });

  describe('short APDUs', () => {
    it('reads everything through a short-APDU-only reader without sending an extended APDU', async () => {
      const run = new RecordedRead(createChip('cccd'), { extendedLengthSupported: false });
      const result = await run.read({ keys: [cccd.mrzKey], trustStore: testTrustStore() });

      expect(result.verification).toMatchObject({ assurance: 'PA_AA_OR_CA', trusted: true });
      expect(run.trace.filter((entry) => entry.command.endsWith(' ext'))).toEqual([]);
      expect(run.trace.filter((entry) => entry.sw === '6700')).toEqual([]);
    });

    it('reads a chip without extended length without ever offering it one', async () => {
      const chip = new CommandLog(createChip('passport-td3', { extendedLength: false }));
      const result = await new RecordedRead(chip).read({ keys: [passport.mrzKey], trustStore: testTrustStore() });

      expect(result.verification).toMatchObject({ assurance: 'PA_AA_OR_CA', trusted: true });
      expect(chip.commands.length).toBeGreaterThan(20);
      expect(chip.extendedCommands).toBe(0);
    });

    it('learns that a chip whose ATR promises extended length refuses it, and skips the probing for the next card of that ATR', async () => {
      const liar = () => new ChipSimulator({ files: cccdFiles(), protocols: cccdProtocols(), extendedLength: false, atr: contactlessAtr(true) });
      const capabilities = new ReadCapabilityCache();
      const first = await new RecordedRead(liar()).read({ keys: [cccd.mrzKey], trustStore: testTrustStore(), capabilities });
      const second = await new RecordedRead(liar()).read({ keys: [cccd.mrzKey], trustStore: testTrustStore(), capabilities });

      expect(capabilities.get(parseAtr(contactlessAtr(true)).key).extendedLength).toBe(false);
      expect(first.apdu.resumes).toBeGreaterThanOrEqual(1);
      expect(second.apdu.resumes).toBe(0);
      expect(second.apdu.count).toBeLessThan(first.apdu.count);
      expect(second.files.get('DG2')).toEqual(first.files.get('DG2'));
      expect(second.verification.trusted).toBe(true);
    });
  });

  it('reads EF.CardAccess and runs PACE although SELECT MF is answered 6D00', async () => {
    const chip = createChip('cccd', { selectMasterFile: 0x6d00 });
    // A card type known to refuse short-EF-identifier reads: EF.CardAccess must be selected, MF first.
    const capabilities = new ReadCapabilityCache();
    capabilities.get(parseAtr(chip.atr).key).shortFileId = false;
    const run = new RecordedRead(chip);
    const result = await run.read({ keys: [cccd.canKey!], trustStore: testTrustStore(), capabilities });

    expect(run.steps('select.MF').map((entry) => entry.sw)).toEqual(['6D00']);
    expect(run.steps('select.CardAccess').map((entry) => entry.sw)).toEqual(['9000']);
    expect(result.files.has('CardAccess')).toBe(true);
    expect(result.access).toMatchObject({ method: 'PACE', mapping: 'CAM' });
    expect(result.verification.trusted).toBe(true);
  });
});
