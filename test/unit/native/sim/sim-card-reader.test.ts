import { describe, expect, it } from 'vitest';
import { SimCardReader } from '../../../../native/sim/sim-card-reader.ts';
import { CardRemovedError, DeviceUnavailableError, KioskError } from '../../../../native/hal/errors.ts';
import { concat, fromHex } from '../../../../native/util/bytes.ts';
import { cardReaderContract } from '../../../contract/card-reader.contract.ts';
import { EchoCard, pattern } from '../../../helpers/echo-card.ts';

cardReaderContract(
  'SimCardReader',
  async () => {
    const reader = new SimCardReader('Sim Contract Reader');
    return {
      reader,
      insert: async (card) => reader.insertCard(card),
      remove: async () => reader.removeCard(),
    };
  },
  { presenceTimeoutMs: 1000 },
);

describe('SimCardReader', () => {
  describe('insertCard', () => {
    it('powers the card on and replaces a card already in the field, reporting its removal', () => {
      const reader = new SimCardReader();
      const events: string[] = [];
      reader.onDidInsertCard(() => events.push('insert'));
      reader.onDidRemoveCard(() => events.push('remove'));
      const first = new EchoCard();
      const second = new EchoCard();
      reader.insertCard(first);
      reader.insertCard(second);
      expect(events).toEqual(['insert', 'remove', 'insert']);
      expect(second.powerOnCount).toBe(1);
      expect(reader.card).toBe(second);
    });
  });

  describe('transmit', () => {
    it('answers an extended command with 6700 on a short-APDU-only reader, without reaching the card', async () => {
      const reader = new SimCardReader('short only', { extendedLengthSupported: false });
      const card = new EchoCard();
      reader.insertCard(card);
      const session = await reader.connect();
      expect(session.extendedLengthSupported).toBe(false);
      const before = card.commandCount;
      expect(await session.transmit(fromHex('00E003E80003E8'))).toEqual(fromHex('6700'));
      expect(card.commandCount).toBe(before);
      expect(await session.transmit(fromHex('00E0000A0A'))).toEqual(concat(pattern(10), fromHex('9000')));
    });

    it('reports extended length as supported by default', async () => {
      const reader = new SimCardReader();
      reader.insertCard(new EchoCard());
      expect((await reader.connect()).extendedLengthSupported).toBe(true);
    });

    it('rejects a command shorter than a header with INVALID_INPUT', async () => {
      const reader = new SimCardReader();
      reader.insertCard(new EchoCard());
      const session = await reader.connect();
      const error = await session.transmit(fromHex('00A4')).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(KioskError);
      expect((error as KioskError).code).toBe('INVALID_INPUT');
    });

    it('rejects with CardRemovedError when the card leaves during the added latency', async () => {
      const reader = new SimCardReader('slow', { latencyMs: 30 });
      reader.insertCard(new EchoCard());
      const session = await reader.connect();
      const pending = session.transmit(fromHex('00A4040C00'));
      reader.removeCard();
      await expect(pending).rejects.toBeInstanceOf(CardRemovedError);
    });

    it('hands the card a copy, so that a card keeping the buffer cannot see later changes', async () => {
      const reader = new SimCardReader();
      const seen: Uint8Array[] = [];
      const card = new EchoCard();
      const original = card.transmit.bind(card);
      card.transmit = (command) => {
        seen.push(command);
        return original(command);
      };
      reader.insertCard(card);
      const session = await reader.connect();
      const command = fromHex('00EE000001AA');
      await session.transmit(command);
      command.fill(0);
      expect(seen[0]).toEqual(fromHex('00EE000001AA'));
    });
  });

  describe('dispose', () => {
    it('closes an open session, ends a pending waitForCard and refuses new connections with READER_GONE', async () => {
      const reader = new SimCardReader();
      const waiting = reader.waitForCard(10_000).catch((err: unknown) => err);
      reader.insertCard(new EchoCard());
      await waiting;
      const session = await reader.connect();
      reader.dispose();
      const transmitError = await session.transmit(fromHex('00A4040C00')).catch((err: unknown) => err);
      expect((transmitError as KioskError).code).toBe('SESSION_CLOSED');
      const connectError = await reader.connect().catch((err: unknown) => err);
      expect(connectError).toBeInstanceOf(DeviceUnavailableError);
      expect((connectError as KioskError).code).toBe('READER_GONE');
    });

    it('rejects a pending waitForCard with READER_GONE', async () => {
      const reader = new SimCardReader();
      const waiting = reader.waitForCard(10_000).catch((err: unknown) => err);
      reader.dispose();
      expect(((await waiting) as KioskError).code).toBe('READER_GONE');
    });
  });

  describe('unplug', () => {
    it('turns the open session into CardRemovedError, as a reader pulled out mid-read does', async () => {
      const reader = new SimCardReader();
      reader.insertCard(new EchoCard());
      const session = await reader.connect();
      const removed: string[] = [];
      reader.onDidRemoveCard((event) => removed.push(event.readerName));
      reader.unplug();
      expect(removed).toEqual([reader.name]);
      await expect(session.transmit(fromHex('00A4040C00'))).rejects.toBeInstanceOf(CardRemovedError);
      await session.close();
    });
  });
});
