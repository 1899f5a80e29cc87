// The host's quality score of a fingerprint image, computed on 16 x 16 pixel blocks (about 0.8 mm at
// 500 dpi, two ridge periods):
//
// - foreground: a block holds finger contact when its gray levels vary (standard deviation >=
//   `minBlockDeviation`: ridges against valleys) or it is dark (mean <= `darkBlockMean`: a wet, smeared
//   contact). Bright, flat blocks are the empty sensor.
// - coverage: foreground blocks / all blocks. Low coverage = a light touch or a fingertip off centre.
// - contrast: median over foreground blocks of (90th - 10th percentile gray) / 255, the ridge/valley
//   spread. Low contrast means ridges barely show: light (dry skin) or dark (wet skin), told apart by
// - brightness: mean gray of the foreground / 255.
// - coherence: mean over foreground blocks of the orientation coherence of the gradient structure
//   tensor, sqrt((Gxx - Gyy)^2 + 4 Gxy^2) / (Gxx + Gyy) with Sobel gradients: 1 for parallel ridges,
//   near 0 for smudges or a moved finger.
// - score = 100 x (0.40 min(1, coverage / 0.8) + 0.35 min(1, contrast / 0.6) + 0.25 coherence), rounded.
//
// Rejections, checked in this order, each with what the person can do: coverage < minCoverage -> PARTIAL
// (press harder, cover the middle); contrast < minContrast -> TOO_DRY when brightness >= 0.5, else
// TOO_WET; coherence < minCoherence -> TOO_MESSY (place again and hold still).

import type { FingerprintImage, FingerprintQuality, FingerprintRejectReason } from '../../hal/fingerprint-scanner.ts';

export interface QualityThresholds {
  readonly blockSize: number;
  readonly minBlockDeviation: number;
  readonly darkBlockMean: number;
  readonly minCoverage: number;
  readonly minContrast: number;
  readonly minCoherence: number;
}

export const DEFAULT_QUALITY_THRESHOLDS: QualityThresholds = Object.freeze({
  blockSize: 16,
  minBlockDeviation: 12,
  darkBlockMean: 110,
  minCoverage: 0.4,
  minContrast: 0.3,
  minCoherence: 0.4,
});

interface BlockMeasure {
  readonly mean: number;
  readonly deviation: number;
  readonly spread: number;
  readonly coherence: number;
}

export function assessFingerprintQuality(image: FingerprintImage, thresholds: QualityThresholds = DEFAULT_QUALITY_THRESHOLDS): FingerprintQuality {
  const blocks = measureBlocks(image, thresholds.blockSize);
  const foreground = blocks.filter((b) => b.deviation >= thresholds.minBlockDeviation || b.mean <= thresholds.darkBlockMean);
  const coverage = blocks.length === 0 ? 0 : foreground.length / blocks.length;
  const contrast = median(foreground.map((b) => b.spread)) / 255;
  const coherence = mean(foreground.map((b) => b.coherence));
  const brightness = mean(foreground.map((b) => b.mean)) / 255;
  const score = Math.round(100 * (0.4 * Math.min(1, coverage / 0.8) + 0.35 * Math.min(1, contrast / 0.6) + 0.25 * coherence));
  let rejectReason: FingerprintRejectReason | undefined;
  if (coverage < thresholds.minCoverage) rejectReason = 'PARTIAL';
  else if (contrast < thresholds.minContrast) rejectReason = brightness >= 0.5 ? 'TOO_DRY' : 'TOO_WET';
  else if (coherence < thresholds.minCoherence) rejectReason = 'TOO_MESSY';
  return Object.freeze({ score, coverage: round3(coverage), contrast: round3(contrast), coherence: round3(coherence), brightness: round3(brightness), rejectReason });
}

function measureBlocks(image: FingerprintImage, size: number): BlockMeasure[] {
  const { width, height, pixels } = image;
  const out: BlockMeasure[] = [];
  const histogram = new Uint32Array(256);
  for (let by = 0; by + size <= height; by += size) {
    for (let bx = 0; bx + size <= width; bx += size) {
      histogram.fill(0);
      let sum = 0;
      let sumSq = 0;
      let gxx = 0;
      let gyy = 0;
      let gxy = 0;
      for (let y = by; y < by + size; y++) {
        for (let x = bx; x < bx + size; x++) {
          const v = pixels[y * width + x]!;
          histogram[v] = histogram[v]! + 1;
          sum += v;
          sumSq += v * v;
          if (x === 0 || y === 0 || x === width - 1 || y === height - 1) continue;
          const [gx, gy] = sobel(pixels, width, x, y);
          gxx += gx * gx;
          gyy += gy * gy;
          gxy += gx * gy;
        }
      }
      const n = size * size;
      const m = sum / n;
      const energy = gxx + gyy;
      out.push({
        mean: m,
        deviation: Math.sqrt(Math.max(0, sumSq / n - m * m)),
        spread: percentile(histogram, n, 0.9) - percentile(histogram, n, 0.1),
        coherence: energy === 0 ? 0 : Math.sqrt((gxx - gyy) ** 2 + 4 * gxy * gxy) / energy,
      });
    }
  }
  return out;
}

function sobel(p: Uint8Array, w: number, x: number, y: number): [number, number] {
  const i = y * w + x;
  const a = p[i - w - 1]!, b = p[i - w]!, c = p[i - w + 1]!;
  const d = p[i - 1]!, f = p[i + 1]!;
  const g = p[i + w - 1]!, h = p[i + w]!, k = p[i + w + 1]!;
  return [c + 2 * f + k - a - 2 * d - g, g + 2 * h + k - a - 2 * b - c];
}

function percentile(histogram: Uint32Array, n: number, q: number): number {
  const target = q * n;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= target) return v;
  }
  return 255;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
