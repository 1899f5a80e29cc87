// The simulated scanner on the far end of a serial line: opens the simulator's side of a socat PTY pair
// with serialport and carries SimR30xDevice's bytes, optionally paced at the line rate (8N1: ten bits per
// byte) so a benchmark sees the time a real 57600 bps module takes. A mid-upload disconnect calls
// `hangUp` (tests pass the PTY pair's close, which makes the driver's port close as an unplugged USB
// serial adapter does).

import type { SerialPort } from 'serialport';
import { openSerialPort, type SerialPortLoader } from '../../drivers/serial/serial-port-loader.ts';
import type { Disposable } from '../../hal/event.ts';
import type { SimR30xDevice } from './sim-r30x-device.ts';

export interface SimSerialPeerOptions {
  readonly path: string;
  readonly baudRate: number;
  /** Pace output at baudRate / 10 bytes per second (default false: as fast as the pty carries it). */
  readonly pace?: boolean;
  /** Called when the device drops off the line. */
  readonly hangUp?: () => Promise<void> | void;
  readonly loader?: SerialPortLoader;
}

export class SimSerialPeer implements Disposable {
  private outbox: Uint8Array[] = [];
  private pumping = false;
  private readonly subscriptions: Disposable[];

  private constructor(
    private readonly port: SerialPort,
    private readonly device: SimR30xDevice,
    private readonly options: SimSerialPeerOptions,
  ) {
    port.on('data', (data: Buffer) => device.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    // After a hang-up, writes fail with EIO; the module is off the line then and stays quiet.
    port.on('error', () => (this.outbox = []));
    this.subscriptions = [
      device.onDidTransmit((bytes) => {
        this.outbox.push(bytes);
        if (!this.pumping) void this.pump();
      }),
      device.onDidDisconnect(() => {
        this.outbox = [];
        void options.hangUp?.();
      }),
    ];
  }

  static async open(device: SimR30xDevice, options: SimSerialPeerOptions): Promise<SimSerialPeer> {
    const port = await openSerialPort({ path: options.path, baudRate: options.baudRate }, options.loader);
    return new SimSerialPeer(port, device, options);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.outbox = [];
    if (this.port.isOpen) this.port.close(() => undefined);
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    const bytesPerMs = this.options.baudRate / 10 / 1000;
    const started = performance.now();
    let sent = 0;
    try {
      while (this.outbox.length > 0 && this.port.isOpen) {
        const chunk = this.outbox.shift()!;
        await new Promise<void>((resolve) => this.port.write(Buffer.from(chunk), () => resolve()));
        sent += chunk.length;
        if (this.options.pace) {
          const ahead = started + sent / bytesPerMs - performance.now();
          if (ahead >= 4) await new Promise((r) => setTimeout(r, ahead));
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}
