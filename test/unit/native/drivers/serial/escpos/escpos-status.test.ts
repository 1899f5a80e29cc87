import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockingReason,
  encodeRealTimeStatus,
  encodeTransmitPaperStatus,
  parseRealTimeStatus,
  parseTransmitPaperStatus,
} from '../../../../../../native/drivers/serial/escpos/escpos-status.ts';
import { PrinterError } from '../../../../../../native/hal/printer.ts';

const status = fc.record({ online: fc.boolean(), paperOut: fc.boolean(), paperNearEnd: fc.boolean(), coverOpen: fc.boolean(), error: fc.boolean() });

describe('ESC/POS status', () => {
  describe('parseRealTimeStatus', () => {
    it('reads 0x12 on every query as a ready printer', () => {
      expect(parseRealTimeStatus({ printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paper: 0x12 })).toEqual({
        online: true,
        paperOut: false,
        paperNearEnd: false,
        coverOpen: false,
        error: false,
      });
    });

    it('reads the replies of a printer out of paper (offline, stopped by paper end, sensor end)', () => {
      const s = parseRealTimeStatus({ printer: 0x1a, offlineCause: 0x32, errorCause: 0x12, paper: 0x7e });
      expect(s).toMatchObject({ online: false, paperOut: true, paperNearEnd: true, coverOpen: false });
      expect(blockingReason(s)).toBe('PAPER_OUT');
    });

    it('reads cover open from DLE EOT 2 bit 2', () => {
      const s = parseRealTimeStatus({ printer: 0x1a, offlineCause: 0x16, errorCause: 0x12, paper: 0x12 });
      expect(s.coverOpen).toBe(true);
      expect(blockingReason(s)).toBe('COVER_OPEN');
    });

    it('round-trips what the simulator encodes for every combination that names a cause', () => {
      fc.assert(
        fc.property(status, (s) => {
          const parsed = parseRealTimeStatus(encodeRealTimeStatus(s));
          expect(parsed.paperOut).toBe(s.paperOut);
          expect(parsed.coverOpen).toBe(s.coverOpen);
          expect(parsed.error).toBe(s.error);
          expect(parsed.paperNearEnd).toBe(s.paperNearEnd || s.paperOut);
          expect(parsed.online).toBe(s.online && !s.paperOut && !s.coverOpen && !s.error);
        }),
      );
    });

    it('rejects a byte without the fixed bits as ESCPOS_BAD_STATUS', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 255 }).filter((b) => (b & 0x93) !== 0x12), (b) => {
          expect(() => parseRealTimeStatus({ printer: b, offlineCause: 0x12, errorCause: 0x12, paper: 0x12 })).toThrow(PrinterError);
        }),
      );
    });
  });

  describe('parseTransmitPaperStatus', () => {
    it('reads 0x00 as paper present and 0x0F as paper out', () => {
      expect(parseTransmitPaperStatus(0x00)).toEqual({ paperNearEnd: false, paperOut: false });
      expect(parseTransmitPaperStatus(0x0f)).toEqual({ paperNearEnd: true, paperOut: true });
      expect(parseTransmitPaperStatus(encodeTransmitPaperStatus({ paperNearEnd: true, paperOut: false }))).toEqual({ paperNearEnd: true, paperOut: false });
    });

    it('rejects a byte with bit 4 or bit 7 set', () => {
      expect(() => parseTransmitPaperStatus(0x12)).toThrow(expect.objectContaining({ code: 'ESCPOS_BAD_STATUS' }));
      expect(() => parseTransmitPaperStatus(0x80)).toThrow(PrinterError);
    });
  });
});
