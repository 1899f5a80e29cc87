// A ByteLink over a serial port (serialport, loaded lazily through serial-port-loader.ts). The R30x
// modules speak 8N1 at 9600 x N bps (57600 by default). A port that closes without our asking (a USB
// serial adapter unplugged, a pty hung up) is reported as a disconnect.

import type { SerialPort } from 'serialport';
import { DeviceUnavailableError, KioskError } from '../../hal/errors.ts';
import { scannerGoneError } from '../../hal/fingerprint-errors.ts';
import { openSerialPort, type SerialEndpoint, type SerialPortLoader } from '../serial/serial-port-loader.ts';
import { EventedByteLink } from './evented-byte-link.ts';

export class SerialByteLink extends EventedByteLink {
  private closing = false;

  private constructor(
    private readonly port: SerialPort,
    readonly name: string,
  ) {
    super();
    port.on('data', (data: Buffer) => {
      if (this.open) this.received.fire(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
    port.on('close', (err: Error | null) => this.lose(err ?? new Error('serial port closed')));
    port.on('error', (err: Error) => this.lose(err));
  }

  /**
   * Rejects with DeviceUnavailableError `SERIAL_NOT_INSTALLED` or `SERIAL_OPEN_FAILED`, telling the
   * person that the fingerprint scanner (not the serial layer's generic device) is not ready.
   */
  static async open(endpoint: SerialEndpoint, loader?: SerialPortLoader): Promise<SerialByteLink> {
    let port: SerialPort;
    try {
      port = await openSerialPort(endpoint, loader);
    } catch (err) {
      if (!(err instanceof KioskError)) throw err;
      throw new DeviceUnavailableError(err.code, err.message, { step: err.step ?? 'serial.open', cause: err, userMessage: 'FINGERPRINT_UNAVAILABLE' });
    }
    return new SerialByteLink(port, `${endpoint.path}@${endpoint.baudRate}`);
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.open) return Promise.reject(scannerGoneError(this.name, 'serial.write'));
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(bytes), (err) => {
        if (err) reject(scannerGoneError(this.name, 'serial.write', err));
        else resolve();
      });
    });
  }

  /** Reads the modem lines (TIOCMGET): fails with EIO once the line is hung up or the adapter is gone. */
  probe(): Promise<boolean> {
    if (!this.open) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.port.get((err) => {
        if (err) this.lose(err);
        resolve(!err);
      });
    });
  }

  close(): Promise<void> {
    if (!this.open || this.closing) return Promise.resolve();
    this.closing = true;
    this.open = false;
    return new Promise((resolve) => {
      if (!this.port.isOpen) return resolve();
      this.port.close(() => resolve());
    });
  }

  private lose(cause: Error): void {
    if (!this.open) return;
    this.open = false;
    this.disconnected.fire(cause);
    if (this.port.isOpen) this.port.close(() => undefined);
  }
}
