import { describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../../../native/hal/device.ts';
import { DeviceUnavailableError } from '../../../../native/hal/errors.ts';
import { createChip } from '../../../../native/sim/profiles/index.ts';
import { SimReaderDevice } from '../../../../native/sim/sim-reader-device.ts';
import { EchoCard } from '../../../helpers/echo-card.ts';

function healthLog(device: SimReaderDevice): DeviceHealth[] {
  const log: DeviceHealth[] = [];
  device.onDidChangeHealth((h) => log.push(h));
  return log;
}

describe('SimReaderDevice', () => {
  describe('open', () => {
    it('is ready once opened with its reader plugged in', async () => {
      const device = new SimReaderDevice({ id: 'reader' });
      expect(device.health).toMatchObject({ state: 'absent', reason: 'NOT_CONNECTED' });

      await device.open();

      expect(device.health.state).toBe('ready');
      expect(device.reader?.name).toBe('Simulated Reader 00');
      expect(device).toMatchObject({ id: 'reader', role: 'cardReader', driver: 'sim' });
      device.dispose();
    });

    it('rejects with READER_NOT_FOUND and turns absent while unplugged', async () => {
      const device = new SimReaderDevice({ id: 'reader', startUnplugged: true });

      const error = await device.open().catch((err: unknown) => err);

      expect(error).toBeInstanceOf(DeviceUnavailableError);
      expect(error).toMatchObject({ code: 'READER_NOT_FOUND', userMessageKey: 'READER_UNAVAILABLE' });
      expect(device.health).toMatchObject({ state: 'absent', reason: 'READER_NOT_FOUND', detail: "no reader matches 'Simulated Reader 00' (readers: none)" });
      device.dispose();
    });
  });

  describe('hot-plug', () => {
    it('turns absent on unplug and ready on replug, without another open', async () => {
      const device = new SimReaderDevice({ id: 'reader' });
      await device.open();
      const log = healthLog(device);

      device.unplug();
      expect(device.reader).toBeUndefined();
      device.replug();

      expect(log.map((h) => `${h.state}${h.reason ? ` ${h.reason}` : ''}`)).toEqual(['absent READER_REMOVED', 'ready']);
      expect(device.reader?.name).toBe('Simulated Reader 00');
      device.dispose();
    });
  });

  describe('selfTest', () => {
    it('connects to the simulated CCCD and reports its ATR with timings', async () => {
      const chip = createChip('cccd');
      const device = new SimReaderDevice({ id: 'reader', card: chip });

      const result = await device.selfTest();

      expect(result.ok).toBe(true);
      expect(result.steps.map((s) => s.name)).toEqual(['reader', 'connect and ATR']);
      const hexAtr = Array.from(chip.atr, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
      expect(result.steps[1]?.detail).toBe(`ATR ${hexAtr}`);
      for (const step of result.steps) expect(step.ms).toBeGreaterThanOrEqual(0);
      expect(result.totalMs).toBeGreaterThanOrEqual(result.steps[0]!.ms);
      expect(result.userMessage).toBeUndefined();
      device.dispose();
    });

    it('passes with a note when there is no card: the reader answered', async () => {
      const device = new SimReaderDevice({ id: 'reader' });

      const result = await device.selfTest();

      expect(result.ok).toBe(true);
      expect(result.steps[1]).toMatchObject({ ok: true, detail: 'no card on the reader; nothing to connect to' });
      device.dispose();
    });

    it('is busy during the test and ready after it, releasing the card', async () => {
      const device = new SimReaderDevice({ id: 'reader', card: new EchoCard() });
      await device.open();
      const log = healthLog(device);

      await device.selfTest();

      expect(log.map((h) => h.state)).toEqual(['busy', 'ready']);
      const session = await device.reader!.connect();
      await session.close();
      device.dispose();
    });

    it('fails at the reader step, with the person-facing message, while unplugged', async () => {
      const device = new SimReaderDevice({ id: 'reader', startUnplugged: true });

      const result = await device.selfTest();

      expect(result.ok).toBe(false);
      expect(result.steps).toEqual([expect.objectContaining({ name: 'reader', ok: false, detail: expect.stringMatching(/^READER_NOT_FOUND: /) })]);
      expect(result.userMessage?.en).toBe('The card reader is not ready. Please call a technician.');
      device.dispose();
    });

    it('fails the connect step when another session holds the card', async () => {
      const device = new SimReaderDevice({ id: 'reader', card: new EchoCard() });
      await device.open();
      const held = await device.reader!.connect();

      const result = await device.selfTest();

      expect(result.ok).toBe(false);
      expect(result.steps[1]).toMatchObject({ name: 'connect and ATR', ok: false, detail: expect.stringMatching(/^READER_BUSY: /) });
      await held.close();
      device.dispose();
    });
  });

  describe('dispose', () => {
    it('rejects open afterwards with DEVICE_DISPOSED', async () => {
      const device = new SimReaderDevice({ id: 'reader' });
      device.dispose();

      await expect(device.open()).rejects.toMatchObject({ code: 'DEVICE_DISPOSED' });
    });
  });
});
