// The part of node-hid's HIDAsync that the HID link uses, so that the simulator's HID device
// (native/sim/fingerprint/sim-hid-device.ts) can be injected in its place. Obligations, as node-hid
// behaves: `write` takes the report id as the first byte and resolves with the bytes written, or
// rejects when the device is gone; 'data' fires with each input report (without a report id for
// unnumbered reports); 'error' fires once when reading fails (unplugged) and no 'data' follows.

export interface HidDeviceHandle {
  write(values: number[] | Buffer): Promise<number>;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(): Promise<void>;
}

/** Where to find the device: USB vendor and product id (from config). */
export interface HidEndpoint {
  readonly vendorId: number;
  readonly productId: number;
  /** The hidraw path, to choose one of several identical devices. */
  readonly path?: string;
}

export type HidDeviceOpener = (endpoint: HidEndpoint) => Promise<HidDeviceHandle>;
