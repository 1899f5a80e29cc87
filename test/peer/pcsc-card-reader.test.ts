// The CardReader contract against the real driver: PcscCardReader -> pcsclite -> pcscd -> vpcd -> TCP ->
// VpcdBridge -> EchoCard. Needs the Debian packages pcscd, libpcsclite-dev and vsmartcard-vpcd.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcscCardReaderManager } from '../../native/drivers/pcsc/pcsc-card-reader-manager.ts';
import type { CardReader } from '../../native/hal/card-reader.ts';
import type { KioskError } from '../../native/hal/errors.ts';
import { VpcdBridge } from '../../native/sim/vpcd/vpcd-bridge.ts';
import { concat, fromHex } from '../../native/util/bytes.ts';
import { cardReaderContract } from '../contract/card-reader.contract.ts';
import { EchoCard, pattern } from '../helpers/echo-card.ts';
import type { PcscdHandle } from '../helpers/pcscd.ts';
import { startPcscd, VPCD_READERS } from '../helpers/pcscd.ts';

const CONTRACT_READER = VPCD_READERS[0] ?? '';
const SPARE_READER = VPCD_READERS[1] ?? '';
const CONTRACT_PORT = 35963;
const SPARE_PORT = 35964;

let pcscd: PcscdHandle | undefined;
let manager: PcscCardReaderManager | undefined;

async function sharedManager(): Promise<PcscCardReaderManager> {
  if (manager === undefined) {
    pcscd = await startPcscd();
    manager = new PcscCardReaderManager();
    await manager.ready();
  }
  return manager;
}

function findReader(readers: readonly CardReader[], name: string): CardReader {
  const reader = readers.find((candidate) => candidate.name === name);
  if (reader === undefined) throw new Error(`reader "${name}" not listed (have: ${readers.map((r) => r.name).join(', ')})`);
  return reader;
}

afterAll(async () => {
  manager?.dispose();
  await pcscd?.stop();
});

cardReaderContract(
  'PcscCardReader through pcscd and vpcd',
  async () => {
    const reader = findReader((await sharedManager()).readers, CONTRACT_READER);
    let bridge: VpcdBridge | null = null;
    return {
      reader,
      insert: async (card) => {
        await bridge?.close();
        bridge = new VpcdBridge(card, { port: CONTRACT_PORT });
        await bridge.connect();
      },
      remove: async () => {
        await bridge?.close();
        bridge = null;
      },
    };
  },
  { presenceTimeoutMs: 5000 },
);

describe('PcscCardReader through pcscd and vpcd', () => {
  let reader: CardReader;
  let bridge: VpcdBridge;

  beforeAll(async () => {
    reader = findReader((await sharedManager()).readers, SPARE_READER);
    bridge = new VpcdBridge(new EchoCard(), { port: SPARE_PORT });
    const present = reader.waitForCard(5000);
    await bridge.connect();
    await present;
  });

  afterAll(async () => {
    await bridge.close();
  });

  it('lists both vpcd readers', async () => {
    const names = (await sharedManager()).readers.map((candidate) => candidate.name);
    expect(names).toEqual(expect.arrayContaining([...VPCD_READERS]));
  });

  it('carries the largest response vpcd can frame (65533 data bytes)', async () => {
    const session = await reader.connect();
    try {
      const response = await session.transmit(fromHex('00E0FFFD00FFFD'));
      expect(response).toEqual(concat(pattern(0xfffd), fromHex('9000')));
    } finally {
      await session.close();
    }
  });

  it('keeps another PC/SC client out during an exclusive session (READER_BUSY)', async () => {
    const other = new PcscCardReaderManager();
    try {
      await other.ready();
      const session = await reader.connect({ exclusive: true });
      try {
        const error = await findReader(other.readers, SPARE_READER)
          .connect({ exclusive: false })
          .catch((err: unknown) => err);
        expect((error as KioskError).code).toBe('READER_BUSY');
      } finally {
        await session.close();
      }
    } finally {
      other.dispose();
    }
  });

  it('lets another PC/SC client in during a shared session', async () => {
    const other = new PcscCardReaderManager();
    try {
      await other.ready();
      const session = await reader.connect({ exclusive: false });
      try {
        const otherSession = await findReader(other.readers, SPARE_READER).connect({ exclusive: false });
        expect(await otherSession.transmit(fromHex('00EE000001AB'))).toEqual(fromHex('AB9000'));
        await otherSession.close();
      } finally {
        await session.close();
      }
    } finally {
      other.dispose();
    }
  });
});
