import { describe, expect, it } from 'vitest';
import { SCARD } from '../../../../../native/drivers/pcsc/pcsc-errors.ts';
import { PcscReaderDevice } from '../../../../../native/drivers/pcsc/pcsc-reader-device.ts';
import type { PcscLiteLoader } from '../../../../../native/drivers/pcsc/pcsc-lite-binding.ts';
import type { DeviceHealth } from '../../../../../native/hal/device.ts';
import { EchoCard } from '../../../../helpers/echo-card.ts';
import { fakePcscLite, pcscError } from './fake-pcsc-lite.ts';

const silent = { warn: () => undefined };
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

function device(loader: PcscLiteLoader, readerName?: string): PcscReaderDevice {
  return new PcscReaderDevice({ id: 'reader', loader, logger: silent, settleMs: 10, ...(readerName ? { readerName } : {}) });
}

describe('PcscReaderDevice', () => {
  it('does not load pcsclite until opened', () => {
    let loads = 0;
    const reader = device(() => {
      loads++;
      throw new Error('not expected');
    });

    expect(reader.health.state).toBe('absent');
    expect(loads).toBe(0);
    reader.dispose();
  });

  it('opens the reader whose name contains the pattern, ignoring case', async () => {
    const fake = fakePcscLite((context) => {
      context.addReader('Generic USB Reader 00');
      context.addReader('ACS ACR1252 Dual Reader [ACR1252U PICC] 01');
    });
    const reader = device(fake.loader, 'acr1252');

    await reader.open();

    expect(reader.health.state).toBe('ready');
    expect(reader.reader?.name).toBe('ACS ACR1252 Dual Reader [ACR1252U PICC] 01');
    reader.dispose();
  });

  it('names the readers it saw when none matches', async () => {
    const fake = fakePcscLite((context) => context.addReader('Generic USB Reader 00'));
    const reader = device(fake.loader, 'ACR1252');

    await expect(reader.open()).rejects.toMatchObject({ code: 'READER_NOT_FOUND' });
    expect(reader.health).toMatchObject({ state: 'absent', reason: 'READER_NOT_FOUND', detail: "no reader matches 'ACR1252' (readers: 'Generic USB Reader 00')" });
    reader.dispose();
  });

  it('turns absent with the reason PCSC_UNAVAILABLE when pcscd is not running, and uses a fresh context on the next open', async () => {
    let up = false;
    const fake = fakePcscLite((context) => context.addReader('Reader A'));
    const loader: PcscLiteLoader = () => () => {
      if (!up) throw pcscError('SCardEstablishContext', SCARD.E_NO_SERVICE);
      return fake.loader()();
    };
    const reader = device(loader);

    await expect(reader.open()).rejects.toMatchObject({ code: 'PCSC_UNAVAILABLE' });
    expect(reader.health).toMatchObject({ state: 'absent', reason: 'PCSC_UNAVAILABLE' });
    up = true;
    await reader.open();

    expect(reader.health.state).toBe('ready');
    reader.dispose();
  });

  it('follows unplug and replug of the reader through hot-plug events', async () => {
    const fake = fakePcscLite((context) => context.addReader('Reader A'));
    const reader = device(fake.loader);
    await reader.open();
    const log: DeviceHealth[] = [];
    reader.onDidChangeHealth((h) => log.push(h));

    fake.contexts[0]!.removeReader('Reader A');
    await settle();
    fake.contexts[0]!.addReader('Reader A');
    await settle();

    expect(log.map((h) => `${h.state}${h.reason ? ` ${h.reason}` : ''}`)).toEqual(['absent READER_REMOVED', 'ready']);
    reader.dispose();
  });

  it('renews a context that sees no readers at all (one that outlived a pcscd restart)', async () => {
    const fake = fakePcscLite();
    const reader = device(fake.loader);
    await expect(reader.open()).rejects.toMatchObject({ code: 'READER_NOT_FOUND' });

    await expect(reader.open()).rejects.toMatchObject({ code: 'READER_NOT_FOUND' });

    expect(fake.contexts).toHaveLength(2);
    expect(fake.contexts[0]!.closed).toBe(true);
    reader.dispose();
  });

  it('self-tests by connecting to the card and reading its ATR', async () => {
    const card = new EchoCard();
    const fake = fakePcscLite((context) => context.addReader('Reader A').insertCard(card));
    const reader = device(fake.loader);

    const result = await reader.selfTest();

    expect(result.ok).toBe(true);
    const hexAtr = Array.from(card.atr, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
    expect(result.steps).toEqual([
      expect.objectContaining({ name: 'reader', ok: true, detail: 'Reader A' }),
      expect.objectContaining({ name: 'connect and ATR', ok: true, detail: `ATR ${hexAtr}` }),
    ]);
    expect(fake.contexts[0]!.readers.get('Reader A')?.connected).toBe(false);
    reader.dispose();
  });

  it('closes the PC/SC context on dispose', async () => {
    const fake = fakePcscLite((context) => context.addReader('Reader A'));
    const reader = device(fake.loader);
    await reader.open();

    reader.dispose();

    expect(fake.contexts[0]!.closed).toBe(true);
  });
});
