import { describe, expect, it } from 'vitest';
import { TextRasterizer } from '../../../../../../native/drivers/serial/escpos/text-rasterizer.ts';

const text = TextRasterizer.bundled();

/** The first row with a black dot. */
function topRow(b: ReturnType<TextRasterizer['render']>): number {
  for (let y = 0; y < b.height; y += 1) for (let x = 0; x < b.width; x += 1) if (b.get(x, y)) return y;
  return b.height;
}

describe('TextRasterizer', () => {
  describe('render', () => {
    it('draws Vietnamese stacked diacritics above the letter, inside the image', () => {
      const plain = text.render('E', 40, 'bold');
      const marked = text.render('Ệ', 40, 'bold');
      expect(marked.height).toBe(plain.height);
      expect(topRow(marked)).toBeLessThan(topRow(plain));
      expect(topRow(marked)).toBeGreaterThanOrEqual(0);
      expect(marked.countBlack()).toBeGreaterThan(plain.countBlack());
    });

    it('renders decomposed input like its precomposed form (NFC)', () => {
      expect(text.render('Nguye\u0302\u0303n', 28).data).toEqual(text.render('Nguyễn', 28).data);
    });

    it('fills a glyph solidly: a bold I is a black bar', () => {
      const i = text.render('I', 60, 'bold');
      const blackInMiddleRow = Array.from({ length: i.width }, (_, x) => i.get(x, Math.floor(i.height / 2))).filter(Boolean).length;
      expect(blackInMiddleRow).toBeGreaterThan(6);
    });
  });

  describe('wrap', () => {
    it('breaks between words to fit the width and keeps every word', () => {
      const line = 'Vui lòng chờ đến lượt được gọi tên trên màn hình';
      const lines = text.wrap(line, 28, 'regular', 300);
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(text.measure(l, 28, 'regular')).toBeLessThanOrEqual(300);
      expect(lines.join(' ')).toBe(line);
    });

    it('breaks a word longer than the line between characters', () => {
      const lines = text.wrap('X'.repeat(80), 28, 'regular', 200);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.join('')).toBe('X'.repeat(80));
    });
  });
});
