// The gate seam: a door or turnstile controller that the kiosk opens for a verified traveller and whose
// door-closed sensor it reads. Implementation: ModbusGate (native/drivers/serial/modbus) speaking Modbus
// RTU over RS-485, or the byte-level Modbus slave simulator (native/sim/serial/modbus-gate-sim.ts);
// test/contract/gate.contract.ts runs against both.

import type { Device } from './device.ts';
import { KioskError, type KioskErrorOptions } from './errors.ts';
import type { Event } from './event.ts';

export type GateErrorCode =
  /** The controller answered with a Modbus exception (`exceptionCode` says which). */
  | 'MODBUS_EXCEPTION'
  /** A reply whose CRC-16/MODBUS does not match. */
  | 'MODBUS_BAD_CRC'
  /** A reply of the wrong slave, function or value for the request it answers. */
  | 'MODBUS_BAD_RESPONSE'
  /** Bytes that are not a Modbus RTU frame (too short, too long, unknown function, wrong byte count). */
  | 'MODBUS_BAD_FRAME'
  /** After a pulse the door did not open (self-test read-back). */
  | 'GATE_DID_NOT_OPEN';

/** Modbus exception codes (Modbus Application Protocol V1.1b3 §7). */
export const MODBUS_EXCEPTIONS: Readonly<Record<number, string>> = Object.freeze({
  1: 'ILLEGAL FUNCTION',
  2: 'ILLEGAL DATA ADDRESS',
  3: 'ILLEGAL DATA VALUE',
  4: 'SERVER DEVICE FAILURE',
  5: 'ACKNOWLEDGE',
  6: 'SERVER DEVICE BUSY',
  8: 'MEMORY PARITY ERROR',
  10: 'GATEWAY PATH UNAVAILABLE',
  11: 'GATEWAY TARGET DEVICE FAILED TO RESPOND',
});

/** A gate failure; the traveller is sent to the manual booth (GATE_UNAVAILABLE). */
export class GateError extends KioskError {
  declare readonly code: GateErrorCode;
  readonly exceptionCode: number | undefined;

  constructor(code: GateErrorCode, message: string, options: KioskErrorOptions & { readonly exceptionCode?: number } = {}) {
    super(code, message, { userMessage: 'GATE_UNAVAILABLE', step: 'gate', ...options });
    this.exceptionCode = options.exceptionCode;
  }
}

/**
 * A gate controller.
 *
 * Obligations:
 * - `pulse()` opens the gate for one passage: the open output on, then off after the configured pulse
 *   (or left to the controller's own pulse). Resolves when the controller acknowledged; rejects with
 *   DeviceTimeoutError (no answer), GateError (bad CRC, exception, bad reply) or DeviceUnavailableError
 *   (port gone). `health` is `busy` during the pulse.
 * - `isDoorClosed()` reads the door-closed input.
 * - `onDidChangeDoor` fires when a read finds the door state changed (true = closed).
 * - `selfTest()` reads the door, pulses and reads back that the door opened.
 */
export interface Gate extends Device {
  readonly role: 'gate';
  readonly onDidChangeDoor: Event<boolean>;
  pulse(): Promise<void>;
  isDoorClosed(): Promise<boolean>;
}
