// Text to a 1-bit image, for printers whose code pages lack Vietnamese. opentype.js parses the font and
// lays out the glyph outlines (with kerning); this file fills the outlines: a scanline fill with the
// non-zero winding rule, 4 sub-scanlines per dot and exact horizontal coverage, thresholded at half
// coverage. Text is normalised to NFC first so Vietnamese letters use the font's precomposed glyphs
// (U+1EA0..U+1EF9), whose stacked diacritics are designed to sit clear of each other.
// The font is DejaVu Sans (dejavu-fonts-ttf), which covers all of Vietnamese; it ships with the kiosk.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import { PrinterError } from '../../../hal/printer.ts';
import { MAX_BITMAP_DOTS, MonoBitmap } from './mono-bitmap.ts';

export type FontWeight = 'regular' | 'bold';

const FONT_FILES: Readonly<Record<FontWeight, string>> = Object.freeze({
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
});

const SUB_ROWS = 4;

interface Edge {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly dir: 1 | -1;
}

let shared: TextRasterizer | undefined;

export class TextRasterizer {
  constructor(private readonly fonts: Readonly<Record<FontWeight, opentype.Font>>) {}

  /**
   * The rasterizer with the bundled fonts (parsed once per process).
   *
   * @throws PrinterError PRINTER_FONT_MISSING when the font package is not installed or unreadable.
   */
  static bundled(): TextRasterizer {
    if (shared) return shared;
    const require = createRequire(import.meta.url);
    const load = (weight: FontWeight): opentype.Font => {
      try {
        const file = readFileSync(require.resolve(FONT_FILES[weight]));
        return opentype.parse(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
      } catch (cause) {
        throw new PrinterError('PRINTER_FONT_MISSING', `cannot load the ticket font ${FONT_FILES[weight]} (npm package dejavu-fonts-ttf)`, {
          cause,
          step: 'printer.font',
        });
      }
    };
    shared = new TextRasterizer({ regular: load('regular'), bold: load('bold') });
    return shared;
  }

  /** Advance width in dots of `text` at `sizePx` (the em size in dots). */
  measure(text: string, sizePx: number, weight: FontWeight = 'regular'): number {
    return this.fonts[weight].getAdvanceWidth(text.normalize('NFC'), sizePx, { kerning: true });
  }

  /** Greedy word wrap to `maxWidth` dots; a word longer than a line is broken between characters. */
  wrap(text: string, sizePx: number, weight: FontWeight, maxWidth: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.normalize('NFC').split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/).filter((w) => w.length > 0)) {
        const candidate = line === '' ? word : `${line} ${word}`;
        if (this.measure(candidate, sizePx, weight) <= maxWidth) {
          line = candidate;
          continue;
        }
        if (line !== '') lines.push(line);
        let rest = word;
        while (this.measure(rest, sizePx, weight) > maxWidth && rest.length > 1) {
          let cut = rest.length - 1;
          while (cut > 1 && this.measure(rest.slice(0, cut), sizePx, weight) > maxWidth) cut -= 1;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
      lines.push(line);
    }
    return lines;
  }

  /**
   * One line of text as a bitmap: as wide as its advance, as tall as the font's line box (ascender to
   * descender) or the glyphs' own extent when stacked diacritics reach above it.
   */
  render(text: string, sizePx: number, weight: FontWeight = 'regular'): MonoBitmap {
    const font = this.fonts[weight];
    const normalized = text.normalize('NFC');
    const scale = sizePx / font.unitsPerEm;
    const ascent = Math.ceil(font.ascender * scale);
    const descent = Math.ceil(-font.descender * scale);
    const path = font.getPath(normalized, 0, 0, sizePx, { kerning: true });
    const box = path.getBoundingBox();
    const top = Math.max(ascent, Math.ceil(-box.y1));
    const bottom = Math.max(descent, Math.ceil(box.y2));
    const width = Math.ceil(Math.max(font.getAdvanceWidth(normalized, sizePx, { kerning: true }), box.x2));
    if (width > MAX_BITMAP_DOTS || top + bottom > MAX_BITMAP_DOTS) {
      throw new PrinterError('INVALID_TICKET', `text line of ${width} x ${top + bottom} dots is too large`, { step: 'printer.render' });
    }
    const bitmap = new MonoBitmap(Math.max(1, width), top + bottom);
    fill(bitmap, flatten(path.commands, 0, top));
    return bitmap;
  }
}

/** Outline commands to straight edges, shifted by (dx, dy); curves are subdivided by their size. */
function flatten(commands: readonly opentype.PathCommand[], dx: number, dy: number): Edge[] {
  const edges: Edge[] = [];
  let sx = 0;
  let sy = 0;
  let cx = 0;
  let cy = 0;
  const line = (x: number, y: number) => {
    if (y !== cy) edges.push({ x0: cx + dx, y0: cy + dy, x1: x + dx, y1: y + dy, dir: y > cy ? 1 : -1 });
    cx = x;
    cy = y;
  };
  for (const c of commands) {
    if (c.type === 'M') {
      if (cx !== sx || cy !== sy) line(sx, sy);
      sx = cx = c.x;
      sy = cy = c.y;
    } else if (c.type === 'L') line(c.x, c.y);
    else if (c.type === 'Q') {
      const x0 = cx;
      const y0 = cy;
      const n = segments(Math.hypot(c.x1 - x0, c.y1 - y0) + Math.hypot(c.x - c.x1, c.y - c.y1));
      for (let i = 1; i <= n; i += 1) {
        const t = i / n;
        const u = 1 - t;
        line(u * u * x0 + 2 * u * t * c.x1 + t * t * c.x, u * u * y0 + 2 * u * t * c.y1 + t * t * c.y);
      }
    } else if (c.type === 'C') {
      const x0 = cx;
      const y0 = cy;
      const n = segments(Math.hypot(c.x1 - x0, c.y1 - y0) + Math.hypot(c.x2 - c.x1, c.y2 - c.y1) + Math.hypot(c.x - c.x2, c.y - c.y2));
      for (let i = 1; i <= n; i += 1) {
        const t = i / n;
        const u = 1 - t;
        line(
          u * u * u * x0 + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t * t * t * c.x,
          u * u * u * y0 + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t * t * t * c.y,
        );
      }
    } else if (c.type === 'Z') line(sx, sy);
  }
  if (cx !== sx || cy !== sy) line(sx, sy);
  return edges;
}

const segments = (length: number): number => Math.min(32, Math.max(2, Math.ceil(length / 1.5)));

/** Non-zero winding scanline fill with area coverage; a dot is black when at least half covered. */
function fill(bitmap: MonoBitmap, edges: readonly Edge[]): void {
  const { width, height } = bitmap;
  const coverage = new Float32Array(width);
  const crossings: { x: number; dir: number }[] = [];
  // Edges by the dot rows they span, so each sub-scanline looks only at the edges that can cross it.
  const rows: Edge[][] = Array.from({ length: height }, () => []);
  for (const e of edges) {
    const lo = Math.max(0, Math.floor(Math.min(e.y0, e.y1)));
    const hi = Math.min(height - 1, Math.floor(Math.max(e.y0, e.y1)));
    for (let y = lo; y <= hi; y += 1) rows[y]!.push(e);
  }
  for (let y = 0; y < height; y += 1) {
    coverage.fill(0);
    for (let s = 0; s < SUB_ROWS; s += 1) {
      const sy = y + (s + 0.5) / SUB_ROWS;
      crossings.length = 0;
      for (const e of rows[y]!) {
        const lo = e.dir === 1 ? e.y0 : e.y1;
        const hi = e.dir === 1 ? e.y1 : e.y0;
        if (sy < lo || sy >= hi) continue;
        crossings.push({ x: e.x0 + ((sy - e.y0) * (e.x1 - e.x0)) / (e.y1 - e.y0), dir: e.dir });
      }
      crossings.sort((a, b) => a.x - b.x);
      let winding = 0;
      for (let i = 0; i < crossings.length - 1; i += 1) {
        winding += crossings[i]!.dir;
        if (winding !== 0) addSpan(coverage, crossings[i]!.x, crossings[i + 1]!.x, 1 / SUB_ROWS);
      }
    }
    for (let x = 0; x < width; x += 1) if (coverage[x]! >= 0.5) bitmap.set(x, y);
  }
}

function addSpan(coverage: Float32Array, from: number, to: number, weight: number): void {
  const a = Math.max(0, from);
  const b = Math.min(coverage.length, to);
  if (b <= a) return;
  const first = Math.floor(a);
  const last = Math.floor(b);
  if (first === last) {
    coverage[first]! += (b - a) * weight;
    return;
  }
  coverage[first]! += (first + 1 - a) * weight;
  for (let x = first + 1; x < last; x += 1) coverage[x]! += weight;
  if (last < coverage.length) coverage[last]! += (b - last) * weight;
}
