// The CardReader contract (native/hal/card-reader.ts), written once and run against every
// implementation: SimCardReader in the unit tests, PcscCardReader through pcscd + vpcd in the peer
// tests (STYLE.md: node-serialport's testBinding). A behaviour that differs between them is a bug.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CardPresence, CardReader, CardSession } from '../../native/hal/card-reader.ts';
import { CardRemovedError, DeviceTimeoutError, DeviceUnavailableError, KioskError } from '../../native/hal/errors.ts';
import { concat, fromHex, toHex } from '../../native/util/bytes.ts';
import { ECHO_CARD_ATR, EchoCard, pattern } from '../helpers/echo-card.ts';

/** What a test run needs from an implementation: the reader under test and hands to move a card. */
export interface CardReaderHarness {
  readonly reader: CardReader;
  /** Puts `card` in the field; resolves once the card is offered (the reader may notice a little later). */
  insert(card: EchoCard): Promise<void>;
  /** Takes the card out of the field; resolves once it is out (the reader may notice a little later). No-op without a card. */
  remove(): Promise<void>;
}

export interface CardReaderContractOptions {
  /** Longest time the implementation takes to notice an insertion or removal. */
  readonly presenceTimeoutMs: number;
}

const SELECT = fromHex('00A4040C07A0000002471001');
const STATE = fromHex('005A000001');

/**
 * Defines the suite `CardReader contract (<name>)`. `harness` is called once before the tests; every
 * test leaves the reader empty with no open session.
 */
export function cardReaderContract(name: string, harness: () => Promise<CardReaderHarness>, options: CardReaderContractOptions): void {
  describe(`CardReader contract (${name})`, () => {
    let h: CardReaderHarness;
    let reader: CardReader;
    const sessions: CardSession[] = [];
    const timeout = options.presenceTimeoutMs;

    beforeAll(async () => {
      h = await harness();
      reader = h.reader;
    });

    afterEach(async () => {
      await Promise.all(sessions.splice(0).map((session) => session.close()));
      await h.remove();
      await until(() => !reader.cardPresent, timeout, 'the reader to report the card removed');
    });

    /** Inserts a fresh EchoCard and waits until the reader reports it. */
    async function insertCard(card = new EchoCard()): Promise<EchoCard> {
      const present = reader.waitForCard(timeout);
      await h.insert(card);
      await present;
      return card;
    }

    async function open(exclusive?: boolean): Promise<CardSession> {
      const session = await reader.connect(exclusive === undefined ? {} : { exclusive });
      sessions.push(session);
      return session;
    }

    describe('card presence', () => {
      it('reports no card while the reader is empty', () => {
        expect(reader.cardPresent).toBe(false);
      });

      it('fires onDidInsertCard with the reader name and the ATR when a card arrives', async () => {
        const inserted = nextEvent(reader.onDidInsertCard, timeout);
        await h.insert(new EchoCard());
        const presence = await inserted;
        expect(presence.readerName).toBe(reader.name);
        expect(toHex(presence.atr)).toBe(toHex(ECHO_CARD_ATR));
        expect(reader.cardPresent).toBe(true);
      });

      it('fires onDidRemoveCard when the card leaves', async () => {
        await insertCard();
        const removed = nextEvent(reader.onDidRemoveCard, timeout);
        await h.remove();
        expect((await removed).readerName).toBe(reader.name);
        expect(reader.cardPresent).toBe(false);
      });
    });

    describe('waitForCard', () => {
      it('resolves at once with the card already present', async () => {
        await insertCard();
        const presence = await reader.waitForCard(50);
        expect(toHex(presence.atr)).toBe(toHex(ECHO_CARD_ATR));
      });

      it('resolves when a card is inserted later', async () => {
        const waiting = reader.waitForCard(timeout);
        await delay(50);
        await h.insert(new EchoCard());
        const presence: CardPresence = await waiting;
        expect(presence.readerName).toBe(reader.name);
      });

      it('rejects with DeviceTimeoutError TIMEOUT when no card comes in time', async () => {
        const error = await reader.waitForCard(150).catch((err: unknown) => err);
        expect(error).toBeInstanceOf(DeviceTimeoutError);
        expect((error as KioskError).code).toBe('TIMEOUT');
      });
    });

    describe('connect', () => {
      it('rejects with KioskError NO_CARD when the reader is empty', async () => {
        const error = await reader.connect().catch((err: unknown) => err);
        expect(error).toBeInstanceOf(KioskError);
        expect((error as KioskError).code).toBe('NO_CARD');
        expect((error as KioskError).userMessageKey).toBe('NO_CARD');
      });

      it('opens a session that carries the card ATR', async () => {
        await insertCard();
        const session = await open();
        expect(toHex(session.atr)).toBe(toHex(ECHO_CARD_ATR));
      });

      it('holds the card exclusively: a second connect is refused with READER_BUSY until the session closes', async () => {
        await insertCard();
        const first = await open(true);
        const error = await reader.connect().catch((err: unknown) => err);
        expect(error).toBeInstanceOf(DeviceUnavailableError);
        expect((error as KioskError).code).toBe('READER_BUSY');
        await first.close();
        const second = await open();
        expect(await second.transmit(SELECT)).toEqual(fromHex('9000'));
      });
    });

    describe('transmit', () => {
      it('exchanges a command APDU for the response data and status word', async () => {
        await insertCard();
        const session = await open();
        expect(await session.transmit(SELECT)).toEqual(fromHex('9000'));
        expect(await session.transmit(fromHex('00EE000003CAFE01'))).toEqual(fromHex('CAFE019000'));
      });

      it('carries an extended-length response of 1000 bytes', async () => {
        await insertCard();
        const session = await open();
        const response = await session.transmit(fromHex('00E003E80003E8'));
        expect(response).toEqual(concat(pattern(1000), fromHex('9000')));
      });

      it('carries an extended-length command of 1000 data bytes', async () => {
        await insertCard();
        const session = await open();
        const data = pattern(1000);
        const response = await session.transmit(concat(fromHex('00EE0000' + '0003E8'), data));
        expect(response).toEqual(concat(data, fromHex('9000')));
      });

      it('rejects with CardRemovedError once the card has left', async () => {
        await insertCard();
        const session = await open();
        const removed = nextEvent(reader.onDidRemoveCard, timeout);
        await h.remove();
        await removed;
        const error = await session.transmit(SELECT).catch((err: unknown) => err);
        expect(error).toBeInstanceOf(CardRemovedError);
        expect((error as KioskError).code).toBe('CARD_REMOVED');
      });

      it('rejects with CardRemovedError when the card leaves during the exchange, and reports the removal', async () => {
        const card = await insertCard();
        const session = await open();
        const removed = nextEvent(reader.onDidRemoveCard, timeout);
        card.removeOnNextCommand = true;
        const error = await session.transmit(SELECT).catch((err: unknown) => err);
        expect(error).toBeInstanceOf(CardRemovedError);
        await removed;
      });

      it('keeps a session dead after its card left, even when another card arrives', async () => {
        await insertCard();
        const session = await open();
        const removed = nextEvent(reader.onDidRemoveCard, timeout);
        await h.remove();
        await removed;
        await insertCard();
        await expect(session.transmit(SELECT)).rejects.toBeInstanceOf(CardRemovedError);
      });

      it('rejects with DeviceUnavailableError SESSION_CLOSED after close, and close is idempotent', async () => {
        await insertCard();
        const session = await open();
        await session.close();
        await session.close();
        const error = await session.transmit(SELECT).catch((err: unknown) => err);
        expect(error).toBeInstanceOf(DeviceUnavailableError);
        expect((error as KioskError).code).toBe('SESSION_CLOSED');
      });
    });

    describe('reset', () => {
      it('restarts the card, losing its session state, and resolves with the ATR', async () => {
        await insertCard();
        const session = await open();
        await session.transmit(SELECT);
        expect(await session.transmit(STATE)).toEqual(fromHex('019000'));
        const atr = await session.reset();
        expect(toHex(atr)).toBe(toHex(ECHO_CARD_ATR));
        expect(await session.transmit(STATE)).toEqual(fromHex('009000'));
      });
    });
  });
}

function nextEvent<T>(event: (listener: (value: T) => void) => { dispose(): void }, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`event not fired within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = event((value) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(10);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
