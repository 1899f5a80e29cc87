// A simulated device is a real driver over a simulator; disposing the device must also stop the
// simulator's timers and its port. Rows wrap the device's own dispose instead of each simulator
// growing a reference to the driver it serves.

import type { Device } from '../../../native/hal/device.ts';
import type { Disposable } from '../../../native/hal/event.ts';

/** Makes `device.dispose()` also dispose `others`, after the device, once. Returns `device`. */
export function alsoDispose<T extends Device>(device: T, ...others: readonly Disposable[]): T {
  const own = device.dispose.bind(device);
  let done = false;
  Object.defineProperty(device, 'dispose', {
    configurable: true,
    value: () => {
      own();
      if (done) return;
      done = true;
      for (const other of others) other.dispose();
    },
  });
  return device;
}
