// Factory rows for the card-reader role: a PC/SC reader matched by name, or the in-process simulator
// with an optional simulated chip on it.

import { z } from 'zod';
import type { PcscTransportConfig } from '../../../native/hal/device-config.ts';
import { defineDeviceFactory, type DeviceFactory } from './device-factory.ts';

const pcscOptions = z.strictObject({
  /** How long a new PC/SC context waits for the first reader announcement. */
  settleMs: z.int().min(0).max(10_000).optional(),
});

const simOptions = z.strictObject({
  /** A simulated document on the reader from the start (the demo's self-test reads its ATR). */
  card: z.enum(['none', 'cccd', 'passport-td3']).default('none'),
  /** Delay added to every APDU exchange. */
  latencyMs: z.int().min(0).max(10_000).optional(),
  /** false models a short-APDU-only reader. */
  extendedLength: z.boolean().optional(),
});

export const CARD_READER_FACTORIES: readonly DeviceFactory[] = [
  defineDeviceFactory({
    role: 'cardReader',
    driver: 'pcsc',
    options: pcscOptions,
    async create(config, options, { logger }) {
      const { PcscReaderDevice } = await import('../../../native/drivers/pcsc/pcsc-reader-device.ts');
      const transport = config.transport as PcscTransportConfig;
      const pcscLogger = logger.child({ device: config.id });
      return new PcscReaderDevice({
        id: config.id,
        ...(transport.readerName === undefined ? {} : { readerName: transport.readerName }),
        ...(options.settleMs === undefined ? {} : { settleMs: options.settleMs }),
        logger: { warn: (fields, message) => pcscLogger.warn(fields, message) },
      });
    },
  }),
  defineDeviceFactory({
    role: 'cardReader',
    driver: 'sim',
    options: simOptions,
    /** Controls: `{ device: SimReaderDevice }` (unplug, replug, insertCard, removeCard). */
    async create(config, options, { onSimulator }) {
      const { SimReaderDevice } = await import('../../../native/sim/sim-reader-device.ts');
      const card = options.card === 'none' ? undefined : (await import('../../../native/sim/profiles/index.ts')).createChip(options.card);
      const device = new SimReaderDevice({
        id: config.id,
        ...(card === undefined ? {} : { card }),
        ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
        ...(options.extendedLength === undefined ? {} : { extendedLengthSupported: options.extendedLength }),
      });
      onSimulator?.(config.id, { device });
      return device;
    },
  }),
];
