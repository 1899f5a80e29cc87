// Synthetic fingerprint images for the simulator: a whorl of sinusoidal ridges (period 9 px, about
// 0.46 mm at 500 dpi) inside an elliptical contact area, warped by smooth low-frequency noise, with
// pixel noise. Nobody's finger: the pattern comes from formulas and a seed. Each condition imitates
// what a real sensor sees, so the quality checks have something to reject:
//
// - good: full contact, dark ridges on light valleys;
// - partial: a small contact area near an edge (light touch, fingertip off centre);
// - dry: faint, light, broken ridges;
// - wet: dark, smeared ridges with little spread;
// - smudged: criss-crossed ridges with no dominant direction (finger moved).

import { seededRandom } from '../../util/seeded-random.ts';

export type FingerCondition = 'good' | 'partial' | 'dry' | 'wet' | 'smudged';

export const FINGER_CONDITIONS: readonly FingerCondition[] = Object.freeze(['good', 'partial', 'dry', 'wet', 'smudged']);

export interface SyntheticFingerprintOptions {
  readonly width: number;
  readonly height: number;
  readonly condition: FingerCondition;
  /** Varies the pattern (core position, warp, noise); the same seed gives the same image. */
  readonly seed: number;
}

const BACKGROUND = 232;
const PERIOD = 9;

interface Look {
  readonly centre: readonly [number, number];
  readonly axes: readonly [number, number];
  readonly mid: number;
  readonly amplitude: number;
  readonly noise: number;
  readonly breaks: number;
}

function look(condition: FingerCondition, w: number, h: number, r: () => number): Look {
  const jitter = (n: number) => (r() - 0.5) * n;
  const full = { centre: [w / 2 + jitter(16), h / 2 + jitter(16)] as const, axes: [w * 0.46, h * 0.5] as const };
  switch (condition) {
    case 'good':
      return { ...full, mid: 120, amplitude: 100, noise: 14, breaks: 0 };
    case 'partial':
      return { centre: [w * 0.18, h * 0.15], axes: [w * 0.2, h * 0.2], mid: 120, amplitude: 100, noise: 14, breaks: 0 };
    case 'dry':
      return { ...full, mid: 196, amplitude: 26, noise: 10, breaks: 0.35 };
    case 'wet':
      return { ...full, mid: 62, amplitude: 18, noise: 8, breaks: 0 };
    case 'smudged':
      return { ...full, mid: 120, amplitude: 90, noise: 20, breaks: 0 };
  }
}

/** An 8-bit grayscale image, row-major. */
export function syntheticFingerprint(options: SyntheticFingerprintOptions): Uint8Array {
  const { width: w, height: h, condition } = options;
  const r = seededRandom(options.seed);
  const l = look(condition, w, h, r);
  const [cx, cy] = l.centre;
  const [ax, ay] = l.axes;
  const warpPhase = r() * 2 * Math.PI;
  const breakSeed = r() * 1000;
  const pixels = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const inside = (dx / ax) ** 2 + (dy / ay) ** 2;
      let v: number;
      if (inside > 1) {
        v = BACKGROUND + (r() - 0.5) * 8;
      } else {
        const ridge = condition === 'smudged' ? crossHatch(x, y) : whorl(dx, dy, x, y, warpPhase);
        let amplitude = l.amplitude;
        if (l.breaks > 0 && blotch(x, y, breakSeed) < l.breaks) amplitude *= 0.15;
        const edge = Math.min(1, (1 - inside) * 6); // contact fades at the rim
        v = BACKGROUND + (l.mid + amplitude * ridge - BACKGROUND) * edge + (r() - 0.5) * 2 * l.noise;
      }
      pixels[y * w + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return pixels;
}

/** Ridges as a loose spiral around the core, warped smoothly; +1 = valley (light), -1 = ridge (dark). */
function whorl(dx: number, dy: number, x: number, y: number, warpPhase: number): number {
  const radius = Math.hypot(dx, dy * 0.85);
  const angle = Math.atan2(dy, dx);
  const warp = 1.6 * Math.sin(x / 37 + warpPhase) * Math.cos(y / 29 - warpPhase);
  return Math.cos((2 * Math.PI * radius) / PERIOD + angle + warp);
}

/** Three ridge directions at once: no orientation dominates anywhere. */
function crossHatch(x: number, y: number): number {
  const k = (2 * Math.PI) / PERIOD;
  return (Math.cos(k * x) + Math.cos(k * y) + Math.cos((k * (x + y)) / Math.SQRT2)) / 3;
}

/** Smooth value in 0..1 that forms patches; where it is small the ridges break (dry skin). */
function blotch(x: number, y: number, seed: number): number {
  return 0.5 + 0.25 * Math.sin(x / 7.3 + seed) * Math.cos(y / 5.9 - seed) + 0.25 * Math.sin((x + y) / 11.1 + seed * 2);
}
