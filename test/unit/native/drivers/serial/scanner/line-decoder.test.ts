import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineDecoder } from '../../../../../../native/drivers/serial/scanner/line-decoder.ts';
import { ScanError } from '../../../../../../native/hal/document-scanner.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Text a scanner could send as one line that the decoder passes through unchanged (after trim and NFC). */
const plainLine = (s: string): boolean =>
  s.trim() !== '' && !/^[\]\uFEFF]/.test(s) && ![...s].some((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f));

describe('LineDecoder', () => {
  describe('push', () => {
    it('splits lines on CR, LF and CR LF, skipping empty lines', () => {
      const d = new LineDecoder();
      expect(d.push(utf8('one\r\ntwo\rthree\n\n\r\nfour'))).toEqual([
        { kind: 'line', text: 'one' },
        { kind: 'line', text: 'two' },
        { kind: 'line', text: 'three' },
      ]);
      expect(d.push(utf8('\r'))).toEqual([{ kind: 'line', text: 'four' }]);
    });

    it('gives the same lines whatever the chunk boundaries', () => {
      fc.assert(
        fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter(plainLine), { maxLength: 8 }), fc.array(fc.nat(60), { maxLength: 10 }), (lines, cuts) => {
          const bytes = utf8(lines.map((l) => `${l}\r\n`).join(''));
          const d = new LineDecoder();
          const out: string[] = [];
          let at = 0;
          for (const cut of [...cuts.map((c) => Math.min(bytes.length, at + c)), bytes.length]) {
            for (const item of d.push(bytes.subarray(at, Math.max(at, cut)))) if (item.kind === 'line') out.push(item.text);
            at = Math.max(at, cut);
          }
          expect(out).toEqual(lines.map((l) => l.trim().normalize('NFC')));
        }),
      );
    });

    it('removes an AIM symbology prefix and a byte-order mark', () => {
      expect(new LineDecoder().push(utf8(']Q1001099012345|x\n'))).toEqual([{ kind: 'line', text: '001099012345|x' }]);
      expect(new LineDecoder().push(utf8('\uFEFFabc\n'))).toEqual([{ kind: 'line', text: 'abc' }]);
    });

    it('reports one SCAN_LINE_TOO_LONG per over-long line and resumes after its terminator', () => {
      const d = new LineDecoder(64);
      const out = d.push(utf8(`${'A'.repeat(500)}\nok\n`));
      expect(out).toHaveLength(2);
      expect(out[0]!.kind === 'error' && out[0]!.error).toBeInstanceOf(ScanError);
      expect(out[0]!.kind === 'error' && out[0]!.error.code).toBe('SCAN_LINE_TOO_LONG');
      expect(out[1]).toEqual({ kind: 'line', text: 'ok' });
    });

    it('reports invalid UTF-8 and control characters as SCAN_NOT_TEXT', () => {
      const d = new LineDecoder();
      const [bad, control] = d.push(Uint8Array.of(0xff, 0xfe, 0x0a, 0x41, 0x07, 0x42, 0x0a));
      expect(bad!.kind === 'error' && bad!.error.code).toBe('SCAN_NOT_TEXT');
      expect(control!.kind === 'error' && control!.error.code).toBe('SCAN_NOT_TEXT');
    });

    it('never throws on arbitrary bytes and emits no line longer than its bound', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
          const d = new LineDecoder(100);
          for (const item of d.push(bytes)) {
            if (item.kind === 'line') expect(new TextEncoder().encode(item.text).length).toBeLessThanOrEqual(100);
            else expect(item.error).toBeInstanceOf(ScanError);
          }
        }),
      );
    });
  });
});
