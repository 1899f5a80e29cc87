import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHidReport, encodeHidReports, withReportId } from '../../../../../native/drivers/hid/hid-report-framing.ts';
import { loadNodeHid } from '../../../../../native/drivers/hid/node-hid-loader.ts';
import { DeviceUnavailableError, KioskError } from '../../../../../native/hal/errors.ts';
import { concat, fromHex } from '../../../../../native/util/bytes.ts';

describe('encodeHidReports', () => {
  it('splits a 139-byte R30x data packet into three 64-byte reports of 63 + 63 + 13 bytes', () => {
    const packet = new Uint8Array(139).map((_, i) => i);
    const reports = encodeHidReports(packet);
    expect(reports.map((r) => [r.length, r[0]])).toEqual([
      [64, 63],
      [64, 63],
      [64, 13],
    ]);
    expect([...reports[2]!.subarray(14)].every((b) => b === 0)).toBe(true);
  });

  it('round-trips any byte stream through decodeHidReport', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (bytes) => {
        expect(concat(...encodeHidReports(bytes).map(decodeHidReport))).toEqual(bytes);
      }),
    );
  });

  it('prefixes report id 0 for node-hid writes', () => {
    const [report] = encodeHidReports(fromHex('EF01'));
    const written = withReportId(report!);
    expect([written.length, written[0], written[1], written[2]]).toEqual([65, 0, 2, 0xef]);
  });
});

describe('decodeHidReport', () => {
  it('accepts a report led by report id 0 and an idle report', () => {
    const [report] = encodeHidReports(fromHex('0102'));
    expect(decodeHidReport(concat(fromHex('00'), report!))).toEqual(fromHex('0102'));
    expect(decodeHidReport(new Uint8Array(64))).toEqual(new Uint8Array(0));
  });

  it('rejects a wrong size or an impossible count with HID_BAD_REPORT', () => {
    const overfull = new Uint8Array(64);
    overfull[0] = 64;
    for (const report of [new Uint8Array(8), overfull]) expect(() => decodeHidReport(report)).toThrow(expect.objectContaining({ code: 'HID_BAD_REPORT' }));
  });

  it('throws only KioskError on arbitrary reports', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          decodeHidReport(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(KioskError);
        }
      }),
    );
  });
});

describe('loadNodeHid', () => {
  it('names the missing module with HID_NOT_INSTALLED', () => {
    const error = (() => {
      try {
        loadNodeHid(() => {
          throw new Error("Cannot find module 'node-hid'");
        });
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(DeviceUnavailableError);
    expect(error).toMatchObject({ code: 'HID_NOT_INSTALLED', userMessageKey: 'FINGERPRINT_UNAVAILABLE' });
  });

  it('loads the installed node-hid lazily', () => {
    expect(typeof loadNodeHid().HIDAsync.open).toBe('function');
  });
});
