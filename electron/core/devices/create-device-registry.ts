// Builds the device registry from a validated devices section: the composition-root seam between config
// and the factory table.

import type { BackoffOptions } from '../../../native/hal/backoff.ts';
import type { DeviceConfig } from '../../../native/hal/device-config.ts';
import { DeviceRegistry } from '../../../native/hal/device-registry.ts';
import { silentLogger, type Logger } from '../../../native/util/logger.ts';
import { createDevice, DEVICE_FACTORIES } from './device-factories.ts';
import type { DeviceFactory, SimulatorControls } from './device-factory.ts';

export interface CreateDeviceRegistryOptions {
  readonly logger?: Logger;
  readonly backoff?: BackoffOptions;
  /** The factory table (tests substitute rows). */
  readonly factories?: readonly DeviceFactory[];
  /** Receives each simulated device's control surface (see DeviceFactoryContext.onSimulator). */
  readonly onSimulator?: (deviceId: string, controls: SimulatorControls) => void;
}

/** A registry for `devices`; call `start()` to build and open them, `dispose()` to close them. */
export function createDeviceRegistry(devices: readonly DeviceConfig[], options: CreateDeviceRegistryOptions = {}): DeviceRegistry {
  const logger = options.logger ?? silentLogger();
  const factories = options.factories ?? DEVICE_FACTORIES;
  return new DeviceRegistry({
    devices,
    create: (config) => createDevice(config, { logger, ...(options.onSimulator ? { onSimulator: options.onSimulator } : {}) }, factories),
    logger: logger.child({ component: 'devices' }),
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
}
