import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatAll, feedAndCut, initialize, justify, qrCode, rasterImage, realTimeStatus, transmitPaperStatus } from '../../../../../native/drivers/serial/escpos/escpos-commands.ts';
import { MonoBitmap } from '../../../../../native/drivers/serial/escpos/mono-bitmap.ts';
import { EscPosStreamParser, type EscPosOp } from '../../../../../native/sim/serial/escpos-stream-parser.ts';
import { PrinterError } from '../../../../../native/hal/printer.ts';

function randomBitmap(width: number, height: number, seed: number): MonoBitmap {
  const b = new MonoBitmap(width, height);
  let x = seed | 1;
  for (let i = 0; i < b.data.length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b.data[i] = x & 0xff;
  }
  return b;
}

const JOB = concatAll([
  initialize(),
  justify('center'),
  rasterImage(randomBitmap(64, 40, 7), 16),
  qrCode(new TextEncoder().encode('Số thứ tự A042'), 5, 'Q'),
  realTimeStatus(2),
  Uint8Array.of(0x41, 0x42, 0x0a),
  feedAndCut(3),
  transmitPaperStatus(),
]);

function parseInChunks(bytes: Uint8Array, cuts: number[]): EscPosOp[] {
  const p = new EscPosStreamParser();
  const ops: EscPosOp[] = [];
  let at = 0;
  for (const c of [...cuts, bytes.length]) {
    const to = Math.min(bytes.length, Math.max(at, c));
    ops.push(...p.push(bytes.subarray(at, to)));
    at = to;
  }
  return ops;
}

/** Adjacent text operations joined, as the printer prints them. */
function mergeText(ops: EscPosOp[]): EscPosOp[] {
  const out: EscPosOp[] = [];
  for (const op of ops) {
    const last = out.at(-1);
    if (op.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', bytes: concatAll([last.bytes, op.bytes]) };
    else out.push(op);
  }
  return out;
}

describe('EscPosStreamParser', () => {
  it('reads the commands the kiosk sends, in order', () => {
    const ops = parseInChunks(JOB, []);
    expect(ops.map((o) => o.kind)).toEqual([
      'init',
      'justify',
      'raster',
      'raster',
      'raster',
      'qr-model',
      'qr-size',
      'qr-ecc',
      'qr-store',
      'qr-print',
      'real-time-status',
      'text',
      'lf',
      'cut',
      'transmit-status',
    ]);
    const qr = ops.find((o) => o.kind === 'qr-store');
    expect(qr?.kind === 'qr-store' && new TextDecoder().decode(qr.data)).toBe('Số thứ tự A042');
    expect(ops.find((o) => o.kind === 'qr-ecc')).toEqual({ kind: 'qr-ecc', level: 'Q' });
  });

  it('gives back the raster bits that were sent, in bands', () => {
    const image = randomBitmap(64, 40, 7);
    const rasters = parseInChunks(JOB, []).filter((o) => o.kind === 'raster');
    const rows = rasters.flatMap((o) => (o.kind === 'raster' ? [o.bitmap] : []));
    expect(rows.map((b) => b.height)).toEqual([16, 16, 8]);
    expect(concatAll(rows.map((b) => b.data))).toEqual(image.data);
  });

  it('gives the same operations whatever the chunk boundaries (a text run may arrive in pieces)', () => {
    const whole = parseInChunks(JOB, []);
    fc.assert(
      fc.property(fc.array(fc.nat(JOB.length), { maxLength: 20 }), (cuts) => {
        expect(mergeText(parseInChunks(JOB, cuts.sort((a, b) => a - b)))).toEqual(whole);
      }),
    );
  });

  it('reports an oversized raster header as an error and skips its declared data', () => {
    const huge = Uint8Array.of(0x1d, 0x76, 0x30, 0, 0xff, 0x00, 0xff, 0xff);
    const ops = new EscPosStreamParser().push(concatAll([huge, Uint8Array.of(0x1b, 0x40)]));
    expect(ops).toHaveLength(1);
    expect(ops[0]!.kind === 'error' && ops[0]!.error.message).toMatch(/exceeds/);
  });

  it('never throws on arbitrary bytes and only reports PrinterErrors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        for (const op of new EscPosStreamParser().push(bytes)) if (op.kind === 'error') expect(op.error).toBeInstanceOf(PrinterError);
      }),
    );
  });
});
