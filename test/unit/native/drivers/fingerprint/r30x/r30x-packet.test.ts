import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FingerprintProtocolError } from '../../../../../../native/hal/fingerprint-errors.ts';
import { decodeR30xPacket, encodeR30xPacket, R30X_MAX_PAYLOAD, R30xPacketId, type R30xPacketIdValue } from '../../../../../../native/drivers/fingerprint/r30x/r30x-packet.ts';
import { R30xPacketReader } from '../../../../../../native/drivers/fingerprint/r30x/r30x-packet-reader.ts';
import { concat, fromHex, toHex } from '../../../../../../native/util/bytes.ts';

const ids = Object.values(R30xPacketId) as R30xPacketIdValue[];
const packetArb = fc.record({
  address: fc.integer({ min: 0, max: 0xffffffff }),
  pid: fc.constantFrom(...ids),
  payload: fc.uint8Array({ maxLength: R30X_MAX_PAYLOAD }),
});

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(FingerprintProtocolError);
    return (err as FingerprintProtocolError).code;
  }
  throw new Error('expected a FingerprintProtocolError');
}

describe('encodeR30xPacket', () => {
  // R307 user manual §5.2.1, GenImg: EF01 FFFFFFFF 01 0003 01 0005.
  it('encodes GenImg as the manual lists it', () => {
    expect(toHex(encodeR30xPacket({ address: 0xffffffff, pid: R30xPacketId.COMMAND, payload: fromHex('01') }))).toBe('EF01FFFFFFFF010003010005');
  });

  // VfyPwd with password 0: EF01 FFFFFFFF 01 0007 13 00000000 001B.
  it('encodes VfyPwd with the checksum over packet id, length and payload', () => {
    expect(toHex(encodeR30xPacket({ address: 0xffffffff, pid: R30xPacketId.COMMAND, payload: fromHex('1300000000') }))).toBe('EF01FFFFFFFF0100071300000000001B');
  });

  it('refuses a payload longer than the largest data packet', () => {
    expect(codeOf(() => encodeR30xPacket({ address: 0, pid: R30xPacketId.DATA, payload: new Uint8Array(R30X_MAX_PAYLOAD + 1) }))).toBe('R30X_BAD_LENGTH');
  });
});

describe('decodeR30xPacket', () => {
  it('round-trips every packet id, address and payload length', () => {
    fc.assert(
      fc.property(packetArb, (packet) => {
        const decoded = decodeR30xPacket(encodeR30xPacket(packet));
        expect(decoded).toEqual(packet);
        expect(Object.isFrozen(decoded)).toBe(true);
      }),
    );
  });

  it('names a bad checksum, header, packet id, length and truncation with their own codes', () => {
    const good = encodeR30xPacket({ address: 0xffffffff, pid: R30xPacketId.ACK, payload: fromHex('00') });
    const flip = (i: number, mask = 0x01) => good.map((b, j) => (j === i ? b ^ mask : b));
    expect(codeOf(() => decodeR30xPacket(flip(good.length - 1)))).toBe('R30X_BAD_CHECKSUM');
    expect(codeOf(() => decodeR30xPacket(flip(0)))).toBe('R30X_BAD_HEADER');
    expect(codeOf(() => decodeR30xPacket(flip(6, 0x40)))).toBe('R30X_BAD_PACKET_ID');
    expect(codeOf(() => decodeR30xPacket(fromHex('EF01FFFFFFFF070001')))).toBe('R30X_BAD_LENGTH');
    expect(codeOf(() => decodeR30xPacket(fromHex('EF01FFFFFFFF07FFFF')))).toBe('R30X_BAD_LENGTH');
    expect(codeOf(() => decodeR30xPacket(good.subarray(0, good.length - 1)))).toBe('R30X_TRUNCATED');
    expect(codeOf(() => decodeR30xPacket(concat(good, fromHex('00'))))).toBe('R30X_BAD_LENGTH');
  });

  it('throws only FingerprintProtocolError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeR30xPacket(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(FingerprintProtocolError);
        }
      }),
    );
  });
});

describe('R30xPacketReader', () => {
  it('reassembles packets however the stream is split', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1 }), (packets, cuts) => {
        const stream = concat(...packets.map(encodeR30xPacket));
        const reader = new R30xPacketReader();
        const out = [];
        for (let offset = 0, i = 0; offset < stream.length; i++) {
          const n = cuts[i % cuts.length]!;
          out.push(...reader.push(stream.subarray(offset, offset + n)));
          offset += n;
        }
        expect(out).toEqual(packets.map((packet) => ({ kind: 'packet', packet })));
        expect(reader.pending).toBe(0);
      }),
    );
  });

  it('reports a corrupt packet and keeps in step for the next one', () => {
    const bad = encodeR30xPacket({ address: 1, pid: R30xPacketId.DATA, payload: fromHex('0102') });
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
    const next = encodeR30xPacket({ address: 1, pid: R30xPacketId.END_OF_DATA, payload: fromHex('03') });
    const results = new R30xPacketReader().push(concat(bad, next));
    expect(results.map((r) => (r.kind === 'error' ? r.error.code : r.packet.pid))).toEqual(['R30X_BAD_CHECKSUM', R30xPacketId.END_OF_DATA]);
  });

  it('skips garbage before a header, reporting it once', () => {
    const packet = encodeR30xPacket({ address: 7, pid: R30xPacketId.ACK, payload: fromHex('00') });
    const results = new R30xPacketReader().push(concat(fromHex('0000EF00FF'), packet));
    expect(results.map((r) => r.kind)).toEqual(['error', 'packet']);
    expect(results[0]!.kind === 'error' && results[0]!.error.code).toBe('R30X_BAD_HEADER');
  });

  it('never buffers more than one packet whatever it is fed', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 400 }), { maxLength: 8 }), (chunks) => {
        const reader = new R30xPacketReader();
        for (const chunk of chunks) {
          for (const r of reader.push(chunk)) if (r.kind === 'error') expect(r.error).toBeInstanceOf(FingerprintProtocolError);
          expect(reader.pending).toBeLessThanOrEqual(9 + R30X_MAX_PAYLOAD + 2);
        }
      }),
    );
  });
});
