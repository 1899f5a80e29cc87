// A gate controller on Modbus RTU (driver `modbus-gate`): Write Single Coil (0x05) on the open coil to
// release the gate, Read Discrete Inputs (0x02) for the door-closed sensor. The pulse is the coil on,
// then off after `pulseMs`; with `pulseMs` 0 the controller times its own pulse and only "on" is sent.

import type { DeviceHealth, SelfTestResult } from '../../../hal/device.ts';
import { KioskError } from '../../../hal/errors.ts';
import { Emitter, type Event } from '../../../hal/event.ts';
import { GateError, type Gate } from '../../../hal/gate.ts';
import { DeviceHealthTracker, SelfTestRun } from '../device-health-tracker.ts';
import { SerialConnection } from '../serial-connection.ts';
import type { SerialLinkOpener } from '../serial-link.ts';
import { ModbusGateOptionsSchema, type ModbusGateOptions } from '../serial-driver-options.ts';
import { ModbusRtuClient } from './modbus-rtu-client.ts';
import { MODBUS_FUNCTION } from './modbus-rtu-frame.ts';

export interface ModbusGateConstructorOptions extends Partial<ModbusGateOptions> {
  readonly id: string;
  readonly driver?: string;
  readonly opener: SerialLinkOpener;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class ModbusGate implements Gate {
  readonly role = 'gate' as const;
  readonly id: string;
  readonly driver: string;
  private readonly settings: ModbusGateOptions;
  private readonly tracker = new DeviceHealthTracker();
  private readonly door = new Emitter<boolean>();
  private readonly connection: SerialConnection;
  private readonly client: ModbusRtuClient;
  private lastDoorClosed: boolean | undefined;
  private pulsing = 0;
  readonly onDidChangeHealth: Event<DeviceHealth> = this.tracker.onDidChange;
  readonly onDidChangeDoor: Event<boolean> = this.door.event;

  constructor(options: ModbusGateConstructorOptions) {
    const { id, driver, opener, ...rest } = options;
    this.id = id;
    this.driver = driver ?? 'modbus-gate';
    this.settings = ModbusGateOptionsSchema.parse(rest);
    this.connection = new SerialConnection({
      id,
      opener,
      health: this.tracker,
      onData: (chunk) => this.client.receive(chunk),
      onClosed: () => this.client.fail(this.connection.gone('modbus.response')),
    });
    this.client = new ModbusRtuClient({
      send: async (frame) => this.connection.require('modbus.request').write(frame),
      responseTimeoutMs: this.settings.responseTimeoutMs,
      retries: this.settings.retries,
    });
  }

  get health(): DeviceHealth {
    return this.tracker.health;
  }

  /** Modbus transaction counters (requests, retries, timeouts, bad frames) for diagnostics. */
  get stats(): Readonly<ModbusRtuClient['stats']> {
    return { ...this.client.stats };
  }

  /** Opens the port and reads the door once, so `ready` means the controller answers. */
  async open(): Promise<void> {
    await this.connection.open();
    await this.isDoorClosed();
  }

  async pulse(): Promise<void> {
    await this.connection.open();
    const { slaveAddress: slave, openCoil: address, pulseMs } = this.settings;
    this.pulsing += 1;
    this.tracker.set('busy', 'PULSE');
    try {
      await this.guard(this.client.request({ fn: MODBUS_FUNCTION.WRITE_SINGLE_COIL, slave, address, on: true }));
      if (pulseMs > 0) {
        await sleep(pulseMs);
        await this.guard(this.client.request({ fn: MODBUS_FUNCTION.WRITE_SINGLE_COIL, slave, address, on: false }));
      }
    } finally {
      this.pulsing -= 1;
      if (this.pulsing === 0 && this.tracker.health.state === 'busy') this.tracker.set('ready');
    }
  }

  async isDoorClosed(): Promise<boolean> {
    await this.connection.open();
    const { slaveAddress: slave, doorClosedInput: address } = this.settings;
    const reply = await this.guard(this.client.request({ fn: MODBUS_FUNCTION.READ_DISCRETE_INPUTS, slave, address, count: 1 }));
    const closed = reply.fn === 0x02 ? reply.bits[0] === true : false;
    if (this.pulsing === 0) this.tracker.set('ready');
    if (closed !== this.lastDoorClosed) {
      this.lastDoorClosed = closed;
      this.door.fire(closed);
    }
    return closed;
  }

  async selfTest(): Promise<SelfTestResult> {
    const run = new SelfTestRun();
    await run.step('port open', () => this.connection.open().then(() => undefined));
    await run.step('read door', () => this.isDoorClosed(), (closed) => (closed ? 'door closed' : 'door open'));
    await run.step('pulse', () => this.pulse(), () => `coil ${this.settings.openCoil} pulsed ${this.settings.pulseMs || 'by the controller'}${this.settings.pulseMs ? ' ms' : ''}`);
    await run.step('read back', () => this.waitForDoorOpen(), (ms) => `door opened after ${ms} ms`);
    return run.result();
  }

  dispose(): void {
    this.connection.dispose();
    this.tracker.set('absent', 'DISPOSED');
    this.door.dispose();
    this.tracker.dispose();
  }

  private async waitForDoorOpen(): Promise<number> {
    const started = performance.now();
    const deadline = started + this.settings.selfTestOpenTimeoutMs;
    for (;;) {
      if (!(await this.isDoorClosed())) return Math.round(performance.now() - started);
      if (performance.now() > deadline) {
        throw new GateError('GATE_DID_NOT_OPEN', `door still reads closed ${this.settings.selfTestOpenTimeoutMs} ms after the pulse`, { step: 'gate.selfTest' });
      }
      await sleep(50);
    }
  }

  /** Health follows the outcome: a controller that answers wrongly is faulted; one that is silent too. */
  private async guard<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (err) {
      if (err instanceof KioskError && this.connection.link) {
        this.tracker.set('faulted', err.code === 'TIMEOUT' ? 'NOT_RESPONDING' : err.code, err.message);
      }
      throw err;
    }
  }
}
