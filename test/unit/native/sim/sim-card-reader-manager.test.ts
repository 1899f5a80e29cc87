import { describe, expect, it } from 'vitest';
import type { CardReader } from '../../../../native/hal/card-reader.ts';
import { CardRemovedError } from '../../../../native/hal/errors.ts';
import { SimCardReaderManager } from '../../../../native/sim/sim-card-reader-manager.ts';
import { fromHex } from '../../../../native/util/bytes.ts';
import { EchoCard } from '../../../helpers/echo-card.ts';

describe('SimCardReaderManager', () => {
  describe('addReader', () => {
    it('lists the reader and fires onDidAddReader', async () => {
      const manager = new SimCardReaderManager();
      await manager.ready();
      const added: CardReader[] = [];
      manager.onDidAddReader((reader) => added.push(reader));
      const reader = manager.addReader('Desk Reader', { extendedLengthSupported: false });
      expect(added).toEqual([reader]);
      expect(manager.readers).toEqual([reader]);
      expect(manager.get('Desk Reader')).toBe(reader);
      expect(reader.extendedLengthSupported).toBe(false);
    });

    it('numbers unnamed readers and refuses a duplicate name', () => {
      const manager = new SimCardReaderManager();
      expect(manager.addReader().name).toBe('Simulated Reader 00');
      expect(manager.addReader().name).toBe('Simulated Reader 01');
      expect(() => manager.addReader('Simulated Reader 00')).toThrow(/already exists/);
    });
  });

  describe('removeReader', () => {
    it('fires onDidRemoveReader, reports the card removed and fails the open session with CardRemovedError', async () => {
      const manager = new SimCardReaderManager();
      const reader = manager.addReader('Gate Reader');
      reader.insertCard(new EchoCard());
      const session = await reader.connect();
      const events: string[] = [];
      reader.onDidRemoveCard(() => events.push('card removed'));
      manager.onDidRemoveReader(({ name }) => events.push(`reader removed: ${name}`));
      manager.removeReader('Gate Reader');
      expect(events).toEqual(['card removed', 'reader removed: Gate Reader']);
      expect(manager.readers).toEqual([]);
      await expect(session.transmit(fromHex('00A4040C00'))).rejects.toBeInstanceOf(CardRemovedError);
    });
  });

  describe('dispose', () => {
    it('disposes every reader and refuses new ones', async () => {
      const manager = new SimCardReaderManager();
      const reader = manager.addReader();
      manager.dispose();
      await expect(reader.connect()).rejects.toMatchObject({ code: 'READER_GONE' });
      expect(() => manager.addReader()).toThrow(/disposed/);
    });
  });
});
