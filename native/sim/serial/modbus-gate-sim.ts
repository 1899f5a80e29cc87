// A gate controller as a Modbus RTU slave at byte level: coils (0x01 read, 0x05 write) and discrete
// inputs (0x02). Input `doorClosedInput` reads the door: a rising edge on `openCoil` opens the door, and
// it closes again `closeDelayMs` later. Frames for other slave addresses are ignored (a shared RS-485
// bus); broadcasts (address 0) are executed without a reply. Faults: no answer, corrupt CRC, an
// exception code, each for the next n requests or until cleared.

import type { Disposable } from '../../hal/event.ts';
import type { SerialLink } from '../../drivers/serial/serial-link.ts';
import {
  MAX_RTU_FRAME,
  encodeBitsResponse,
  encodeExceptionResponse,
  encodeWriteCoilResponse,
  parseRequest,
  requestLength,
} from '../../drivers/serial/modbus/modbus-rtu-frame.ts';
import { KioskError } from '../../hal/errors.ts';
import { GateError } from '../../hal/gate.ts';
import type { SerialSimulator } from './sim-serial-port.ts';

export type GateFault = { readonly kind: 'no-answer' } | { readonly kind: 'bad-crc' } | { readonly kind: 'exception'; readonly code: number };

export interface ModbusGateSimOptions {
  readonly slaveAddress?: number;
  readonly openCoil?: number;
  readonly doorClosedInput?: number;
  /** How long the door stays open after the coil's rising edge. */
  readonly closeDelayMs?: number;
  /** Silence that ends a frame of a function whose length the simulator does not know. */
  readonly frameGapMs?: number;
}

export class ModbusGateSim implements SerialSimulator {
  readonly slaveAddress: number;
  readonly openCoil: number;
  readonly doorClosedInput: number;
  closeDelayMs: number;
  private readonly frameGapMs: number;
  private readonly coils = new Map<number, boolean>();
  private closed = true;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private fault: GateFault | undefined;
  private faultCount = Infinity;
  private link: SerialLink | undefined;
  private readonly rx = new Uint8Array(MAX_RTU_FRAME);
  private rxLength = 0;
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counters, for tests. */
  readonly counts = { requests: 0, replies: 0, pulses: 0, badFrames: 0, ignored: 0 };

  constructor(options: ModbusGateSimOptions = {}) {
    this.slaveAddress = options.slaveAddress ?? 1;
    this.openCoil = options.openCoil ?? 0;
    this.doorClosedInput = options.doorClosedInput ?? 0;
    this.closeDelayMs = options.closeDelayMs ?? 1000;
    this.frameGapMs = options.frameGapMs ?? 20;
  }

  get doorClosed(): boolean {
    return this.closed;
  }

  coil(address: number): boolean {
    return this.coils.get(address) ?? false;
  }

  /** Injects `fault` for the next `count` requests addressed to this slave (default: until cleared). */
  setFault(fault: GateFault | undefined, count = Infinity): void {
    this.fault = fault;
    this.faultCount = count;
  }

  /** Someone walks through / holds the door: sets the door sensor directly. */
  setDoorClosed(closed: boolean): void {
    clearTimeout(this.closeTimer);
    this.closed = closed;
  }

  attach(link: SerialLink): Disposable {
    this.link = link;
    this.rxLength = 0;
    const sub = link.onDidReceive((chunk) => this.receive(chunk));
    return {
      dispose: () => {
        sub.dispose();
        clearTimeout(this.gapTimer);
        if (this.link === link) this.link = undefined;
      },
    };
  }

  dispose(): void {
    clearTimeout(this.closeTimer);
    clearTimeout(this.gapTimer);
  }

  private receive(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (this.rxLength === MAX_RTU_FRAME) {
        // Longer than any RTU frame: line noise. Start over.
        this.counts.badFrames += 1;
        this.rxLength = 0;
      }
      this.rx[this.rxLength++] = byte;
      const length = requestLength(this.rx.subarray(0, this.rxLength));
      if (length !== undefined && this.rxLength >= length) {
        const frame = this.rx.slice(0, length);
        this.rxLength = 0;
        this.handle(frame);
      }
    }
    clearTimeout(this.gapTimer);
    if (this.rxLength > 0) {
      this.gapTimer = setTimeout(() => {
        const frame = this.rx.slice(0, this.rxLength);
        this.rxLength = 0;
        this.handle(frame);
      }, this.frameGapMs);
    }
  }

  private handle(frame: Uint8Array): void {
    let request;
    try {
      request = parseRequest(frame);
    } catch (err) {
      if (err instanceof GateError && err.code === 'MODBUS_EXCEPTION' && frame[0] === this.slaveAddress) {
        this.reply(encodeExceptionResponse(this.slaveAddress, frame[1]!, err.exceptionCode ?? 3));
        return;
      }
      if (!(err instanceof KioskError)) throw err;
      // §2.4.1: a slave discards a frame with a bad CRC and does not answer.
      this.counts.badFrames += 1;
      return;
    }
    if (request.slave !== this.slaveAddress && request.slave !== 0) {
      this.counts.ignored += 1;
      return;
    }
    this.counts.requests += 1;
    const broadcast = request.slave === 0;
    const fault = this.takeFault();
    if (fault?.kind === 'no-answer') return;
    if (fault?.kind === 'exception') {
      if (!broadcast) this.reply(encodeExceptionResponse(this.slaveAddress, request.fn, fault.code), false);
      return;
    }
    let response: Uint8Array;
    if ('other' in request) response = encodeExceptionResponse(this.slaveAddress, request.fn, 1);
    else if (request.fn === 0x05) {
      this.writeCoil(request.address, request.on);
      response = encodeWriteCoilResponse(this.slaveAddress, request.address, request.on);
    } else if (request.address + request.count > 0x10000) {
      response = encodeExceptionResponse(this.slaveAddress, request.fn, 2);
    } else {
      const bits = Array.from({ length: request.count }, (_, i) => (request.fn === 0x02 ? this.input(request.address + i) : this.coil(request.address + i)));
      response = encodeBitsResponse(this.slaveAddress, request.fn, bits);
    }
    if (!broadcast) this.reply(response, fault?.kind === 'bad-crc');
  }

  private takeFault(): GateFault | undefined {
    if (!this.fault || this.faultCount <= 0) return undefined;
    this.faultCount -= 1;
    const fault = this.fault;
    if (this.faultCount <= 0) this.fault = undefined;
    return fault;
  }

  private input(address: number): boolean {
    return address === this.doorClosedInput ? this.closed : false;
  }

  private writeCoil(address: number, on: boolean): void {
    this.coils.set(address, on);
    // Like controllers that time their own pulse, every "on" releases the door; the controller drops
    // the coil itself when the door closes again.
    if (address === this.openCoil && on) {
      this.counts.pulses += 1;
      this.closed = false;
      clearTimeout(this.closeTimer);
      this.closeTimer = setTimeout(() => {
        this.closed = true;
        this.coils.set(address, false);
      }, this.closeDelayMs);
    }
  }

  private reply(frame: Uint8Array, corrupt = false): void {
    const out = Uint8Array.from(frame);
    if (corrupt) out[out.length - 1]! ^= 0xff;
    this.counts.replies += 1;
    void this.link?.write(out).catch(() => undefined);
  }
}
