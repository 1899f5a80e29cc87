// Builds a FingerprintScanner from config: the family from the registry, the link from the transport
// (node-hid or serialport, each loaded only when its link is opened). Tests and the simulator inject
// the HID opener; everything above the link is the same code for real and simulated devices.

import type { HidDeviceOpener } from '../hid/hid-device-handle.ts';
import { HidByteLink } from '../hid/hid-byte-link.ts';
import { openNodeHidDevice } from '../hid/node-hid-loader.ts';
import type { SerialPortLoader } from '../serial/serial-port-loader.ts';
import type { Logger } from '../../util/logger.ts';
import type { ByteLinkOpener } from './byte-link.ts';
import { getFingerprintFamily } from './fingerprint-families.ts';
import { FingerprintDriverOptionsSchema, type FingerprintScannerConfig, type FingerprintTransportConfig } from './fingerprint-options.ts';
import { ProtocolFingerprintScanner } from './protocol-fingerprint-scanner.ts';
import { SerialByteLink } from './serial-byte-link.ts';

export interface FingerprintScannerDependencies {
  /** Opens a HID device (default: node-hid). */
  readonly openHidDevice?: HidDeviceOpener;
  readonly serialLoader?: SerialPortLoader;
  readonly logger?: Logger;
  /** See ProtocolFingerprintScannerOptions.beforeSelfTestCapture. */
  readonly beforeSelfTestCapture?: () => void;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export function linkOpener(transport: FingerprintTransportConfig, deps: FingerprintScannerDependencies = {}): ByteLinkOpener {
  if (transport.type === 'hid') {
    const open = deps.openHidDevice ?? ((endpoint) => openNodeHidDevice(endpoint));
    return async () => new HidByteLink(await open(transport), `hid ${hex4(transport.vendorId)}:${hex4(transport.productId)}`);
  }
  return () => SerialByteLink.open({ path: transport.path, baudRate: transport.baudRate }, deps.serialLoader);
}

/** Throws KioskError `CONFIG_INVALID` for an unknown family, a ZodError for bad options. Does not open the device. */
export function createFingerprintScanner(config: FingerprintScannerConfig, deps: FingerprintScannerDependencies = {}): ProtocolFingerprintScanner {
  const family = getFingerprintFamily(config.family);
  const options = FingerprintDriverOptionsSchema.parse(config.options ?? {});
  return new ProtocolFingerprintScanner({
    id: config.id,
    driver: `${family.name}-${config.transport.type}`,
    family,
    familyOptions: {
      address: options.address,
      password: options.password,
      commandTimeoutMs: options.commandTimeoutMs,
      packetTimeoutMs: options.packetTimeoutMs,
      retries: options.retries,
      deviceId: config.id,
    },
    openLink: linkOpener(config.transport, deps),
    pollIntervalMs: options.pollIntervalMs,
    selfTestTimeoutMs: options.selfTestTimeoutMs,
    ...(deps.beforeSelfTestCapture ? { beforeSelfTestCapture: deps.beforeSelfTestCapture } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}
