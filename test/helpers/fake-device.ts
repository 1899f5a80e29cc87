// A Device whose presence and faults a test controls, for the registry and diagnostics tests. Like a
// serial device, it notices an unplug at once but a replug only when opened again.

import type { Device, DeviceHealth, DeviceRole, SelfTestResult } from '../../native/hal/device.ts';
import { DeviceUnavailableError, KioskError } from '../../native/hal/errors.ts';
import { Emitter } from '../../native/hal/event.ts';

export class FakeDevice implements Device {
  private state: DeviceHealth = { state: 'absent', reason: 'NOT_CONNECTED', since: Date.now() };
  private readonly changed = new Emitter<DeviceHealth>();
  readonly onDidChangeHealth = this.changed.event;
  /** Date.now() of every open() call. */
  readonly opens: number[] = [];
  present: boolean;
  /** open() rejects with this (once present) instead of succeeding. */
  openError: Error | undefined;
  selfTestResult: SelfTestResult | (() => Promise<SelfTestResult>) = { ok: true, steps: [{ name: 'ping', ok: true, ms: 1.25 }], totalMs: 1.25 };
  disposed = false;

  constructor(
    readonly id: string,
    readonly role: DeviceRole,
    options: { readonly present?: boolean; readonly driver?: string } = {},
  ) {
    this.present = options.present ?? true;
    this.driver = options.driver ?? 'sim';
  }

  readonly driver: string;

  get health(): DeviceHealth {
    return this.state;
  }

  async open(): Promise<void> {
    this.opens.push(Date.now());
    if (!this.present) {
      this.set({ state: 'absent', reason: 'NOT_CONNECTED' });
      throw new DeviceUnavailableError('NOT_CONNECTED', `${this.id} is not connected`);
    }
    if (this.openError) throw this.openError;
    if (this.state.state !== 'faulted') this.set({ state: 'ready' });
  }

  async selfTest(): Promise<SelfTestResult> {
    return typeof this.selfTestResult === 'function' ? this.selfTestResult() : this.selfTestResult;
  }

  /** Unplugged: absent at once, as a driver sees its port close. */
  unplug(): void {
    this.present = false;
    this.set({ state: 'absent', reason: 'DISCONNECTED', detail: 'port closed' });
  }

  /** Plugged back: nothing happens until the next open(). */
  replug(): void {
    this.present = true;
  }

  /** The device reports itself usable again (a driver that sees hot-plug). */
  announceReady(): void {
    this.present = true;
    this.set({ state: 'ready' });
  }

  fault(reason: string, detail?: string): void {
    this.set({ state: 'faulted', reason, ...(detail ? { detail } : {}) });
  }

  busy(): void {
    this.set({ state: 'busy', reason: 'IN_USE' });
  }

  dispose(): void {
    this.disposed = true;
    this.changed.dispose();
  }

  private set(health: Omit<DeviceHealth, 'since'>): void {
    this.state = { ...health, since: Date.now() };
    this.changed.fire(this.state);
  }
}

/** An error that is not about absence: the device answers but cannot be used. */
export function handshakeError(): KioskError {
  return new KioskError('HANDSHAKE_FAILED', 'wrong password');
}
