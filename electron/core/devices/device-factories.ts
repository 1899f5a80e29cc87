// The factory table: every (role, driver) pair that config may name, mapped to its constructor. With
// the composition root, this is the only place that imports concrete drivers and simulators (STYLE.md
// rule 1), each lazily. native/hal/device-config.ts lists the same pairs (DEVICE_DRIVERS) for validation;
// a test checks that the two agree.

import type { DeviceConfig } from '../../../native/hal/device-config.ts';
import type { Device, DeviceRole } from '../../../native/hal/device.ts';
import { KioskError } from '../../../native/hal/errors.ts';
import { CARD_READER_FACTORIES } from './card-reader-factories.ts';
import type { DeviceFactory, DeviceFactoryContext } from './device-factory.ts';
import { FINGERPRINT_FACTORIES } from './fingerprint-factories.ts';
import { SERIAL_DEVICE_FACTORIES } from './serial-device-factories.ts';

export const DEVICE_FACTORIES: readonly DeviceFactory[] = Object.freeze([...CARD_READER_FACTORIES, ...FINGERPRINT_FACTORIES, ...SERIAL_DEVICE_FACTORIES]);

export function findDeviceFactory(role: DeviceRole, driver: string, factories: readonly DeviceFactory[] = DEVICE_FACTORIES): DeviceFactory | undefined {
  return factories.find((f) => f.role === role && f.driver === driver);
}

/**
 * Builds the device for one config entry. Throws KioskError `DRIVER_NOT_AVAILABLE` when this build has
 * no constructor for the pair (config validation normally catches that first).
 */
export function createDevice(config: DeviceConfig, context: DeviceFactoryContext, factories: readonly DeviceFactory[] = DEVICE_FACTORIES): Promise<Device> {
  const factory = findDeviceFactory(config.role, config.driver, factories);
  if (factory === undefined) {
    return Promise.reject(
      new KioskError('DRIVER_NOT_AVAILABLE', `no '${config.driver}' driver for role ${config.role} in this build`, { step: 'devices.create', userMessage: 'CONFIG_INVALID' }),
    );
  }
  return factory.create(config, context);
}
