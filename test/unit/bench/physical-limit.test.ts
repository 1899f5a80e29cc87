import { describe, expect, it } from 'vitest';
import { shortLeLimit } from '../../../native/card/reader/binary-reader.ts';
import { maxProtectedPayload, physicalLimit } from '../../bench/physical-limit.ts';

const MODEL = { perApduMs: 15, bitsPerSecond: 424_000 };

describe('maxProtectedPayload', () => {
  it('fits 223 bytes under AES and 231 under 3DES in a short protected response, as the reader assumes', () => {
    expect(maxProtectedPayload(256, 16)).toBe(223);
    expect(maxProtectedPayload(256, 8)).toBe(231);
    expect(maxProtectedPayload(256, 16)).toBe(shortLeLimit(16));
    expect(maxProtectedPayload(256, 8)).toBe(shortLeLimit(8));
  });

  it('leaves room for the four-byte DO87 header, DO99 and DO8E in an extended response', () => {
    // 65504 padded bytes: 4 (DO87 header) + 1 + 65504 + 4 + 10 = 65523 <= 65536; the next block does not fit.
    expect(maxProtectedPayload(65536, 16)).toBe(65503);
  });

  it('refuses a response too small for any protected data', () => {
    expect(() => maxProtectedPayload(16, 16)).toThrow(RangeError);
  });
});

describe('physicalLimit', () => {
  it('charges one APDU per file on an extended link and adds the protocol exchanges as given', () => {
    const limit = physicalLimit({ model: MODEL, extendedLength: true, smBlockSize: 16, protocolApdus: 8, protocolBytes: 600, fileSizes: [26, 21_349, 1_052] });
    expect(limit.apdus).toBe(8 + 3);
    expect(limit.bytes).toBe(600 + 26 + 21_349 + 1_052);
    expect(limit.ms).toBeCloseTo(11 * 15 + (limit.bytes * 8 * 1000) / 424_000, 9);
  });

  it('charges ceil(size / 223) APDUs per file on a short-only AES link', () => {
    const limit = physicalLimit({ model: MODEL, extendedLength: false, smBlockSize: 16, protocolApdus: 0, protocolBytes: 0, fileSizes: [223, 224, 21_349] });
    expect(limit.apdus).toBe(1 + 2 + Math.ceil(21_349 / 223));
    expect(limit.maxPayload).toBe(223);
  });

  it('costs only the per-APDU time when the bit rate is zero', () => {
    const limit = physicalLimit({ model: { perApduMs: 15, bitsPerSecond: 0 }, extendedLength: true, smBlockSize: 8, protocolApdus: 2, protocolBytes: 100, fileSizes: [500] });
    expect(limit.ms).toBe(3 * 15);
  });
});
