// An in-process pair of SerialLinks: what one end writes, the other receives, asynchronously and in
// order, optionally paced at a link rate (bytes per second) so benches see realistic transfer times.
// `vanish()` plays an unplug: both ends close, the device end with an error, as serialport reports it.

import { Emitter } from '../../hal/event.ts';
import { serialClosedError, type SerialLink, type SerialLinkClosed } from '../../drivers/serial/serial-link.ts';

export interface MemoryLinkOptions {
  /** Pace delivery at this many bytes per second in each direction (default: as fast as possible). */
  readonly bytesPerSecond?: number;
}

class MemoryLinkEnd implements SerialLink {
  readonly received = new Emitter<Uint8Array>();
  readonly closed = new Emitter<SerialLinkClosed>();
  readonly onDidReceive = this.received.event;
  readonly onDidClose = this.closed.event;
  peer!: MemoryLinkEnd;
  private open = true;
  /** When the last chunk sent from this end is delivered (ms, performance.now clock). */
  private busyUntil = 0;

  constructor(
    readonly name: string,
    private readonly bytesPerSecond: number | undefined,
  ) {}

  get isOpen(): boolean {
    return this.open;
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.open) return Promise.reject(serialClosedError(this.name, 'serial.write'));
    const chunk = Uint8Array.from(bytes);
    const peer = this.peer;
    if (this.bytesPerSecond === undefined) {
      setImmediate(() => {
        if (peer.open) peer.received.fire(chunk);
      });
      return Promise.resolve();
    }
    const start = Math.max(performance.now(), this.busyUntil);
    this.busyUntil = start + (chunk.length * 1000) / this.bytesPerSecond;
    const delay = Math.max(0, this.busyUntil - performance.now());
    return new Promise((resolve) =>
      setTimeout(() => {
        if (peer.open) peer.received.fire(chunk);
        resolve();
      }, delay),
    );
  }

  close(): Promise<void> {
    this.shut(undefined);
    this.peer.shut(new Error('the other end closed'));
    return Promise.resolve();
  }

  shut(error: Error | undefined): void {
    if (!this.open) return;
    this.open = false;
    this.closed.fire(error === undefined ? {} : { error });
    this.received.dispose();
    this.closed.dispose();
  }
}

export interface MemoryLinkPair {
  /** The end the driver uses. */
  readonly device: SerialLink;
  /** The end the simulator uses. */
  readonly sim: SerialLink;
  /** Unplug: both ends close; the device end reports `error`. */
  vanish(error?: Error): void;
}

export function createMemoryLinkPair(name: string, options: MemoryLinkOptions = {}): MemoryLinkPair {
  const device = new MemoryLinkEnd(name, options.bytesPerSecond);
  const sim = new MemoryLinkEnd(`${name} (sim end)`, options.bytesPerSecond);
  device.peer = sim;
  sim.peer = device;
  return {
    device,
    sim,
    vanish: (error = new Error('device disconnected')) => {
      device.shut(error);
      sim.shut(error);
    },
  };
}
