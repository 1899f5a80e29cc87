// Where a serial simulator meets a driver. A simulator speaks bytes on a SerialLink (`attach`); it is
// reached either through a SimSerialPort (in process: the driver's opener gets a fresh memory link pair,
// and `unplug()` / `plug()` play the cable), or through a real port path (one end of a socat PTY pair)
// with `attachToSerialPath`.

import { DeviceUnavailableError } from '../../hal/errors.ts';
import type { Disposable } from '../../hal/event.ts';
import type { SerialLink, SerialLinkOpener } from '../../drivers/serial/serial-link.ts';
import { openSerialPortLink, type SerialLineSettings } from '../../drivers/serial/serial-port-link.ts';
import { createMemoryLinkPair, type MemoryLinkOptions, type MemoryLinkPair } from './memory-serial-link.ts';

/** A simulated device: serves one link at a time; the returned Disposable detaches it. */
export interface SerialSimulator {
  attach(link: SerialLink): Disposable;
}

export class SimSerialPort implements Disposable {
  private pair: MemoryLinkPair | undefined;
  private attached: Disposable | undefined;
  private isPlugged = true;
  /** How many times a driver opened this port. */
  opens = 0;

  constructor(
    private readonly simulator: SerialSimulator,
    readonly name = 'sim-serial',
    private readonly options: MemoryLinkOptions = {},
  ) {}

  /** The opener to give the driver: one fresh link per call, like opening the device node again. */
  readonly opener: SerialLinkOpener = async () => {
    if (!this.isPlugged) {
      throw new DeviceUnavailableError('SERIAL_OPEN_FAILED', `cannot open serial port ${this.name}: no such device`, { step: 'serial.open' });
    }
    this.detach();
    const pair = createMemoryLinkPair(this.name, this.options);
    this.pair = pair;
    this.attached = this.simulator.attach(pair.sim);
    this.opens += 1;
    return pair.device;
  };

  get plugged(): boolean {
    return this.isPlugged;
  }

  /** The cable is pulled: the open link vanishes and opening fails until `plug()`. */
  unplug(): void {
    this.isPlugged = false;
    this.pair?.vanish(new Error('device disconnected'));
    this.detach();
  }

  plug(): void {
    this.isPlugged = true;
  }

  private detach(): void {
    this.attached?.dispose();
    this.attached = undefined;
    this.pair = undefined;
  }

  dispose(): void {
    this.pair?.vanish(new Error('simulator stopped'));
    this.detach();
  }
}

/**
 * Serves `simulator` on a real port (the sim end of a socat PTY pair). Resolves once the port is open;
 * `close()` detaches the simulator and closes the port.
 */
export async function attachToSerialPath(simulator: SerialSimulator, settings: SerialLineSettings): Promise<{ close(): Promise<void> }> {
  const link = await openSerialPortLink(settings);
  const attached = simulator.attach(link);
  return {
    close: async () => {
      attached.dispose();
      await link.close();
    },
  };
}
