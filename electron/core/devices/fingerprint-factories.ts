// Factory rows for the fingerprint role: an R30x-family module over HID reports or serial (the driver
// name says family and transport, config the address), or the simulated module on a simulated USB bus
// driven by the same protocol stack.

import { z } from 'zod';
import type { HidTransportConfig, SerialTransportConfig } from '../../../native/hal/device-config.ts';
import { defineDeviceFactory, type DeviceFactory } from './device-factory.ts';
import { FingerprintDriverOptionsSchema } from '../../../native/drivers/fingerprint/fingerprint-options.ts';

// The simulated module's address and password are its own; the rest of the driver options apply.
const simOptions = FingerprintDriverOptionsSchema.omit({ address: true, password: true }).extend({
  /** Pace the simulated bus like a USB interrupt endpoint: one input report per this many ms (full speed: 1). Absent: unpaced. */
  reportIntervalMs: z.int().min(0).max(100).optional(),
});

function r30x(transportType: 'hid' | 'serial'): DeviceFactory {
  return defineDeviceFactory({
    role: 'fingerprint',
    driver: `r30x-${transportType}`,
    options: FingerprintDriverOptionsSchema,
    async create(config, options, { logger }) {
      const { createFingerprintScanner } = await import('../../../native/drivers/fingerprint/create-fingerprint-scanner.ts');
      const transport = config.transport as HidTransportConfig | SerialTransportConfig;
      return createFingerprintScanner(
        {
          id: config.id,
          family: 'r30x',
          transport:
            transport.type === 'hid'
              ? { type: 'hid', vendorId: transport.vendorId, productId: transport.productId, ...(transport.path === undefined ? {} : { path: transport.path }) }
              : { type: 'serial', path: transport.path, baudRate: transport.baudRate },
          options,
        },
        { logger: logger.child({ device: config.id }) },
      );
    },
  });
}

export const FINGERPRINT_FACTORIES: readonly DeviceFactory[] = [
  r30x('hid'),
  r30x('serial'),
  defineDeviceFactory({
    role: 'fingerprint',
    driver: 'sim',
    options: simOptions,
    /** Controls: `{ device: SimR30xDevice, bus: SimHidBus }` (placeFinger, faults, unplug). */
    async create(config, { reportIntervalMs, ...options }, { logger, onSimulator }) {
      const { createSimFingerprintScanner } = await import('../../../native/sim/fingerprint/create-sim-fingerprint-scanner.ts');
      const sim = createSimFingerprintScanner({
        id: config.id,
        options,
        logger: logger.child({ device: config.id }),
        ...(reportIntervalMs === undefined ? {} : { hid: { reportIntervalMs } }),
      });
      onSimulator?.(config.id, { device: sim.device, bus: sim.bus });
      return sim.scanner;
    },
  }),
];
