// The simulated scanner as a HID device: implements the node-hid HIDAsync subset (HidDeviceHandle) that
// HidByteLink drives, and speaks the same 64-byte reports (hid-report-framing.ts) around the
// packet-level SimR30xDevice. Output reports can be paced like a full-speed USB interrupt endpoint (one
// 64-byte report per 1 ms frame) for benchmarks; tests run unpaced.

import { EventEmitter } from 'node:events';
import { DeviceUnavailableError } from '../../hal/errors.ts';
import type { HidDeviceHandle, HidEndpoint } from '../../drivers/hid/hid-device-handle.ts';
import { decodeHidReport, encodeHidReports, HID_REPORT_ID, HID_REPORT_PAYLOAD, HID_REPORT_SIZE } from '../../drivers/hid/hid-report-framing.ts';
import { concat } from '../../util/bytes.ts';
import type { SimR30xDevice } from './sim-r30x-device.ts';

export interface SimHidDeviceOptions {
  /** Minimum time between input reports (full-speed interrupt endpoint: 1 ms). Default 0: unpaced. */
  readonly reportIntervalMs?: number;
}

/**
 * How many of the latest written reports `writtenReports` keeps. The demo kiosk's scanner is one
 * SimHidDevice for months, a few reports per capture: keeping them all grew without bound (the soak).
 */
export const KEEP_WRITTEN_REPORTS = 64;

export class SimHidDevice extends EventEmitter implements HidDeviceHandle {
  private closed = false;
  /** Bytes waiting to be sent, packet by packet. */
  private outbox: Uint8Array[] = [];
  private pumping = false;
  private nextFrameAt = 0;
  /** Input reports sent to the host so far. */
  reportsSent = 0;
  private readonly unsubscribe: () => void;
  /** Output reports written by the host so far, including those no longer kept in `writtenReports`. */
  reportsWritten = 0;
  /** The latest reports written by the host, oldest first (at most KEEP_WRITTEN_REPORTS), for tests that check the framing. */
  readonly writtenReports: Buffer[] = [];

  constructor(
    private readonly device: SimR30xDevice,
    private readonly options: SimHidDeviceOptions = {},
  ) {
    super();
    const tx = device.onDidTransmit((bytes) => this.queue(bytes));
    const gone = device.onDidDisconnect(() => this.unplug());
    this.unsubscribe = () => {
      tx.dispose();
      gone.dispose();
    };
  }

  /** As node-hid: byte 0 is the report id (0), then the 64-byte report. */
  async write(values: number[] | Buffer): Promise<number> {
    if (this.closed || !this.device.isConnected) throw new Error('Cannot write to hid device');
    if (values.length !== HID_REPORT_SIZE + 1 || values[0] !== HID_REPORT_ID) throw new Error(`Cannot write to hid device: ${values.length} bytes with report id ${values[0]}`);
    // Memory of its own (Buffer.alloc), not a slice of Node's shared 8 KB pool as Buffer.from gives:
    // a kept 65-byte report would keep the whole slab, and other allocations share it.
    const data = Buffer.alloc(values.length);
    data.set(values);
    this.reportsWritten++;
    this.writtenReports.push(data);
    if (this.writtenReports.length > KEEP_WRITTEN_REPORTS) this.writtenReports.splice(0, this.writtenReports.length - KEEP_WRITTEN_REPORTS);
    this.device.receive(decodeHidReport(data.subarray(1)));
    return data.length;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.outbox = [];
    this.unsubscribe();
  }

  /** Simulates the cable pulled: node-hid reports a read error, then the handle is dead. */
  unplug(): void {
    if (this.closed) return;
    this.closed = true;
    this.outbox = [];
    this.unsubscribe();
    this.emit('error', new Error('could not read from HID device'));
  }

  private queue(bytes: Uint8Array): void {
    if (this.closed) return;
    this.outbox.push(bytes);
    if (!this.pumping) void this.pump();
  }

  /** Up to 63 queued bytes, across packet boundaries, as a UART-to-HID bridge fills its reports. */
  private nextReport(): Uint8Array {
    const parts: Uint8Array[] = [];
    let room = HID_REPORT_PAYLOAD;
    while (room > 0 && this.outbox.length > 0) {
      const head = this.outbox[0]!;
      parts.push(head.subarray(0, room));
      if (head.length <= room) this.outbox.shift();
      else this.outbox[0] = head.subarray(room);
      room -= Math.min(room, head.length);
    }
    return encodeHidReports(concat(...parts))[0]!;
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    const interval = this.options.reportIntervalMs ?? 0;
    let sent = 0;
    try {
      while (this.outbox.length > 0 && !this.closed) {
        if (interval > 0) {
          // Each report takes the next free frame; the schedule persists across bursts, and the pump
          // sleeps only when 4 ms or more ahead so timer granularity does not slow the link down.
          const now = performance.now();
          if (this.nextFrameAt < now) this.nextFrameAt = now;
          const wait = this.nextFrameAt - now;
          this.nextFrameAt += interval;
          if (wait >= 4) await new Promise((r) => setTimeout(r, wait));
          if (this.closed) break;
        } else if (++sent % 64 === 0) {
          await new Promise((r) => setImmediate(r));
        }
        this.emit('data', Buffer.from(this.nextReport()));
        this.reportsSent++;
      }
    } finally {
      this.pumping = false;
    }
  }
}

/**
 * A USB bus with one simulated scanner plugged in: the HidDeviceOpener to inject in place of node-hid.
 * `unplug()` / `plugIn()` simulate hot-plug; opening while unplugged fails as node-hid would.
 */
export class SimHidBus {
  private current: SimHidDevice | undefined;
  private plugged = true;
  openCount = 0;

  constructor(
    readonly device: SimR30xDevice,
    readonly endpoint: HidEndpoint = { vendorId: 0x2109, productId: 0x7638 },
    private readonly options: SimHidDeviceOptions = {},
  ) {
    device.onDidDisconnect(() => (this.plugged = false));
  }

  readonly open = async (endpoint: HidEndpoint): Promise<SimHidDevice> => {
    if (!this.plugged || endpoint.vendorId !== this.endpoint.vendorId || endpoint.productId !== this.endpoint.productId) {
      throw new DeviceUnavailableError('HID_DEVICE_NOT_FOUND', `no HID device ${endpoint.vendorId.toString(16)}:${endpoint.productId.toString(16)} is connected`, {
        step: 'hid.open',
        userMessage: 'FINGERPRINT_UNAVAILABLE',
      });
    }
    this.openCount++;
    this.current = new SimHidDevice(this.device, this.options);
    return this.current;
  };

  /** The handle the driver opened last (its counters show what crossed the link). */
  get lastOpened(): SimHidDevice | undefined {
    return this.current;
  }

  get isPlugged(): boolean {
    return this.plugged;
  }

  unplug(): void {
    this.plugged = false;
    this.current?.unplug();
  }

  plugIn(): void {
    this.plugged = true;
    this.device.reconnect();
  }
}
