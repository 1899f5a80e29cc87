// Loads node-hid lazily (STYLE.md rule 4): the simulated profile never loads it, and a machine
// without it gets a typed error that names what to install.

import { createRequire } from 'node:module';
import type * as NodeHid from 'node-hid';
import { DeviceUnavailableError } from '../../hal/errors.ts';
import type { HidDeviceHandle, HidEndpoint } from './hid-device-handle.ts';

export type NodeHidModule = Pick<typeof NodeHid, 'HIDAsync' | 'devicesAsync'>;
export type NodeHidLoader = () => NodeHidModule;

const require = createRequire(import.meta.url);

export const requireNodeHid: NodeHidLoader = () => require('node-hid') as NodeHidModule;

let cached: NodeHidModule | undefined;

/** Throws DeviceUnavailableError `HID_NOT_INSTALLED` when node-hid cannot be loaded. */
export function loadNodeHid(loader: NodeHidLoader = requireNodeHid): NodeHidModule {
  if (loader === requireNodeHid && cached) return cached;
  try {
    const module = loader();
    if (loader === requireNodeHid) cached = module;
    return module;
  } catch (cause) {
    throw new DeviceUnavailableError('HID_NOT_INSTALLED', 'USB HID support (the node-hid module) is not installed; reinstall the kiosk package (npm ci) on this machine', {
      cause,
      step: 'hid.load',
      userMessage: 'FINGERPRINT_UNAVAILABLE',
    });
  }
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * Opens the first HID interface with this vendor and product id. Rejects with DeviceUnavailableError
 * `HID_NOT_INSTALLED`, `HID_DEVICE_NOT_FOUND` (not plugged in) or `HID_OPEN_FAILED` (permissions: a
 * udev rule must grant the kiosk user access to /dev/hidraw*).
 */
export async function openNodeHidDevice(endpoint: HidEndpoint, loader?: NodeHidLoader): Promise<HidDeviceHandle> {
  const hid = loadNodeHid(loader);
  const name = `${hex4(endpoint.vendorId)}:${hex4(endpoint.productId)}`;
  const found = await hid.devicesAsync(endpoint.vendorId, endpoint.productId);
  const path = found.find((d) => d.path && (endpoint.path === undefined || d.path === endpoint.path))?.path;
  if (!path) {
    throw new DeviceUnavailableError('HID_DEVICE_NOT_FOUND', `no HID device ${name} is connected`, { step: 'hid.open', userMessage: 'FINGERPRINT_UNAVAILABLE' });
  }
  try {
    return await hid.HIDAsync.open(path);
  } catch (cause) {
    throw new DeviceUnavailableError('HID_OPEN_FAILED', `cannot open HID device ${name} (check the udev rule for hidraw access)`, {
      cause,
      step: 'hid.open',
      userMessage: 'FINGERPRINT_UNAVAILABLE',
    });
  }
}
