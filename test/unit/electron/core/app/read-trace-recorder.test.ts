// The recorder of the last chip read, on real reads of the simulated CCCD through the flow's card port:
// the trace lines the diagnostics screen shows, the timings, resumes after a lifted card, the error code
// of a failed read, and the bounds.

import { afterEach, describe, expect, it } from 'vitest';
import type { ApduTraceEntry } from '../../../../../native/card/apdu/apdu-transport.ts';
import { Emitter } from '../../../../../native/hal/event.ts';
import { chipProfiles, createChip } from '../../../../../native/sim/profiles/index.ts';
import { SimCardReader } from '../../../../../native/sim/sim-card-reader.ts';
import { ApduTraceLineSchema, LastReadViewSchema } from '../../../../../electron/contract/index.ts';
import { DocumentReaderCardPort } from '../../../../../electron/core/flows/adapters/document-reader-card-port.ts';
import type { CardPort, ChipRead, ChipReadEvent } from '../../../../../electron/core/flows/ports.ts';
import { atrHexOf, MAX_TRACE_LINES, ReadTraceRecorder, traceLineOf } from '../../../../../electron/core/app/read-trace-recorder.ts';
import { testTrustStore } from '../../../../helpers/central-fixture.ts';
import { dump, PERSONAL_STRINGS } from '../flows/flow-rig.ts';

const cccd = chipProfiles.cccd;
const ports: DocumentReaderCardPort[] = [];

afterEach(() => {
  for (const p of ports.splice(0)) p.dispose();
});

function rig(options: { resumeWithinMs?: number } = {}) {
  const reader = new SimCardReader('Simulated Reader 00');
  const recorder = new ReadTraceRecorder();
  const port = new DocumentReaderCardPort({ reader, trustStore: testTrustStore(), resumeWithinMs: options.resumeWithinMs ?? 2_000, trace: recorder.record });
  ports.push(port);
  return { reader, recorder, card: recorder.wrap(port) };
}

function read(card: CardPort, onEvent: (event: ChipReadEvent) => void = () => undefined): Promise<ChipRead> {
  return card.read({ keys: [cccd.mrzKey], signal: new AbortController().signal, onEvent });
}

describe('ReadTraceRecorder', () => {
  describe('on a real read of the simulated CCCD', () => {
    it('keeps a valid, data-free trace line per APDU with the access method and byte counts', async () => {
      const { reader, recorder, card } = rig();
      reader.insertCard(createChip('cccd'));

      const result = await read(card);
      const last = recorder.lastRead();

      expect(result.identity.documentType).toBe('CCCD');
      expect(LastReadViewSchema.parse(last)).toEqual(last);
      expect(last).toMatchObject({ ok: true, access: 'PACE', resumes: 0 });
      expect(last?.errorCode).toBeUndefined();
      expect(last!.trace.length).toBe(last!.apduCount);
      for (const line of last!.trace) expect(ApduTraceLineSchema.safeParse(line).success).toBe(true);
      expect(last!.trace.some((l) => l.step === 'read.DG2' && l.secureMessaging && l.sw === '9000')).toBe(true);
      expect(last!.bytesSent).toBe(last!.trace.reduce((sum, l) => sum + l.commandBytes, 0));
      expect(last!.bytesReceived).toBeGreaterThan(last!.bytesSent);
      // Headers, sizes and status words only: nothing that names or numbers the holder.
      const text = dump(last);
      for (const personal of PERSONAL_STRINGS) expect(text).not.toContain(personal);
    });

    it('times access, the holder and the whole read in that order', async () => {
      const { reader, recorder, card } = rig();
      reader.insertCard(createChip('cccd'));
      const seen: string[] = [];

      await read(card, (e) => seen.push(e.type));
      const timings = recorder.lastRead()?.timings;

      expect(seen).toContain('holder');
      expect(timings).toBeDefined();
      expect(timings!.accessMs).toBeGreaterThan(0);
      expect(timings!.holderMs).toBeGreaterThanOrEqual(timings!.accessMs);
      expect(timings!.totalMs).toBeGreaterThanOrEqual(timings!.holderMs);
    });

    it('counts a resume when the card is lifted mid-read and put back', async () => {
      const { reader, recorder, card } = rig();
      const chip = createChip('cccd', { extendedLength: false, faults: { cardLostAtApdu: 40 } });
      reader.insertCard(chip);

      await read(card, (e) => {
        if (e.type === 'card-lost') setTimeout(() => reader.insertCard(chip), 20);
      });

      expect(recorder.lastRead()).toMatchObject({ ok: true, resumes: 1 });
    });

    it('records the error code of a read whose card does not come back', async () => {
      const { reader, recorder, card } = rig({ resumeWithinMs: 50 });
      reader.insertCard(createChip('cccd', { extendedLength: false, faults: { cardLostAtApdu: 40 } }));
      let finished = 0;
      recorder.onDidFinishRead(() => finished++);

      await expect(read(card)).rejects.toMatchObject({ code: 'CARD_REMOVED' });

      const last = recorder.lastRead();
      expect(LastReadViewSchema.parse(last)).toEqual(last);
      expect(last).toMatchObject({ ok: false, errorCode: 'CARD_REMOVED' });
      expect(last!.apduCount).toBeGreaterThanOrEqual(39);
      expect(finished).toBe(1);
    });

    it('records the error code of a read the chip refuses (wrong keys)', async () => {
      const { reader, recorder, card } = rig();
      reader.insertCard(createChip('passport-td3'));

      await expect(read(card)).rejects.toMatchObject({ code: 'ACCESS_DENIED' });

      expect(recorder.lastRead()).toMatchObject({ ok: false, errorCode: 'ACCESS_DENIED' });
      expect(recorder.lastRead()?.access).toBeUndefined();
    });

    it('keeps only the last read, and gives each read its own lines when one waits for another', async () => {
      const { reader, recorder, card } = rig();
      reader.insertCard(createChip('cccd'));
      const finished: ReturnType<ReadTraceRecorder['lastRead']>[] = [];
      recorder.onDidFinishRead(() => finished.push(recorder.lastRead()));

      const [first, second] = await Promise.all([read(card), read(card)]);

      expect(first.identity.documentType).toBe('CCCD');
      expect(second.identity.documentType).toBe('CCCD');
      expect(finished).toHaveLength(2);
      expect(recorder.lastRead()).toBe(finished[1]);
      // Each read's lines are its own: from its first APDU (EF.CardAccess) through one access control
      // to its last file, none of the other read's.
      for (const r of finished) {
        expect(r!.trace[0]?.step).toMatch(/^read\.CardAccess/);
        expect(r!.trace.filter((l) => l.step === 'pace.mutualAuthenticate' && l.sw === '9000')).toHaveLength(1);
        expect(r!.trace).toHaveLength(r!.apduCount);
      }
      expect(finished[1]!.at).toBeGreaterThanOrEqual(finished[0]!.at);
    });
  });

  describe('bounds', () => {
    it('keeps the first and the last lines of a read longer than 2000 APDUs, and counts them all', async () => {
      const recorder = new ReadTraceRecorder();
      const inserted = new Emitter<void>();
      const entry = (i: number): ApduTraceEntry => ({ step: `read.${i}`, command: '0C B0 00 00 Lc=0 Le=223', secureMessaging: true, commandBytes: 20, responseBytes: 240, sw: '9000', ms: 0.5 });
      const port: CardPort = {
        cardPresent: true,
        onDidInsertCard: inserted.event,
        onDidRemoveCard: inserted.event,
        read: async () => {
          for (let i = 0; i < 5000; i++) recorder.record(entry(i));
          throw Object.assign(new Error('synthetic'), { code: 'CARD_REMOVED' });
        },
      };

      await expect(read(recorder.wrap(port))).rejects.toThrow('synthetic');
      const last = recorder.lastRead()!;

      expect(last.trace).toHaveLength(MAX_TRACE_LINES);
      expect(last.apduCount).toBe(5000);
      expect(last.bytesSent).toBe(100_000);
      expect(last.trace[0]?.step).toBe('read.0');
      expect(last.trace.at(-1)?.step).toBe('read.4999');
      expect(LastReadViewSchema.safeParse(last).success).toBe(true);
    });

    it('drops trace entries outside a read', () => {
      const recorder = new ReadTraceRecorder();
      recorder.record({ step: 'x', command: '00 A4 04 0C Lc=7 Le=0', secureMessaging: false, commandBytes: 12, responseBytes: 2, sw: '9000', ms: 1 });
      expect(recorder.lastRead()).toBeUndefined();
    });
  });

  describe('traceLineOf', () => {
    it('maps a card-stack entry to a contract line', () => {
      expect(traceLineOf({ step: 'read.DG1', command: '0C B0 00 00 Lc=0 Le=223 ext', secureMessaging: true, commandBytes: 21, responseBytes: 120, sw: '9000', ms: 1.234 })).toEqual({
        step: 'read.DG1',
        command: '0C B0 00 00 Lc=0 Le=223 ext',
        secureMessaging: true,
        commandBytes: 21,
        responseBytes: 120,
        sw: '9000',
        ms: 1.2,
      });
    });

    it('drops an entry whose command is not a plain header, rather than show bytes that may be data', () => {
      expect(traceLineOf({ step: 'x', command: '00 A4 04 0C A0 00 00 02 47 10 01', secureMessaging: false, commandBytes: 12, responseBytes: 2, sw: '9000', ms: 1 })).toBeUndefined();
    });

    it('cuts a long step and blanks a status word that is not one', () => {
      const line = traceLineOf({ step: 's'.repeat(200), command: '00 84 00 00 Lc=0 Le=8', secureMessaging: false, commandBytes: 5, responseBytes: 0, sw: 'timeout', ms: -3 });
      expect(line).toMatchObject({ sw: '', ms: 0 });
      expect(line?.step.length).toBe(80);
    });
  });

  describe('atrHexOf', () => {
    it('reads bytes or hex text and refuses what is not an ATR', () => {
      expect(atrHexOf(Uint8Array.of(0x3b, 0x8a, 0x80))).toBe('3B8A80');
      expect(atrHexOf('3b 8a 80')).toBe('3B8A80');
      expect(atrHexOf('')).toBeUndefined();
      expect(atrHexOf('zz')).toBeUndefined();
      expect(atrHexOf('00'.repeat(41))).toBeUndefined();
    });
  });
});
