// Loads the serialport module lazily (STYLE.md rule 4): the simulated profile never loads it, and a
// machine without it gets a typed error that names what to install.

import { createRequire } from 'node:module';
import type { SerialPort as SerialPortClass } from 'serialport';
import { DeviceUnavailableError } from '../../hal/errors.ts';

export type SerialPortModule = { readonly SerialPort: typeof SerialPortClass };
export type SerialPortLoader = () => SerialPortModule;

const require = createRequire(import.meta.url);

export const requireSerialPort: SerialPortLoader = () => require('serialport') as SerialPortModule;

let cached: SerialPortModule | undefined;

/** Throws DeviceUnavailableError `SERIAL_NOT_INSTALLED` when the serialport module cannot be loaded. */
export function loadSerialPort(loader: SerialPortLoader = requireSerialPort): SerialPortModule {
  if (loader === requireSerialPort && cached) return cached;
  try {
    const module = loader();
    if (loader === requireSerialPort) cached = module;
    return module;
  } catch (cause) {
    throw new DeviceUnavailableError(
      'SERIAL_NOT_INSTALLED',
      'serial port support (the serialport module) is not installed; reinstall the kiosk package (npm ci) on this machine',
      { cause, step: 'serial.load', userMessage: 'READER_UNAVAILABLE' },
    );
  }
}

export interface SerialEndpoint {
  readonly path: string;
  readonly baudRate: number;
}

/** Opens a port and resolves once it is open; rejects with DeviceUnavailableError `SERIAL_OPEN_FAILED`. */
export async function openSerialPort(endpoint: SerialEndpoint, loader?: SerialPortLoader): Promise<SerialPortClass> {
  const { SerialPort } = loadSerialPort(loader);
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path: endpoint.path, baudRate: endpoint.baudRate, autoOpen: false });
    port.open((err) => {
      if (err) reject(new DeviceUnavailableError('SERIAL_OPEN_FAILED', `cannot open serial port ${endpoint.path}: ${err.message}`, { cause: err, step: 'serial.open', userMessage: 'READER_UNAVAILABLE' }));
      else resolve(port);
    });
  });
}
