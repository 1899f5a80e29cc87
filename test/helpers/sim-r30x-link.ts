// A ByteLink wired straight to a SimR30xDevice (no transport in between), for protocol tests: what the
// host writes reaches the module, what the module sends arrives in chunks of `chunkSize` bytes, and a
// test can inject raw bytes or drop the link.
import type { ByteLink } from '../../native/drivers/fingerprint/byte-link.ts';
import { DeviceUnavailableError } from '../../native/hal/errors.ts';
import { Emitter } from '../../native/hal/event.ts';
import type { SimR30xDevice } from '../../native/sim/fingerprint/sim-r30x-device.ts';

export class SimR30xLink implements ByteLink {
  readonly name = 'loopback';
  private readonly received = new Emitter<Uint8Array>();
  private readonly disconnected = new Emitter<Error>();
  private open = true;
  readonly onDidReceive = this.received.event;
  readonly onDidDisconnect = this.disconnected.event;
  /** Everything the host wrote, in order. */
  readonly written: Uint8Array[] = [];

  constructor(
    readonly device: SimR30xDevice,
    private readonly chunkSize = 17,
  ) {
    device.onDidTransmit((bytes) => this.inject(bytes));
    device.onDidDisconnect(() => this.drop(new Error('module gone')));
  }

  get isOpen(): boolean {
    return this.open;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open) throw new DeviceUnavailableError('FINGERPRINT_DISCONNECTED', 'loopback closed');
    this.written.push(bytes);
    this.device.receive(bytes);
  }

  /** Delivers bytes to the host as if the module had sent them. */
  inject(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length && this.open; i += this.chunkSize) this.received.fire(bytes.slice(i, i + this.chunkSize));
  }

  drop(cause: Error): void {
    if (!this.open) return;
    this.open = false;
    this.disconnected.fire(cause);
  }

  async close(): Promise<void> {
    this.open = false;
  }

  dispose(): void {
    this.open = false;
  }
}
