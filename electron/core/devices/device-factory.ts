// One row of the factory table: how a (role, driver) pair from config becomes a Device. Each row checks
// its driver's `options` with its own schema (so a bad option names `devices[i].options.x` and the
// allowed values) and builds the concrete driver or simulator. Rows load their driver module lazily, so
// the simulated profile never loads pcsclite, node-hid or serialport.

import type { z } from 'zod';
import type { DeviceConfig } from '../../../native/hal/device-config.ts';
import type { Device, DeviceRole } from '../../../native/hal/device.ts';
import type { Logger } from '../../../native/util/logger.ts';

export interface DeviceFactoryContext {
  readonly logger: Logger;
  /**
   * Receives each simulated device's control surface (the sim-reader device, the R30x module and its
   * USB bus, a serial simulator and its port), keyed by device id: for the demo's control panel and
   * for tests that unplug, replug or fault a simulated device.
   */
  readonly onSimulator?: (deviceId: string, controls: SimulatorControls) => void;
}

/** What a `sim` row hands out; each row documents its own fields. */
export type SimulatorControls = Readonly<Record<string, unknown>>;

export interface DeviceFactory {
  readonly role: DeviceRole;
  readonly driver: string;
  /** The schema of `options` for this driver (strict: unknown options are errors). */
  readonly options: z.ZodType<unknown>;
  /** Builds the device; `config.options` has passed `options`. Opening is the registry's job. */
  create(config: DeviceConfig, context: DeviceFactoryContext): Promise<Device>;
}

/** Defines a row whose `create` receives the parsed, typed options. */
export function defineDeviceFactory<O>(row: {
  readonly role: DeviceRole;
  readonly driver: string;
  readonly options: z.ZodType<O>;
  readonly create: (config: DeviceConfig, options: O, context: DeviceFactoryContext) => Promise<Device>;
}): DeviceFactory {
  return Object.freeze({
    role: row.role,
    driver: row.driver,
    options: row.options,
    create: (config: DeviceConfig, context: DeviceFactoryContext) => row.create(config, row.options.parse(config.options), context),
  });
}
