// Modbus RTU frames for the functions a gate controller needs (Modbus Application Protocol V1.1b3 §6):
// 0x01 Read Coils, 0x02 Read Discrete Inputs, 0x05 Write Single Coil; exception replies (§7). An RTU
// frame is slave address, PDU, CRC-16/MODBUS low byte first (Modbus over Serial Line V1.02 §2.5.1),
// at most 256 bytes. Requests are encoded by the driver and parsed by the simulator; responses the other
// way round.

import { GateError, MODBUS_EXCEPTIONS } from '../../../hal/gate.ts';
import { crcMatches, withCrc } from './modbus-crc.ts';

export const MODBUS_FUNCTION = Object.freeze({ READ_COILS: 0x01, READ_DISCRETE_INPUTS: 0x02, WRITE_SINGLE_COIL: 0x05 });

/** Modbus over Serial Line §2.5.1: an RTU frame is at most 256 bytes. */
export const MAX_RTU_FRAME = 256;
/** §6.1/6.2: at most 2000 bits per read. */
export const MAX_READ_BITS = 2000;

export type ModbusRequest =
  | { readonly fn: 0x05; readonly slave: number; readonly address: number; readonly on: boolean }
  | { readonly fn: 0x01 | 0x02; readonly slave: number; readonly address: number; readonly count: number };

/** A request the simulator does not implement: it answers ILLEGAL FUNCTION. */
export interface OtherRequest {
  readonly fn: number;
  readonly slave: number;
  readonly other: true;
}

export type ModbusResponse =
  | { readonly fn: 0x05; readonly slave: number; readonly address: number; readonly on: boolean }
  | { readonly fn: 0x01 | 0x02; readonly slave: number; readonly bits: readonly boolean[] };

const badFrame = (message: string) => new GateError('MODBUS_BAD_FRAME', message, { step: 'modbus.frame' });
const badResponse = (message: string) => new GateError('MODBUS_BAD_RESPONSE', message, { step: 'modbus.response' });

function checkUint16(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw badFrame(`${what} must be 0..65535`);
}

function checkSlave(slave: number): void {
  if (!Number.isInteger(slave) || slave < 0 || slave > 247) throw badFrame('slave address must be 0..247');
}

export function encodeRequest(request: ModbusRequest): Uint8Array {
  checkSlave(request.slave);
  checkUint16(request.address, 'address');
  const value = request.fn === 0x05 ? (request.on ? 0xff00 : 0x0000) : request.count;
  if (request.fn !== 0x05 && (request.count < 1 || request.count > MAX_READ_BITS || !Number.isInteger(request.count))) {
    throw badFrame(`bit count must be 1..${MAX_READ_BITS}`);
  }
  return withCrc(Uint8Array.of(request.slave, request.fn, request.address >>> 8, request.address & 0xff, value >>> 8, value & 0xff));
}

/**
 * Bytes a request starting with `head` occupies, or undefined when the function's length is not known
 * here (the simulator then frames by silence). Needs at least 2 bytes (7 for functions 15/16).
 */
export function requestLength(head: Uint8Array): number | undefined {
  const fn = head[1];
  if (fn === undefined) return undefined;
  if (fn >= 1 && fn <= 6) return 8;
  if ((fn === 15 || fn === 16) && head.length >= 7) return 9 + head[6]!;
  return undefined;
}

/**
 * Parses a request frame (the simulator's side).
 *
 * @throws GateError MODBUS_BAD_FRAME (length, bounds) or MODBUS_BAD_CRC.
 */
export function parseRequest(frame: Uint8Array): ModbusRequest | OtherRequest {
  if (frame.length < 4 || frame.length > MAX_RTU_FRAME) throw badFrame(`request of ${frame.length} bytes (4..${MAX_RTU_FRAME})`);
  if (!crcMatches(frame)) throw new GateError('MODBUS_BAD_CRC', 'request CRC does not match', { step: 'modbus.frame' });
  const slave = frame[0]!;
  const fn = frame[1]!;
  if (fn !== 0x01 && fn !== 0x02 && fn !== 0x05) return Object.freeze({ fn, slave, other: true as const });
  if (frame.length !== 8) throw badFrame(`function ${fn} request of ${frame.length} bytes (8)`);
  const address = (frame[2]! << 8) | frame[3]!;
  const value = (frame[4]! << 8) | frame[5]!;
  if (fn === 0x05) {
    // §6.5: 0xFF00 is ON, 0x0000 OFF; any other value is ILLEGAL DATA VALUE (reported by the caller).
    if (value !== 0xff00 && value !== 0x0000) throw new GateError('MODBUS_EXCEPTION', 'coil value must be 0xFF00 or 0x0000', { exceptionCode: 3, step: 'modbus.frame' });
    return Object.freeze({ fn, slave, address, on: value === 0xff00 });
  }
  if (value < 1 || value > MAX_READ_BITS) throw new GateError('MODBUS_EXCEPTION', `bit count ${value} outside 1..${MAX_READ_BITS}`, { exceptionCode: 3, step: 'modbus.frame' });
  return Object.freeze({ fn, slave, address, count: value });
}

/**
 * Bytes a response starting with `head` occupies, or undefined until 3 bytes are there.
 *
 * @throws GateError MODBUS_BAD_FRAME for a function this client never asks for.
 */
export function responseLength(head: Uint8Array): number | undefined {
  if (head.length < 2) return undefined;
  const fn = head[1]!;
  if (fn & 0x80) return 5;
  if (fn === 0x05) return 8;
  if (fn === 0x01 || fn === 0x02) return head.length < 3 ? undefined : 5 + head[2]!;
  throw badFrame(`reply with function code ${fn}`);
}

/**
 * Parses the reply to `request` (the driver's side): CRC, slave, function, exception, echo, byte count.
 *
 * @throws GateError MODBUS_BAD_CRC, MODBUS_EXCEPTION (with `exceptionCode`), MODBUS_BAD_RESPONSE or
 *   MODBUS_BAD_FRAME.
 */
export function parseResponse(request: ModbusRequest, frame: Uint8Array): ModbusResponse {
  if (frame.length < 5 || frame.length > MAX_RTU_FRAME) throw badFrame(`reply of ${frame.length} bytes (5..${MAX_RTU_FRAME})`);
  if (!crcMatches(frame)) throw new GateError('MODBUS_BAD_CRC', 'reply CRC does not match', { step: 'modbus.response' });
  const slave = frame[0]!;
  const fn = frame[1]!;
  if (slave !== request.slave) throw badResponse(`reply from slave ${slave}, expected ${request.slave}`);
  if (fn === (request.fn | 0x80)) {
    if (frame.length !== 5) throw badFrame(`exception reply of ${frame.length} bytes (5)`);
    const code = frame[2]!;
    throw new GateError('MODBUS_EXCEPTION', `slave ${slave} answered function ${request.fn} with exception ${code} (${MODBUS_EXCEPTIONS[code] ?? 'unknown'})`, {
      exceptionCode: code,
      step: 'modbus.response',
    });
  }
  if (fn !== request.fn) throw badResponse(`reply to function ${fn}, expected ${request.fn}`);
  if (request.fn === 0x05) {
    if (frame.length !== 8) throw badFrame(`write-coil reply of ${frame.length} bytes (8)`);
    const address = (frame[2]! << 8) | frame[3]!;
    const value = (frame[4]! << 8) | frame[5]!;
    // §6.5: the normal response is an echo of the request.
    if (address !== request.address || value !== (request.on ? 0xff00 : 0)) throw badResponse('write-coil reply does not echo the request');
    return Object.freeze({ fn: 0x05, slave, address, on: request.on });
  }
  const byteCount = frame[2]!;
  if (frame.length !== 5 + byteCount) throw badFrame(`read reply of ${frame.length} bytes with byte count ${byteCount}`);
  if (byteCount !== Math.ceil(request.count / 8)) throw badResponse(`read reply with ${byteCount} data bytes for ${request.count} bits`);
  const bits: boolean[] = [];
  for (let i = 0; i < request.count; i += 1) bits.push(((frame[3 + (i >> 3)]! >> (i & 7)) & 1) === 1);
  return Object.freeze({ fn: request.fn, slave, bits: Object.freeze(bits) });
}

/** The normal reply to a read (simulator): bits packed LSB first (§6.1). */
export function encodeBitsResponse(slave: number, fn: 0x01 | 0x02, bits: readonly boolean[]): Uint8Array {
  const data = new Uint8Array(Math.ceil(bits.length / 8));
  bits.forEach((bit, i) => {
    if (bit) data[i >> 3]! |= 1 << (i & 7);
  });
  const pdu = new Uint8Array(3 + data.length);
  pdu.set([slave, fn, data.length]);
  pdu.set(data, 3);
  return withCrc(pdu);
}

export function encodeWriteCoilResponse(slave: number, address: number, on: boolean): Uint8Array {
  return withCrc(Uint8Array.of(slave, 0x05, address >>> 8, address & 0xff, on ? 0xff : 0, 0));
}

export function encodeExceptionResponse(slave: number, fn: number, exceptionCode: number): Uint8Array {
  return withCrc(Uint8Array.of(slave, (fn | 0x80) & 0xff, exceptionCode & 0xff));
}
