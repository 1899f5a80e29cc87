import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16Modbus, crcMatches, withCrc } from '../../../../../../native/drivers/serial/modbus/modbus-crc.ts';
import {
  encodeBitsResponse,
  encodeExceptionResponse,
  encodeRequest,
  encodeWriteCoilResponse,
  parseRequest,
  parseResponse,
  requestLength,
  responseLength,
  type ModbusRequest,
} from '../../../../../../native/drivers/serial/modbus/modbus-rtu-frame.ts';
import { GateError } from '../../../../../../native/hal/gate.ts';
import { fromHex, toHex } from '../../../../../../native/util/bytes.ts';

const request = fc.oneof(
  fc.record({ fn: fc.constant(0x05 as const), slave: fc.integer({ min: 1, max: 247 }), address: fc.integer({ min: 0, max: 0xffff }), on: fc.boolean() }),
  fc.record({ fn: fc.constantFrom(0x01 as const, 0x02 as const), slave: fc.integer({ min: 1, max: 247 }), address: fc.integer({ min: 0, max: 0xffff }), count: fc.integer({ min: 1, max: 2000 }) }),
) as fc.Arbitrary<ModbusRequest>;

describe('crc16Modbus', () => {
  it('matches the specification example (read 10 holding registers of slave 1: CRC C5 CD)', () => {
    expect(toHex(withCrc(fromHex('01030000000A')))).toBe('01030000000AC5CD');
    expect(crc16Modbus(fromHex('01030000000A'))).toBe(0xcdc5);
  });

  it('detects every single-bit error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), (data, bit) => {
        const frame = withCrc(data);
        frame[(bit >> 3) % frame.length]! ^= 1 << (bit & 7);
        expect(crcMatches(frame)).toBe(false);
      }),
    );
  });
});

describe('Modbus RTU frames', () => {
  it('encodes Write Single Coil ON as 0xFF00 with the CRC low byte first', () => {
    expect(toHex(encodeRequest({ fn: 0x05, slave: 1, address: 0x00ac, on: true }))).toBe('010500ACFF004C1B');
  });

  it('round-trips every request through the simulator-side parser', () => {
    fc.assert(
      fc.property(request, (r) => {
        const frame = encodeRequest(r);
        expect(requestLength(frame)).toBe(frame.length);
        expect(parseRequest(frame)).toEqual(r);
      }),
    );
  });

  it('parses the normal replies the simulator encodes', () => {
    fc.assert(
      fc.property(request, fc.array(fc.boolean(), { minLength: 2000, maxLength: 2000 }), (r, pool) => {
        const reply = r.fn === 0x05 ? encodeWriteCoilResponse(r.slave, r.address, r.on) : encodeBitsResponse(r.slave, r.fn, pool.slice(0, r.count));
        expect(responseLength(reply)).toBe(reply.length);
        const parsed = parseResponse(r, reply);
        if (r.fn === 0x05) expect(parsed).toEqual({ fn: 5, slave: r.slave, address: r.address, on: r.on });
        else expect(parsed).toEqual({ fn: r.fn, slave: r.slave, bits: pool.slice(0, r.count) });
      }),
    );
  });

  it('maps an exception reply to GateError MODBUS_EXCEPTION with the code and its name', () => {
    const r: ModbusRequest = { fn: 0x02, slave: 9, address: 0, count: 1 };
    expect(() => parseResponse(r, encodeExceptionResponse(9, 2, 2))).toThrow(expect.objectContaining({ code: 'MODBUS_EXCEPTION', exceptionCode: 2, message: expect.stringMatching(/ILLEGAL DATA ADDRESS/) }));
  });

  it('rejects a reply from another slave, with a bad CRC, or that does not echo the write', () => {
    const r: ModbusRequest = { fn: 0x05, slave: 1, address: 3, on: true };
    expect(() => parseResponse(r, encodeWriteCoilResponse(2, 3, true))).toThrow(expect.objectContaining({ code: 'MODBUS_BAD_RESPONSE' }));
    const bad = encodeWriteCoilResponse(1, 3, true);
    bad[7]! ^= 1;
    expect(() => parseResponse(r, bad)).toThrow(expect.objectContaining({ code: 'MODBUS_BAD_CRC' }));
    expect(() => parseResponse(r, encodeWriteCoilResponse(1, 3, false))).toThrow(expect.objectContaining({ code: 'MODBUS_BAD_RESPONSE' }));
  });

  it('throws only GateError on arbitrary bytes, in either direction', () => {
    fc.assert(
      fc.property(request, fc.uint8Array({ maxLength: 300 }), (r, bytes) => {
        for (const parse of [() => parseRequest(bytes), () => parseResponse(r, bytes), () => responseLength(bytes)]) {
          try {
            parse();
          } catch (err) {
            expect(err).toBeInstanceOf(GateError);
          }
        }
      }),
    );
  });
});
