import { describe, expect, it } from 'vitest';
import { PcscCardReader } from '../../../../../native/drivers/pcsc/pcsc-card-reader.ts';
import type { PcscLogger } from '../../../../../native/drivers/pcsc/pcsc-card-reader.ts';
import { MAX_RESPONSE_LENGTH } from '../../../../../native/drivers/pcsc/pcsc-card-session.ts';
import { SCARD } from '../../../../../native/drivers/pcsc/pcsc-errors.ts';
import { CardRemovedError, DeviceUnavailableError, KioskError } from '../../../../../native/hal/errors.ts';
import { fromHex, toHex } from '../../../../../native/util/bytes.ts';
import { cardReaderContract } from '../../../../contract/card-reader.contract.ts';
import { ECHO_CARD_ATR, EchoCard } from '../../../../helpers/echo-card.ts';
import { FakePcscReader, pcscError } from './fake-pcsc-lite.ts';

const silent: PcscLogger = { warn: () => undefined };
const SELECT = fromHex('00A4040C00');

async function readerWithCard(): Promise<{ native: FakePcscReader; reader: PcscCardReader; card: EchoCard }> {
  const native = new FakePcscReader('Fake Reader 00');
  const reader = new PcscCardReader(native, silent);
  const card = new EchoCard();
  native.insertCard(card);
  await reader.waitForCard(1000);
  return { native, reader, card };
}

async function errorOf(promise: Promise<unknown>): Promise<KioskError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof KioskError)) throw new Error(`expected a KioskError, got ${String(error)}`);
  return error;
}

cardReaderContract(
  'PcscCardReader over a fake pcsclite',
  async () => {
    const native = new FakePcscReader('Fake Contract Reader');
    const reader = new PcscCardReader(native, silent);
    return {
      reader,
      insert: async (card) => native.insertCard(card),
      remove: async () => {
        if (native.card !== null) native.removeCard();
      },
    };
  },
  { presenceTimeoutMs: 1000 },
);

describe('PcscCardReader', () => {
  describe('card presence', () => {
    it('reports a swapped card (new ATR, no empty state in between) as a removal then an insertion', async () => {
      const { native, reader } = await readerWithCard();
      const events: string[] = [];
      reader.onDidRemoveCard(() => events.push('remove'));
      reader.onDidInsertCard(({ atr }) => events.push(`insert ${toHex(atr)}`));
      native.insertCard(new EchoCard(fromHex('3B8180018080')));
      await reader.waitForCard(100);
      await new Promise((resolve) => setImmediate(resolve));
      expect(events).toEqual(['remove', 'insert 3B8180018080']);
    });

    it('does not report a mute card (present, no ATR) as inserted', async () => {
      const native = new FakePcscReader('Fake Reader 00');
      const reader = new PcscCardReader(native, silent);
      native.emitStatus(native.SCARD_STATE_PRESENT | native.SCARD_STATE_MUTE);
      await reader.firstStatus(1000);
      expect(reader.cardPresent).toBe(false);
    });
  });

  describe('connect', () => {
    it('asks for an exclusive share by default and a shared one on request, offering T=0 and T=1', async () => {
      const { native, reader } = await readerWithCard();
      await (await reader.connect()).close();
      await (await reader.connect({ exclusive: false })).close();
      const protocols = native.SCARD_PROTOCOL_T0 | native.SCARD_PROTOCOL_T1;
      expect(native.calls.filter((call) => call.startsWith('connect'))).toEqual([
        `connect share=${native.SCARD_SHARE_EXCLUSIVE} protocol=${protocols}`,
        `connect share=${native.SCARD_SHARE_SHARED} protocol=${protocols}`,
      ]);
    });

    it('maps a sharing violation (another application holds the card) to READER_BUSY', async () => {
      const { native, reader } = await readerWithCard();
      native.heldElsewhere = true;
      const error = await errorOf(reader.connect());
      expect(error).toBeInstanceOf(DeviceUnavailableError);
      expect(error.code).toBe('READER_BUSY');
    });

    it('maps a stopped pcscd to PCSC_UNAVAILABLE naming pcscd', async () => {
      const { native, reader } = await readerWithCard();
      native.failNextConnect = pcscError('SCardConnect', SCARD.E_NO_SERVICE);
      const error = await errorOf(reader.connect());
      expect(error.code).toBe('PCSC_UNAVAILABLE');
      expect(error.message).toContain('pcscd');
    });

    it('maps an unresponsive card to CARD_UNRESPONSIVE with the unreadable-card message', async () => {
      const { native, reader } = await readerWithCard();
      native.failNextConnect = pcscError('SCardConnect', SCARD.W_UNRESPONSIVE_CARD);
      const error = await errorOf(reader.connect());
      expect(error.code).toBe('CARD_UNRESPONSIVE');
      expect(error.userMessageKey).toBe('CARD_UNREADABLE');
    });

    it('releases a handle left open by a failed disconnect before connecting again', async () => {
      const { native, reader } = await readerWithCard();
      native.connected = true;
      const session = await reader.connect();
      expect(native.calls.slice(-2)).toEqual([`disconnect ${native.SCARD_LEAVE_CARD}`, expect.stringMatching(/^connect/)]);
      await session.close();
    });
  });

  describe('transmit', () => {
    it('offers a receive buffer for the largest extended response (65536 + 2 bytes)', async () => {
      const { native, reader } = await readerWithCard();
      const session = await reader.connect();
      await session.transmit(SELECT);
      expect(native.transmitLengths).toEqual([MAX_RESPONSE_LENGTH]);
      expect(MAX_RESPONSE_LENGTH).toBe(65538);
      await session.close();
    });

    it.each([
      ['SCARD_W_REMOVED_CARD', SCARD.W_REMOVED_CARD],
      ['SCARD_E_NO_SMARTCARD', SCARD.E_NO_SMARTCARD],
      ['SCARD_E_READER_UNAVAILABLE', SCARD.E_READER_UNAVAILABLE],
      ['SCARD_E_NOT_TRANSACTED', SCARD.E_NOT_TRANSACTED],
    ])('turns %s into CardRemovedError and fails fast afterwards', async (_name, code) => {
      const { native, reader } = await readerWithCard();
      const session = await reader.connect();
      native.failNextTransmit = pcscError('SCardTransmit', code);
      await expect(session.transmit(SELECT)).rejects.toBeInstanceOf(CardRemovedError);
      const before = native.transmitLengths.length;
      await expect(session.transmit(SELECT)).rejects.toBeInstanceOf(CardRemovedError);
      expect(native.transmitLengths.length).toBe(before);
      await session.close();
    });

    it('keeps other PC/SC failures as DeviceUnavailableError PCSC_ERROR with the PC/SC text', async () => {
      const { native, reader } = await readerWithCard();
      const session = await reader.connect();
      native.failNextTransmit = pcscError('SCardTransmit', SCARD.E_TIMEOUT);
      const error = await errorOf(session.transmit(SELECT));
      expect(error).toBeInstanceOf(DeviceUnavailableError);
      expect(error.code).toBe('PCSC_ERROR');
      expect(error.message).toContain('0x8010000a');
      await session.close();
    });

    it('rejects a command shorter than an APDU header with INVALID_INPUT, without sending it', async () => {
      const { native, reader } = await readerWithCard();
      const session = await reader.connect();
      expect((await errorOf(session.transmit(fromHex('00A4')))).code).toBe('INVALID_INPUT');
      expect(native.transmitLengths).toEqual([]);
      await session.close();
    });

    it('fails the open session with CardRemovedError when the reader is unplugged', async () => {
      const { native, reader } = await readerWithCard();
      const session = await reader.connect();
      const removed = new Promise((resolve) => reader.onDidRemoveCard(resolve));
      native.close();
      await removed;
      await expect(session.transmit(SELECT)).rejects.toBeInstanceOf(CardRemovedError);
      expect((await errorOf(reader.connect())).code).toBe('READER_GONE');
      await session.close();
    });
  });

  describe('reset', () => {
    it('disconnects with SCARD_RESET_CARD and reconnects in the same share mode', async () => {
      const { native, reader, card } = await readerWithCard();
      const session = await reader.connect({ exclusive: false });
      const powerOns = card.powerOnCount;
      expect(toHex(await session.reset())).toBe(toHex(ECHO_CARD_ATR));
      expect(card.powerOnCount).toBe(powerOns + 1);
      expect(native.calls.slice(-2)).toEqual([`disconnect ${native.SCARD_RESET_CARD}`, expect.stringMatching(`^connect share=${native.SCARD_SHARE_SHARED} `)]);
      await session.close();
    });

    it('reports a card that left during the reset as CardRemovedError', async () => {
      const { native, reader } = await readerWithCard();
      const session = await reader.connect();
      native.failNextConnect = pcscError('SCardConnect', SCARD.E_NO_SMARTCARD);
      await expect(session.reset()).rejects.toBeInstanceOf(CardRemovedError);
      await session.close();
    });
  });

  describe('close', () => {
    it('leaves the card powered (SCARD_LEAVE_CARD), so that contactless readers report no spurious removal', async () => {
      const { native, reader } = await readerWithCard();
      const session = await reader.connect();
      await session.close();
      expect(native.calls.at(-1)).toBe(`disconnect ${native.SCARD_LEAVE_CARD}`);
    });
  });

  describe('dispose', () => {
    it('stops monitoring, closes the open session and rejects later connections with READER_GONE', async () => {
      const { native, reader } = await readerWithCard();
      const session = await reader.connect();
      reader.dispose();
      expect(native.closed).toBe(true);
      expect((await errorOf(session.transmit(SELECT))).code).toBe('SESSION_CLOSED');
      expect((await errorOf(reader.connect())).code).toBe('READER_GONE');
    });
  });
});
