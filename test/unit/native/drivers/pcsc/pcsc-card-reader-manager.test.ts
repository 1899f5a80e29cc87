import { describe, expect, it } from 'vitest';
import { PcscCardReaderManager } from '../../../../../native/drivers/pcsc/pcsc-card-reader-manager.ts';
import type { PcscLogger } from '../../../../../native/drivers/pcsc/pcsc-card-reader.ts';
import { SCARD } from '../../../../../native/drivers/pcsc/pcsc-errors.ts';
import type { CardReader } from '../../../../../native/hal/card-reader.ts';
import { DeviceUnavailableError } from '../../../../../native/hal/errors.ts';
import type { KioskError } from '../../../../../native/hal/errors.ts';
import { EchoCard } from '../../../../helpers/echo-card.ts';
import { fakePcscLite, pcscError } from './fake-pcsc-lite.ts';

const silent: PcscLogger = { warn: () => undefined };

describe('PcscCardReaderManager', () => {
  describe('ready', () => {
    it('does not load pcsclite before ready() is called', () => {
      let loads = 0;
      const manager = new PcscCardReaderManager({
        loader: () => {
          loads++;
          throw new Error('not expected');
        },
      });
      expect(manager.readers).toEqual([]);
      expect(loads).toBe(0);
      manager.dispose();
    });

    it('rejects with PCSC_NOT_INSTALLED, naming the Debian packages, when pcsclite cannot be loaded', async () => {
      const missing = Object.assign(new Error("Cannot find module 'pcsclite'"), { code: 'MODULE_NOT_FOUND' });
      const manager = new PcscCardReaderManager({
        loader: () => {
          throw missing;
        },
      });
      const error = (await manager.ready().catch((err: unknown) => err)) as KioskError;
      expect(error).toBeInstanceOf(DeviceUnavailableError);
      expect(error.code).toBe('PCSC_NOT_INSTALLED');
      expect(error.userMessageKey).toBe('PCSC_NOT_INSTALLED');
      expect(error.message).toContain('pcscd');
      expect(error.message).toContain('libpcsclite-dev');
      expect(error.message).toMatch(/reinstall/);
      expect(error.cause).toBe(missing);
    });

    it('rejects with PCSC_UNAVAILABLE, naming pcscd, when the daemon is not running', async () => {
      const manager = new PcscCardReaderManager({
        loader: () => () => {
          throw pcscError('SCardEstablishContext', SCARD.E_NO_SERVICE);
        },
      });
      const error = (await manager.ready().catch((err: unknown) => err)) as KioskError;
      expect(error.code).toBe('PCSC_UNAVAILABLE');
      expect(error.message).toContain('pcscd');
    });

    it('resolves with the initial readers and their card presence known', async () => {
      const card = new EchoCard();
      const fake = fakePcscLite((context) => {
        context.addReader('Reader A');
        context.addReader('Reader B').insertCard(card);
      });
      const manager = new PcscCardReaderManager({ loader: fake.loader, logger: silent });
      await manager.ready();
      expect(manager.readers.map((reader) => [reader.name, reader.cardPresent])).toEqual([
        ['Reader A', false],
        ['Reader B', true],
      ]);
      manager.dispose();
    });

    it('resolves with no readers after the settle time when pcscd announces none', async () => {
      const fake = fakePcscLite();
      const manager = new PcscCardReaderManager({ loader: fake.loader, logger: silent, settleMs: 20 });
      await manager.ready();
      expect(manager.readers).toEqual([]);
      manager.dispose();
    });

    it('opens a single context however often it is called', async () => {
      const fake = fakePcscLite();
      const manager = new PcscCardReaderManager({ loader: fake.loader, logger: silent, settleMs: 10 });
      await Promise.all([manager.ready(), manager.ready()]);
      await manager.ready();
      expect(fake.contexts).toHaveLength(1);
      manager.dispose();
    });
  });

  describe('hot-plug', () => {
    it('fires onDidAddReader and onDidRemoveReader as readers come and go', async () => {
      const fake = fakePcscLite();
      const manager = new PcscCardReaderManager({ loader: fake.loader, logger: silent, settleMs: 10 });
      await manager.ready();
      const context = fake.contexts[0];
      if (context === undefined) throw new Error('no context');

      const added = new Promise<CardReader>((resolve) => manager.onDidAddReader(resolve));
      context.addReader('USB Reader');
      expect((await added).name).toBe('USB Reader');
      expect(manager.readers.map((reader) => reader.name)).toEqual(['USB Reader']);

      const removed = new Promise<{ name: string }>((resolve) => manager.onDidRemoveReader(resolve));
      context.removeReader('USB Reader');
      expect((await removed).name).toBe('USB Reader');
      expect(manager.readers).toEqual([]);
      manager.dispose();
    });
  });

  describe('dispose', () => {
    it('closes every reader and the context', async () => {
      const fake = fakePcscLite((context) => {
        context.addReader('Reader A');
        context.addReader('Reader B');
      });
      const manager = new PcscCardReaderManager({ loader: fake.loader, logger: silent });
      await manager.ready();
      const context = fake.contexts[0];
      manager.dispose();
      expect(context?.closed).toBe(true);
      expect([...(context?.readers.values() ?? [])].map((reader) => reader.closed)).toEqual([true, true]);
      expect(manager.readers).toEqual([]);
    });

    it('makes a ready() still in progress reject with READER_GONE and closes what it opened', async () => {
      const fake = fakePcscLite((context) => context.addReader('Reader A'));
      const manager = new PcscCardReaderManager({ loader: fake.loader, logger: silent });
      const ready = manager.ready().catch((err: unknown) => err);
      manager.dispose();
      expect(((await ready) as KioskError).code).toBe('READER_GONE');
      expect(fake.contexts[0]?.readers.get('Reader A')?.closed).toBe(true);
    });
  });
});
