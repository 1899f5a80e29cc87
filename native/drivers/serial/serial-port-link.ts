// A SerialLink over the serialport module (loaded lazily by serial-port-loader.ts): a USB-serial adapter,
// an RS-485 converter, or one end of a socat PTY pair in the tests.

import type { SerialPort } from 'serialport';
import { DeviceUnavailableError } from '../../hal/errors.ts';
import { Emitter } from '../../hal/event.ts';
import { loadSerialPort, type SerialPortLoader } from './serial-port-loader.ts';
import { serialClosedError, type SerialLink, type SerialLinkClosed, type SerialLinkOpener } from './serial-link.ts';

/** Line settings of a serial port (the `serial` transport of the device config). */
export interface SerialLineSettings {
  readonly path: string;
  readonly baudRate: number;
  readonly dataBits?: 7 | 8;
  readonly parity?: 'none' | 'even' | 'odd';
  readonly stopBits?: 1 | 2;
}

class SerialPortLink implements SerialLink {
  private readonly received = new Emitter<Uint8Array>();
  private readonly closed = new Emitter<SerialLinkClosed>();
  private open = true;
  readonly onDidReceive = this.received.event;
  readonly onDidClose = this.closed.event;

  constructor(
    readonly name: string,
    private readonly port: SerialPort,
  ) {
    port.on('data', (chunk: Buffer) => this.received.fire(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    // serialport emits 'close' with an error carrying `disconnected: true` when the device vanished.
    port.on('close', (err?: Error | null) => this.finish(err ?? undefined));
    // Errors after open (e.g. a failed write) also surface on the write callback; nothing more to do here.
    port.on('error', () => undefined);
  }

  get isOpen(): boolean {
    return this.open;
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.open) return Promise.reject(serialClosedError(this.name, 'serial.write'));
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (err) => {
        if (err) {
          reject(new DeviceUnavailableError('SERIAL_WRITE_FAILED', `write to ${this.name} failed: ${err.message}`, { cause: err, step: 'serial.write' }));
          return;
        }
        this.port.drain((drainErr) => {
          if (drainErr) reject(new DeviceUnavailableError('SERIAL_WRITE_FAILED', `drain of ${this.name} failed: ${drainErr.message}`, { cause: drainErr, step: 'serial.write' }));
          else resolve();
        });
      });
    });
  }

  close(): Promise<void> {
    if (!this.open) return Promise.resolve();
    return new Promise((resolve) => {
      this.port.close(() => {
        this.finish(undefined);
        resolve();
      });
    });
  }

  private finish(error: Error | undefined): void {
    if (!this.open) return;
    this.open = false;
    this.closed.fire(error === undefined ? {} : { error });
    this.received.dispose();
    this.closed.dispose();
    this.port.removeAllListeners('data');
  }
}

/**
 * Opens the port with the given line settings (default 8N1).
 *
 * @throws DeviceUnavailableError `SERIAL_NOT_INSTALLED` (no serialport module) or `SERIAL_OPEN_FAILED`
 *   (no such port, no permission, in use).
 */
export async function openSerialPortLink(settings: SerialLineSettings, loader?: SerialPortLoader): Promise<SerialLink> {
  const { SerialPort } = loadSerialPort(loader);
  const port = new SerialPort({
    path: settings.path,
    baudRate: settings.baudRate,
    dataBits: settings.dataBits ?? 8,
    parity: settings.parity ?? 'none',
    stopBits: settings.stopBits ?? 1,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => {
    port.open((err) => {
      if (err) {
        reject(
          new DeviceUnavailableError('SERIAL_OPEN_FAILED', `cannot open serial port ${settings.path}: ${err.message}`, {
            cause: err,
            step: 'serial.open',
          }),
        );
      } else resolve();
    });
  });
  return new SerialPortLink(settings.path, port);
}

/** An opener for a device's config: each call opens the port anew (reconnect after unplug). */
export function serialPortOpener(settings: SerialLineSettings, loader?: SerialPortLoader): SerialLinkOpener {
  return () => openSerialPortLink(settings, loader);
}
