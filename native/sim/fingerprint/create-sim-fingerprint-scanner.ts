// The demo profile's fingerprint scanner: the real driver stack (ProtocolFingerprintScanner, R30x
// protocol, HID link and report framing) over the simulated module on a simulated USB bus, all in
// process. The returned `device` and `bus` are the control surface (placeFinger, unplug, ...). The
// self-test places a good finger itself and lifts it when the scanner asks.

import { createFingerprintScanner } from '../../drivers/fingerprint/create-fingerprint-scanner.ts';
import type { FingerprintDriverOptions } from '../../drivers/fingerprint/fingerprint-options.ts';
import type { ProtocolFingerprintScanner } from '../../drivers/fingerprint/protocol-fingerprint-scanner.ts';
import type { Logger } from '../../util/logger.ts';
import { SimHidBus, type SimHidDeviceOptions } from './sim-hid-device.ts';
import { SimR30xDevice, type SimR30xDeviceOptions } from './sim-r30x-device.ts';

export interface SimFingerprintScannerOptions {
  readonly id?: string;
  readonly device?: SimR30xDeviceOptions;
  readonly hid?: SimHidDeviceOptions;
  readonly options?: Partial<FingerprintDriverOptions>;
  readonly logger?: Logger;
}

export interface SimFingerprintScanner {
  readonly scanner: ProtocolFingerprintScanner;
  readonly device: SimR30xDevice;
  readonly bus: SimHidBus;
}

export function createSimFingerprintScanner(options: SimFingerprintScannerOptions = {}): SimFingerprintScanner {
  const device = new SimR30xDevice(options.device);
  const bus = new SimHidBus(device, undefined, options.hid);
  let autoPlaced = false;
  const scanner = createFingerprintScanner(
    {
      id: options.id ?? 'fingerprint',
      family: 'r30x',
      transport: { type: 'hid', ...bus.endpoint },
      options: { address: device.address, password: device.password, ...options.options },
    },
    {
      openHidDevice: bus.open,
      beforeSelfTestCapture: () => {
        if (device.fingerPresent) return;
        device.placeFinger('good');
        autoPlaced = true;
      },
      ...(options.logger ? { logger: options.logger } : {}),
    },
  );
  scanner.onDidRequestLift(() => {
    if (!autoPlaced) return;
    autoPlaced = false;
    device.liftFinger();
  });
  return Object.freeze({ scanner, device, bus });
}
